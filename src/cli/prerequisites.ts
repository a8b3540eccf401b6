/**
 * What must exist before a set of synthesized objects can be applied: the operators, controllers and CRDs that
 * serve their API groups, and the cluster and cloud resources they reference by name. Derived from the objects
 * alone (their apiVersions and a few referencing fields), so `plan` needs neither a cluster nor an account.
 */

/** A Kubernetes object as read from a synthesized manifest (the fields the plan reads). */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: { readonly [key: string]: string };
    readonly annotations?: { readonly [key: string]: string };
  };
  readonly spec?: any;
}

/** Where a prerequisite lives. */
export type PrerequisiteScope = 'cluster' | 'cloud';

/** One thing to install or create before the apply. */
export interface Prerequisite {
  /** `cluster` (an operator, a controller, CRDs, a class) or `cloud` (an account's network, APIs, clusters). */
  readonly scope: PrerequisiteScope;
  /** What to install or create. */
  readonly requirement: string;
  /** The objects that need it, as `Kind/name`. */
  readonly neededBy: string[];
}

/** An API group (exact, or a suffix when it starts with `*.`) and what serves it. */
interface GroupRule {
  readonly group: string;
  readonly requirement: (group: string, object: KubeObject) => string;
}

const ACK_CONTROLLERS: { [service: string]: string } = { rds: 'RDS', s3: 'S3', iam: 'IAM', eks: 'EKS', elasticache: 'ElastiCache', mq: 'MQ' };

/** The portable Crossplane APIs this library's platforms define: claim kind → CompositeResourceDefinition. */
const PORTABLE_XRDS: { [kind: string]: string } = {
  Database: 'xdatabases.portabledata.io',
  ObjectStore: 'xobjectstores.portabledata.io',
  Cache: 'xcaches.portabledata.io',
  Queue: 'xqueues.portabledata.io',
};

/**
 * API group → what serves it in the cluster. Core groups (`v1`, `apps`, `batch`, `rbac.authorization.k8s.io`,
 * `policy`) need nothing and have no rule.
 */
