import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { DeferredValue, EndpointBinding, ServiceBinding } from './backend';
import { Connection, ConnectionSpec } from './connection';
import { BindOptions, IConnection } from './connection-api';
import { defaultEnvironment } from './environment';
import { answerOf, BIND_FEATURES, COMMON_FEATURES, Feature, FeatureTable, WorkloadKind } from './features';
import { ServiceKind } from './kind';
import { IKindBackend, KindModule, kindModuleOf, ServiceSpec } from './kind-module';
import { Profile } from './profile';
import { annotateProfiles } from './profile-annotation';
import { Support } from './support';
import { checkBindOptions } from '../private/bind-options';
import { closest, didYouMean } from '../private/closest';
import { ERROR_CODES, invalid } from '../private/errors';
import { checkDnsLabel, dnsLabelOf } from '../private/names';
import { rootOf } from '../private/root';
import { BindingTarget } from '../private/secret-binding';
import { abandoned, attempt, checkSession } from '../private/synth-errors';
import { checkLabels, checkOptionsObject } from '../private/validate';
import { BoundWorkload } from '../private/workload';

/** Maximum length of a service name (leaves room for the suffixes of the objects). */
export const MAX_NAME_LENGTH = 40;

/**
 * The services of each app, by namespace and name: every service names its objects after its name (the connection
 * Secret `<name>-connection`, the StatefulSet, the cloud object…), so two services of one name in one namespace
 * would produce the same objects, whatever their kinds.
 */
const SERVICES_BY_NAME = new WeakMap<IConstruct, Map<string, string>>();

/** The names operators create for the services of each app (`reservedNames`), by namespace and name: the service. */
const RESERVED_BY_NAME = new WeakMap<IConstruct, Map<string, { path: string; backend: string }>>();

function namesOf<T>(map: WeakMap<IConstruct, Map<string, T>>, service: Construct): Map<string, T> {
  const root = rootOf(service);
  const names = map.get(root) ?? new Map<string, T>();
  map.set(root, names);
  return names;
}

function namespaceText(namespace: string | undefined): string {
  return namespace === undefined ? 'charts without a namespace' : `namespace "${namespace}"`;
}

/** Fails naming both construct paths: `service` is named `name`, an object `owner`'s operator creates. */
function reservedClash(service: Construct, name: string, owner: { path: string; backend: string }, namespace: string | undefined): never {
  invalid(service, {
    prop: 'name',
    value: name,
    allowed: `a name no operator creates for another service in ${namespaceText(namespace)}: the ${owner.backend} backend of ${owner.path} `
      + `creates objects named ${name} (e.g. a Service or Secret), which ${service.node.path}'s objects would collide with`,
    fix: `give ${service.node.path} or ${owner.path} another name (the name prop), or put them in charts of different namespaces`,
    code: ERROR_CODES.CONFLICT,
  });
}

/** Records the names `service`'s operator creates; fails naming both construct paths when a service has one. */
function claimReservedNames(service: Construct, serviceName: string, backend: string, names: readonly string[]): void {
  const namespace = Chart.of(service).namespace;
  const services = namesOf(SERVICES_BY_NAME, service);
  const reserved = namesOf(RESERVED_BY_NAME, service);
  const self = { path: service.node.path, backend };
  for (const name of names) {
    const key = `${namespace ?? ''}\u0000${name}`;
    const named = services.get(key);
    if (named !== undefined && named !== service.node.path) {
      invalid(service, {
        prop: 'name',
        value: serviceName,
        allowed: `a name whose operator objects no other service of ${namespaceText(namespace)} is named after: the ${backend} backend creates `
          + `objects named ${name}, and ${named} is named ${name} (its objects would collide with them)`,
        fix: `give ${service.node.path} or ${named} another name (the name prop), or put them in charts of different namespaces`,
        code: ERROR_CODES.CONFLICT,
      });
    }
    const owner = reserved.get(key);
    if (owner !== undefined && owner.path !== service.node.path) reservedClash(service, name, owner, namespace);
    reserved.set(key, self);
  }
}

/** Records a service's name in its namespace; fails naming both construct paths when another service has it. */
function claimName(service: Construct, name: string): void {
  const taken = namesOf(SERVICES_BY_NAME, service);
  const namespace = Chart.of(service).namespace;
  const key = `${namespace ?? ''}\u0000${name}`;
  const owner = namesOf(RESERVED_BY_NAME, service).get(key);
  if (owner !== undefined) reservedClash(service, name, owner, namespace);
  const other = taken.get(key);
  if (other !== undefined) {
    const where = namespaceText(namespace);
    invalid(service, {
      prop: 'name',
      value: name,
      allowed: `a name no other service has in ${where}: ${other} has it, and both would produce the same objects (the Secret ${name}-connection and the ones named ${name})`,
      fix: `give ${service.node.path} or ${other} another name (the name prop), or put them in charts of different namespaces`,
      code: ERROR_CODES.CONFLICT,
    });
  }
  taken.set(key, service.node.path);
}

