import { Chart, Lazy, Names } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { DeferredValue } from '../backend';
import { stableJson } from './names';
import { hardenedContainerSecurityContext, hardenedPodSecurityContext, hashedJobName } from './pods';
import { BINDER_PY, KUBE_PY } from '../programs/embedded.generated';

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

/** What the binder Job of one service does; serialized into its `BINDING_SPEC`. */
export interface BinderSpec {
  readonly connectionSecret: string;
  readonly secretType: string;
  readonly keys: string[];
  /** Scheme of the `uri` built from user, password, host, port and database (databases only). */
  readonly uriScheme?: string;
  readonly labels: { [key: string]: string };
  readonly values: { [key: string]: string };
  readonly deferred: { [key: string]: DeferredValue };
  readonly endpoints?: { [key: string]: BinderEndpoint };
  readonly credentials?: BinderCredentials;
  readonly timeoutSeconds: number;
}

const BINDER_ID = 'PortableDataBinder';

/** The files of the binder's ConfigMap, mounted at `/binder`. */
const BINDER_PROGRAMS = { 'binder.py': BINDER_PY, 'kube.py': KUBE_PY };

/**
 * Services per binder Role. A Role lists the names of its services' Secrets and provider objects; keeping it to a
 * few hundred services keeps it far below the 256 KiB that client-side `kubectl apply` can store in its
 * last-applied annotation.
 */
export const SERVICES_PER_BINDER_ROLE = 200;

const LABELS = { 'app.kubernetes.io/name': 'portable-data-binder', 'app.kubernetes.io/managed-by': 'cdk8s-portable-data' };

/** One binder Role (and its RoleBinding to the shared ServiceAccount): exactly what its services need. */
class BinderRole {
  public services = 0;
  private readonly secretNames = new Set<string>();
  private readonly readers = new Map<string, Set<string>>();

  constructor(scope: Construct, index: number, serviceAccount: string) {
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

  public allow(spec: BinderSpec): void {
    this.services++;
    this.secretNames.add(spec.connectionSecret);
    if (spec.credentials) this.secretNames.add(spec.credentials.secret);
    const endpoints = Object.values(spec.endpoints ?? {}).flatMap((e) => [e.host, e.port]);
    for (const ref of [...Object.values(spec.deferred), ...endpoints]) {
      const key = `${ref.apiGroup}\u0000${ref.resource}`;
      if (!this.readers.has(key)) this.readers.set(key, new Set());
      this.readers.get(key)!.add(ref.name);
    }
  }

  private rules(): k8s.PolicyRule[] {
    const secretNames = [...this.secretNames].sort();
    const rules: k8s.PolicyRule[] = [
      // `create` cannot be limited by name in RBAC; get/patch are.
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'patch'], resourceNames: secretNames },
    ];
    for (const key of [...this.readers.keys()].sort()) {
      const [apiGroup, resource] = key.split('\u0000');
      const names = [...this.readers.get(key)!].filter((n) => !(apiGroup === '' && resource === 'secrets' && this.secretNames.has(n)));
      if (names.length > 0) {
        rules.push({ apiGroups: [apiGroup], resources: [resource], verbs: ['get'], resourceNames: names.sort() });
      }
    }
    return rules;
  }
}

/**
 * The per-chart objects every binder Job shares: the script, a ServiceAccount, and Roles that allow exactly the
 * Secrets and provider objects the chart's services need (one Role per `SERVICES_PER_BINDER_ROLE` services).
 */
class BinderShared extends Construct {
  public static of(scope: IConstruct): BinderShared {
    const chart = Chart.of(scope);
    return (chart.node.tryFindChild(BINDER_ID) as BinderShared | undefined) ?? new BinderShared(chart, BINDER_ID);
  }

  public readonly name: string;
  private readonly roles: BinderRole[] = [];

  private constructor(chart: Chart, id: string) {
    super(chart, id);
    this.name = Names.toDnsLabel(this, { maxLen: 55 });
    new k8s.KubeConfigMap(this, 'Script', {
      metadata: { name: this.name, labels: LABELS },
      data: BINDER_PROGRAMS,
    });
    new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: this.name, labels: LABELS },
      automountServiceAccountToken: false,
    });
  }

  public allow(spec: BinderSpec): void {
    let role = this.roles[this.roles.length - 1];
    if (!role || role.services >= SERVICES_PER_BINDER_ROLE) {
      role = new BinderRole(this, this.roles.length, this.name);
      this.roles.push(role);
    }
    role.allow(spec);
  }
}

/**
 * The binder Job of one service. Its name carries a hash of what it does, so a changed contract runs a new Job
 * (Job templates are immutable) and an unchanged one re-applies as a no-op.
 */
export class BinderJob extends Construct {
  public readonly jobName: string;

  constructor(scope: Construct, id: string, baseName: string, spec: BinderSpec, image: string) {
    super(scope, id);
    const shared = BinderShared.of(this);
    shared.allow(spec);
    const specJson = stableJson(spec);
    const labels = { ...spec.labels, 'app.kubernetes.io/component': 'binder' };
    const jobSpec: k8s.JobSpec = {
      backoffLimit: 10,
      activeDeadlineSeconds: spec.timeoutSeconds + 600,
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: shared.name,
          automountServiceAccountToken: true,
          restartPolicy: 'OnFailure',
          securityContext: hardenedPodSecurityContext(65532),
          containers: [
            {
              name: 'binder',
              image,
              command: ['python3', '/binder/binder.py'],
              env: [
                { name: 'BINDING_SPEC', value: specJson },
                { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'PYTHONDONTWRITEBYTECODE', value: '1' },
              ],
              resources: {
                requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('32Mi') },
                limits: { cpu: k8s.Quantity.fromString('200m'), memory: k8s.Quantity.fromString('64Mi') },
              },
              securityContext: hardenedContainerSecurityContext(),
              volumeMounts: [{ name: 'script', mountPath: '/binder', readOnly: true }],
            },
          ],
          volumes: [{ name: 'script', configMap: { name: shared.name } }],
        },
      },
    };
    this.jobName = hashedJobName(`${baseName}-bind`, jobSpec, BINDER_PROGRAMS);
    new k8s.KubeJob(this, 'Resource', { metadata: { name: this.jobName, labels }, spec: jobSpec });
  }
}
