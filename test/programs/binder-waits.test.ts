/**
 * The binder while it waits, against the fake Kubernetes API: it never overwrites a newer connection Secret (it
 * checks the spec the chart wants and reads the Secret again immediately before every write), it wakes on a watch
 * event instead of the next poll (the poll stays the fallback), it fails early with the provider's message when a
 * Crossplane claim or a RabbitMQ operator's object reports an error, and it reads every CA certificate Memorystore
 * lists. The same on the real API server: test/cluster/binder-races.test.ts.
 */
import { Construct } from 'constructs';
import { DeletionPolicy, InClusterProfile, PortableCache, PortableMySQL, PortableQueue, Profile, QueueOperator } from '../../src';
import { PROFILES } from '../profiles.fixture';
import { fakeApiPerTest, PreparedBinder, prepareBinder, runBinder } from '../util/binder';
import { ProgramRun } from '../util/programs';
import { newChart, synth } from '../util/synth';

jest.setTimeout(120_000);

const NS = 'apps';
const TOKEN = 'waits-token';

const fake = fakeApiPerTest(TOKEN, 'waits-sa-');

/** Synthesizes one service under a profile and prepares its binder as its Job would run it. */
function bound(profile: Profile, make: (chart: Construct) => void): PreparedBinder {
  const { chart } = newChart(NS);
  Profile.use(chart, profile);
  make(chart);
  return prepareBinder(synth(chart), NS, {
    dirPrefix: 'waits-',
    defaults: {
      KUBERNETES_API_URL: '',
      SERVICEACCOUNT_DIR: fake.sa,
      POLL_SECONDS: '0.05',
      RETRY_BASE_SECONDS: '0.01',
      RBAC_GRACE_SECONDS: '0',
      SUPERSEDED_WAIT_SECONDS: '0.1',
      TIMEOUT_SECONDS: '20',
    },
  });
}

function start(b: PreparedBinder, extra: { [key: string]: string } = {}): Promise<ProgramRun> {
  return runBinder(fake.api, NS, b, extra, 60_000);
}

function objectPath(ref: any): string {
  return `${ref.apiGroup ? `/apis/${ref.apiGroup}` : '/api'}/${ref.apiVersion}/namespaces/${NS}/${ref.resource}/${ref.name}`;
}

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const aws = (database: string) => bound(PROFILES.aws(), (c) => new PortableMySQL(c, 'Db', { name: 'orders-db', databaseName: database }));

describe('never overwrites a newer connection Secret', () => {
  test('an older run still waiting for the endpoint when a newer spec is applied stops without writing', async () => {
    const older = aws('orders');
    const newer = aws('orders_v2');
    const instance = objectPath(older.spec.deferred.host);
    let ready = false;
    fake.api.objects.set(instance, () => ({ metadata: { name: 'orders-db' }, status: ready ? { endpoint: { address: 'orders.rds.example' } } : {} }));
    // The older run polls every 2 s, so the newer one completes inside one of its waits (as a run waiting for
    // minutes would see it), and no watch event reaches it until the newer one is done.
    const olderRun = start(older, { POLL_SECONDS: '2' });
    await until('the older run to wait for the endpoint', () => fake.api.count('GET', instance) >= 1);
    fake.api.putConfigMap(NS, newer.state.metadata.name, { ...fake.api.configMaps.get(`${NS}/${newer.state.metadata.name}`).data, ...newer.state.data });
    ready = true;
    const newerRun = await start(newer);
    expect({ code: newerRun.code, output: newerRun.output }).toEqual({ code: 0, output: expect.stringContaining('wrote connection Secret orders-db-connection') });
    const written = fake.api.secrets.get(`${NS}/orders-db-connection`);
    fake.api.changed(instance);
    const r = await olderRun;
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/superseded while running: the chart now wants spec \w+ of orders-db-connection, this run is \w+; stopped before writing/) });
    expect(fake.api.secretValues(NS, 'orders-db-connection')!.database).toBe('orders_v2');
    expect(fake.api.secrets.get(`${NS}/orders-db-connection`)).toEqual(written);
  });

  test('a write that races another run of the same spec leaves what that run wrote', async () => {
    const b = bound(new InClusterProfile(), (c) => new PortableMySQL(c, 'Db', { name: 'orders-db' }));
    expect((await start(b)).code).toBe(0);
    const key = `${NS}/orders-db-connection`;
    const first = fake.api.secrets.get(key);
    // A stale host, which this run repairs; while it patches, another run of the same spec writes first.
    fake.api.secrets.set(key, { ...first, data: { ...first.data, host: b64('stale.example') }, metadata: { ...first.metadata, resourceVersion: '900' } });
    let raced = false;
    fake.api.onRequest = (req) => {
      if (!raced && req.method === 'PATCH' && req.path === fake.api.secretPath(NS, 'orders-db-connection')) {
        raced = true;
        const s = fake.api.secrets.get(key);
        fake.api.secrets.set(key, { ...s, data: { ...s.data, host: b64('other-run.example') }, metadata: { ...s.metadata, resourceVersion: '901' } });
      }
    };
    const r = await start(b);
    expect(raced).toBe(true);
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringContaining('was written for this spec by another run meanwhile; left as it is') });
    expect(fake.api.secretValues(NS, 'orders-db-connection')!.host).toBe('other-run.example');
  });

  test('a newer spec applied just before the write stops the run at its last check (an injected 500 on it is retried)', async () => {
    const older = aws('orders');
    const newer = aws('orders_v2');
    const instance = objectPath(older.spec.deferred.host);
    fake.api.objects.set(instance, () => ({ metadata: { name: 'orders-db' }, status: { endpoint: { address: 'orders.rds.example' } } }));
    const state = `/api/v1/namespaces/${NS}/configmaps/${older.state.metadata.name}`;
    let applied = false;
    let failed = false;
    // The newer spec is applied once the run has read the endpoint; the first attempt of the read of the state
    // ConfigMap that follows (the check before the write) fails with a 500.
    fake.api.onRequest = (req) => {
      if (!applied && req.method === 'GET' && req.path === instance) {
        applied = true;
        fake.api.configMaps.get(`${NS}/${older.state.metadata.name}`).data = { ...newer.state.data };
      }
    };
    fake.api.fault = (req) => (applied && !failed && req.method === 'GET' && req.path === state ? (failed = true, 500) : undefined);
    const r = await start(older);
    expect(failed).toBe(true);
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/retrying GET .*HTTP 500[\s\S]*superseded while running/) });
    expect(fake.api.writes().filter((w) => w.path.includes('orders-db-connection'))).toEqual([]);
    expect(fake.api.secrets.has(`${NS}/orders-db-connection`)).toBe(false);
  });
});

