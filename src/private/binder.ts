import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { dnsLabelOf, sha256Hex, shortHash, stableJson } from './names';
import { CRON_JOB_POLICY, HashedJobTemplate, programContainer, hardenedPodSecurityContext } from './pods';
import * as k8s from '../imports/k8s';
import { BINDER_PY, KUBE_PY } from '../programs/embedded.generated';

/**
 * A value known only after the provider created the service, read by the binder at deploy time from an object
 * in the application's namespace.
 */
export interface DeferredValue {
  /** API group of the object (`''` for core). */
  readonly apiGroup: string;
  /** API version, e.g. `v1alpha1`. */
  readonly apiVersion: string;
  /** Resource (plural), e.g. `dbinstances` or `secrets`. */
  readonly resource: string;
  /** Object name. */
  readonly name: string;
  /** Dot-separated path of the field, e.g. `status.endpoint.address` or `data.host`. */
  readonly fieldPath: string;
  /**
   * Whether the field is base64-encoded (Secret data).
   * @default false
   */
  readonly base64?: boolean;
  /**
   * Where the field is a URI (e.g. `amqps://b-1234.mq.eu-west-1.on.aws:5671`), the part of it to take: `host` or
   * `port`.
   * @default - the whole value
   */
  readonly uriPart?: string;
}

/**
 * An object whose conditions the binder checks while it waits (a Crossplane claim, the RabbitMQ operators'
 * objects): one that reports an error for long enough fails the run with its message (see `failing` in
 * src/programs/binder.py).
 */
export interface BinderObjectRef {
  /** API group of the object (`''` for core). */
  readonly apiGroup: string;
  /** API version, e.g. `v1alpha1`. */
  readonly apiVersion: string;
  /** Resource (plural), e.g. `databases`. */
  readonly resource: string;
  /** Object name. */
  readonly name: string;
}

/** The credentials Secret of a service: generated once by the binder, or the user's or an operator's. */
export interface BinderCredentials {
  readonly secret: string;
  readonly generate: boolean;
  /** The user name written next to generated passwords (databases). */
  readonly username?: string;
  /** Key of the user name in a generated Secret. */
  readonly usernameKey?: string;
  /** Key of the password the connection's `password` is copied from (databases; ignored when `copy` is set). */
  readonly passwordKey?: string;
  /** Keys generated once (random letters and digits). */
  readonly passwordKeys: string[];
  /** Connection keys copied from the Secret: connection key → key in the Secret. */
  readonly copy?: { [connectionKey: string]: string };
}

/** An `http(s)://host:port` value read at deploy time from two fields. */
export interface BinderEndpoint {
  readonly host: DeferredValue;
  readonly port: DeferredValue;
}

/**
 * A PersistentVolumeClaim the binder creates at deploy time when it is missing (and never changes or deletes), so
 * that it is not in the YAML and `kubectl delete -f` of the YAML does not delete it.
 */
export interface BinderClaim {
  readonly name: string;
  readonly labels: { [key: string]: string };
  /** The claim's `spec` (wire format). */
  readonly spec: { [key: string]: unknown };
}

/**
 * A PersistentVolumeClaim the binder grows to `storage` once it is bound, when it requests less (never created,
 * never shrunk): a StatefulSet's data claim, whose template is immutable, on a StorageClass that allows expansion.
 */
export interface BinderGrownClaim {
  readonly name: string;
  /** The size the claim must request at least (a Kubernetes quantity, e.g. `40Gi`). */
  readonly storage: string;
}

