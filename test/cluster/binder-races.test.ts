/**
 * The binder's promises where Kubernetes semantics decide, on the real API server, each binder run as its Job's
 * ServiceAccount under the synthesized Role (the real RBAC authorizer; watches included):
 *
 * - two binder runs racing: an older run still waiting for its endpoint when a newer spec is applied and bound never
 *   overwrites the newer connection Secret;
 * - binding without delay: a provider's status write reaches the connection Secret through the binder's watch,
 *   long before its next poll (the time is measured and printed);
 * - fail fast: a Crossplane claim or a `RabbitmqCluster` reporting an error ends the run with its message;
 * - namespace deletion removes the "cannot recover" guard with both Secrets (a limit the README states).
 */
import { spawn } from 'child_process';
import { join } from 'path';
import { Construct } from 'constructs';
import { clusterInfo, apply, ensureNamespace, getObject, kubectl, toYaml, waitFor } from './kube';
import { containerOf, provide, resolveEnv, runAs, waitForRbac } from './programs';
import { AwsProfile, CrossplaneProfile, DeletionPolicy, InClusterProfile, PortableMySQL, PortableQueue, Profile, QueueOperator } from '../../src';
import { killPrograms } from '../util/programs';
import { byKind, newChart, synth } from '../util/synth';

afterEach(() => killPrograms());

const aws = () => new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'], eksClusterName: 'prod-eks' });

interface Chart {
  readonly objs: any[];
  readonly job: any;
  readonly spec: any;
  readonly sa: string;
  readonly state: string;
}

/** One service synthesized under a profile in `namespace`, with its binder Job. */
function chartOf(namespace: string, profile: Profile, make: (scope: Construct) => void): Chart {
  const { chart } = newChart(namespace);
  Profile.use(chart, profile);
  make(chart);
  const objs = synth(chart);
  const job = byKind(objs, 'Job').find((j) => containerOf(j.spec.template.spec).name === 'binder');
  const container = containerOf(job.spec.template.spec);
  return {
    objs,
    job,
    spec: JSON.parse(container.env.find((e: any) => e.name === 'BINDING_SPEC').value),
    sa: job.spec.template.spec.serviceAccountName,
    state: container.env.find((e: any) => e.name === 'STATE_CONFIGMAP').value,
  };
}

async function applied(namespace: string, c: Chart): Promise<{ [k: string]: string }> {
  await ensureNamespace(namespace);
  await apply(toYaml(c.objs));
  await waitForRbac(namespace, c.sa, 'patch', `configmaps/${c.state}`);
  return resolveEnv(containerOf(c.job.spec.template.spec), namespace);
}

function decode(secret: any): { [k: string]: string } {
  return Object.fromEntries(Object.entries<string>(secret?.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
}

test('an older binder still waiting when a newer spec is bound never overwrites the newer connection Secret', async () => {
  const ns = 'race-older-newer';
  // The service moves from RDS to the cluster: the older run waits for the RDS endpoint, the newer one has none.
  const older = chartOf(ns, aws(), (s) => new PortableMySQL(s, 'Db', { name: 'orders-db' }));
  // (DELETE: no backup claim for the binder to keep, so the older chart's Role covers all the newer run does.)
  const newer = chartOf(ns, new InClusterProfile(), (s) => new PortableMySQL(s, 'Db', { name: 'orders-db', deletionPolicy: DeletionPolicy.DELETE }));
  expect(newer.state).toBe(older.state);
  const olderEnv = await applied(ns, older);
  const olderRun = runAs(ns, older.sa, 'binder.py', [], { ...olderEnv, POLL_SECONDS: '1', TIMEOUT_SECONDS: '90' });
  await waitFor('the older run to generate credentials and wait for the endpoint', async () => (await getObject('secret', 'orders-db-credentials', ns)) !== undefined);

  // The newer chart is applied (its state ConfigMap now wants the newer spec) and its binder runs to the end.
  await apply(toYaml(newer.objs.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === newer.state)));
  const newerRun = await runAs(ns, older.sa, 'binder.py', [], await resolveEnv(containerOf(newer.job.spec.template.spec), ns));
  expect(newerRun.forbidden).toEqual([]);
  expect({ code: newerRun.code, output: newerRun.output }).toEqual({ code: 0, output: expect.stringContaining('wrote connection Secret orders-db-connection') });
  const written = await getObject('secret', 'orders-db-connection', ns);

  // Only now does RDS publish the endpoint the older run waits for.
  await provide(older.spec, ns);
  const r = await olderRun;
  expect(r.forbidden).toEqual([]);
  expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/superseded while running: the chart now wants spec \w+ of orders-db-connection/) });
  const after = await getObject('secret', 'orders-db-connection', ns);
  expect(after.metadata.resourceVersion).toBe(written.metadata.resourceVersion);
  expect(decode(after).host).toBe(newer.spec.values.host.replace('{namespace}', ns));
});

