/**
 * Crossplane for real, over the variants the model-based unit tests (test/environments/crossplane/*.test.ts) render:
 * claims written through the public API under a CrossplaneProfile, rendered by the real `crossplane render` and
 * function-patch-and-transform through the Compositions of `examples/platform` (both clouds), every composed resource
 * valid strictly against its provider CRD, the claim's connection Secret given exactly the XRD's keys, and the model
 * composing the same resources and connection details. A claim the Compositions cannot serve fails in both.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { agreement } from './model';
import { Platform, composeClaim, crossplaneRender, parsePlatform, renderClaim, stopFunction } from './render';
import {
  Backup, CachePersistence, Credentials, CrossplaneProfile, DataSource, DeletionPolicy, EvictionPolicy, HighAvailability, InstanceSize, MySqlVersion,
  PortableCache, PortableCacheProps, PortableMySQL, PortableMySQLProps, PortableObjectStore, PortableObjectStoreProps, PortablePostgres,
  PortablePostgresProps, PortableQueue, PortableQueueProps, PostgresVersion, Profile,
} from '../../src';
import { render as modelRender } from '../environments/crossplane/render';
import { registerXrd, validateManifest } from '../util/schema';

jest.setTimeout(60_000);

const platform: Platform = parsePlatform(readFileSync(join(__dirname, '..', 'golden', 'platform', 'platform.k8s.yaml'), 'utf8'));

/** The claim a service writes under a CrossplaneProfile selecting `provider`. */
function claimOf(provider: string, build: (chart: Chart) => void): any {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  Profile.use(chart, new CrossplaneProfile({ compositionSelector: { provider }, namePrefix: 'prod-' }));
  build(chart);
  // A restore's source writes a claim of its own: the claim of the variant is the one named `orders`.
  const all = Testing.synth(chart).filter((o) => o.apiVersion === 'portabledata.io/v1alpha1');
  const claims = all.length > 1 ? all.filter((o) => o.metadata.name === 'orders') : all;
  if (claims.length !== 1) throw new Error(`expected one claim, got ${claims.length}`);
  return claims[0];
}

const mysql = (props: PortableMySQLProps) => (chart: Chart) => new PortableMySQL(chart, 'Db', { name: 'orders', ...props });
const postgres = (props: PortablePostgresProps) => (chart: Chart) => new PortablePostgres(chart, 'Db', { name: 'orders', ...props });
const store = (props: PortableObjectStoreProps) => (chart: Chart) => new PortableObjectStore(chart, 'Uploads', { name: 'uploads', ...props });
const cache = (props: PortableCacheProps) => (chart: Chart) => new PortableCache(chart, 'Sessions', { name: 'sessions', ...props });
const queue = (props: PortableQueueProps) => (chart: Chart) => new PortableQueue(chart, 'Orders', { name: 'orders', ...props });

const BOTH = ['aws', 'gcp'];

/** A MySQL database `orders` restored from a source `orders-source` with a recovery window. */
function restored(from: (source: PortableMySQL) => DataSource) {
  return (chart: Chart) => {
    const source = new PortableMySQL(chart, 'Source', { name: 'orders-source', backup: Backup.daily({ pointInTimeWindow: Duration.days(7) }) });
    new PortableMySQL(chart, 'Db', { name: 'orders', restoreFrom: from(source) });
  };
}