/** What the binder Job of one service does; serialized into its `BINDING_SPEC`. */
export interface BinderSpec {
  readonly connectionSecret: string;
  readonly secretType: string;
  readonly keys: string[];
  /**
   * Template of the `uri` key (see `render_uri` in src/programs/binder.py): `{key}` is a connection value,
   * percent-encoded for its position (userinfo, path, query); `[ … ]` is left out when a key in it is empty, e.g.
   * `mysql://{username}:{password}@{host}:{port}/{database}`, `rediss://[{username}]:{password}@{host}:{port}`,
   * `amqps://{username}:{password}@{host}:{port}/{vhost}`. No `uri` without a template.
   */
  readonly uriTemplate?: string;
  readonly labels: { [key: string]: string };
  readonly values: { [key: string]: string };
  /** Values read at deploy time; a `fieldPath` may index lists (`status.nodeGroups[0].primaryEndpoint.address`). */
  readonly deferred: { [key: string]: DeferredValue };
  readonly endpoints?: { [key: string]: BinderEndpoint };
  readonly credentials?: BinderCredentials;
  /** Claims created when missing. @default - none */
  readonly claims?: BinderClaim[];
  /** Claims grown to their size once bound. @default - none */
  readonly grow?: BinderGrownClaim[];
  /** Objects whose conditions are checked while waiting. @default - none */
  readonly conditions?: BinderObjectRef[];
  readonly timeoutSeconds: number;
}

/** Options of a binder Job. */
export interface BinderOptions {
  /**
   * Re-run the binder periodically (a CronJob `<name>-rebind` with the same pod template), so a deleted or stale
   * connection Secret (a changed endpoint, a deleted key) is repaired without a new deployment. A re-run that finds
   * everything current writes nothing.
   *
   * @default true
   */
  readonly repair?: boolean;
  /**
   * Cron schedule (5 fields, UTC) of the repair runs.
   *
   * @default hourly, at a minute derived from the service name
   */
  readonly repairSchedule?: string;
  /**
   * Add a ValidatingAdmissionPolicy (and its binding, `admissionregistration.k8s.io/v1`, Kubernetes 1.30+) that lets
   * the binder's ServiceAccount create only the Secrets it owns (the connection Secrets and generated credentials
   * Secrets of the chart's services), each only of its own type: never a `kubernetes.io/service-account-token`
   * Secret, never one with the `kubernetes.io/service-account.name` annotation. RBAC cannot restrict `create` by
   * name; this closes that gap. One per chart: any binder of the chart asking for it adds it.
   *
   * @default true
   */
  readonly admissionPolicy?: boolean;
}

const BINDER_ID = 'PortableDataBinder';

/** The files of the binder's ConfigMap, mounted at `/binder`. */
const BINDER_PROGRAMS = Object.freeze({ 'binder.py': BINDER_PY, 'kube.py': KUBE_PY });

/**
 * Services per binder Role. A Role lists the names of its services' Secrets and provider objects; keeping it to a
 * few hundred services keeps it far below the 256 KiB that client-side `kubectl apply` can store in its
 * last-applied annotation.
 */
export const SERVICES_PER_BINDER_ROLE = 200;

const LABELS = { 'app.kubernetes.io/name': 'portable-data-binder', 'app.kubernetes.io/managed-by': 'cdk8s-portable-data' };

/** The hash of a binding spec as the binder computes it (first 16 hex digits of the SHA-256 of `BINDING_SPEC`). */
export function bindingHash(specJson: string): string {
  return sha256Hex(specJson).slice(0, 16);
}

/**
 * One binder Role (and its RoleBinding to the shared ServiceAccount): exactly what its services' binder runs do,
 * verb by verb (`src/programs/binder.py`):
 *
 * - connection Secrets: `get`, `patch` (update its keys), `delete` (recreate one of the wrong type);
 * - generated credentials Secrets: `get`, `patch` (add a key the contract gained; existing keys never change);
 * - Secrets the binder only reads (a user's Secret, an operator's `<name>-app`, a provider's connection Secret):
 *   `get`, `watch` (a watch of one object, `fieldSelector=metadata.name=<name>`, which RBAC authorizes by name);
 * - provider objects and ConfigMaps it reads values from, and the objects whose conditions it checks while
 *   waiting (`BinderSpec.conditions`): `get`, `watch`;
 * - the chart's state ConfigMap: `get`, `patch` (records which services are bound);
 * - claims it keeps outside the YAML (`BinderSpec.claims`): `get`, and `create` without names (as for Secrets, RBAC
 *   cannot restrict it by name), never `patch` or `delete`;
 * - claims it grows (`BinderSpec.grow`): `get` and `patch`, by name;
 * - `create` on Secrets, without names: RBAC cannot restrict `create` by name (the name is not known to the
 *   authorizer before the object exists). It lets the ServiceAccount create any Secret in the namespace — not read,
 *   change or delete one it does not own. The admission policy (`BinderShared.admissionPolicy`, on unless a
 *   profile opts out) narrows it to the owned names, each of its own type.
 */
