import * as kplus from 'cdk8s-plus-27';
import { Backup, CachePersistence, PortableCache, PortableObjectStore, PortablePostgres, PortableQueue, Profile } from '../../src';
import { answerOf } from '../../src/core/features';
import { Support } from '../../src/core/support';
import { KEEP_ON_PRUNE } from '../../src/private/gitops';
import { IDatabaseBackend } from '../../src/services/database/backend';
import { MATRIX_PROFILES } from '../util/matrix';
import { registerPortableApis } from '../util/portable-apis';
import { expectValid } from '../util/schema';
import { bindingSpec, byKind, newChart, oneOf, synth } from '../util/synth';

/**
 * What the README promises per backend, checked on the synthesized YAML of every built-in profile: what
 * `kubectl delete -f` of the YAML keeps with `DeletionPolicy.RETAIN` (the default), and what a bound workload gets
 * (one Deployment, running as its own ServiceAccount `app`, bound to a PostgreSQL database, a bucket, a durable cache and
 * a queue).
 */
beforeAll(() => registerPortableApis());

function build(profileName: string) {
  const { chart } = newChart('shop');
  const profile = MATRIX_PROFILES[profileName]();
  Profile.use(chart, profile);
  const answers = (profile.backendFor(PortablePostgres.KIND) as IDatabaseBackend).capabilities;
  const backups = (answerOf(answers.backups, Backup.daily()) as Support).honoured;
  const db = new PortablePostgres(chart, 'Db', { name: 'orders-db', backup: backups ? Backup.daily() : Backup.disabled() });
  const store = new PortableObjectStore(chart, 'Uploads', { name: 'uploads' });
  // Durable: a cache-only cache is deleted with its objects by default (it holds nothing worth keeping).
  const cache = new PortableCache(chart, 'Sessions', { name: 'sessions', persistence: CachePersistence.DURABLE });
  const queue = new PortableQueue(chart, 'Orders', { name: 'orders' });
  const serviceAccount = new kplus.ServiceAccount(chart, 'AppSa', { metadata: { name: 'app' } });
  const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'example.com/app:1.0.0', portNumber: 8080 }], serviceAccount });
  for (const service of [db, store, cache, queue]) service.bind(web);
  const objs = synth(chart);
  expectValid(objs);
  return { objs, db, store, cache, queue, deployment: oneOf(objs, 'Deployment') };
}

type Objs = any[];
const named = (objs: Objs, kind: string, name: string) => byKind(objs, kind).find((o) => o.metadata.name === name);
const claimsInYaml = (objs: Objs) => byKind(objs, 'PersistentVolumeClaim').map((c) => c.metadata.name);

/** The NetworkPolicy `name` admits the Deployment's pods. */
function admits(objs: Objs, name: string, deployment: any): void {
  const from = named(objs, 'NetworkPolicy', name).spec.ingress.flatMap((r: any) => r.from);
  expect(from).toContainEqual({ podSelector: { matchLabels: deployment.spec.template.metadata.labels } });
}

/** The IAMPolicyMembers granting the Google service account of Kubernetes ServiceAccount `app`, as [role, resource kind]. */
function googleGrants(objs: Objs): string[][] {
  const annotation = named(objs, 'ServiceAccount', 'app').metadata.annotations['iam.gke.io/gcp-service-account'];
  const gsa = byKind(objs, 'IAMServiceAccount').find((a) => annotation.startsWith(`${a.spec.resourceID}@`));
  expect(byKind(objs, 'IAMPolicyMember').find((m) => m.spec.role === 'roles/iam.workloadIdentityUser').spec)
    .toMatchObject({ resourceRef: { kind: 'IAMServiceAccount', name: gsa.metadata.name }, member: 'serviceAccount:acme-prod-123.svc.id.goog[shop/app]' });
  return byKind(objs, 'IAMPolicyMember').filter((m) => m.spec.memberFrom?.serviceAccountRef?.name === gsa.metadata.name)
    .map((m) => [m.spec.role, m.spec.resourceRef.kind]).sort();
}

type Checks<T> = { database?: T; objectStore?: T; cache?: T; queue?: T };

