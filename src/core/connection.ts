import { Construct } from 'constructs';
import { DeferredValue, IWorkloadBinder } from './backend';
import { BindOptions, ConnectionEnvValue, IConnection, IEnvContainer } from './connection-api';
import { ServiceKind } from './kind';
import { BinderClaim, BinderCredentials, BinderEndpoint, BinderGrownClaim, binderJob, BinderObjectRef, BinderOptions } from '../private/binder';
import { BindingTarget, SecretBinding } from '../private/secret-binding';
import { BoundWorkload } from '../private/workload';

/** What a service hands the one `Connection`: the values of its kind's contract and where they come from. */
export interface ConnectionSpec {
  /** The kind: its contract gives the Secret type, the keys, the `uri` template and the env prefix. */
  readonly kind: ServiceKind;
  /** Base name of the service's objects. */
  readonly name: string;
  /**
   * Replaces the scheme of the kind's `uri` template (e.g. `redis` where the server has no TLS).
   * @default - the template's own scheme
   */
  readonly uriScheme?: string;
  /** The optional keys of the kind this backend fills. */
  readonly optionalKeys?: string[];
  /** Values known at synth time, by key. */
  readonly values: { [key: string]: string };
  /** Values read at deploy time, by key. */
  readonly deferred: { [key: string]: DeferredValue };
  /** `http(s)://host:port` values read at deploy time, by key. */
  readonly endpoints?: { [key: string]: BinderEndpoint };
  /** The credentials Secret the binder generates or reads. */
  readonly credentials?: BinderCredentials;
  /** Claims the binder creates at deploy time when they are missing (kept out of the YAML). */
  readonly claims?: BinderClaim[];
  /** Claims the binder grows to their size once bound. */
  readonly grownClaims?: BinderGrownClaim[];
  /** Objects whose conditions the binder checks while it waits. */
  readonly conditions?: BinderObjectRef[];
  /** Labels of the binder Job. */
  readonly labels: { [key: string]: string };
  /** Image of the binder Job. */
  readonly binderImage: string;
  /** How the binder runs besides its image. */
  readonly binderOptions?: BinderOptions;
  /** What the backend adds to bound workloads. */
  readonly workloadBinder?: IWorkloadBinder;
}

/**
 * The one implementation of the connection contract, for every kind: the binder Job that fills the Secret, and
 * the bindings of workloads to it. Not a construct: its objects are the service's children (`BinderJob`,
 * `BinderCronJob`), so the tree stays as shallow as the objects it holds.
 */
export class Connection implements IConnection {
  public readonly secretName: string;
  public readonly secretType: string;
  public readonly keys: string[];
  public readonly binderJobName: string;

  private readonly kind: ServiceKind;
  private readonly binding: SecretBinding;

  /** @param service the service: the binder's objects are its children */
  constructor(service: Construct, spec: ConnectionSpec) {
    const contract = spec.kind.contract;
    this.kind = spec.kind;
    this.secretName = `${spec.name}-connection`;
    this.secretType = spec.kind.secretType;
    const optional = spec.optionalKeys ?? [];
    this.keys = [...contract.keys, ...(contract.optionalKeys ?? []).filter((k) => optional.includes(k))];
    this.binding = new SecretBinding(service, this.secretName, this.keys, contract.envPrefix, spec.workloadBinder);
    if (spec.credentials !== undefined && !spec.credentials.generate) this.binding.readsUserSecret(spec.credentials.secret);
    // Keys in sorted order, as the binding spec is written (stableJson then copies only the maps in it).
    this.binderJobName = binderJob(service, spec.name, {
      claims: spec.claims && spec.claims.length > 0 ? spec.claims : undefined,
      conditions: spec.conditions && spec.conditions.length > 0 ? spec.conditions : undefined,
      connectionSecret: this.secretName,
      credentials: spec.credentials,
      deferred: spec.deferred,
      endpoints: spec.endpoints && Object.keys(spec.endpoints).length > 0 ? spec.endpoints : undefined,
      grow: spec.grownClaims && spec.grownClaims.length > 0 ? spec.grownClaims : undefined,
      keys: this.keys,
      labels: spec.labels,
      secretType: this.secretType,
      timeoutSeconds: 3600,
      uriTemplate: spec.uriScheme && contract.uriTemplate
        ? contract.uriTemplate.replace(/^[a-z][a-z0-9+.-]*:/, `${spec.uriScheme}:`) : contract.uriTemplate,
      values: spec.values,
    }, spec.binderImage, spec.binderOptions);
  }

  public envValue(key: string): ConnectionEnvValue {
    return this.binding.envValue(key);
  }

  public injectEnv(container: IEnvContainer, prefix: string = this.kind.contract.envPrefix): void {
    this.binding.injectEnv(container, prefix);
  }

  /**
   * Binds a workload: records the connection (environment variables and/or a mounted binding) in its pod template
   * and lets the backend add what it needs; returns the containers that receive it.
   */
  public bind(workload: BoundWorkload, options: BindOptions = {}): BindingTarget {
    return this.binding.bind(workload, options);
  }
}