class BinderRole {
  public services = 0;
  /** The connection Secrets, with their types. */
  private readonly writes = new Map<string, string>();
  private readonly generated = new Set<string>();
  private readonly claims = new Set<string>();
  private readonly grown = new Set<string>();
  private readonly readers = new Map<string, Set<string>>();

  constructor(scope: Construct, index: number, serviceAccount: string, private readonly stateConfigMap: string) {
    const suffix = index === 0 ? '' : String(index);
    const name = index === 0 ? serviceAccount : `${serviceAccount}-${index}`;
    new k8s.KubeRole(scope, `Role${suffix}`, {
      metadata: { name, labels: LABELS },
      rules: Lazy.any({ produce: () => this.rules() }) as unknown as k8s.PolicyRule[],
    });
    new k8s.KubeRoleBinding(scope, `RoleBinding${suffix}`, {
      metadata: { name, labels: LABELS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name: serviceAccount }],
    });
  }

  /** The Secrets this Role's services' binders write (and so may create), with the type each is created with. */
  public owned(): [string, string][] {
    return [...this.writes.entries(), ...[...this.generated].filter((n) => !this.writes.has(n)).map((n): [string, string] => [n, 'Opaque'])];
  }

  public allow(spec: BinderSpec): void {
    this.services++;
    this.writes.set(spec.connectionSecret, spec.secretType);
    const reads: BinderObjectRef[] = [...Object.values(spec.deferred), ...Object.values(spec.endpoints ?? {}).flatMap((e) => [e.host, e.port]),
      ...spec.conditions ?? []];
    for (const claim of spec.claims ?? []) this.claims.add(claim.name);
    for (const claim of spec.grow ?? []) this.grown.add(claim.name);
    if (spec.credentials?.generate) this.generated.add(spec.credentials.secret);
    else if (spec.credentials) reads.push({ apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: spec.credentials.secret });
    for (const ref of reads) {
      const key = `${ref.apiGroup}\u0000${ref.resource}`;
      if (!this.readers.has(key)) this.readers.set(key, new Set());
      this.readers.get(key)!.add(ref.name);
    }
  }

  private rules(): k8s.PolicyRule[] {
    const written = new Set([...this.writes.keys(), ...this.generated]);
    const rules: k8s.PolicyRule[] = [
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'patch', 'delete'], resourceNames: [...this.writes.keys()].sort() },
    ];
    const generated = [...this.generated].filter((n) => !this.writes.has(n)).sort();
    if (generated.length > 0) rules.push({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'patch'], resourceNames: generated });
    rules.push({ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'patch'], resourceNames: [this.stateConfigMap] });
    if (this.claims.size > 0) {
      rules.push({ apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create'] });
      rules.push({ apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get'], resourceNames: [...this.claims].sort() });
    }
    if (this.grown.size > 0) {
      rules.push({ apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get', 'patch'], resourceNames: [...this.grown].sort() });
    }
    for (const key of [...this.readers.keys()].sort()) {
      const [apiGroup, resource] = key.split('\u0000');
      const names = [...this.readers.get(key)!].filter((n) => !(apiGroup === '' && resource === 'secrets' && written.has(n))
        && !(apiGroup === '' && resource === 'configmaps' && n === this.stateConfigMap));
      if (names.length > 0) {
        rules.push({ apiGroups: [apiGroup], resources: [resource], verbs: ['get', 'watch'], resourceNames: names.sort() });
      }
    }
    return rules;
  }
}

/**
 * The per-chart objects every binder Job shares: the programs, a ServiceAccount, the state ConfigMap (the spec hash
 * each service's binder should run, `<connection Secret>.desired`; the binder adds `<connection Secret>.bound`), and
 * Roles that allow exactly what the chart's services need (one Role per `SERVICES_PER_BINDER_ROLE` services).
 */
class BinderShared extends Construct {
  public static of(scope: IConstruct): BinderShared {
    const chart = Chart.of(scope);
    return (chart.node.tryFindChild(BINDER_ID) as BinderShared | undefined) ?? new BinderShared(chart, BINDER_ID);
  }

  public readonly name: string;
  public readonly stateName: string;
  private readonly roles: BinderRole[] = [];
  private readonly desired: { [connectionSecret: string]: string } = {};
  private readonly jobTemplates = new Map<string, HashedJobTemplate<'labels' | 'bindingSpec'>>();

  private constructor(chart: Chart, id: string) {
    super(chart, id);
    this.name = dnsLabelOf(this, 55);
    this.stateName = `${this.name}-state`;
    new k8s.KubeConfigMap(this, 'Script', {
      metadata: { name: this.name, labels: LABELS },
      data: BINDER_PROGRAMS,
    });
    new k8s.KubeConfigMap(this, 'State', {
      metadata: { name: this.stateName, labels: LABELS },
      data: Lazy.any({ produce: () => Object.fromEntries(Object.keys(this.desired).sort().map((k) => [`${k}.desired`, this.desired[k]])) }) as any,
    });
    new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: this.name, labels: LABELS },
      automountServiceAccountToken: false,
    });
  }

  /**
   * Adds the ValidatingAdmissionPolicy that narrows the ServiceAccount's `create secrets` to the Secrets it owns,
   * each of its own type (once). The owned names and their types are the policy's parameters: a ConfigMap
   * `<ServiceAccount>-admission` in the namespace of the request (which the ServiceAccount may not change), so one
   * policy holds in every namespace the chart is applied to, each with its own list. A namespace without the
   * ConfigMap is left alone (`parameterNotFoundAction: Allow`): the API server looks the parameters up before it
   * evaluates `matchConditions`, so `Deny` would refuse every Secret of such a namespace, whoever creates it, for a
   * policy without a namespace selector; the ConfigMap comes with the chart's YAML, before its binder Jobs.
   *
   * What it closes besides names: RBAC lets the ServiceAccount delete its connection Secret and create one of the
   * same name; created as a `kubernetes.io/service-account-token` Secret naming another ServiceAccount
   * (`kubernetes.io/service-account.name`), the token controller would fill it with that account's token, which the
   * binder may read. The policy pins the type and refuses the annotation, on create and on update.
   */
  public admissionPolicy(): void {
    if (this.node.tryFindChild('AdmissionPolicy')) return;
    const namespace = Chart.of(this).namespace;
    const name = `${this.name}-create-secrets${namespace ? `-${shortHash(namespace)}` : ''}`;
    const params = `${this.name}-admission`;
    new k8s.KubeConfigMap(this, 'AdmissionParams', {
      metadata: { name: params, labels: LABELS },
      data: Lazy.any({ produce: () => Object.fromEntries(this.roles.flatMap((r) => r.owned()).sort(([x], [y]) => (x < y ? -1 : 1))) }) as any,
    });
    const who = `the binder ServiceAccount ${this.name}`;
    new k8s.KubeValidatingAdmissionPolicy(this, 'AdmissionPolicy', {
      metadata: { name, labels: LABELS },
      spec: {
        failurePolicy: 'Fail',
        paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
        matchConstraints: {
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['secrets'] }],
          ...(namespace ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } } : {}),
        },
        matchConditions: [{
          name: 'binder-service-account',
          expression: `request.userInfo.username == 'system:serviceaccount:' + request.namespace + ':${this.name}'`,
        }],
        validations: [
          {
            expression: 'has(params.data) && object.metadata.name in params.data',
            message: `${who} may create only the connection and credentials Secrets of its chart's services (the keys of the ConfigMap ${params})`,
          },
          {
            expression: '!has(params.data) || !(object.metadata.name in params.data) || (has(object.type) && object.type == params.data[object.metadata.name])',
            message: `${who} may create its Secrets only with their own types (the values of the ConfigMap ${params}), never kubernetes.io/service-account-token`,
          },
          {
            expression: "!has(object.metadata.annotations) || !('kubernetes.io/service-account.name' in object.metadata.annotations)",
            message: `${who} may not set the annotation kubernetes.io/service-account.name (it asks the token controller for a ServiceAccount's token)`,
          },
        ],
      },
    });
    new k8s.KubeValidatingAdmissionPolicyBinding(this, 'AdmissionPolicyBinding', {
      metadata: { name, labels: LABELS },
      spec: {
        policyName: name,
        paramRef: { name: params, parameterNotFoundAction: 'Allow' },
        ...(namespace ? { matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } } } : {}),
        validationActions: ['Deny'],
      },
    });
  }

  /** The binder Job spec of this chart's services for an image and a deadline, with its holes (built once). */
  public jobTemplate(image: string, timeoutSeconds: number): HashedJobTemplate<'labels' | 'bindingSpec'> {
    const key = `${image}\u0000${timeoutSeconds}`;
    let template = this.jobTemplates.get(key);
    if (template === undefined) {
      const placeholders = { labels: '\u0000labels\u0000', bindingSpec: '\u0000binding spec\u0000' };
      const jobSpec: k8s.JobSpec = {
        backoffLimit: 10,
        activeDeadlineSeconds: timeoutSeconds + 600,
        template: {
          spec: {
            serviceAccountName: this.name,
            automountServiceAccountToken: true,
            restartPolicy: 'OnFailure',
            enableServiceLinks: false,
            securityContext: hardenedPodSecurityContext(65532),
            containers: [
              programContainer({
                name: 'binder',
                image,
                dir: '/binder',
                program: 'binder.py',
                env: [
                  { name: 'BINDING_SPEC', value: placeholders.bindingSpec },
                  { name: 'STATE_CONFIGMAP', value: this.stateName },
                  { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                ],
                volume: 'script',
              }),
            ],
            volumes: [{ name: 'script', configMap: { name: this.name } }],
          },
        },
      };
      const rendered = k8s.toJson_JobSpec(jobSpec)!;
      // The labels map is a hole: its placeholder goes into the wire form (a map of the typed spec can't hold it).
      rendered.template = { metadata: { labels: placeholders.labels }, ...rendered.template };
      template = new HashedJobTemplate(rendered, placeholders, BINDER_PROGRAMS);
      this.jobTemplates.set(key, template);
    }
    return template;
  }

  public allow(spec: BinderSpec, hash: string): void {
    let role = this.roles[this.roles.length - 1];
    if (!role || role.services >= SERVICES_PER_BINDER_ROLE) {
      role = new BinderRole(this, this.roles.length, this.name, this.stateName);
      this.roles.push(role);
    }
    role.allow(spec);
    this.desired[spec.connectionSecret] = hash;
  }
}