/** The ACK deletion policy retain, and the adoption annotations (or none) of the object `kind` `name`. */
function ackRetained(objs: Objs, kind: string, name: string, adoptionFields: object | undefined): void {
  const annotations = named(objs, kind, name).metadata.annotations;
  expect(annotations['services.k8s.aws/deletion-policy']).toBe('retain');
  if (adoptionFields === undefined) {
    expect(Object.keys(annotations).filter((a) => a.startsWith('services.k8s.aws/adoption'))).toEqual([]);
  } else {
    expect(annotations).toMatchObject({
      'services.k8s.aws/adoption-policy': 'adopt-or-create',
      'services.k8s.aws/adoption-fields': JSON.stringify(adoptionFields),
    });
  }
}

/** By backend name: what stays after `kubectl delete -f` of the YAML with RETAIN. */
const KEPT: { [backend: string]: Checks<(objs: Objs) => void> } = {
  'in-cluster': {
    // The data claims come from the StatefulSet's claim template and are retained; the backup claim is created by
    // the binder: no claim is in the YAML.
    database: (objs) => {
      expect(named(objs, 'StatefulSet', 'orders-db').spec.persistentVolumeClaimRetentionPolicy.whenDeleted).toBe('Retain');
      expect(claimsInYaml(objs)).toEqual([]);
      expect(bindingSpec(objs, 'orders-db').claims.map((c: any) => c.name)).toEqual(['orders-db-backup']);
    },
    objectStore: (objs) => {
      expect(named(objs, 'StatefulSet', 'uploads').spec.persistentVolumeClaimRetentionPolicy.whenDeleted).toBe('Retain');
      expect(claimsInYaml(objs)).toEqual([]);
    },
    cache: (objs) => expect(named(objs, 'StatefulSet', 'sessions').spec.persistentVolumeClaimRetentionPolicy.whenDeleted).toBe('Retain'),
    queue: (objs) => expect(named(objs, 'StatefulSet', 'orders').spec.persistentVolumeClaimRetentionPolicy.whenDeleted).toBe('Retain'),
  },
  'rabbitmq-operators': {
    // Kept by GitOps prunes; the StatefulSet keeps the claims where the operator lets it, and the profile declares a
    // StorageClass that retains volumes where it does not (see docs/queue.md).
    queue: (objs) => {
      const cluster = named(objs, 'RabbitmqCluster', 'orders');
      expect(cluster.metadata.annotations).toMatchObject(KEEP_ON_PRUNE);
      expect(cluster.spec.override.statefulSet.spec.persistentVolumeClaimRetentionPolicy.whenDeleted).toBe('Retain');
    },
  },
  'aws-elasticache': {
    // Retained in AWS, and adopted by the same identifiers when the YAML is applied again.
    cache: (objs) => {
      const group = named(objs, 'ReplicationGroup', 'sessions');
      ackRetained(objs, 'ReplicationGroup', 'sessions', { replicationGroupID: group.spec.replicationGroupID });
      // The parameter group is named after its family (a major upgrade moves to a new group).
      const family = `valkey${group.spec.engineVersion.split('.')[0]}`;
      const parameters = named(objs, 'CacheParameterGroup', `sessions-${family}`).spec;
      expect(parameters.cacheParameterGroupName).toBe(`${group.spec.replicationGroupID}-${family}`);
      ackRetained(objs, 'CacheParameterGroup', `sessions-${family}`, { cacheParameterGroupName: parameters.cacheParameterGroupName });
    },
  },
  'aws-mq': {
    // Retained in AWS; no adoption annotation (the broker's ID is assigned by Amazon MQ), the README's manual path.
    queue: (objs) => ackRetained(objs, 'Broker', 'orders', undefined),
  },
  'gcp-memorystore': {
    cache: (objs) => expect(named(objs, 'RedisInstance', 'sessions').metadata.annotations['cnrm.cloud.google.com/deletion-policy']).toBe('abandon'),
  },
  'cloudnative-pg': {
    // The Cluster's claims go with it; the profile declares a StorageClass that retains their volumes; the backups
    // (and their snapshots) are owned by nothing.
    database: (objs) => {
      expect(claimsInYaml(objs)).toEqual([]);
      const scheduled = byKind(objs, 'ScheduledBackup');
      for (const s of scheduled) expect(s.spec.backupOwnerReference).toBe('none');
    },
  },
  'rook': {
    objectStore: (objs) => expect(named(objs, 'ObjectBucketClaim', 'uploads').spec.storageClassName).toBe('rook-ceph-bucket'),
  },
  'aws-ack': {
    // Retained in AWS, and adopted by the same identifier when the YAML is applied again.
    database: (objs) => {
      const instance = named(objs, 'DBInstance', 'orders-db');
      expect(instance.spec.deletionProtection).toBe(true);
      expect(instance.metadata.annotations).toMatchObject({
        'services.k8s.aws/deletion-policy': 'retain',
        'services.k8s.aws/adoption-policy': 'adopt-or-create',
        'services.k8s.aws/adoption-fields': JSON.stringify({ dbInstanceIdentifier: instance.spec.dbInstanceIdentifier }),
      });
    },
    objectStore: (objs) => {
      const bucket = named(objs, 'Bucket', 'uploads');
      expect(bucket.metadata.annotations).toMatchObject({
        'services.k8s.aws/deletion-policy': 'retain',
        'services.k8s.aws/adoption-policy': 'adopt-or-create',
        'services.k8s.aws/adoption-fields': JSON.stringify({ name: bucket.spec.name }),
      });
    },
  },
  'gcp-kcc': {
    // Abandoned in GCP; Config Connector acquires a resource of the same resourceID when the YAML is applied again.
    database: (objs) => {
      for (const kind of ['SQLInstance', 'SQLDatabase', 'SQLUser']) {
        const o = named(objs, kind, 'orders-db');
        expect(o.metadata.annotations['cnrm.cloud.google.com/deletion-policy']).toBe('abandon');
        expect(typeof o.spec.resourceID).toBe('string');
      }
      expect(named(objs, 'SQLInstance', 'orders-db').spec.settings.deletionProtectionEnabled).toBe(true);
    },
    objectStore: (objs) => {
      const bucket = named(objs, 'StorageBucket', 'uploads');
      expect(bucket.metadata.annotations['cnrm.cloud.google.com/deletion-policy']).toBe('abandon');
      expect(typeof bucket.spec.resourceID).toBe('string');
    },
  },
  'azure-aso': {
    // Detached in Azure (ASO skips the DELETE); ASO adopts the server of the same azureName when the YAML is applied again.
    database: (objs) => {
      for (const kind of ['FlexibleServer', 'FlexibleServersDatabase', 'FlexibleServersConfiguration']) {
        const o = byKind(objs, kind).find((x) => x.metadata.name.startsWith('orders-db'));
        expect(o.metadata.annotations['serviceoperator.azure.com/reconcile-policy']).toBe('detach-on-delete');
      }
      expect(named(objs, 'FlexibleServer', 'orders-db').spec.azureName).toBe('orders-db');
    },
  },
  'azure-managed-redis': {
    // Detached in Azure, adopted by its azureName when the YAML is applied again.
    cache: (objs) => {
      for (const kind of ['RedisEnterprise', 'RedisEnterpriseDatabase']) {
        expect(named(objs, kind, 'sessions').metadata.annotations['serviceoperator.azure.com/reconcile-policy']).toBe('detach-on-delete');
      }
    },
  },
  'crossplane': {
    // The claim asks the platform's Composition to orphan the cloud resources.
    database: (objs) => expect(byKind(objs, 'Database')[0].spec.parameters.deletionPolicy).toBe('Retain'),
    objectStore: (objs) => expect(byKind(objs, 'ObjectStore')[0].spec.parameters.deletionPolicy).toBe('Retain'),
    cache: (objs) => expect(byKind(objs, 'Cache')[0].spec.parameters.deletionPolicy).toBe('Retain'),
    queue: (objs) => expect(byKind(objs, 'Queue').find((q) => q.apiVersion.startsWith('portabledata.io/')).spec.parameters.deletionPolicy).toBe('Retain'),
  },
};