/** [label, clouds, build]: test/environments/crossplane/{compositions,postgres,object-store,cache,queue}.test.ts's variants. */
const VARIANTS: Array<[string, string[], (chart: Chart) => void]> = [
  ['MySQL defaults', BOTH, mysql({})],
  ['MySQL 8.0', BOTH, mysql({ version: MySqlVersion.V8_0 })],
  ['MySQL pinned version', BOTH, mysql({ version: MySqlVersion.of('8.4', '8.4.6') })],
  ['MySQL storage', BOTH, mysql({ storage: Size.gibibytes(1000) })],
  ['MySQL medium', BOTH, mysql({ instanceSize: InstanceSize.MEDIUM })],
  ['MySQL large', BOTH, mysql({ instanceSize: InstanceSize.LARGE })],
  ['MySQL custom 8 vCPU 32 GiB', BOTH, mysql({ instanceSize: InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(32) }) })],
  ['MySQL custom 16 vCPU 64 GiB (AWS)', ['aws'], mysql({ instanceSize: InstanceSize.custom({ cpu: 16, memory: Size.gibibytes(64) }) })],
  ['MySQL custom 2 vCPU 16 GiB (AWS)', ['aws'], mysql({ instanceSize: InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(16) }) })],
  ['MySQL custom 6 vCPU 24 GiB (GCP)', ['gcp'], mysql({ instanceSize: InstanceSize.custom({ cpu: 6, memory: Size.mebibytes(24576) }) })],
  ['MySQL database name', BOTH, mysql({ databaseName: 'orders_db' })],
  ['MySQL no HA', BOTH, mysql({ highAvailability: HighAvailability.NONE })],
  ['MySQL HA required', BOTH, mysql({ highAvailability: HighAvailability.REQUIRED })],
  ['MySQL no backups', BOTH, mysql({ backup: Backup.disabled() })],
  ['MySQL backups', BOTH, mysql({ backup: Backup.daily({ startTime: '23:45', retention: Duration.days(35) }) })],
  ['MySQL delete', BOTH, mysql({ deletionPolicy: DeletionPolicy.DELETE })],
  ['MySQL recovery window', BOTH, mysql({ backup: Backup.daily({ retention: Duration.days(10), pointInTimeWindow: Duration.days(5) }) })],
  ['MySQL restored from a snapshot (AWS)', ['aws'], mysql({ restoreFrom: DataSource.backup('orders-20261201') })],
  ['MySQL clone', BOTH, restored((source) => DataSource.cloneOf(source))],
  ['MySQL point in time', BOTH, restored((source) => DataSource.pointInTime(source, '2026-12-01T09:00:00Z'))],
  ['MySQL credentials from a secret', BOTH, mysql({ credentials: Credentials.fromSecret('orders-db', { username: 'svc', passwordKey: 'pw' }) })],
  ['PostgreSQL defaults', BOTH, postgres({})],
  ['PostgreSQL 15', BOTH, postgres({ version: PostgresVersion.V15 })],
  ['PostgreSQL 16', BOTH, postgres({ version: PostgresVersion.V16 })],
  ['PostgreSQL pinned version', BOTH, postgres({ version: PostgresVersion.of('17', '17.6') })],
  ['PostgreSQL pinned version of another major', BOTH, postgres({ version: PostgresVersion.of('16', '16.9') })],
  ['PostgreSQL storage', BOTH, postgres({ storage: Size.gibibytes(1000) })],
  ['PostgreSQL medium', BOTH, postgres({ instanceSize: InstanceSize.MEDIUM })],
  ['PostgreSQL custom 8 vCPU 32 GiB', BOTH, postgres({ instanceSize: InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(32) }) })],
  ['PostgreSQL custom 8 vCPU 64 GiB (AWS)', ['aws'], postgres({ instanceSize: InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(64) }) })],
  ['PostgreSQL no HA', BOTH, postgres({ highAvailability: HighAvailability.NONE })],
  ['PostgreSQL HA required', BOTH, postgres({ highAvailability: HighAvailability.REQUIRED })],
  ['PostgreSQL no backups', BOTH, postgres({ backup: Backup.disabled() })],
  ['PostgreSQL backups', BOTH, postgres({ backup: Backup.daily({ startTime: '23:45', retention: Duration.days(35) }) })],
  ['PostgreSQL delete', BOTH, postgres({ deletionPolicy: DeletionPolicy.DELETE })],
  ['PostgreSQL credentials from a secret', BOTH, postgres({ credentials: Credentials.fromSecret('orders-db', { username: 'svc', passwordKey: 'pw' }) })],
  ['object store defaults', BOTH, store({})],
  ['object store expiration', BOTH, store({ expiration: Duration.days(90) })],
  ['object store unversioned', BOTH, store({ versioned: false })],
  ['object store delete', BOTH, store({ deletionPolicy: DeletionPolicy.DELETE })],
  ['object store unversioned, delete', BOTH, store({ versioned: false, deletionPolicy: DeletionPolicy.DELETE })],
  ['cache defaults', BOTH, cache({})],
  ['cache no HA, delete', BOTH, cache({ highAvailability: HighAvailability.NONE, deletionPolicy: DeletionPolicy.DELETE })],
  ['cache durable, largest', BOTH, cache({ persistence: CachePersistence.DURABLE, memory: Size.gibibytes(300) })],
  ['cache smallest, LFU', BOTH, cache({ memory: Size.mebibytes(256), evictionPolicy: EvictionPolicy.ALLKEYS_LFU })],
  ['cache durable, 1500 MiB, LRU', BOTH, cache({ persistence: CachePersistence.DURABLE, memory: Size.mebibytes(1500), evictionPolicy: EvictionPolicy.ALLKEYS_LRU })],
  ['cache no HA, volatile TTL', BOTH, cache({ highAvailability: HighAvailability.NONE, evictionPolicy: EvictionPolicy.VOLATILE_TTL })],
  ...[3277, 6554, 13108, 26216, 52432, 105000, 210000].map((mib): [string, string[], (chart: Chart) => void] =>
    [`cache ${mib} MiB`, ['aws'], cache({ memory: Size.mebibytes(mib) })]),
  ['queue defaults', ['aws'], queue({})],
  ['queue no HA, large, delete', ['aws'], queue({ highAvailability: HighAvailability.NONE, instanceSize: InstanceSize.LARGE, deletionPolicy: DeletionPolicy.DELETE })],
  ['queue medium', ['aws'], queue({ instanceSize: InstanceSize.MEDIUM })],
];