describe('wakes on a watch event, polls as the fallback', () => {
  test('a status written while it waits is bound at once, not at the next poll', async () => {
    const b = aws('orders');
    const instance = objectPath(b.spec.deferred.host);
    let ready = false;
    fake.api.objects.set(instance, () => ({ metadata: { name: 'orders-db' }, status: ready ? { endpoint: { address: 'orders.rds.example' } } : {} }));
    const run = start(b, { POLL_SECONDS: '60' });
    await until('the watch of the DBInstance', () => fake.api.watches().some((w) => w.startsWith(`${instance.replace(/\/[^/]+$/, '')}?`) && w.includes('fieldSelector=metadata.name%3Dorders-db')));
    await until('the run to wait', () => fake.api.count('GET', instance) >= 1);
    await new Promise((r) => setTimeout(r, 200));
    ready = true;
    const written = Date.now();
    fake.api.changed(instance);
    const r = await run;
    const took = Date.now() - written;
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/dbinstances\/orders-db changed[\s\S]*wrote connection Secret/) });
    // Well within one poll (60 s): woken by the event.
    expect(took).toBeLessThan(30_000);
    expect(fake.api.secretValues(NS, 'orders-db-connection')!.host).toBe('orders.rds.example');
  });

  test('a server that refuses watches is polled', async () => {
    fake.api.refuseWatches = true;
    const b = aws('orders');
    const instance = objectPath(b.spec.deferred.host);
    fake.api.objects.set(instance, (reads) => ({ metadata: { name: 'orders-db' }, status: reads >= 3 ? { endpoint: { address: 'orders.rds.example' } } : {} }));
    const r = await start(b);
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/cannot watch dbinstances orders-db \(405\); polling it[\s\S]*wrote connection Secret/) });
    expect(fake.api.count('GET', instance)).toBeGreaterThanOrEqual(3);
  });
});