/** By backend name: what the bound Deployment gets besides the connection's environment variables. */
const GETS: { [backend: string]: Checks<(objs: Objs, d: any) => void> } = {
  'in-cluster': {
    database: (objs, d) => admits(objs, 'orders-db', d),
    objectStore: (objs, d) => admits(objs, 'uploads', d),
    cache: (objs, d) => admits(objs, 'sessions', d),
    queue: (objs, d) => admits(objs, 'orders', d),
  },
  'rabbitmq-operators': { queue: (objs, d) => admits(objs, 'orders', d) },
  // The password (and the user) in the connection Secret; nothing else in the pod.
  'aws-elasticache': { cache: (objs) => expect(bindingSpec(objs, 'sessions').credentials.secret).toBe('sessions-credentials') },
  // Amazon MQ's one user, its administrator: the Broker has exactly one user, the service's.
  'aws-mq': {
    queue: (objs) => expect(named(objs, 'Broker', 'orders').spec.users).toEqual([{ username: 'orders', password: { name: 'orders-credentials', key: 'password' } }]),
  },
  'gcp-memorystore': { cache: (objs) => expect(bindingSpec(objs, 'sessions').deferred).toHaveProperty('password') },
  // The access key ASO exports, read by the binder; nothing else in the pod.
  'azure-managed-redis': { cache: (objs) => expect(bindingSpec(objs, 'sessions').deferred.password.name).toBe('sessions-azure-keys') },
  'cloudnative-pg': { database: (objs, d) => admits(objs, 'orders-db', d) },
  'rook': { objectStore: (objs) => expect(bindingSpec(objs, 'uploads').deferred).toHaveProperty('access-key-id') },
  'aws-ack': {
    // The database: a password (no identity). The bucket: an EKS Pod Identity association of ServiceAccount `app`
    // with a role that has the bucket's policy.
    database: (_, d) => expect(d.spec.template.spec.containers).toHaveLength(1),
    objectStore: (objs) => {
      const association = byKind(objs, 'PodIdentityAssociation').find((a) => a.spec.serviceAccount === 'app');
      const role = named(objs, 'Role', association.spec.roleRef.from.name);
      expect(role.spec.policyRefs).toContainEqual({ from: { name: 'uploads-access' } });
    },
  },
  'gcp-kcc': {
    // One Google service account for ServiceAccount `app`: Cloud SQL client on the project (the Auth Proxy sidecar
    // connects as it) and object user on the bucket.
    database: (objs, d) => {
      expect(d.spec.template.spec.initContainers.map((c: any) => c.name)).toContain('cloud-sql-proxy');
      expect(googleGrants(objs)).toEqual([['roles/cloudsql.client', 'Project'], ['roles/storage.objectUser', 'StorageBucket']]);
    },
    objectStore: (objs) => expect(googleGrants(objs)).toContainEqual(['roles/storage.objectUser', 'StorageBucket']),
  },
  'azure-aso': {
    // A password over TLS to the server's private address: nothing but the connection's variables.
    database: (_, d) => expect(d.spec.template.spec.containers).toHaveLength(1),
  },
  'crossplane': {
    database: (_, d) => expect(d.spec.template.spec.containers).toHaveLength(1),
    objectStore: (objs) => expect(byKind(objs, 'ObjectStore')[0].spec.parameters.serviceAccounts).toEqual(['app']),
    cache: (objs) => expect(bindingSpec(objs, 'sessions').deferred).toHaveProperty('password'),
    queue: (objs) => expect(bindingSpec(objs, 'orders').values).toHaveProperty('username', 'orders'),
  },
};

const CASES = Object.keys(MATRIX_PROFILES).filter((p) => p !== 'in-cluster-cnpg-no-snapshots');

describe.each(CASES)('on the %s profile', (profileName) => {
  test('RETAIN (the default of data): what kubectl delete -f of the YAML keeps, per backend', () => {
    const { objs, db, store, cache, queue } = build(profileName);
    KEPT[db.backendName].database!(objs);
    KEPT[store.backendName].objectStore!(objs);
    KEPT[cache.backendName].cache!(objs);
    KEPT[queue.backendName].queue!(objs);
  });

  test('a bound workload gets what its services need, per backend', () => {
    const { objs, db, store, cache, queue, deployment } = build(profileName);
    GETS[db.backendName].database!(objs, deployment);
    GETS[store.backendName].objectStore!(objs, deployment);
    GETS[cache.backendName].cache!(objs, deployment);
    GETS[queue.backendName].queue!(objs, deployment);
  });
});
