import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DeletionPolicy, InClusterProfile, ObjectStoreOperator, PortableObjectStore, Profile } from '../../src';
import { PROFILES } from '../profiles.fixture';
import { registerPortableApis } from '../util/portable-apis';
import { expectValid } from '../util/schema';
import { OBJECT_STORE_ACCESS_KEYS, OBJECT_STORE_CONNECTION_KEYS, bindingSpec, byKind, newChart, oneOf, synth } from '../util/synth';

/** Every built-in profile of the fixture, plus in-cluster with Rook. */
const OBJECT_STORE_PROFILES: { [name: string]: () => Profile } = {
  ...PROFILES,
  rook: () => new InClusterProfile({
    name: 'rook',
    objectStoreOperator: ObjectStoreOperator.ROOK,
    bucketStorageClassName: 'rook-ceph-bucket',
    bucketReclaimPolicy: DeletionPolicy.RETAIN,
  }),
};
const NAMES = Object.keys(OBJECT_STORE_PROFILES);

/** What each profile's contract says about keys: keys in-cluster and on Rook, the workload's identity elsewhere. */
const USES_KEYS: { [profile: string]: boolean } = { 'in-cluster': true, 'rook': true, 'aws': false, 'gcp': false, 'crossplane': false };

/** Construct IDs under the service, per backend: changing one replaces a bucket. */
const EXPECTED_IDS: { [profile: string]: string[] } = {
  'in-cluster': ['ExpireCronJob', 'HeadlessService', 'KeeperScript', 'NetworkPolicy', 'Service', 'SetupJob', 'StatefulSet'],
  'rook': ['KeeperScript', 'ObjectBucketClaim', 'SetupJob'],
  'aws': ['AccessPolicy', 'Bucket'],
  'gcp': ['StorageBucket'],
  'crossplane': ['Claim'],
};

function keysOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((v) => keysOf(v, into));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

function build(profileName: string) {
  const { app, chart } = newChart('shop');
  Profile.use(chart, OBJECT_STORE_PROFILES[profileName]());
  const store = new PortableObjectStore(chart, 'Uploads', { name: 'uploads', expiration: Duration.days(90), labels: { team: 'shop' } });
  const sa = new kplus.ServiceAccount(chart, 'WebSa', { metadata: { name: 'web' } });
  const web = new kplus.Deployment(chart, 'Web', { serviceAccount: sa, containers: [{ image: 'example/shop:1.0.0', portNumber: 8080 }] });
  store.bind(web, { mount: true });
  return { app, chart, store, web };
}

beforeAll(() => registerPortableApis());

