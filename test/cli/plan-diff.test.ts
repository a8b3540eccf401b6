import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { registerProfiles } from '../../examples/worker/profiles';
import {
  CachePersistence, CacheSnapshot, HighAvailability, InstanceSize, MySqlVersion, PortableCache, PortableMySQL, PortableCacheProps,
  PortablePostgres, PortablePostgresProps,
  PortableQueue, PortableQueueProps, PostgresVersion, Profile, GcpProfile, RabbitMqVersion, ValkeyVersion,
} from '../../src';
import { CONSEQUENCES } from '../../src/cli/diff-rules';
import { main } from '../../src/cli/main';
import { diffObjects, EXIT_BLOCKING, PlanDiff } from '../../src/cli/plan-diff';

const BASE: PortablePostgresProps = { name: 'orders-db', databaseName: 'orders', storage: Size.gibibytes(40), version: PostgresVersion.V16 };

/**
 * Synthesizes a PostgreSQL (and, with `cache`, a cache) with the worker example's profiles and `PORTABLE_PROFILE=profile`,
 * as a user's app does; `gcpAutoresize: false` registers a GCP profile without disk autoresize.
 */
function synthApp(profile: string, props: Partial<PortablePostgresProps> = {}, opts: { cache?: boolean; gcpAutoresize?: boolean } = {}): any[] {
  const saved = process.env.PORTABLE_PROFILE;
  process.env.PORTABLE_PROFILE = profile;
  try {
    const app = new App();
    if (opts.gcpAutoresize === false) {
      Profile.register(app, new GcpProfile({ projectId: 'orders-4711', region: 'europe-west1', diskAutoresize: false }));
    } else {
      registerProfiles(app);
    }
    const chart = new Chart(app, 'orders', { namespace: 'orders' });
    new PortablePostgres(chart, 'Db', { ...BASE, ...props });
    if (opts.cache) new PortableCache(chart, 'Cache', { name: 'orders-cache', memory: Size.gibibytes(1) });
    return parseAllDocuments(app.synthYaml()).map((d) => d.toJS()).filter((o) => o);
  } finally {
    if (saved === undefined) delete process.env.PORTABLE_PROFILE;
    else process.env.PORTABLE_PROFILE = saved;
  }
}

/** Every consequence the cases below produced. */
const seen = new Set<string>();
const diff = (oldObjs: any[], newObjs: any[]) => {
  const d = diffObjects(oldObjs, newObjs, 'old', 'new');
  for (const s of d.services) seen.add(s.consequence);
  return d;
};
const service = (d: PlanDiff, name: string) => d.services.find((s) => s.service === name)!;
const change = (d: PlanDiff, path: string) => d.services.flatMap((s) => s.changes).find((c) => c.path === path);

