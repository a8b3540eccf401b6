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

  test('construct IDs and fixes name a cloud from its value (construct IDs are API)', () => {
    expect(Object.values(CrossplaneCloud).map(compositionId)).toEqual(['AwsComposition', 'GcpComposition']);
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
    expect(() => build(newChart().chart)).toThrow(/invalid clouds \[\]: allowed: one or more distinct clouds of aws, gcp\. Fix: pass e\.g\. \[CrossplaneCloud\.AWS\], or omit clouds for every cloud with a Composition \(aws(, gcp)?\)/);
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
