/**
 * Cache restore from a snapshot (issue 22, item 6) on the real API server with the pinned ACK CRD: `restoreFrom`
 * becomes the ReplicationGroup's `snapshotName`, whose CEL rule (`self == oldSelf`, "Value is immutable once set")
 * the API server evaluates. Each before/after pair is applied, and `plan --diff` must say what the API server does:
 * another snapshot is refused; a snapshot added to a running group is accepted and restores nothing (`none`: the
 * elasticache-controller reads it only when it creates the group).
 */
import { App, Chart } from 'cdk8s';
import { apply, ensureNamespace, getObject, kubectl, parseYaml, toYaml } from './kube';
import { AwsProfile, CachePersistence, CacheSnapshot, PortableCache, Profile } from '../../src';
import { diffObjects } from '../../src/cli/plan-diff';

const NAMESPACE = 'cache-restore';

/** The ReplicationGroup of a durable ElastiCache cache `name`, restored from `snapshot` when given. */
function replicationGroup(name: string, snapshot?: string): any {
  const app = new App();
  const chart = new Chart(app, 'shop', { namespace: NAMESPACE });
  Profile.use(chart, new AwsProfile({
    region: 'eu-west-1', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'], cacheSubnetGroupName: 'app-cache',
  }));
  new PortableCache(chart, 'Sessions', {
    name, persistence: CachePersistence.DURABLE, restoreFrom: snapshot === undefined ? undefined : CacheSnapshot.named(snapshot),
  });
  return parseYaml(app.synthYaml()).find((o) => o.kind === 'ReplicationGroup');
}

/** What `plan --diff` says of the snapshotName change between two ReplicationGroups. */
function planned(before: any, after: any) {
  return diffObjects([before], [after], 'before', 'after').services[0].changes.find((c) => c.path === 'spec.snapshotName');
}

beforeAll(async () => {
  await ensureNamespace(NAMESPACE);
});

test('another snapshot for an existing replication group is refused by the API server, as plan --diff says', async () => {
  const first = replicationGroup('sessions', 'sessions-2026-12-01');
  await apply(toYaml([first]));
  expect((await getObject('replicationgroups.elasticache.services.k8s.aws', 'sessions', NAMESPACE)).spec.snapshotName).toBe('sessions-2026-12-01');

  const other = replicationGroup('sessions', 'sessions-2026-12-02');
  expect(planned(first, other)).toMatchObject({ consequence: 'refused', reason: expect.stringMatching(/snapshotName .* is immutable/) });
  const res = await kubectl(['apply', '--server-side', '--field-manager=kubectl', '-f', '-'], { input: toYaml([other]), allowFailure: true });
  expect(res.code).not.toBe(0);
  expect(res.stderr).toMatch(/spec\.snapshotName: Invalid value: "sessions-2026-12-02": Value is immutable once set/);
  expect((await getObject('replicationgroups.elasticache.services.k8s.aws', 'sessions', NAMESPACE)).spec.snapshotName).toBe('sessions-2026-12-01');
});

test('a snapshot added to a running replication group is accepted, and plan --diff says it restores nothing', async () => {
  const plain = replicationGroup('carts');
  await apply(toYaml([plain]));
  const restored = replicationGroup('carts', 'carts-2026-12-01');
  expect(planned(plain, restored)).toMatchObject({ consequence: 'none', reason: expect.stringMatching(/restores nothing/) });
  await apply(toYaml([restored]));
  expect((await getObject('replicationgroups.elasticache.services.k8s.aws', 'carts', NAMESPACE)).spec.snapshotName).toBe('carts-2026-12-01');
});