describe('plan --diff classifies each change of real synth output', () => {
  test('none: the same app synthesized twice changes nothing', () => {
    const d = diff(synthApp('aws'), synthApp('aws'));
    expect(service(d, 'orders-db')).toMatchObject({ backend: 'aws-ack', consequence: 'none', changes: [] });
    expect(d).toMatchObject({ consequence: 'none', blocking: false });
  });

  test('in place: a larger storage on RDS grows allocatedStorage online', () => {
    const d = diff(synthApp('aws'), synthApp('aws', { storage: Size.gibibytes(80) }));
    expect(change(d, 'spec.allocatedStorage')).toMatchObject({ object: 'DBInstance/orders-db', old: '40', new: '80', consequence: 'in-place' });
    expect(service(d, 'orders-db').consequence).toBe('in-place');
    expect(d.blocking).toBe(false);
  });

  test('restart: a new instance size on Cloud SQL changes the tier (zonal instance)', () => {
    const d = diff(synthApp('gcp', { highAvailability: HighAvailability.NONE }), synthApp('gcp', { highAvailability: HighAvailability.NONE, instanceSize: InstanceSize.LARGE }));
    expect(change(d, 'spec.settings.tier')).toMatchObject({ consequence: 'restart' });
    expect(service(d, 'orders-db').consequence).toBe('restart');
  });

  test('failover: a new instance class of a Multi-AZ RDS instance', () => {
    const ha = { highAvailability: HighAvailability.REQUIRED };
    const d = diff(synthApp('aws', ha), synthApp('aws', { ...ha, instanceSize: InstanceSize.LARGE }));
    expect(change(d, 'spec.dbInstanceClass')).toMatchObject({ consequence: 'failover' });
    // The same change without a standby restarts.
    const single = diff(synthApp('aws', { highAvailability: HighAvailability.NONE }), synthApp('aws', { highAvailability: HighAvailability.NONE, instanceSize: InstanceSize.LARGE }));
    expect(change(single, 'spec.dbInstanceClass')).toMatchObject({ consequence: 'restart' });
  });

  test.each([
    ['aws', 'spec.engineVersion'],
    ['gcp', 'spec.databaseVersion'],
    ['crossplane', 'spec.parameters.majorVersion'],
    ['in-cluster-operators', 'spec.imageName'],
  ])('irreversible: PostgreSQL 16 → 17 on %s (%s)', (profile, path) => {
    const d = diff(synthApp(profile), synthApp(profile, { version: PostgresVersion.V17 }));
    expect(change(d, path)).toMatchObject({ consequence: 'irreversible' });
    expect(change(d, path)!.reason).toMatch(/major upgrade/);
    expect(d.blocking).toBe(false);
  });

  test('replaces: a renamed service deletes the old resource', () => {
    const d = diff(synthApp('aws'), synthApp('aws', { name: 'orders2-db' }));
    expect(service(d, 'orders-db').changes).toContainEqual(expect.objectContaining({ object: 'DBInstance/orders-db', path: '(object)', consequence: 'replaces' }));
    expect(service(d, 'orders2-db').changes).toContainEqual(expect.objectContaining({ object: 'DBInstance/orders2-db', path: '(object)', consequence: 'in-place' }));
    expect(d).toMatchObject({ consequence: 'replaces', blocking: true });
  });

  test('replaces: another profile puts the service on another backend', () => {
    const d = diff(synthApp('in-cluster'), synthApp('aws'));
    expect(service(d, 'orders-db')).toMatchObject({ backend: 'in-cluster → aws-ack', consequence: 'replaces' });
    expect(service(d, 'orders-db').changes[0]).toMatchObject({ path: 'backend', consequence: 'replaces' });
  });

  test.each([
    ['aws', 'spec.allocatedStorage', {}],
    ['gcp', 'spec.settings.diskSize', { gcpAutoresize: false }],
    ['crossplane', 'spec.parameters.storageGB', {}],
    ['in-cluster-operators', 'spec.storage.size', {}],
  ])('refused: a smaller storage on %s (%s)', (profile, path, opts) => {
    const d = diff(synthApp(profile, {}, opts), synthApp(profile, { storage: Size.gibibytes(20) }, opts));
    expect(change(d, path)).toMatchObject({ consequence: 'refused' });
    expect(change(d, path)!.reason).toMatch(/shrink/);
    expect(d.blocking).toBe(true);
  });

  test('none: a new storage on Cloud SQL with diskAutoresize (Config Connector keeps the live size)', () => {
    const d = diff(synthApp('gcp'), synthApp('gcp', { storage: Size.gibibytes(20) }));
    expect(change(d, 'spec.settings.diskSize')).toMatchObject({ old: '40', new: '20', consequence: 'none' });
    expect(change(d, 'spec.settings.diskSize')!.reason).toMatch(/cnrm.cloud.google.com\/unmanaged/);
    expect(d.blocking).toBe(false);
  });

  test('refused: a larger storage of an in-cluster StatefulSet (volumeClaimTemplates are immutable)', () => {
    const d = diff(synthApp('in-cluster'), synthApp('in-cluster', { storage: Size.gibibytes(80) }));
    expect(change(d, 'spec.volumeClaimTemplates[0].spec.resources.requests.storage')).toMatchObject({ consequence: 'refused' });
  });

  test('refused: PostgreSQL 16 → 17 in an in-cluster StatefulSet (a new major cannot start on the old data directory)', () => {
    const d = diff(synthApp('in-cluster'), synthApp('in-cluster', { version: PostgresVersion.V17 }));
    const c = change(d, 'spec.template.spec.containers[0].image')!;
    expect(c).toMatchObject({ consequence: 'refused' });
    expect(c.reason).toMatch(/cannot start a new major on the old data directory.*runs no pg_upgrade/);
    // MySQL upgrades its data directory itself at start: 8.0 → 8.4 there is irreversible, not refused.
    const mysql = (version: MySqlVersion) => synthWith('in-cluster', (ch) => new PortableMySQL(ch, 'Db', { name: 'orders-db', databaseName: 'orders', version }));
    expect(changeOf(diffObjects(mysql(MySqlVersion.V8_0), mysql(MySqlVersion.V8_4), 'old', 'new'), 'StatefulSet/orders-db', 'spec.template.spec.containers[0].image'))
      .toMatchObject({ consequence: 'irreversible' });
  });

  test('refused: a downgrade (PostgreSQL 17 → 16 on RDS)', () => {
    const d = diff(synthApp('aws', { version: PostgresVersion.V17 }), synthApp('aws', { version: PostgresVersion.V16 }));
    expect(change(d, 'spec.engineVersion')).toMatchObject({ consequence: 'refused' });
    expect(change(d, 'spec.engineVersion')!.reason).toMatch(/downgrade/);
  });

  test('refused: the database name is create-only (RDS dbName)', () => {
    const d = diff(synthApp('aws'), synthApp('aws', { databaseName: 'orders2' }));
    expect(change(d, 'spec.dbName')).toMatchObject({ consequence: 'refused' });
  });

  test('the cases above are the worst consequence of a service for every consequence class', () => {
    // Runs last in this describe: adding a class to CONSEQUENCES needs a case above.
    expect([...seen].sort()).toEqual([...CONSEQUENCES].sort());
  });
});

