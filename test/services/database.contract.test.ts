import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DeletionPolicy, InClusterProfile, PortableDatabase, PortableDatabaseProps, PortableMySQL, PortablePostgres, PostgresOperator, Profile, ServiceKind } from '../../src';
import { PROFILES } from '../profiles.fixture';
import { registerPortableApis } from '../util/portable-apis';
import { expectValid } from '../util/schema';
import { DATABASE_CONNECTION_KEYS, bindingSpec, byKind, newChart, oneOf, synth } from '../util/synth';

/** One contract for every relational engine: what must hold on every profile. */
interface EngineCase {
  readonly make: (scope: Construct, id: string, props?: PortableDatabaseProps) => PortableDatabase;
  readonly kind: ServiceKind;
  readonly type: string;
  readonly port: string;
  /** The contract key and value of the engine's TLS mode, and the uri's TLS parameter. */
  readonly tlsKey: string;
  readonly tlsValue: string;
  readonly profiles: { [name: string]: () => Profile };
}

const ENGINES: { [engine: string]: EngineCase } = {
  PortableMySQL: {
    make: (scope, id, props) => new PortableMySQL(scope, id, props),
    kind: PortableMySQL.KIND,
    type: 'mysql',
    port: '3306',
    tlsKey: 'ssl-mode',
    tlsValue: 'REQUIRED',
    profiles: PROFILES,
  },
  PortablePostgres: {
    make: (scope, id, props) => new PortablePostgres(scope, id, props),
    kind: PortablePostgres.KIND,
    type: 'postgresql',
    port: '5432',
    tlsKey: 'sslmode',
    tlsValue: 'require',
    // Every profile of the shared fixture, plus in-cluster PostgreSQL run by CloudNativePG.
    profiles: {
      ...PROFILES,
      'in-cluster-cloudnative-pg': () => new InClusterProfile({
        name: 'in-cluster-cnpg',
        storageClassName: 'fast-ssd',
        postgresOperator: PostgresOperator.CLOUDNATIVE_PG,
        storageReclaimPolicy: DeletionPolicy.RETAIN,
        volumeSnapshotClassName: 'csi-snapclass',
      }),
    },
  },
};

/**
 * Construct IDs under the service, per backend: changing one replaces the database. In-cluster, the retained
 * backup claim is the binder's (not in the YAML); `BackupVolume` exists only with `DeletionPolicy.DELETE`.
 */
const EXPECTED_IDS: { [profile: string]: string[] } = {
  'in-cluster': ['BackupCronJob', 'HeadlessService', 'NetworkPolicy', 'Service', 'StatefulSet'],
  'aws': ['DBInstance', 'DBParameterGroup'],
  'gcp': ['SQLDatabase', 'SQLInstance', 'SQLUser'],
  'crossplane': ['Claim'],
  'in-cluster-cloudnative-pg': ['BackupPruner', 'Cluster', 'NetworkPolicy', 'ScheduledBackup'],
};

/** Construct IDs only one engine has on a backend: the in-cluster PostgreSQL init script (the non-superuser app role). */
const EXTRA_IDS: { [engineAndProfile: string]: string[] } = {
  'PortablePostgres in-cluster': ['InitScripts'],
};

/** Where the binder reads the password: the operator's Secret for CloudNativePG, else the credentials Secret it generates. */
const EXPECTED_CREDENTIALS: { [profile: string]: object } = {
  'in-cluster-cloudnative-pg': { secret: 'orders-db-app', generate: false, passwordKey: 'password' },
};
const GENERATED_CREDENTIALS = { secret: 'orders-db-credentials', generate: true, passwordKey: 'password' };

/**
 * TLS per backend: `tls` (encrypted in transit) and whether the driver negotiates TLS itself (then the engine's TLS
 * key is in the contract and its parameter in the uri). Cloud SQL: the Auth Proxy encrypts, the app talks
 * plaintext to 127.0.0.1.
 */
const EXPECTED_TLS: { [profile: string]: { tls: string; driverTls: boolean } } = {
  'in-cluster': { tls: 'false', driverTls: false },
  'aws': { tls: 'true', driverTls: true },
  'gcp': { tls: 'true', driverTls: false },
  'crossplane': { tls: 'true', driverTls: true },
  'in-cluster-cloudnative-pg': { tls: 'true', driverTls: true },
};

const CASES = Object.entries(ENGINES).flatMap(([engine, c]) => Object.keys(c.profiles).map((profile) => [engine, profile]));

/** Every object key in a tree. */
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

beforeAll(() => registerPortableApis());

function build(engine: string, profileName: string) {
  const engineCase = ENGINES[engine];
  const { app, chart } = newChart('shop');
  Profile.use(chart, engineCase.profiles[profileName]());
  const db = engineCase.make(chart, 'Db', { name: 'orders-db', databaseName: 'orders' });
  // A ServiceAccount of its own: cloud identities (GKE Workload Identity for the Cloud SQL Auth Proxy) bind to it.
  const serviceAccount = new kplus.ServiceAccount(chart, 'WebSa', { metadata: { name: 'web' } });
  const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'example/shop:1.0.0', portNumber: 8080 }], serviceAccount });
  db.bind(web, { mount: true });
  return { app, chart, db, web };
}