test('binds without delay: the status write reaches the connection Secret through the watch, long before the next poll', async () => {
  const ns = 'bind-latency';
  const POLL = 30;
  const c = chartOf(ns, aws(), (s) => new PortableMySQL(s, 'Db', { name: 'orders-db' }));
  const env = await applied(ns, c);
  const run = runAs(ns, c.sa, 'binder.py', [], { ...env, POLL_SECONDS: String(POLL), TIMEOUT_SECONDS: '120' });
  await waitFor('the run to wait for the endpoint', async () => (await getObject('secret', 'orders-db-credentials', ns)) !== undefined);
  // Give the run time to open its watch and block in its wait (the first wait starts after one read).
  await new Promise((r) => setTimeout(r, 2000));

  // A watch of the connection Secret, opened before the status write: the time it reports the Secret is when the
  // API server stored it.
  const info = clusterInfo();
  const watcher = spawn(join(info.binDir, 'kubectl'), ['--kubeconfig', info.kubeconfig, 'get', 'secret', '-n', ns, '--watch', '--output-watch-events',
    '--field-selector', 'metadata.name=orders-db-connection', '-o', 'name'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const seen = new Promise<number>((resolve) => watcher.stdout.on('data', (d) => { if (/orders-db-connection/.test(String(d))) resolve(Date.now()); }));
  await new Promise((r) => setTimeout(r, 1000));
  const before = Date.now();
  await kubectl(['patch', 'dbinstances.rds.services.k8s.aws', c.spec.deferred.host.name, '-n', ns, '--subresource=status', '--type=merge',
    '-p', JSON.stringify({ status: { endpoint: { address: 'orders.rds.example' } } })]);
  const written = Date.now();
  const at = await seen;
  watcher.kill();
  const r = await run;
  expect(r.forbidden).toEqual([]);
  expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/dbinstances\/orders-db changed\nbinder: wrote connection Secret orders-db-connection/) });
  // Printed for the report: from the status write (the patch's answer) to the Secret's watch event.
  process.stdout.write(`bind latency: status write -> connection Secret ${at - written} ms (${at - before} ms from before kubectl patch started); poll interval ${POLL} s\n`);
  // Robust, not timed to the millisecond: the poll alone would take up to 30 s; the watch path (logged above) did it.
  expect(at - before).toBeLessThan((POLL * 1000) / 3);
  expect(decode(await getObject('secret', 'orders-db-connection', ns)).host).toBe('orders.rds.example');
});

describe('fails fast on the errors of a Crossplane claim and of the RabbitMQ operators\' objects', () => {
  const tenMinutesAgo = () => new Date(Date.now() - 600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const cases: Array<[string, string, () => Chart, string, any, RegExp]> = [
    ['a Crossplane Database claim with Synced=False (ReconcileError)', 'fail-fast-claim',
      () => chartOf('fail-fast-claim', new CrossplaneProfile({ compositionSelector: { provider: 'aws' } }), (s) => new PortableMySQL(s, 'Db', { name: 'orders-db' })),
      'databases.portabledata.io/orders-db',
      { type: 'Synced', status: 'False', reason: 'ReconcileError', message: 'cannot compose resources: cannot run pipeline step "patch-and-transform"' },
      /databases\/orders-db reports an error for \d+s \(condition Synced=False \(ReconcileError\): cannot compose resources: cannot run pipeline step "patch-and-transform"\)/],
    ['a RabbitmqCluster with ReconcileSuccess=False', 'fail-fast-rabbitmq',
      () => chartOf('fail-fast-rabbitmq', new InClusterProfile({ queueOperator: QueueOperator.RABBITMQ_OPERATORS }), (s) => new PortableQueue(s, 'Q', { name: 'orders-mq', deletionPolicy: DeletionPolicy.DELETE })),
      'rabbitmqclusters.rabbitmq.com/orders-mq',
      { type: 'ReconcileSuccess', status: 'False', reason: 'FailedReconcilePVC', message: 'cannot shrink the persistent volume claim' },
      /rabbitmqclusters\/orders-mq reports an error for \d+s \(condition ReconcileSuccess=False \(FailedReconcilePVC\): cannot shrink the persistent volume claim\)/],
  ];
  test.each(cases)('%s ends the run with its message instead of the timeout', async (_label, ns, make, object, condition, message) => {
    const c = make();
    const env = await applied(ns, c);
    const [resource, name] = object.split('/');
    await kubectl(['patch', resource, name, '-n', ns, '--subresource=status', '--type=merge',
      '-p', JSON.stringify({ status: { conditions: [{ ...condition, lastTransitionTime: tenMinutesAgo() }] } })]);
    const started = Date.now();
    const r = await runAs(ns, c.sa, 'binder.py', [], { ...env, TIMEOUT_SECONDS: '60' });
    expect(r.forbidden).toEqual([]);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(message);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await getObject('secret', c.spec.connectionSecret, ns)).toBeUndefined();
  });
});

test('deleting the namespace removes the "cannot recover" guard with both Secrets: a re-apply generates new credentials (the README states it)', async () => {
  const ns = 'namespace-deletion';
  const c = chartOf(ns, new InClusterProfile(), (s) => new PortableMySQL(s, 'Db', { name: 'orders-db' }));
  const first = await runAs(ns, c.sa, 'binder.py', [], await applied(ns, c));
  expect(first.code).toBe(0);
  const password = decode(await getObject('secret', 'orders-db-credentials', ns)).password;
  expect((await getObject('configmap', c.state, ns)).data).toHaveProperty(['orders-db-connection.bound']);

  // The namespace controller deletes everything in it: both Secrets and the state ConfigMap that held the guard.
  await kubectl(['delete', 'namespace', ns, '--wait=true', '--timeout=150s']);
  await waitFor(`namespace ${ns} to be gone`, async () => (await getObject('namespace', ns)) === undefined, 150_000);

  const again = await runAs(ns, c.sa, 'binder.py', [], await applied(ns, c));
  expect({ code: again.code, output: again.output }).toEqual({ code: 0, output: expect.stringContaining('generated credentials Secret orders-db-credentials') });
  expect(again.output).not.toMatch(/cannot recover/);
  expect(decode(await getObject('secret', 'orders-db-credentials', ns)).password).not.toBe(password);
}, 300_000);