/** Synthesizes what `build` declares in a chart of the worker example's app under `PORTABLE_PROFILE=profile`. */
function synthWith(profile: string, build: (chart: Construct) => void): any[] {
  const saved = process.env.PORTABLE_PROFILE;
  process.env.PORTABLE_PROFILE = profile;
  try {
    const app = new App();
    registerProfiles(app);
    build(new Chart(app, 'orders', { namespace: 'orders' }));
    return parseAllDocuments(app.synthYaml()).map((d) => d.toJS()).filter((o) => o);
  } finally {
    if (saved === undefined) delete process.env.PORTABLE_PROFILE;
    else process.env.PORTABLE_PROFILE = saved;
  }
}
const cacheOn = (profile: string, props: PortableCacheProps = {}) => synthWith(profile, (c) => new PortableCache(c, 'Cache', { name: 'orders-cache', ...props }));
const queueOn = (profile: string, props: PortableQueueProps = {}) => synthWith(profile, (c) => new PortableQueue(c, 'Queue', { name: 'orders-queue', ...props }));
const dbOn = (profile: string, props: Partial<PortablePostgresProps> = {}) => synthWith(profile, (c) => new PortablePostgres(c, 'Db', { ...BASE, ...props }));
/** A copy of `objects` with `edit` applied to the object of this kind. */
const editing = (objects: any[], kind: string, edit: (o: any) => void) => objects.map((o) => {
  const copy = JSON.parse(JSON.stringify(o));
  if (copy.kind === kind) edit(copy);
  return copy;
});
const changeOf = (d: PlanDiff, object: string, path: string) => d.services.flatMap((s) => s.changes)
  .find((c) => c.object === object && c.path === path);