const CASES = VARIANTS.flatMap(([label, clouds, build]) => clouds.map((cloud) => [label, cloud, build] as [string, string, (chart: Chart) => void]));

beforeAll(() => {
  for (const xrd of platform.xrds) registerXrd(xrd);
});
afterAll(() => stopFunction());

test.each(CASES)('%s (%s): every composed resource valid, the XRD\'s connection keys, and the model agrees', async (_label, cloud, build) => {
  const claim = claimOf(cloud, build);
  expect(validateManifest(claim)).toEqual([]);
  const { xrd, composite, composition } = composeClaim(claim, platform);
  expect(composition.metadata.labels.provider).toBe(cloud);
  expect(validateManifest(composite)).toEqual([]);
  const a = await agreement(claim, platform);
  const templates = composition.spec.pipeline.flatMap((s: any) => s.input.resources.map((t: any) => t.name)).sort();
  expect(a.real.composed.map((c) => c.metadata.annotations['crossplane.io/composition-resource-name'])).toEqual(templates);
  for (const c of a.real.composed) {
    expect({ kind: c.kind, errors: validateManifest(c) }).toEqual({ kind: c.kind, errors: [] });
  }
  for (const { resource } of Object.values(a.real.observed)) {
    expect({ kind: resource.kind, errors: validateManifest(resource) }).toEqual({ kind: resource.kind, errors: [] });
  }
  expect(Object.keys(a.real.connection.connectionDetails).sort()).toEqual([...xrd.spec.connectionSecretKeys].sort());
  expect(a.differences).toEqual([]);
}, 30_000);

test.each(BOTH)('%s: the ServiceAccounts a claim lists change nothing the Composition composes (granting access is the platform\'s job)', async (cloud) => {
  const without = claimOf(cloud, store({}));
  const listed = JSON.parse(JSON.stringify(without));
  listed.spec.parameters.serviceAccounts = ['web', 'api'];
  expect(validateManifest(listed)).toEqual([]);
  const [a, b] = [await renderClaim(without, platform), await renderClaim(listed, platform)];
  expect(b.composed).toEqual(a.composed);
});

/** [label, cloud, build, what the composed instance's forProvider has]: restores and recovery windows, as rendered. */
const RESTORES: Array<[string, string, (chart: Chart) => void, { [field: string]: unknown }]> = [
  ['a snapshot', 'aws', mysql({ restoreFrom: DataSource.backup('orders-20261201') }), { snapshotIdentifier: 'orders-20261201' }],
  ['a clone', 'aws', restored((s) => DataSource.cloneOf(s)), { restoreToPointInTime: { sourceDbInstanceIdentifier: 'prod-orders-source', useLatestRestorableTime: true } }],
  ['a point in time', 'aws', restored((s) => DataSource.pointInTime(s, '2026-12-01T09:00:00Z')),
    { restoreToPointInTime: { sourceDbInstanceIdentifier: 'prod-orders-source', restoreTime: '2026-12-01T09:00:00Z' } }],
  ['a clone', 'gcp', restored((s) => DataSource.cloneOf(s)), { clone: { sourceInstanceName: 'prod-orders-source' } }],
  ['a point in time', 'gcp', restored((s) => DataSource.pointInTime(s, '2026-12-01T09:00:00Z')),
    { clone: { sourceInstanceName: 'prod-orders-source', pointInTime: '2026-12-01T09:00:00Z' } }],
];

