/**
 * Every cloud-specific fact of the Crossplane environment is a record keyed by cloud: each API's Compositions are
 * one, where every cloud answers with an implementation or a refusal. The compiler makes every record answer for
 * every cloud; the platforms install the implemented clouds only, and the profile refuses a kind whose selected
 * cloud refuses it.
 */
import {
  CrossplaneCachePlatform, CrossplaneCloud, CrossplaneDatabasePlatform, CrossplaneObjectStorePlatform, CrossplaneProfile,
  CrossplaneQueuePlatform, PortableCache, PortableMySQL, PortableObjectStore, PortableQueue, Profile,
} from '../../../src';
import { CACHE_COMPOSITIONS } from '../../../src/environments/crossplane/cache/compositions';
import { CLOUD_TITLES, PerCloud, cloudConstant, compositionId } from '../../../src/environments/crossplane/clouds';
import {
  CloudComposition, CompositionRefusal, Compositions, implementations, implementedClouds,
} from '../../../src/environments/crossplane/compositions';
import { DATABASE_COMPOSITIONS } from '../../../src/environments/crossplane/database/compositions';
import { OBJECT_STORE_COMPOSITIONS } from '../../../src/environments/crossplane/object-store/compositions';
import { QUEUE_COMPOSITIONS } from '../../../src/environments/crossplane/queue/compositions';
import { byKind, newChart, synth } from '../../util/synth';

const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'];
const QUEUE_AWS = { region: 'eu-west-1', subnetIds: SUBNETS, securityGroupIds: ['sg-0123456789abcdef0'] };