/** Portable properties of every data service. */
export interface PortableServiceProps {
  /**
   * Base name of the service's objects (StatefulSet, Secrets, cloud identifier after the profile's prefix).
   * Changing it replaces the service and its data. Unique among the services of a namespace, whatever their kinds
   * and charts: synth fails naming both services otherwise.
   * @default - derived from the construct path
   */
  readonly name?: string;
  /**
   * Labels added to every object of the service (Kubernetes label syntax; not `app.kubernetes.io/*` or
   * `portabledata.io/*`, which the library sets).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * The base of every data service: resolves the profile in scope and the backend of its kind, checks what the
 * backend honours before it binds, and owns the one connection contract of the kind.
 *
 * @example
 *
 * // Every data service is a PortableService: its kind, the profile in scope and the backend it chose, its connection.
 * const uploads: PortableService = new PortableObjectStore(chart, 'Uploads');
 * uploads.kind;                    // PortableObjectStore.KIND
 * uploads.backendName;             // 'in-cluster' under the default profile
 * uploads.connection.secretName;   // '<name>-connection'
 */
export abstract class PortableService extends Construct {
  /** Base name of the service's objects. */
  public readonly name: string;
  /** The kind of service. */
  public readonly kind: ServiceKind;
  /** The profile that chose the backend. */
  public readonly profile: Profile;
  /** Name of the backend that serves this service in the selected profile. */
  public readonly backendName: string;
  /** The user's labels, checked. @internal */
  protected readonly _userLabels: { [key: string]: string };

  private readonly module: KindModule<any>;
  private spec?: ServiceSpec;
  private serviceBackend: IKindBackend<any, ServiceBinding, any>;
  private connectionImpl?: Connection;
  /** Under `check`: whether an error of this service was collected (it then binds a stand-in backend). */
  private failed = false;

  protected constructor(scope: Construct, id: string, kind: ServiceKind, props: PortableServiceProps) {
    super(scope, id);
    checkOptionsObject(this, 'props', props, `${new.target.name}Props`, 'pass the props as an object, e.g. { name: \'orders\' }');
    const module = kindModuleOf(kind);
    this.module = module;
    this.kind = kind;
    this.profile = Profile.of(this);
    annotateProfiles(this);
    // Under `check`, each error below is collected and the construction goes on, so that every error of every
    // service is reported in one run (`attempt`); otherwise the first one throws.
    let backend: IKindBackend<any, ServiceBinding, any> | undefined;
    this.check(() => { backend = this.profile.backendFor(this.kind, this) as IKindBackend<any, ServiceBinding, any>; });
    this.serviceBackend = backend ?? this.standIn();
    this.backendName = this.serviceBackend.name;
    let name = props.name ?? dnsLabelOf(this, MAX_NAME_LENGTH);
    this.check(() => { name = checkDnsLabel(this, 'name', name, MAX_NAME_LENGTH); });
    this.name = name;
    this.check(() => claimName(this, this.name));
    let labels: { [key: string]: string } = {};
    this.check(() => { labels = checkLabels(this, 'labels', props.labels ?? {}); });
    this._userLabels = labels;
    const refusal = this.serviceBackend.refusal;
    if (refusal) this.check(() => this.refuse('profile', this.profile.name, refusal, `${module.noun} on`));
  }

  /**
   * The portable features of the service's kind, by name: the kind's own (e.g. `highAvailability`, `version`), then
   * `deletionRetain`, `deletionDelete` and the `bind…` ones. Every backend answers each of them (`supportOf`).
   */
  public get features(): string[] {
    return Object.keys(this.featureRows());
  }

  /**
   * What the backend of the service answers to one of its kind's features: for the value this service asks (e.g. its
   * `version`), or, where it asks nothing of the feature, for a typical value (e.g. `HighAvailability.REQUIRED`).
   * A refused answer says why and what to do instead.
   *
   * @param feature a name of `features`, e.g. `highAvailability`
   */
  public supportOf(feature: string): Support {
    const row = this.featureRows()[feature];
    if (row === undefined) {
      const names = this.features;
      invalid(this, {
        prop: 'supportOf feature',
        value: feature,
        allowed: `a feature of the ${this.kind.name} kind: ${names.join(', ')}`,
        fix: didYouMean(closest(String(feature), names, 2)) || `use one of ${names.join(', ')}`,
      });
    }
    const asked = row.ask && this.spec !== undefined && feature in { ...this.module.features, ...COMMON_FEATURES } ? row.ask(this.spec) : undefined;
    return answerOf((this.serviceBackend.capabilities as { [row: string]: any })[feature], asked === undefined ? row.sample : asked);
  }