/**
 * Adds the binder Job of one service and its repair CronJob to the service (construct IDs `BinderJob` and
 * `BinderCronJob`) and returns the Job's name. The name carries a hash of the Job's whole pod template and programs,
 * so any change runs a new Job (Job templates are immutable) and an unchanged one re-applies as a no-op.
 */
export function binderJob(service: Construct, baseName: string, spec: BinderSpec, image: string, options: BinderOptions = {}): string {
  const shared = BinderShared.of(service);
  const specJson = stableJson(spec);
  shared.allow(spec, bindingHash(specJson));
  if (options.admissionPolicy ?? true) shared.admissionPolicy();
  const labels = { ...spec.labels, 'app.kubernetes.io/component': 'binder' };
  // The Job spec is the same for every service of the chart but for its labels and binding spec: rendered to its
  // wire form once (per image and deadline), for the name's hash and for both objects (plain ApiObjects, whose
  // keys cdk8s sorts as the generated classes' would be; the golden YAML shows they are the same bytes).
  const { spec: rendered, hash } = shared.jobTemplate(image, spec.timeoutSeconds).render({ labels, bindingSpec: specJson });
  const jobName = `${baseName}-bind-${hash}`;
  new ApiObject(service, 'BinderJob', { ...k8s.KubeJob.GVK, metadata: { name: jobName, labels }, spec: rendered });

  if (options.repair ?? true) {
    const minute = parseInt(shortHash(baseName), 16) % 60;
    new ApiObject(service, 'BinderCronJob', {
      ...k8s.KubeCronJob.GVK,
      metadata: { name: `${baseName}-rebind`, labels },
      spec: {
        schedule: options.repairSchedule ?? `${minute} * * * *`,
        ...CRON_JOB_POLICY,
        jobTemplate: { metadata: { labels }, spec: { ...rendered, backoffLimit: 2 } },
      },
    });
  }
  return jobName;
}