/** `true` only when the two types are the same. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('records keyed by cloud', () => {
  test('every API\'s Compositions answer for every cloud (a type-level test: the file compiles only if they do)', () => {
    const records: Array<PerCloud<CloudComposition<any> | CompositionRefusal>> = [
      DATABASE_COMPOSITIONS, OBJECT_STORE_COMPOSITIONS, CACHE_COMPOSITIONS, QUEUE_COMPOSITIONS,
    ];
    const everyCloud: Array<Same<keyof typeof QUEUE_COMPOSITIONS, CrossplaneCloud>> = [true];
    expect(everyCloud).toEqual([true]);
    for (const record of records) expect(Object.keys(record).sort()).toEqual(Object.values(CrossplaneCloud).sort());
    expect(Object.keys(CLOUD_TITLES).sort()).toEqual(Object.values(CrossplaneCloud).sort());
  });

  test('fails to compile when a record leaves out a cloud, or answers with an implementation for a cloud without options', () => {
    const aws: CloudComposition<{ readonly region: string }> = { compose: () => [] };
    // @ts-expect-error: GCP must answer, with an implementation or a refusal
    const missing: Compositions<{ [CrossplaneCloud.AWS]: { readonly region: string } }> = { [CrossplaneCloud.AWS]: aws };
    const implementedWithoutOptions: Compositions<{ [CrossplaneCloud.AWS]: { readonly region: string } }> = {
      [CrossplaneCloud.AWS]: aws,
      // @ts-expect-error: the platform has no GCP options, so GCP can only refuse
      [CrossplaneCloud.GCP]: aws,
    };
    const refused: Compositions<{ [CrossplaneCloud.AWS]: { readonly region: string } }> = {
      [CrossplaneCloud.AWS]: aws,
      [CrossplaneCloud.GCP]: new CompositionRefusal('no such service', 'do without'),
      [CrossplaneCloud.AZURE]: new CompositionRefusal('no such service', 'do without'),
    };
    expect([missing, implementedWithoutOptions].every((r) => r[CrossplaneCloud.AWS] === aws)).toBe(true);
    expect(implementedClouds(refused)).toEqual([CrossplaneCloud.AWS]);
    expect(implementations(refused)).toEqual([[CrossplaneCloud.AWS, aws]]);
  });

  test('the queue API refuses GCP with its reason and fix; every other API has both clouds', () => {
    const gcp = QUEUE_COMPOSITIONS[CrossplaneCloud.GCP];
    expect(gcp).toBeInstanceOf(CompositionRefusal);
    expect(gcp).toMatchObject({ reason: 'GCP has no managed AMQP 0-9-1 service', fix: expect.stringContaining('queuesInCluster: true') });
    expect(implementedClouds(QUEUE_COMPOSITIONS)).toEqual([CrossplaneCloud.AWS]);
    for (const record of [DATABASE_COMPOSITIONS, OBJECT_STORE_COMPOSITIONS, CACHE_COMPOSITIONS]) {
      expect(implementedClouds(record)).toEqual([CrossplaneCloud.AWS, CrossplaneCloud.GCP]);
    }
  });

  test('every API refuses Azure with its reason and fix: no Composition yet for databases and caches, no protocol for the others', () => {
    const azure = (record: PerCloud<unknown>) => record[CrossplaneCloud.AZURE] as CompositionRefusal;
    for (const record of [DATABASE_COMPOSITIONS, OBJECT_STORE_COMPOSITIONS, CACHE_COMPOSITIONS, QUEUE_COMPOSITIONS]) {
      expect(azure(record)).toBeInstanceOf(CompositionRefusal);
      expect(implementedClouds(record)).not.toContain(CrossplaneCloud.AZURE);
    }
    expect({ ...azure(DATABASE_COMPOSITIONS) }).toEqual({
      reason: 'this library has no Composition on Crossplane\'s Azure provider (provider-upjet-azure) yet',
      fix: 'use the azure profile (AzureProfile: Azure Database for MySQL and for PostgreSQL flexible servers through Azure Service Operator v2), or a Composition of another cloud',
    });
    expect({ ...azure(CACHE_COMPOSITIONS) }).toEqual({
      reason: 'this library has no Composition on Crossplane\'s Azure provider (provider-upjet-azure) yet',
      fix: 'use the azure profile (AzureProfile: Azure Managed Redis through Azure Service Operator v2), or a Composition of another cloud',
    });
    expect({ ...azure(OBJECT_STORE_COMPOSITIONS) }).toEqual({
      reason: 'Azure Blob Storage does not speak S3, the portable object store\'s protocol',
      fix: 'run object stores in the cluster: the azure profile (AzureProfile) takes objectStoresInCluster: true, or use a Composition of another cloud',
    });
    expect({ ...azure(QUEUE_COMPOSITIONS) }).toEqual({
      reason: 'Azure has no managed AMQP 0-9-1 service (Service Bus speaks AMQP 1.0, a different protocol)',
      fix: 'run queues in the cluster: a CrossplaneProfile whose compositionSelector picks provider: azure takes queuesInCluster: true',
    });
  });

  test('construct IDs and fixes name a cloud from its value (construct IDs are API)', () => {
    expect(Object.values(CrossplaneCloud).map(compositionId)).toEqual(['AwsComposition', 'GcpComposition', 'AzureComposition']);
    expect(cloudConstant(CrossplaneCloud.AZURE)).toBe('CrossplaneCloud.AZURE');
    expect(CLOUD_TITLES[CrossplaneCloud.AZURE]).toBe('Azure');
    expect(cloudConstant(CrossplaneCloud.GCP)).toBe('CrossplaneCloud.GCP');
  });
});

describe('platforms install the clouds with a Composition', () => {
  function queuePlatform(props: any) {
    const { chart } = newChart();
    const platform = new CrossplaneQueuePlatform(chart, 'Queues', props);
    return { platform, objs: synth(chart) };
  }

  test('by default, every cloud with an implementation: AWS only for queues', () => {
    const { platform, objs } = queuePlatform({ aws: QUEUE_AWS });
    expect(byKind(objs, 'Composition').map((c) => c.metadata.labels.provider)).toEqual(['aws']);
    expect(platform.compositions.map((c) => c.node.id)).toEqual(['AwsComposition']);
    expect(platform.composition).toBe(platform.compositions[0]);
  });

  test('fails when a platform is asked for a cloud that refuses its API, with the reason and the fix', () => {
    expect(() => queuePlatform({ clouds: [CrossplaneCloud.AWS, CrossplaneCloud.GCP], aws: QUEUE_AWS })).toThrow(
      'test/Queues: invalid clouds ["aws","gcp"]: allowed: clouds with a Composition of the portable Crossplane queue API (aws): it has no GCP '
      + 'Composition (GCP has no managed AMQP 0-9-1 service). Fix: leave CrossplaneCloud.GCP out of clouds; run queues in the cluster: a '
      + 'CrossplaneProfile whose compositionSelector picks provider: gcp takes queuesInCluster: true');
  });

  test.each<[string, (scope: any) => void]>([
    ['database', (scope) => new CrossplaneDatabasePlatform(scope, 'P', { clouds: [], aws: { region: 'eu-west-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] } })],
    ['object store', (scope) => new CrossplaneObjectStorePlatform(scope, 'P', { clouds: [] })],
    ['cache', (scope) => new CrossplaneCachePlatform(scope, 'P', { clouds: [] })],
    ['queue', (scope) => new CrossplaneQueuePlatform(scope, 'P', { clouds: [], aws: QUEUE_AWS })],
  ])('fails when the %s platform is asked for no cloud, naming the clouds with a Composition', (_, build) => {
    expect(() => build(newChart().chart)).toThrow(/invalid clouds \[\]: allowed: one or more distinct clouds of aws, gcp, azure\. Fix: pass e\.g\. \[CrossplaneCloud\.AWS\], or omit clouds for every cloud with a Composition \(aws(, gcp)?\)/);
  });
});

describe('every platform refuses Azure at synth, with the reason, the fix and the code', () => {
  const AZURE = [CrossplaneCloud.AZURE];
  test.each<[string, string, (scope: any) => void]>([
    ['database', '', (scope) => new CrossplaneDatabasePlatform(scope, 'P', { clouds: AZURE })],
    ['object store', '', (scope) => new CrossplaneObjectStorePlatform(scope, 'P', { clouds: AZURE })],
    ['cache', '', (scope) => new CrossplaneCachePlatform(scope, 'P', { clouds: AZURE })],
    ['queue', '', (scope) => new CrossplaneQueuePlatform(scope, 'P', { clouds: AZURE, aws: QUEUE_AWS })],
    ['database', ' (beside AWS)', (scope) => new CrossplaneDatabasePlatform(scope, 'P', { clouds: [CrossplaneCloud.AWS, CrossplaneCloud.AZURE], aws: { region: 'eu-west-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] } })],
  ])('the %s platform%s', (noun, _, build) => {
    const record = { 'database': DATABASE_COMPOSITIONS, 'object store': OBJECT_STORE_COMPOSITIONS, 'cache': CACHE_COMPOSITIONS, 'queue': QUEUE_COMPOSITIONS }[noun]!;
    const refusal = record[CrossplaneCloud.AZURE] as CompositionRefusal;
    const implemented = noun === 'queue' ? 'aws' : 'aws, gcp';
    const given = build.toString().includes('CrossplaneCloud.AWS') ? '["aws","azure"]' : '["azure"]';
    expect(() => build(newChart().chart)).toThrow(
      `test/P: invalid clouds ${given}: allowed: clouds with a Composition of the portable Crossplane ${noun} API (${implemented}): it has no Azure `
      + `Composition (${refusal.reason}). Fix: leave CrossplaneCloud.AZURE out of clouds; ${refusal.fix} [PD100]`);
  });

  test('the messages in full, as a user reads them', () => {
    expect(() => new CrossplaneQueuePlatform(newChart().chart, 'P', { clouds: AZURE, aws: QUEUE_AWS })).toThrow(
      'test/P: invalid clouds ["azure"]: allowed: clouds with a Composition of the portable Crossplane queue API (aws): it has no Azure Composition '
      + '(Azure has no managed AMQP 0-9-1 service (Service Bus speaks AMQP 1.0, a different protocol)). Fix: leave CrossplaneCloud.AZURE out of clouds; '
      + 'run queues in the cluster: a CrossplaneProfile whose compositionSelector picks provider: azure takes queuesInCluster: true [PD100]');
    expect(() => new CrossplaneDatabasePlatform(newChart().chart, 'P', { clouds: AZURE })).toThrow(
      'test/P: invalid clouds ["azure"]: allowed: clouds with a Composition of the portable Crossplane database API (aws, gcp): it has no Azure Composition '
      + '(this library has no Composition on Crossplane\'s Azure provider (provider-upjet-azure) yet). Fix: leave CrossplaneCloud.AZURE out of clouds; '
      + 'use the azure profile (AzureProfile: Azure Database for MySQL and for PostgreSQL flexible servers through Azure Service Operator v2), '
      + 'or a Composition of another cloud [PD100]');
  });

  test('omitting clouds installs AWS and GCP as before, and no Azure Composition', () => {
    const { chart } = newChart();
    const platforms = [
      new CrossplaneDatabasePlatform(chart, 'Db', { aws: { region: 'eu-west-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] }, gcp: { region: 'europe-west1' } }),
      new CrossplaneObjectStorePlatform(chart, 'Os', { aws: { region: 'eu-west-1' }, gcp: { region: 'europe-west1' } }),
    ];
    expect(platforms.map((p) => p.compositions.map((c) => c.node.id))).toEqual([['AwsComposition', 'GcpComposition'], ['AwsComposition', 'GcpComposition']]);
    expect(byKind(synth(chart), 'Composition').map((c) => c.metadata.labels.provider)).toEqual(['aws', 'gcp', 'aws', 'gcp']);
  });
});

describe('the profile refuses each kind when the selector picks Azure', () => {
  function services(options: object) {
    const { chart } = newChart('shop');
    Profile.use(chart, new CrossplaneProfile({ compositionSelector: { provider: 'azure' }, ...options }));
    return chart;
  }

  test.each<[string, string, string, (chart: any) => void]>([
    ['MySQL database', 'database', 'a MySQL database', (chart) => new PortableMySQL(chart, 'S', { name: 's' })],
    ['object store', 'object store', 'an object store', (chart) => new PortableObjectStore(chart, 'S', { name: 's' })],
    ['cache', 'cache', 'a cache', (chart) => new PortableCache(chart, 'S', { name: 's' })],
  ])('%s: refused with the record\'s reason, fix and code', (_, noun, what, build) => {
    const record = { 'database': DATABASE_COMPOSITIONS, 'object store': OBJECT_STORE_COMPOSITIONS, 'cache': CACHE_COMPOSITIONS }[noun]!;
    const refusal = record[CrossplaneCloud.AZURE] as CompositionRefusal;
    expect(() => build(services({}))).toThrow(
      `test/S: invalid profile "crossplane": allowed: not ${what} on the crossplane-none backend of profile "crossplane": the portable Crossplane `
      + `${noun} API has no Azure Composition (${refusal.reason}) and the compositionSelector picks provider: azure. Fix: ${refusal.fix} [PD200]`);
  });

  test('a queue, unless queuesInCluster runs it in the cluster', () => {
    expect(() => new PortableQueue(services({}), 'Orders', { name: 'orders' })).toThrow(
      'test/Orders: invalid profile "crossplane": allowed: not a queue on the crossplane-none backend of profile "crossplane": the portable Crossplane '
      + 'queue API has no Azure Composition (Azure has no managed AMQP 0-9-1 service (Service Bus speaks AMQP 1.0, a different protocol)) and the '
      + 'compositionSelector picks provider: azure, and the profile does not say where queues run. Fix: set queuesInCluster: true on the crossplane profile to run each queue in the cluster '
      + '(a RabbitMQ StatefulSet, or the RabbitMQ operators with queueOperator), or select another profile for the queue [PD200]');
    expect(new PortableQueue(services({ queuesInCluster: true }), 'Orders', { name: 'orders' }).backendName).toBe('in-cluster');
  });
});

describe('the profile refuses a kind whose selected cloud refuses its API', () => {
  function services(options: object) {
    const { chart } = newChart('shop');
    Profile.use(chart, new CrossplaneProfile({ compositionSelector: { provider: 'gcp' }, ...options }));
    return chart;
  }

  test('fails when the selector picks GCP for a queue, with the record\'s reason and the fix that runs it in the cluster', () => {
    const refusal = QUEUE_COMPOSITIONS[CrossplaneCloud.GCP] as CompositionRefusal;
    const chart = services({});
    expect(() => new PortableQueue(chart, 'Orders', { name: 'orders' })).toThrow(
      `test/Orders: invalid profile "crossplane": allowed: not a queue on the crossplane-none backend of profile "crossplane": the portable Crossplane queue API has no GCP Composition (${refusal.reason}) `
      + 'and the compositionSelector picks provider: gcp, and the profile does not say where queues run. Fix: set queuesInCluster: true on the crossplane profile');
  });

  test('queuesInCluster: the queue runs in the cluster, the other kinds are still claimed from GCP', () => {
    const chart = services({ queuesInCluster: true });
    const queue = new PortableQueue(chart, 'Orders', { name: 'orders' });
    const others = [
      new PortableMySQL(chart, 'Db', { name: 'db' }),
      new PortableObjectStore(chart, 'Uploads', { name: 'uploads' }),
      new PortableCache(chart, 'Sessions', { name: 'sessions' }),
    ];
    expect(queue.backendName).toBe('in-cluster');
    expect(others.map((s) => s.backendName)).toEqual(['crossplane', 'crossplane', 'crossplane']);
    const objs = synth(chart);
    expect(byKind(objs, 'StatefulSet').map((s) => s.metadata.name)).toEqual(['orders']);
    expect(objs.filter((o) => o.apiVersion === 'portabledata.io/v1alpha1').map((o) => [o.kind, o.spec.compositionSelector.matchLabels.provider]))
      .toEqual([['Database', 'gcp'], ['ObjectStore', 'gcp'], ['Cache', 'gcp']]);
  });

  test('a selector that names no cloud, or a cloud with a queue Composition, claims queues', () => {
    for (const selector of [{ provider: 'aws' }, { tier: 'gold' }, { provider: 'on-prem' }] as Array<{ [key: string]: string }>) {
      const { chart } = newChart('shop');
      Profile.use(chart, new CrossplaneProfile({ compositionSelector: selector }));
      expect(new PortableQueue(chart, 'Orders', { name: 'orders' }).backendName).toBe('crossplane');
    }
  });
});