  /** The connection contract: its Secret, keys and env values. */
  public get connection(): IConnection {
    return this.connectionImpl!;
  }

  /**
   * Binds a workload of any flavour (a cdk8s-plus workload of any major, or its ApiObject) and returns the
   * containers the connection reaches, for services that add to them.
   * @param extraBooleans boolean options of this kind's `bind()` beyond `BindOptions`
   * @param optionsType the name of the kind's bind options type (for the message)
   * @internal
   */
  protected _bindConnection(workload: IConstruct, options: BindOptions, extraBooleans: string[] = [], optionsType: string = 'BindOptions'): BindingTarget {
    const bound = BoundWorkload.of(this, workload);
    checkBindOptions(this, bound.path, options, extraBooleans, optionsType);
    const namespace = Chart.of(this).namespace;
    const workloadNamespace = Chart.of(bound.construct).namespace;
    if (namespace !== workloadNamespace) {
      const show = (ns: string | undefined) => ns === undefined ? 'none (the namespace of kubectl apply)' : JSON.stringify(ns);
      invalid(this, {
        prop: 'bind(workload) namespace',
        value: workloadNamespace ?? 'none',
        allowed: `a workload in the service's namespace ${show(namespace)} (${bound.path} is in ${show(workloadNamespace)}): `
          + 'the connection Secret exists only in the service\'s namespace',
        fix: `create ${bound.path} in a chart of the service's namespace, or the service in the workload's chart`,
        code: ERROR_CODES.CONFLICT,
      });
    }
    // The kind of the object decides, whatever made it (a DaemonSet or a Pod binds as a Deployment does).
    const workloadKind: WorkloadKind = bound.kind === 'CronJob' || bound.kind === 'Job' || bound.kind === 'StatefulSet' ? bound.kind : 'Deployment';
    for (const [row, feature] of Object.entries(BIND_FEATURES) as [string, Feature<WorkloadKind, WorkloadKind>][]) {
      if (feature.ask!(workloadKind) === undefined) continue;
      const support = answerOf(this.serviceBackend.capabilities[row], workloadKind);
      if (!support.honoured) this.check(() => this.refuse(feature.prop, `${bound.path} (${feature.what!.replace(/ on$/, '')})`, support, feature.what));
    }
    return this.connectionImpl!.bind(bound, options);
  }

  /** The backend of the kind, as the subclass's own interface. @internal */
  protected _backend<T extends IKindBackend<any, ServiceBinding, any>>(): T {
    return this.serviceBackend as T;
  }

  /**
   * Serves the resolved declaration: checks every feature of the kind's table (then the common ones) against the
   * backend's answers, in order, failing at the first refusal; lets the backend create its objects; and creates the
   * connection contract from what the backend said (`contract`).
   * @internal
   */
  protected _serve<S extends ServiceSpec, B extends ServiceBinding>(spec: S, contract: (binding: B) => ContractSources): B {
    this.spec = spec;
    // A backend that refuses the whole kind (under `check`, collected already) would refuse each feature for the same reason.
    if (this.serviceBackend.refusal === undefined) {
      this.checkFeatures(this.module.features, spec);
      this.checkFeatures(COMMON_FEATURES, spec);
    }
    let binding: B | undefined;
    if (!this.failed) this.check(() => { binding = this.serviceBackend.bind(this, spec) as B; });
    if (binding === undefined) {
      // Under `check` only: an error of this service is collected; the default environment's backend stands in so
      // that the app's construction goes on (what it makes is never written).
      this.serviceBackend = this.standIn();
      try {
        binding = this.serviceBackend.bind(this, spec) as B;
      } catch (e) {
        throw abandoned(e);
      }
    }
    const reserved = binding.reservedNames ?? [];
    this.check(() => claimReservedNames(this, this.name, this.backendName, reserved));
    const sources = contract(binding);
    this.connectionImpl = new Connection(this, {
      ...sources,
      values: { type: this.kind.contract.type, provider: binding.provider, ...sources.values },
      deferred: sources.deferred ?? {},
      claims: binding.claims,
      grownClaims: binding.grownClaims,
      conditions: binding.conditions,
      workloadBinder: binding.workloadBinder,
      kind: this.kind,
      name: this.name,
      labels: spec.labels,
      binderImage: this.profile.binderImage,
      binderOptions: { repair: this.profile.binderRepair, admissionPolicy: this.profile.binderAdmissionPolicy },
    });
    return binding;
  }