test.each(RESTORES)('%s (%s) reaches the composed instance', async (_label, cloud, build, expected) => {
  const { composed } = await renderClaim(claimOf(cloud, build), platform);
  const [instance] = composed.filter((c: any) => ['Instance', 'DatabaseInstance'].includes(c.kind));
  expect(instance.spec.forProvider).toMatchObject(expected);
});

test('a recovery window (gcp) sets the Cloud SQL transaction log days, the retention the retained backups', async () => {
  const { composed } = await renderClaim(claimOf('gcp', mysql({ backup: Backup.daily({ retention: Duration.days(10), pointInTimeWindow: Duration.days(5) }) })), platform);
  const [instance] = composed.filter((c: any) => c.kind === 'DatabaseInstance');
  expect(instance.spec.forProvider.settings.backupConfiguration).toMatchObject({
    transactionLogRetentionDays: 5,
    backupRetentionSettings: { retainedBackups: 10 },
  });
});

describe('fails when', () => {
  test('a hand-written claim asks for a custom size without an RDS class: the function\'s map transform finds no key, in both', async () => {
    const claim = claimOf('aws', mysql({}));
    Object.assign(claim.spec.parameters, { instanceSize: 'custom', cpu: 3, memoryMiB: 5120 });
    const { xrd, composite, composition } = composeClaim(claim, platform);
    await expect(crossplaneRender(composite, composition, xrd)).rejects.toThrow(
      /returned a fatal result: cannot render composed resource "rds-instance" "CombineFromComposite" patch at index \d+: .*map transform could not resolve: key 3-5120 is not found in map/);
    expect(() => modelRender(composition, composite)).toThrow(/map transform: key 3-5120 not found in map/);
  });

  test('an XR names an engine and a major the XRD would refuse: the GCP Composition has no database version for it, in both', async () => {
    const claim = claimOf('gcp', postgres({}));
    claim.spec.parameters.engine = 'mysql';
    const { xrd, composite, composition } = composeClaim(claim, platform);
    await expect(crossplaneRender(composite, composition, xrd)).rejects.toThrow(/returned a fatal result: cannot render composed resource "cloudsql-instance" .*map transform could not resolve: key mysql-17 is not found in map/);
    expect(() => modelRender(composition, composite)).toThrow(/map transform: key mysql-17 not found in map/);
  });

  test('an XR has no claim: the resources whose patches require the claim\'s namespace are not composed, in both', async () => {
    const claim = claimOf('aws', mysql({}));
    const { xrd, composite, composition } = composeClaim(claim, platform);
    delete composite.spec.claimRef;
    const real = await crossplaneRender(composite, composition, xrd);
    const model = modelRender(composition, composite);
    expect(real.composed.map((c) => c.metadata.annotations['crossplane.io/composition-resource-name'])).toEqual(['rds-parameter-group']);
    expect(model.filter((r) => r.skipped).map((r) => r.name)).toEqual(['rds-instance']);
    expect(real.results).toEqual([expect.objectContaining({
      severity: 'SEVERITY_WARNING',
      message: expect.stringMatching(/not adding new composed resource "rds-instance" to desired state because "FromCompositeFieldPath" patch at index \d+ has 'policy.fromFieldPath: Required'/),
    })]);
    expect(real.compositeStatus.status.conditions).toEqual([expect.objectContaining({ type: 'Ready', status: 'False', reason: 'Creating' })]);
  });

  test('a claim selects a provider no Composition of its type has (queues on GCP)', () => {
    const claim = claimOf('aws', queue({}));
    claim.spec.compositionSelector.matchLabels.provider = 'gcp';
    expect(() => composeClaim(claim, platform)).toThrow(
      'claim shop/orders selects 0 Compositions of XQueue (none); Crossplane needs exactly one (it picks at random among several)');
  });
});
