import { serviceObjects, synthExample, synthExampleAll, Synthesized } from '../util/examples';
import { registerPortableApis } from '../util/portable-apis';
import { expectValid } from '../util/schema';
import { DATABASE_CONNECTION_KEYS, OBJECT_STORE_ACCESS_KEYS, OBJECT_STORE_CONNECTION_KEYS, byKind, oneOf } from '../util/synth';

const PROFILES = ['in-cluster', 'in-cluster-operators', 'aws', 'gcp', 'crossplane'];

/** Per profile: the backend of each service and the kind of the object that is the service. */
const EXPECTED: { [profile: string]: { db: [string, string]; images: [string, string]; accessKeys: boolean } } = {
  'in-cluster': { db: ['in-cluster', 'StatefulSet'], images: ['in-cluster', 'StatefulSet'], accessKeys: true },
  'in-cluster-operators': { db: ['cloudnative-pg', 'Cluster'], images: ['rook', 'ObjectBucketClaim'], accessKeys: true },
  'aws': { db: ['aws-ack', 'DBInstance'], images: ['aws-ack', 'Bucket'], accessKeys: false },
  'gcp': { db: ['gcp-kcc', 'SQLInstance'], images: ['gcp-kcc', 'StorageBucket'], accessKeys: false },
  'crossplane': { db: ['crossplane', 'Database'], images: ['crossplane', 'ObjectStore'], accessKeys: false },
};

/** Paths of fields named like a password or an access key that hold a string (a value, not a reference). */
function secretValues(value: unknown, path: string = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretValues(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => /(password|secret-?access-?key|access-?key-?id)$/i.test(k) && typeof v === 'string'
    ? [`${path}.${k}`]
    : secretValues(v, `${path}.${k}`));
}

function photosDeployment(objs: any[]): any {
  return oneOf(objs, 'Deployment');
}

function photosContainer(objs: any[]): any {
  return photosDeployment(objs).spec.template.spec.containers.find((c: any) => c.name === 'photos');
}

beforeAll(() => registerPortableApis());

const results: { [profile: string]: Synthesized } = {};
beforeAll(async () => {
  const synthesized = await synthExampleAll('photos', PROFILES);
  PROFILES.forEach((p, i) => results[p] = synthesized[i]);
}, 600_000);