  /**
   * The host and port of an endpoint binding as contract sources: each known at synth time or read at deploy time,
   * exactly one of the two (a backend that says neither or both fails). Its `tls` must be what the backend's
   * `transitEncryption` answer says (they are one answer, said twice).
   * @internal
   */
  protected _endpoint(binding: EndpointBinding): { values: { [key: string]: string }; deferred: { [key: string]: DeferredValue } } {
    const transit = answerOf(this.serviceBackend.capabilities.transitEncryption, true);
    if (binding.tls !== transit.honoured) {
      invalid(this, {
        prop: 'backend binding tls',
        value: binding.tls,
        allowed: `${transit.honoured} (as the backend's transitEncryption answer says)`,
        fix: 'fix the backend: its binding and its answer must agree',
      });
    }
    const values: { [key: string]: string } = {};
    const deferred: { [key: string]: DeferredValue } = {};
    for (const [key, known, from] of [['host', binding.host, binding.hostFrom], ['port', binding.port, binding.portFrom]] as const) {
      if ((known === undefined) === (from === undefined)) {
        invalid(this, {
          prop: `backend binding ${key}/${key}From`,
          value: { [key]: known },
          allowed: `exactly one of ${key} (known at synth) or ${key}From (read at deploy time)`,
          fix: 'fix the backend: it must say where each contract value comes from',
        });
      }
      if (known !== undefined) values[key] = String(known);
      else deferred[key] = from!;
    }
    return { values, deferred };
  }

  /** Every row of the kind's table and the common ones, by name. */
  private featureRows(): { [name: string]: Feature<any, any> } {
    return { ...this.module.features, ...COMMON_FEATURES, ...BIND_FEATURES };
  }

  /** Fails at the first feature of the table the spec asks and the backend refuses (under `check`: collects each). */
  private checkFeatures<S>(table: FeatureTable<S>, spec: S): void {
    const answers = this.serviceBackend.capabilities as { [row: string]: any };
    for (const [row, feature] of Object.entries(table)) {
      const asked = feature.ask?.(spec);
      if (asked === undefined) continue;
      const support = answerOf(answers[row], asked);
      if (!support.honoured) {
        this.check(() => this.refuse(feature.prop, () => (feature.describe ? feature.describe(asked) : asked), support, feature.what));
      }
    }
  }

  /** Runs one check: it throws as usual, except under `check`, where its error is collected and marks the service failed. */
  private check(fn: () => void): void {
    if (!attempt(fn)) this.failed = true;
  }

  /** Under `check`, after an error of this service: the default environment's backend of the kind, which stands in. */
  private standIn(): IKindBackend<any, ServiceBinding, any> {
    if (checkSession() === undefined) throw new Error('a stand-in backend is only used by check');
    return Profile.named(this, defaultEnvironment().type).backendFor(this.kind, this) as IKindBackend<any, ServiceBinding, any>;
  }

  /**
   * The labels of every object of the service: the profile's, the user's, then the library's own.
   * @param appName the `app.kubernetes.io/name` value (the engine, `object-store`, …)
   * @internal
   */
  protected _serviceLabels(appName: string): { [key: string]: string } {
    return {
      ...this.profile.labels,
      ...this._userLabels,
      'app.kubernetes.io/name': appName,
      'app.kubernetes.io/instance': this.name,
      'app.kubernetes.io/managed-by': 'cdk8s-portable-data',
      'portabledata.io/backend': this.backendName,
    };
  }

  /**
   * Fails at synth with a refused feature's reason and fix.
   * @param prop the prop the user set, e.g. `highAvailability`
   * @param value the value asked for, or a function that describes it (called only for the message)
   * @param what what is refused, for the message (default: `this value on`)
   */
  private refuse(prop: string, value: unknown, support: Support, what: string = 'this value on'): never {
    invalid(this, {
      prop,
      value: typeof value === 'function' ? value() : value,
      allowed: `not ${what} the ${this.backendName} backend of profile "${this.profile.name}": ${support.description}`,
      fix: support.fix!,
      code: ERROR_CODES.REFUSED_BY_BACKEND,
    });
  }
}

/**
 * Where a kind's contract values come from, beyond `type` and `provider` (which every service fills): values known
 * at synth time and read at deploy time, the credentials the binder generates or reads, the optional keys filled.
 */
export type ContractSources = Omit<ConnectionSpec, 'kind' | 'name' | 'labels' | 'binderImage' | 'binderOptions' | 'claims' | 'grownClaims' | 'conditions' | 'workloadBinder' | 'deferred'>
  & { readonly deferred?: { [key: string]: DeferredValue } };