describe('plan --diff: engine upgrades and restores of caches and queues, per backend', () => {
  test('ElastiCache: a new minor (Valkey 8.0 → 8.1) is in place, node by node', () => {
    const d = diffObjects(cacheOn('aws', { version: ValkeyVersion.V8_0 }), cacheOn('aws', { version: ValkeyVersion.V8_1 }), 'old', 'new');
    expect(changeOf(d, 'ReplicationGroup/orders-cache', 'spec.engineVersion')).toMatchObject({ old: '"8.0"', new: '"8.1"', consequence: 'in-place' });
    expect(service(d, 'orders-cache')).toMatchObject({ backend: 'aws-elasticache', consequence: 'in-place' });
  });

  test('ElastiCache: a new major (Valkey 7.2 → 8.0) is irreversible, on a new parameter group of the new family', () => {
    const d = diffObjects(cacheOn('aws', { version: ValkeyVersion.V7_2 }), cacheOn('aws', { version: ValkeyVersion.V8_0 }), 'old', 'new');
    expect(changeOf(d, 'ReplicationGroup/orders-cache', 'spec.engineVersion')).toMatchObject({ consequence: 'irreversible' });
    expect(changeOf(d, 'ReplicationGroup/orders-cache', 'spec.cacheParameterGroupRef.from.name')).toMatchObject({ old: '"orders-cache-valkey7"', new: '"orders-cache-valkey8"' });
    // A group's family is create-only: the old group goes (it holds no data), a group of the new family comes.
    expect(changeOf(d, 'CacheParameterGroup/orders-cache-valkey7', '(object)')).toMatchObject({ consequence: 'in-place' });
    expect(changeOf(d, 'CacheParameterGroup/orders-cache-valkey8', '(object)')).toMatchObject({ consequence: 'in-place' });
    expect(d.services.flatMap((s) => s.changes).filter((c) => c.path === 'spec.cacheParameterGroupFamily')).toEqual([]);
    expect(service(d, 'orders-cache')).toMatchObject({ backend: 'aws-elasticache', consequence: 'irreversible' });
    expect(d.blocking).toBe(false);
  });

  test('ElastiCache: restoreFrom is read at creation only (added later: nothing; changed: refused by the CRD)', () => {
    const plain = cacheOn('aws', { persistence: CachePersistence.DURABLE });
    const restored = cacheOn('aws', { persistence: CachePersistence.DURABLE, restoreFrom: CacheSnapshot.named('orders-cache-2026') });
    expect(changeOf(diffObjects(plain, restored, 'old', 'new'), 'ReplicationGroup/orders-cache', 'spec.snapshotName'))
      .toMatchObject({ consequence: 'none', reason: expect.stringMatching(/restores nothing/) });
    const other = cacheOn('aws', { persistence: CachePersistence.DURABLE, restoreFrom: CacheSnapshot.named('orders-cache-2027') });
    expect(changeOf(diffObjects(restored, other, 'old', 'new'), 'ReplicationGroup/orders-cache', 'spec.snapshotName'))
      .toMatchObject({ consequence: 'refused', reason: expect.stringMatching(/immutable/) });
  });

  test.each([
    [HighAvailability.AUTO, 'failover'],
    [HighAvailability.NONE, 'restart'],
  ])('Memorystore: a new Redis minor (REDIS_7_0 → REDIS_7_2) with highAvailability %s is a %s', (ha, consequence) => {
    const now = cacheOn('gcp', { highAvailability: ha });
    const before = editing(now, 'RedisInstance', (o) => { o.spec.redisVersion = 'REDIS_7_0'; });
    expect(changeOf(diffObjects(before, now, 'old', 'new'), 'RedisInstance/orders-cache', 'spec.redisVersion')).toMatchObject({ consequence });
    // A new major is irreversible (Memorystore never downgrades), a lower version refused.
    const older = editing(now, 'RedisInstance', (o) => { o.spec.redisVersion = 'REDIS_6_X'; });
    expect(changeOf(diffObjects(older, now, 'old', 'new'), 'RedisInstance/orders-cache', 'spec.redisVersion')).toMatchObject({ consequence: 'irreversible' });
    expect(changeOf(diffObjects(now, older, 'old', 'new'), 'RedisInstance/orders-cache', 'spec.redisVersion')).toMatchObject({ consequence: 'refused' });
  });

  test.each([
    [HighAvailability.AUTO, 'failover'],
    [HighAvailability.NONE, 'restart'],
  ])('Memorystore: new memory with highAvailability %s is a %s (up or down: the data is kept)', (ha, consequence) => {
    const d = diffObjects(cacheOn('gcp', { highAvailability: ha, memory: Size.gibibytes(4) }), cacheOn('gcp', { highAvailability: ha, memory: Size.gibibytes(2) }), 'old', 'new');
    expect(changeOf(d, 'RedisInstance/orders-cache', 'spec.memorySizeGb')).toMatchObject({ old: '4', new: '2', consequence });
  });

  test('Azure Managed Redis: more memory is a larger SKU, scaled online', () => {
    const d = diffObjects(cacheOn('azure'), cacheOn('azure', { memory: Size.gibibytes(12) }), 'old', 'new');
    expect(changeOf(d, 'RedisEnterprise/orders-cache', 'spec.sku.name')).toMatchObject({ consequence: 'in-place' });
    expect(service(d, 'orders-cache')).toMatchObject({ backend: 'azure-managed-redis', consequence: 'in-place' });
  });

  test('in the cluster: a new Valkey major restarts a cache-only server (no data to upgrade) and is irreversible for a durable one', () => {
    const cacheOnly = diffObjects(cacheOn('in-cluster', { version: ValkeyVersion.V7_2 }), cacheOn('in-cluster', { version: ValkeyVersion.V8_0 }), 'old', 'new');
    expect(changeOf(cacheOnly, 'StatefulSet/orders-cache', 'spec.template.spec.containers[0].image'))
      .toMatchObject({ consequence: 'restart', reason: expect.stringMatching(/keep no data across restarts/) });
    const durable = { persistence: CachePersistence.DURABLE };
    const d = diffObjects(cacheOn('in-cluster', { ...durable, version: ValkeyVersion.V7_2 }), cacheOn('in-cluster', { ...durable, version: ValkeyVersion.V8_0 }), 'old', 'new');
    expect(changeOf(d, 'StatefulSet/orders-cache', 'spec.template.spec.containers[0].image')).toMatchObject({ consequence: 'irreversible' });
    // A minor (8.0 → 8.1) restarts it.
    const minor = diffObjects(cacheOn('in-cluster', { ...durable, version: ValkeyVersion.V8_0 }), cacheOn('in-cluster', { ...durable, version: ValkeyVersion.V8_1 }), 'old', 'new');
    expect(changeOf(minor, 'StatefulSet/orders-cache', 'spec.template.spec.containers[0].image')).toMatchObject({ consequence: 'restart' });
  });

  test('Amazon MQ: a new RabbitMQ minor is irreversible and waits for the maintenance window or a reboot', () => {
    const now = queueOn('aws');
    const before = editing(now, 'Broker', (o) => { o.spec.engineVersion = '4.1'; });
    const c = changeOf(diffObjects(before, now, 'old', 'new'), 'Broker/orders-queue', 'spec.engineVersion')!;
    expect(c).toMatchObject({ old: '"4.1"', new: '"4.2"', consequence: 'irreversible' });
    expect(c.reason).toMatch(/next maintenance window or reboot/);
    // A patch release of the same minor restarts at the same moment.
    const patch = changeOf(diffObjects(editing(now, 'Broker', (o) => { o.spec.engineVersion = '4.2.1'; }), editing(now, 'Broker', (o) => { o.spec.engineVersion = '4.2.3'; }), 'old', 'new'), 'Broker/orders-queue', 'spec.engineVersion')!;
    expect(patch).toMatchObject({ consequence: 'restart', reason: expect.stringMatching(/next maintenance window or reboot/) });
  });

  test.each([
    ['in-cluster', 'StatefulSet/orders-queue', 'spec.template.spec.containers[0].image'],
    ['in-cluster-operators', 'RabbitmqCluster/orders-queue', 'spec.image'],
  ])('RabbitMQ on %s: 4.2 → 4.3 is irreversible, 4.2 → 4.4 skips a minor and 4.3 → 4.2 is a downgrade (both refused)', (profile, object, path) => {
    const v42 = queueOn(profile, { version: RabbitMqVersion.V4_2 });
    const v43 = queueOn(profile, { version: RabbitMqVersion.V4_3 });
    const v44 = queueOn(profile, { version: RabbitMqVersion.of('4.4', '4.4.0') });
    expect(changeOf(diffObjects(v42, v43, 'old', 'new'), object, path)).toMatchObject({ consequence: 'irreversible' });
    expect(changeOf(diffObjects(v42, v44, 'old', 'new'), object, path)).toMatchObject({ consequence: 'refused', reason: expect.stringMatching(/one minor at a time/) });
    expect(changeOf(diffObjects(v43, v42, 'old', 'new'), object, path)).toMatchObject({ consequence: 'refused', reason: expect.stringMatching(/downgrade/) });
  });

  test('Azure Database: PostgreSQL 16 → 17 is irreversible, a smaller storage refused, a larger one in place', () => {
    const d = diffObjects(dbOn('azure'), dbOn('azure', { version: PostgresVersion.V17 }), 'old', 'new');
    expect(changeOf(d, 'FlexibleServer/orders-db', 'spec.version')).toMatchObject({ consequence: 'irreversible' });
    const shrink = diffObjects(dbOn('azure', { storage: Size.gibibytes(128) }), dbOn('azure', { storage: Size.gibibytes(64) }), 'old', 'new');
    expect(changeOf(shrink, 'FlexibleServer/orders-db', 'spec.storage.storageSizeGB')).toMatchObject({ consequence: 'refused' });
    const grow = diffObjects(dbOn('azure', { storage: Size.gibibytes(64) }), dbOn('azure', { storage: Size.gibibytes(128) }), 'old', 'new');
    expect(changeOf(grow, 'FlexibleServer/orders-db', 'spec.storage.storageSizeGB')).toMatchObject({ consequence: 'in-place' });
  });
});

