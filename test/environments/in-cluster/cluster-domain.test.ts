import {
  CachePersistence, DeletionPolicy, GcpProfile, InClusterProfile, PortableCache, PortableMySQL, PortableObjectStore, PortablePostgres,
  PortableQueue, PostgresOperator, Profile, Backup,
} from '../../../src';
import { bindingSpec, newChart, synth } from '../../util/synth';

const JOB = (objs: any[], name: string) => bindingSpec(objs, name);

describe('the cluster domain of in-cluster hosts', () => {
  test.each([
    ['cluster.local (the default)', undefined, 'cluster.local'],
    ['a configured domain', 'k8s.example.internal', 'k8s.example.internal'],
  ])('%s: every in-cluster host of every kind ends in svc.<clusterDomain>', (_, clusterDomain, domain) => {
    const { chart } = newChart('shop');
    Profile.use(chart, new InClusterProfile({ clusterDomain }));
    new PortableMySQL(chart, 'Db', { name: 'db' });
    new PortableCache(chart, 'Cache', { name: 'cache', persistence: CachePersistence.CACHE_ONLY });
    new PortableQueue(chart, 'Queue', { name: 'queue' });
    new PortableObjectStore(chart, 'Store', { name: 'store' });
    const objs = synth(chart);
    expect(JOB(objs, 'db').values.host).toBe(`db.{namespace}.svc.${domain}`);
    expect(JOB(objs, 'cache').values.host).toBe(`cache.{namespace}.svc.${domain}`);
    expect(JOB(objs, 'queue').values.host).toBe(`queue.{namespace}.svc.${domain}`);
    expect(JOB(objs, 'store').values.endpoint).toBe(`http://store.{namespace}.svc.${domain}:7070`);
  });

  test('CloudNativePG: the primary\'s Service in the configured domain', () => {
    const { chart } = newChart('shop');
    Profile.use(chart, new InClusterProfile({
      clusterDomain: 'corp.internal', postgresOperator: PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: DeletionPolicy.RETAIN,
    }));
    new PortablePostgres(chart, 'Db', { name: 'orders', backup: Backup.disabled() });
    expect(JOB(synth(chart), 'orders').values.host).toBe('orders-rw.{namespace}.svc.corp.internal');
  });

  test('GCP with queues in the cluster: the broker in the configured domain', () => {
    const { chart } = newChart('shop');
    Profile.use(chart, new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1', queuesInCluster: true, clusterDomain: 'gke.internal' }));
    new PortableQueue(chart, 'Queue', { name: 'queue' });
    expect(JOB(synth(chart), 'queue').values.host).toBe('queue.{namespace}.svc.gke.internal');
  });

  test.each(['Cluster.Local', '.cluster.local', 'cluster.local.', 'a..b', ''])('fails when clusterDomain is %j', (clusterDomain) => {
    expect(() => new InClusterProfile({ clusterDomain })).toThrow(
      `in-cluster profile option clusterDomain: invalid clusterDomain ${JSON.stringify(clusterDomain)}: allowed: the cluster's DNS domain`);
  });

  test('fails when clusterDomain is set on GCP without queuesInCluster', () => {
    expect(() => new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1', clusterDomain: 'gke.internal' })).toThrow(
      'gcp profile option clusterDomain: invalid clusterDomain "gke.internal": allowed: clusterDomain only together with queuesInCluster: true');
  });
});