describe('fails early when a Crossplane claim or a RabbitMQ operator\'s object reports an error', () => {
  const crossplane = () => bound(PROFILES.crossplane(), (c) => new PortableMySQL(c, 'Db', { name: 'orders-db' }));
  const rabbit = () => bound(new InClusterProfile({ queueOperator: QueueOperator.RABBITMQ_OPERATORS }),
    (c) => new PortableQueue(c, 'Q', { name: 'orders-mq', virtualHost: 'orders', queues: ['jobs'], deletionPolicy: DeletionPolicy.DELETE }));
  const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const condition = (type: string, reason: string, message: string, since: number) =>
    ({ type, status: 'False', reason, message, lastTransitionTime: ago(since) });

  test('the binder Job checks the claim and every operator object while it waits', () => {
    expect(crossplane().spec.conditions).toEqual([{ apiGroup: 'portabledata.io', apiVersion: 'v1alpha1', resource: 'databases', name: 'orders-db' }]);
    expect(rabbit().spec.conditions.map((c: any) => `${c.apiGroup}/${c.apiVersion} ${c.resource}/${c.name}`)).toEqual([
      'rabbitmq.com/v1beta1 rabbitmqclusters/orders-mq', 'rabbitmq.com/v1beta1 users/orders-mq-user', 'rabbitmq.com/v1beta1 vhosts/orders-mq-vhost',
      'rabbitmq.com/v1beta1 permissions/orders-mq-permission', expect.stringMatching(/^rabbitmq\.com\/v1beta1 queues\/orders-mq-queue-[0-9a-f]+$/),
    ]);
  });

  const cases: Array<[string, () => PreparedBinder, number, any, RegExp]> = [
    ['a claim Synced=False (ReconcileError)', crossplane, 0,
      condition('Synced', 'ReconcileError', 'cannot compose resources: no Composition matches the selector', 600),
      /databases\/orders-db reports an error for \d+s \(condition Synced=False \(ReconcileError\): cannot compose resources: no Composition matches the selector\); fix it \(kubectl describe databases orders-db -n apps\)/],
    ['a RabbitmqCluster ReconcileSuccess=False', rabbit, 0, condition('ReconcileSuccess', 'Error', 'admission webhook denied the StatefulSet', 600),
      /rabbitmqclusters\/orders-mq reports an error for \d+s \(condition ReconcileSuccess=False \(Error\): admission webhook denied the StatefulSet\)/],
    ['a topology Permission Ready=False (FailedCreateOrUpdate)', rabbit, 3, condition('Ready', 'FailedCreateOrUpdate', 'Error: API responded with a 400 Bad Request', 600),
      /permissions\/orders-mq-permission reports an error for \d+s \(condition Ready=False \(FailedCreateOrUpdate\): Error: API responded with a 400 Bad Request\)/],
  ];
  test.each(cases)('fails when %s has held long enough, with its message, before the timeout', async (_label, make, index, cond, message) => {
    const b = make();
    const ref = b.spec.conditions[index];
    fake.api.objects.set(objectPath(ref), () => ({ metadata: { name: ref.name }, status: { conditions: [cond] } }));
    const started = Date.now();
    const r = await start(b, { TIMEOUT_SECONDS: '30', FAIL_AFTER_SECONDS: '120' });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(message);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(fake.api.secrets.has(`${NS}/${b.spec.connectionSecret}`)).toBe(false);
  });

  test('an error that has just begun is given FAIL_AFTER_SECONDS; one that clears does not fail the run', async () => {
    const b = crossplane();
    const ref = b.spec.conditions[0];
    const secret = b.spec.deferred.host.name;
    let cleared = false;
    fake.api.objects.set(objectPath(ref), () => ({
      metadata: { name: ref.name },
      status: { conditions: [cleared ? { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' } : condition('Synced', 'ReconcileError', 'composition not found', 0)] },
    }));
    const run = start(b, { FAIL_AFTER_SECONDS: '60', POLL_SECONDS: '0.1' });
    await until('the binder to see the error', () => fake.api.count('GET', objectPath(ref)) >= 2);
    cleared = true;
    fake.api.putSecret(NS, secret, { 'host': 'orders.rds.example', 'port': '3306', 'username': 'app', 'password': 'pw-provider', 'ssl-mode': 'REQUIRED' });
    const r = await run;
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/databases\/orders-db reports an error \(condition Synced=False \(ReconcileError\): composition not found\); the run fails if it still does 60s after it began[\s\S]*wrote connection Secret/) });
  });

  test('fails when an error persists for FAIL_AFTER_SECONDS from when the binder first saw it', async () => {
    const b = crossplane();
    const ref = b.spec.conditions[0];
    fake.api.objects.set(objectPath(ref), () => ({ metadata: { name: ref.name }, status: { conditions: [{ type: 'Synced', status: 'False', reason: 'ReconcileError', message: 'boom' }] } }));
    const r = await start(b, { FAIL_AFTER_SECONDS: '0.5', POLL_SECONDS: '0.1' });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/binder: error: databases\/orders-db reports an error for \d+s \(condition Synced=False \(ReconcileError\): boom\)/);
  });
});

describe('Memorystore CA', () => {
  test('ca.crt holds every certificate of status.serverCaCerts, in order', async () => {
    const b = bound(PROFILES.gcp(), (c) => new PortableCache(c, 'Cache', { name: 'sessions' }));
    const ref = b.spec.deferred['ca.crt'];
    const pem = (n: string) => `-----BEGIN CERTIFICATE-----\nMII${n}\n-----END CERTIFICATE-----\n`;
    fake.api.objects.set(objectPath(ref), () => ({
      metadata: { name: ref.name },
      status: { host: '10.0.0.3', port: 6378, observedState: { authString: 'auth-1' }, serverCaCerts: [{ cert: pem('old') }, { cert: pem('new') }] },
    }));
    const r = await start(b);
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringContaining('wrote connection Secret sessions-connection') });
    expect(fake.api.secretValues(NS, 'sessions-connection')!['ca.crt']).toBe(pem('old') + pem('new'));
  });
});