describe.each(PROFILES)('examples/photos with PORTABLE_PROFILE=%s', (profile) => {
  test('synthesizes with `npx cdk8s synth`, and every object validates strictly', () => {
    const { objs } = results[profile];
    expect(objs.length).toBeGreaterThan(8);
    expectValid(objs);
  });

  test('PostgreSQL and the bucket are served by the profile\'s backend', () => {
    const { objs } = results[profile];
    for (const [instance, [backend, kind]] of [['photos-db', EXPECTED[profile].db], ['photos-images', EXPECTED[profile].images]] as const) {
      const mine = serviceObjects(objs, instance);
      expect(mine.length).toBeGreaterThan(1);
      expect(new Set(mine.map((o) => o.metadata.labels['portabledata.io/backend']))).toEqual(new Set([backend]));
      expect(byKind(mine, kind).map((o) => o.metadata.name)).toEqual([instance]);
      // One binder Job per service, of the same backend.
      expect(byKind(mine, 'Job').filter((j) => j.metadata.name.startsWith(`${instance}-bind-`))).toHaveLength(1);
    }
  });

  test('the Deployment reads both connection Secrets, with the contract keys', () => {
    const container = photosContainer(results[profile].objs);
    const fromSecret = container.env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => [e.name, e.valueFrom.secretKeyRef]);
    const s3Keys = [...OBJECT_STORE_CONNECTION_KEYS, ...(EXPECTED[profile].accessKeys ? OBJECT_STORE_ACCESS_KEYS : [])];
    const envName = (prefix: string, key: string) => `${prefix}${key.toUpperCase().replace(/-/g, '_')}`;
    expect(fromSecret).toEqual([
      // PostgreSQL's driver negotiates TLS itself on RDS, Crossplane and CloudNativePG (sslmode); not in-cluster
      // (plaintext) or on GCP (the Cloud SQL Auth Proxy encrypts).
      ...[...DATABASE_CONNECTION_KEYS, ...(['aws', 'crossplane', 'in-cluster-operators'].includes(profile) ? ['sslmode'] : [])]
        .map((key) => [envName('DB_', key), { name: 'photos-db-connection', key }]),
      ...s3Keys.map((key) => [envName('S3_', key), { name: 'photos-images-connection', key }]),
    ]);
    expect(fromSecret.map((e: any) => e[0])).toEqual(expect.arrayContaining(['DB_HOST', 'DB_PASSWORD', 'S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION']));
  });

  test('the app runs as its own ServiceAccount, and where there are no access keys that identity gets the bucket', () => {
    const { objs } = results[profile];
    expect(photosDeployment(objs).spec.template.spec.serviceAccountName).toBe('photos');
    expect(byKind(objs, 'ServiceAccount').filter((sa) => sa.metadata.name === 'photos')).toHaveLength(1);
    if (profile === 'aws') {
      expect(oneOf(objs, 'PodIdentityAssociation').spec).toMatchObject({ clusterName: 'photos-prod', namespace: 'photos', serviceAccount: 'photos' });
    } else if (profile === 'gcp') {
      const sa = byKind(objs, 'ServiceAccount').find((s) => s.metadata.name === 'photos');
      expect(sa.metadata.annotations['iam.gke.io/gcp-service-account']).toMatch(/@photos-prod-4711\.iam\.gserviceaccount\.com$/);
      const bucketAccess = byKind(objs, 'IAMPolicyMember').filter((m) => m.spec.resourceRef.kind === 'StorageBucket');
      expect(bucketAccess.map((m) => m.spec.resourceRef.name)).toEqual(['photos-images']);
    } else if (profile === 'crossplane') {
      expect(oneOf(objs, 'ObjectStore').spec.parameters.serviceAccounts).toEqual(['photos']);
    } else {
      // Access keys in the connection Secret: no cloud identity objects.
      expect(byKind(objs, 'PodIdentityAssociation')).toEqual([]);
      expect(byKind(objs, 'IAMPolicyMember')).toEqual([]);
    }
  });

  test('the photos container is hardened, with /tmp on an emptyDir', () => {
    const pod = photosDeployment(results[profile].objs).spec.template.spec;
    const container = photosContainer(results[profile].objs);
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] },
    });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const tmp = container.volumeMounts.find((m: any) => m.mountPath === '/tmp');
    expect(pod.volumes.find((v: any) => v.name === tmp.name).emptyDir).toBeDefined();
  });

  test('a Service exposes the photos pods on port 80', () => {
    const { objs } = results[profile];
    const service = byKind(objs, 'Service').find((s) => s.metadata.name === 'photos');
    expect(service.spec.ports).toEqual([expect.objectContaining({ port: 80, targetPort: 8080 })]);
    expect(photosDeployment(objs).spec.template.metadata.labels).toMatchObject(service.spec.selector);
  });

  test('no Secret and no secret material in the YAML', () => {
    const { objs, yaml } = results[profile];
    expect(byKind(objs, 'Secret')).toEqual([]);
    expect(yaml).not.toMatch(/stringData:/);
    // Passwords and keys appear only as references (a secretKeyRef, a Secret name), never as values.
    expect(secretValues(objs)).toEqual([]);
  });
});

test('a second synth gives byte-identical YAML for every profile (in-cluster without PORTABLE_PROFILE: the default)', async () => {
  const again = await synthExampleAll('photos', PROFILES.map((p) => p === 'in-cluster' ? undefined : p));
  PROFILES.forEach((p, i) => expect(again[i].yaml).toEqual(results[p].yaml));
}, 600_000);

test('fails when PORTABLE_PROFILE names an unknown profile, listing the known ones', async () => {
  await expect(synthExample('photos', 'onprem')).rejects.toThrow(
    /PORTABLE_PROFILE: invalid profile name "onprem": allowed: one of aws, azure, crossplane, gcp, in-cluster, in-cluster-operators/);
}, 120_000);