describe.each(CASES)('%s contract on the %s profile', (engine, profileName) => {
  const engineCase = ENGINES[engine];
  test('the connection Secret has the same name, type and keys as on every profile', () => {
    const { chart, db } = build(engine, profileName);
    const spec = bindingSpec(synth(chart));
    expect(db.connection.secretName).toBe('orders-db-connection');
    expect(db.connection.secretType).toBe(`servicebinding.io/${engineCase.type}`);
    expect(spec.connectionSecret).toBe('orders-db-connection');
    expect(spec.secretType).toBe(`servicebinding.io/${engineCase.type}`);
    const tls = EXPECTED_TLS[profileName];
    expect(spec.keys).toEqual(['type', 'provider', 'host', 'port', 'database', 'username', 'password', 'tls', 'uri', ...(tls.driverTls ? [engineCase.tlsKey] : [])]);
    expect(spec.keys.slice(0, DATABASE_CONNECTION_KEYS.length)).toEqual(DATABASE_CONNECTION_KEYS);
    expect(db.connection.keys).toEqual(spec.keys);
    expect(spec.uriTemplate).toBe(`${engineCase.type}://{username}:{password}@{host}:{port}/{database}[?${engineCase.tlsKey}={${engineCase.tlsKey}}]`);
    expect(spec.values).toMatchObject({ type: engineCase.type, port: engineCase.port, database: 'orders', username: 'app', tls: tls.tls });
    expect(spec.values[engineCase.tlsKey]).toBe(tls.driverTls ? engineCase.tlsValue : undefined);
    expect(typeof spec.values.provider).toBe('string');
    // The host is either known at synth time or read at deploy time, never both, never neither.
    expect(Object.keys(spec.deferred).concat(spec.values.host ? ['host'] : [])).toEqual(['host']);
    // Every key but password and uri (built by the binder from the password) is known or deferred.
    for (const key of spec.keys.filter((k: string) => k !== 'password' && k !== 'uri')) {
      expect(spec.values[key] ?? spec.deferred[key]).toBeDefined();
    }
    expect(spec.credentials).toMatchObject(EXPECTED_CREDENTIALS[profileName] ?? GENERATED_CREDENTIALS);
  });

  test('every object is named after the service and labelled with it', () => {
    const { chart } = build(engine, profileName);
    const own = synth(chart).filter((o) => o.metadata.labels?.['app.kubernetes.io/instance'] === 'orders-db');
    expect(own.length).toBeGreaterThanOrEqual(2);
    for (const o of own) {
      expect(o.metadata.name).toMatch(/^(data-)?orders-db(-[a-z0-9-]+)?$/);
      expect(o.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': engineCase.type,
        'app.kubernetes.io/managed-by': 'cdk8s-portable-data',
        'portabledata.io/backend': Profile.of(chart).backendFor(engineCase.kind).name,
      });
    }
  });

  test('binding injects every key as DB_* env from the connection Secret and mounts the binding', () => {
    const { chart, db } = build(engine, profileName);
    const deployment = oneOf(synth(chart), 'Deployment');
    const app = deployment.spec.template.spec.containers.find((c: any) => c.image === 'example/shop:1.0.0');
    expect(db.connection.keys).toEqual(expect.arrayContaining(DATABASE_CONNECTION_KEYS));
    for (const key of db.connection.keys) {
      const v = app.env.find((e: any) => e.name === `DB_${key.toUpperCase().replace(/-/g, '_')}`);
      expect(v?.valueFrom?.secretKeyRef).toEqual({ name: 'orders-db-connection', key });
    }
    expect(app.env.find((e: any) => e.name === 'SERVICE_BINDING_ROOT')?.value).toBe('/bindings');
    const mount = app.volumeMounts.find((m: any) => m.mountPath === '/bindings/orders-db');
    expect(mount?.readOnly).toBe(true);
    const volume = deployment.spec.template.spec.volumes.find((v: any) => v.name === mount.name);
    expect(volume.secret.secretName).toBe('orders-db-connection');
  });

  test('everything synthesized validates strictly against the upstream schemas', () => {
    const { chart } = build(engine, profileName);
    expectValid(synth(chart));
  });

  test('synthesizing twice gives byte-identical YAML', () => {
    const first = build(engine, profileName).app.synthYaml();
    const second = build(engine, profileName).app.synthYaml();
    expect(second).toEqual(first);
  });

  test('no manifest contains secret material', () => {
    const { chart } = build(engine, profileName);
    const objs = synth(chart);
    // No Secret objects at all: credentials and connection Secrets are created in the cluster.
    expect(byKind(objs, 'Secret')).toEqual([]);
    const text = JSON.stringify(objs);
    expect(text).not.toMatch(/"(password|masterUserPassword|rootPassword)"\s*:\s*"[^"]/i);
    expect([...keysOf(objs)]).not.toContain('stringData');
    // The binder's uri template names the keys it fills at deploy time; nothing else looks like a URI with a password.
    expect(text).not.toMatch(/(mysql|postgres(ql)?):\/\/(?!\{username\}:\{password\}@\{host\})[^"]*:[^"]*@/);
  });

  test('construct IDs of the service are stable (renaming one replaces a database)', () => {
    const { db } = build(engine, profileName);
    const ids = db.node.children.map((c) => c.node.id).sort();
    expect(ids).toEqual([...EXPECTED_IDS[profileName], ...(EXTRA_IDS[`${engine} ${profileName}`] ?? []), 'BinderCronJob', 'BinderJob'].sort());
  });
});

test.each(Object.keys(ENGINES))('%s: the default profile is in-cluster', (engine) => {
  const chart = Testing.chart();
  const db = ENGINES[engine].make(chart, 'Db');
  expect(db.profile.name).toBe('in-cluster');
  expect(db.backendName).toBe('in-cluster');
});