describe.each(NAMES)('PortableObjectStore contract on the %s profile', (profileName) => {
  test('the connection Secret has the same name, type and base keys everywhere; access keys only where the environment uses keys', () => {
    const { chart, store } = build(profileName);
    const spec = bindingSpec(synth(chart));
    const expectedKeys = [...OBJECT_STORE_CONNECTION_KEYS, ...(USES_KEYS[profileName] ? OBJECT_STORE_ACCESS_KEYS : [])];
    expect(store.connection.secretName).toBe('uploads-connection');
    expect(store.connection.secretType).toBe('servicebinding.io/s3');
    expect(store.accessKeys).toBe(USES_KEYS[profileName]);
    expect(spec).toMatchObject({ connectionSecret: 'uploads-connection', secretType: 'servicebinding.io/s3', keys: expectedKeys });
    expect(spec.keys).toEqual(store.connection.keys);
    // No database leftovers: no uri, no password, no username.
    expect(spec.uriTemplate).toBeUndefined();
    expect(spec.keys).not.toContain('uri');
    expect(spec.keys).not.toContain('password');
    expect(spec.values).toMatchObject({ type: 's3' });
    expect(typeof spec.values.provider).toBe('string');
    // Every key is known at synth time, read at deploy time, or copied from the credentials Secret — exactly once.
    for (const key of spec.keys) {
      const sources = [spec.values[key], spec.deferred[key], spec.endpoints?.[key], spec.credentials?.copy?.[key]].filter((x) => x !== undefined);
      expect({ key, sources: sources.length }).toEqual({ key, sources: 1 });
    }
  });

  test('the bucket name is generated from the prefix, the name and a hash, and is the same in the contract', () => {
    const { chart, store } = build(profileName);
    expect(store.bucketName).toMatch(/^uploads-[0-9a-f]{8}$/);
    const spec = bindingSpec(synth(chart));
    expect(spec.values.bucket ?? spec.deferred.bucket).toBeDefined();
    if (spec.values.bucket !== undefined) expect(spec.values.bucket).toBe(store.bucketName);
  });

  test('every object of the service is named after it and labelled with it', () => {
    const { chart } = build(profileName);
    const own = synth(chart).filter((o) => o.metadata.labels?.['app.kubernetes.io/instance'] === 'uploads');
    expect(own.length).toBeGreaterThanOrEqual(2);
    for (const o of own) {
      expect(o.metadata.name).toMatch(/^(data-)?uploads(-[a-z0-9-]+)?$/);
      expect(o.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': 'object-store',
        'app.kubernetes.io/managed-by': 'cdk8s-portable-data',
        'portabledata.io/backend': Profile.of(chart).backendFor(PortableObjectStore.KIND).name,
        'team': 'shop',
      });
    }
  });

  test('binding injects every key as S3_* env from the connection Secret and mounts the binding', () => {
    const { chart, store } = build(profileName);
    const deployment = oneOf(synth(chart), 'Deployment');
    const app = deployment.spec.template.spec.containers.find((c: any) => c.image === 'example/shop:1.0.0');
    for (const key of store.connection.keys) {
      const v = app.env.find((e: any) => e.name === `S3_${key.toUpperCase().replace(/-/g, '_')}`);
      expect(v?.valueFrom?.secretKeyRef).toEqual({ name: 'uploads-connection', key });
    }
    expect(app.env.filter((e: any) => e.name.startsWith('S3_'))).toHaveLength(store.connection.keys.length);
    expect(app.env.filter((e: any) => e.name.startsWith('AWS_'))).toEqual([]);
    const mount = app.volumeMounts.find((m: any) => m.mountPath === '/bindings/uploads');
    expect(mount?.readOnly).toBe(true);
  });

  test('everything synthesized validates strictly against the upstream schemas', () => {
    expectValid(synth(build(profileName).chart));
  });

  test('synthesizing twice gives byte-identical YAML', () => {
    expect(build(profileName).app.synthYaml()).toEqual(build(profileName).app.synthYaml());
  });

  test('no manifest contains secret material', () => {
    const objs = synth(build(profileName).chart);
    expect(byKind(objs, 'Secret')).toEqual([]);
    const text = JSON.stringify(objs);
    expect(text).not.toMatch(/"(password|secretAccessKey|secret-access-key|AWS_SECRET_ACCESS_KEY|ROOT_SECRET_KEY)"\s*:\s*"[^"]/i);
    expect([...keysOf(objs)]).not.toContain('stringData');
  });

  test('construct IDs of the service are stable (renaming one replaces a bucket)', () => {
    const { store } = build(profileName);
    expect(store.node.children.map((c) => c.node.id).sort()).toEqual([...EXPECTED_IDS[profileName], 'BinderCronJob', 'BinderJob'].sort());
  });
});

test('the default profile serves object stores in-cluster', () => {
  const store = new PortableObjectStore(Testing.chart(), 'Uploads');
  expect(store.profile.name).toBe('in-cluster');
  expect(store.backendName).toBe('in-cluster');
});

test('fails when the profile has no object store backend', () => {
  const { chart } = newChart();
  Profile.use(chart, Profile.custom({ name: 'databases-only' }));
  expect(() => new PortableObjectStore(chart, 'Uploads')).toThrow(
    /test\/Uploads: invalid profile "databases-only" service kind "object-store": allowed: the kinds this profile has backends for: none\. Fix: give the profile a object-store backend \(Profile\.custom\(\{ backends: \[\{ kind, backend \}\] \}\)\)/);
});