export const API_GROUP_PREREQUISITES: readonly GroupRule[] = [
  {
    group: '*.services.k8s.aws',
    requirement: (g) => {
      const service = g.split('.')[0];
      return `ACK ${ACK_CONTROLLERS[service] ?? service} controller`;
    },
  },
  { group: 'postgresql.cnpg.io', requirement: () => 'CloudNativePG operator' },
  { group: 'objectbucket.io', requirement: () => 'Rook/Ceph object store + bucket StorageClass' },
  {
    group: 'rabbitmq.com',
    requirement: (_g, o) => (o.kind === 'RabbitmqCluster' ? 'RabbitMQ Cluster Operator' : 'RabbitMQ Messaging Topology Operator'),
  },
  { group: '*.cnrm.cloud.google.com', requirement: () => 'Config Connector' },
  {
    group: 'portabledata.io',
    requirement: (_g, o) => {
      const xrd = PORTABLE_XRDS[o.kind ?? ''];
      const selector = Object.entries(o.spec?.compositionSelector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      return `Crossplane with the platform's XRDs and Compositions (${xrd ? `XRD ${xrd}` : `an XRD offering claim ${o.kind}`}`
        + `${selector ? `, a Composition labelled ${selector}` : ''})`;
    },
  },
  { group: 'apiextensions.crossplane.io', requirement: () => 'Crossplane' },
  { group: '*.upbound.io', requirement: (g) => upboundProvider(g) },
  { group: 'snapshot.storage.k8s.io', requirement: () => 'CSI snapshot controller and the VolumeSnapshot CRDs' },
  { group: 'servicebinding.io', requirement: () => 'a Service Binding for Kubernetes runtime' },
];

/** `rds.aws.upbound.io` → the Upbound provider that serves it (`provider-aws-rds`). */
function upboundProvider(group: string): string {
  const [service, provider] = group.split('.');
  return `Crossplane provider upbound/provider-${provider}-${service}`;
}

/** The API group of an apiVersion (`''` for the core group). */
export function apiGroupOf(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  return v.includes('/') ? v.slice(0, v.indexOf('/')) : '';
}

function ruleFor(group: string): GroupRule | undefined {
  return API_GROUP_PREREQUISITES.find((r) => (r.group.startsWith('*.') ? group.endsWith(r.group.slice(1)) : group === r.group));
}

/** `Kind/name` of an object. */
export function objectRef(o: KubeObject): string {
  return `${o.kind ?? '?'}/${o.metadata?.name ?? '?'}`;
}

type Add = (scope: PrerequisiteScope, requirement: string) => void;

/** The StorageClasses and VolumeSnapshotClasses an object names, and the default StorageClass when it names none. */
function classes(o: KubeObject, add: Add): void {
  const storageClass = (name: string | undefined) => add('cluster', name ? `StorageClass ${name}` : 'a default StorageClass (a claim names none)');
  const group = apiGroupOf(o.apiVersion);
  if (o.kind === 'StatefulSet' && group === 'apps') {
    for (const t of o.spec?.volumeClaimTemplates ?? []) storageClass(t.spec?.storageClassName);
  } else if (o.kind === 'PersistentVolumeClaim' && group === '') {
    storageClass(o.spec?.storageClassName);
  } else if (o.kind === 'Cluster' && group === 'postgresql.cnpg.io') {
    storageClass(o.spec?.storage?.storageClass);
    if (o.spec?.walStorage) storageClass(o.spec.walStorage.storageClass);
    const snapshotClass = o.spec?.backup?.volumeSnapshot?.className;
    if (snapshotClass) {
      add('cluster', `VolumeSnapshotClass ${snapshotClass}`);
      add('cluster', 'CSI snapshot controller and the VolumeSnapshot CRDs');
    }
  } else if (o.kind === 'ObjectBucketClaim' && group === 'objectbucket.io') {
    if (o.spec?.storageClassName) add('cluster', `bucket StorageClass ${o.spec.storageClassName}`);
  } else if (o.kind === 'NetworkPolicy' && group === 'networking.k8s.io') {
    add('cluster', 'a network plugin that enforces NetworkPolicy (e.g. Calico or Cilium; without one the policy is not applied)');
  } else if (o.kind === 'Composition' && group === 'apiextensions.crossplane.io') {
    for (const step of o.spec?.pipeline ?? []) {
      if (step.functionRef?.name) add('cluster', `Crossplane function ${step.functionRef.name}`);
      for (const r of step.input?.resources ?? []) {
        const g = apiGroupOf(r.base?.apiVersion);
        const rule = g ? ruleFor(g) : undefined;
        if (rule) add('cluster', rule.requirement(g, r.base));
      }
    }
  }
}

/** The cloud resources an object references: networks, security groups, clusters, projects and their APIs. */
function cloudResources(o: KubeObject, add: Add): void {
  const group = apiGroupOf(o.apiVersion);
  const region = o.metadata?.annotations?.['services.k8s.aws/region'];
  const inRegion = region ? ` in ${region}` : '';
  if (group === 'rds.services.k8s.aws' && o.kind === 'DBInstance') {
    if (o.spec?.dbSubnetGroupName) add('cloud', `DB subnet group ${o.spec.dbSubnetGroupName}${inRegion}`);
    for (const sg of o.spec?.vpcSecurityGroupIDs ?? []) add('cloud', `security group ${sg}${inRegion}`);
  } else if (group === 'eks.services.k8s.aws' && o.kind === 'PodIdentityAssociation') {
    add('cloud', `EKS cluster ${o.spec?.clusterName} with the EKS Pod Identity Agent add-on${inRegion}`);
  } else if (group.endsWith('.cnrm.cloud.google.com')) {
    const project = o.metadata?.annotations?.['cnrm.cloud.google.com/project-id'];
    const where = project ? `project ${project}` : 'the namespace\'s project';
    const api = { sql: 'Cloud SQL Admin API (sqladmin.googleapis.com)', storage: 'Cloud Storage API (storage.googleapis.com)', iam: 'IAM API (iam.googleapis.com)' }[group.split('.')[0]];
    if (api) add('cloud', `${api} enabled in ${where}`);
    const network = o.spec?.settings?.ipConfiguration?.privateNetworkRef?.external;
    if (o.kind === 'SQLInstance' && network) add('cloud', `VPC network ${network} with private services access (Cloud SQL private IP)`);
    if (o.kind === 'IAMPolicyMember' && /\.svc\.id\.goog\[/.test(o.spec?.member ?? '')) {
      add('cloud', `GKE Workload Identity on the cluster (workload pool ${String(o.spec.member).replace(/^serviceAccount:/, '').replace(/\[.*$/, '')})`);
    }
  }
}

/**
 * The prerequisites of a set of objects, in the order first needed, each once with every object that needs it.
 */
export function prerequisitesOf(objects: readonly KubeObject[]): Prerequisite[] {
  const found = new Map<string, { scope: PrerequisiteScope; requirement: string; neededBy: string[] }>();
  for (const o of objects) {
    const ref = objectRef(o);
    const add: Add = (scope, requirement) => {
      const key = `${scope}\u0000${requirement}`;
      if (!found.has(key)) found.set(key, { scope, requirement, neededBy: [] });
      const p = found.get(key)!;
      if (!p.neededBy.includes(ref)) p.neededBy.push(ref);
    };
    const group = apiGroupOf(o.apiVersion);
    const rule = ruleFor(group);
    if (rule) add('cluster', rule.requirement(group, o));
    classes(o, add);
    cloudResources(o, add);
  }
  return [...found.values()];
}