describe('plan --diff on the command line', () => {
  const dirs: string[] = [];
  const folder = (objs: any[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-diff-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'app.k8s.yaml'), objs.map((o) => JSON.stringify(o)).join('\n---\n'));
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  test('exit 0 and a table for a change that loses nothing', async () => {
    const r = await run(['plan', '--diff', folder(synthApp('aws')), '--dir', folder(synthApp('aws', { storage: Size.gibibytes(80) }))]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/service orders-db: backend aws-ack: in-place/);
    expect(r.out).toMatch(/in-place +DBInstance\/orders-db spec\.allocatedStorage +40 → 80/);
  });

  test(`exit ${EXIT_BLOCKING} for a shrink, in json for CI`, async () => {
    const r = await run(['plan', '--diff', folder(synthApp('aws')), '--dir', folder(synthApp('aws', { storage: Size.gibibytes(20) })), '--format', 'json']);
    expect(r.code).toBe(EXIT_BLOCKING);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ blocking: true, consequence: 'refused' });
    expect(json.services[0].changes).toContainEqual(expect.objectContaining({ path: 'spec.allocatedStorage', consequence: 'refused' }));
  });

  test('markdown for a pull request, with every service of both folders', async () => {
    const r = await run(['plan', '--diff', folder(synthApp('aws')), '--dir', folder(synthApp('aws', { version: PostgresVersion.V17 }, { cache: true })), '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/### `orders-db`: backend `aws-ack`: \*\*irreversible\*\*/);
    expect(r.out).toMatch(/\| \*\*irreversible\*\* \| `DBInstance\/orders-db` \| `spec.engineVersion` \| `"16"` → `"17"` \|/);
    expect(r.out).toMatch(/### `orders-cache`: backend `aws-elasticache`: \*\*in-place\*\*/);
  });

  test('fails when --diff is given with --app (a usage error, exit 2)', async () => {
    const r = await run(['plan', '--diff', 'old', '--app', '.']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--diff <folder>' cannot be used with option '--app <folder>'/);
  });

  test('fails when the old folder holds no manifest (exit 2)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'plan-diff-empty-'));
    dirs.push(empty);
    const r = await run(['plan', '--diff', empty, '--dir', folder(synthApp('aws'))]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plan --diff: /);
  });
});
