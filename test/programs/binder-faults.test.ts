/**
 * Fault and fuzz suite of the binder: the real program (as the synthesized ConfigMap mounts it, with the synthesized
 * environment and state ConfigMap) against the fake Kubernetes API, under concurrency, injected errors, deleted and
 * wrong Secrets, terminal provider states and stale Jobs.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { Credentials, PortableMySQL, Profile } from '../../src';
import { PROFILES } from '../profiles.fixture';
import { fakeApiPerTest, PreparedBinder, prepareBinder, runBinder } from '../util/binder';
import { ProgramRun } from '../util/programs';
import { newChart, synth } from '../util/synth';

jest.setTimeout(120_000);

const NS = 'apps';
const TOKEN = 'fault-token';

interface Bound extends PreparedBinder {
  readonly name: string;
}

const fake = fakeApiPerTest(TOKEN);

/** Synthesizes a MySQL service and prepares its binder as the Job would run it. */
function bound(options: { credentials?: Credentials; profile?: Profile; database?: string } = {}): Bound {
  const { chart } = newChart(NS);
  if (options.profile) Profile.use(chart, options.profile);
  const db = new PortableMySQL(chart, 'Db', { name: 'orders-db', credentials: options.credentials, databaseName: options.database });
  const b = prepareBinder(synth(chart), NS, {
    select: (j) => j.metadata.name.startsWith('orders-db-bind-'),
    defaults: {
      KUBERNETES_API_URL: '', SERVICEACCOUNT_DIR: fake.sa, POLL_SECONDS: '0.02', RETRY_BASE_SECONDS: '0.01', RBAC_GRACE_SECONDS: '0', SUPERSEDED_WAIT_SECONDS: '0.1',
    },
  });
  return { ...b, name: db.name };
}

/** Runs one binder; the state ConfigMap is applied first unless it already exists. */
function run(b: Bound, extra: { [key: string]: string } = {}): Promise<ProgramRun> {
  return runBinder(fake.api, NS, b, extra);
}

async function ok(b: Bound, extra: { [key: string]: string } = {}): Promise<string> {
  const r = await run(b, extra);
  expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.any(String) });
  return r.output;
}

function conn(b: Bound) {
  return fake.api.secretValues(NS, `${b.name}-connection`);
}
function creds(b: Bound) {
  return fake.api.secretValues(NS, `${b.name}-credentials`);
}

/** The connection Secret is complete and agrees with the credentials Secret. */
function expectConsistent(b: Bound) {
  const c = conn(b)!;
  expect(Object.keys(c).sort()).toEqual([...b.spec.keys].sort());
  expect(c.password).toEqual(creds(b)!.password);
  expect(fake.api.secrets.get(`${NS}/${b.name}-connection`).type).toEqual('servicebinding.io/mysql');
  const url = new URL(c.uri);
  expect(decodeURIComponent(url.password)).toEqual(c.password);
}

describe('concurrency', () => {
  test.each([2, 3, 5])('%i binders at once agree on one password and one complete connection Secret', async (n) => {
    const b = bound();
    const runs = await Promise.all(Array.from({ length: n }, () => run(b)));
    expect(runs.map((r) => r.code)).toEqual(Array(n).fill(0));
    expectConsistent(b);
    expect([...fake.api.secrets.keys()].sort()).toEqual([`${NS}/orders-db-connection`, `${NS}/orders-db-credentials`]);
  });
});

describe('transient API errors', () => {
  /** How many requests a clean first run makes. */
  async function cleanRequests(): Promise<number> {
    await ok(bound());
    const n = fake.api.requests.length;
    await fake.restart();
    return n;
  }

  test.each([[500], [503], [429], ['drop' as const]])('%s on each request in turn is retried and the run completes', async (fault) => {
    const n = await cleanRequests();
    expect(n).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < n; i++) {
      await fake.restart();
      fake.api.fault = (_req, index) => (index === i ? fault : undefined);
      const b = bound();
      const r = await run(b);
      expect({ request: i, code: r.code, retried: /retrying/.test(r.output) }).toEqual({ request: i, code: 0, retried: true });
      expectConsistent(b);
    }
  });

  test('fails when the API keeps answering 503, after a bounded number of attempts', async () => {
    fake.api.fault = () => 503;
    const r = await run(bound(), { RETRY_ATTEMPTS: '4' });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/binder: error: reading ConfigMap \S+-state: HTTP 503 injected 503/);
    expect(fake.api.requests.length).toBe(4);
  });

  test('a 403 while the Role propagates is retried within the grace period', async () => {
    fake.api.forbid = () => fake.api.requests.length <= 3;
    const b = bound();
    const r = await run(b, { RBAC_GRACE_SECONDS: '30' });
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/retrying GET .* HTTP 403/);
    expectConsistent(b);
  });

  test('fails when a 403 persists after the grace period, naming the request', async () => {
    fake.api.forbid = (req) => req.path.includes('/secrets');
    const r = await run(bound(), { RBAC_GRACE_SECONDS: '0.3' });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/binder: error: reading Secret orders-db-connection: HTTP 403 .*forbidden/);
  });
});

describe('deleted Secrets (generated credentials)', () => {
  const subsets: [string, string[]][] = [['nothing', []], ['credentials', ['credentials']], ['connection', ['connection']]];
  test.each(subsets)('after deleting %s, a re-run restores both with the same password', async (_label, which) => {
    const b = bound();
    await ok(b);
    const password = creds(b)!.password;
    for (const w of which) fake.api.secrets.delete(`${NS}/${b.name}-${w}`);
    await ok(b);
    expectConsistent(b);
    expect(creds(b)!.password).toEqual(password);
  });

  test('fails when both the credentials and the connection Secret are gone after binding: cannot recover, never a new password', async () => {
    const b = bound();
    await ok(b);
    fake.api.secrets.delete(`${NS}/${b.name}-credentials`);
    fake.api.secrets.delete(`${NS}/${b.name}-connection`);
    const r = await run(b);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/binder: error: cannot recover: the credentials Secret orders-db-credentials and the connection Secret orders-db-connection are both gone, but orders-db-connection was bound before .*Restore Secret orders-db-credentials from a backup.*kubectl create secret generic orders-db-credentials -n apps/);
    expect(fake.api.secrets.size).toBe(0);
  });
});

describe('deleted Secrets (the user\'s Secret)', () => {
  const user = () => bound({ credentials: Credentials.fromSecret('my-db-secret') });
  const subsets: [string, string[]][] = [['nothing', []], ['user', ['my-db-secret']], ['connection', ['orders-db-connection']], ['user and connection', ['my-db-secret', 'orders-db-connection']]];
  test.each(subsets)('after deleting %s, a re-run rebuilds the connection or waits for the user Secret, never writing it', async (_label, which) => {
    const b = user();
    fake.api.putSecret(NS, 'my-db-secret', { password: 'UserPass-1' });
    await ok(b);
    for (const w of which) fake.api.secrets.delete(`${NS}/${w}`);
    const r = await run(b, { TIMEOUT_SECONDS: '0.3' });
    if (which.includes('my-db-secret')) {
      expect(r.code).toBe(1);
      expect(r.output).toMatch(/binder: error: timed out waiting for key password of Secret my-db-secret/);
      expect(fake.api.secrets.has(`${NS}/my-db-secret`)).toBe(false);
    } else {
      expect(r.code).toBe(0);
      expect(conn(b)!.password).toEqual('UserPass-1');
    }
    expect(fake.api.writes().filter((w) => w.path.endsWith('/my-db-secret'))).toEqual([]);
  });
});

describe('wrong-type and pre-existing Secrets', () => {
  test('an Opaque connection Secret the binder made is deleted and recreated as servicebinding.io/mysql', async () => {
    const b = bound();
    fake.api.putSecret(NS, `${b.name}-connection`, { stale: 'x' }, 'Opaque', { 'app.kubernetes.io/managed-by': 'cdk8s-portable-data' });
    const output = await ok(b);
    expect(output).toMatch(/connection Secret orders-db-connection has type Opaque, not servicebinding.io\/mysql: recreating it/);
    expectConsistent(b);
    expect(conn(b)!.stale).toBeUndefined();
  });

  test('fails when a connection Secret of another type was not made by the binder, naming the fix', async () => {
    const b = bound();
    fake.api.putSecret(NS, `${b.name}-connection`, { mine: 'y' }, 'Opaque');
    const r = await run(b);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/binder: error: Secret orders-db-connection exists with type Opaque, not servicebinding.io\/mysql, and was not written by the binder: delete it \(kubectl delete secret orders-db-connection -n apps\)/);
    expect(fake.api.secretValues(NS, `${b.name}-connection`)).toEqual({ mine: 'y' });
  });

  test('a pre-existing connection Secret of the right type with stale values is updated', async () => {
    const b = bound();
    await ok(b);
    const password = conn(b)!.password;
    fake.api.putSecret(NS, `${b.name}-connection`, { host: 'old', password }, 'servicebinding.io/mysql');
    await ok(b);
    expectConsistent(b);
  });
});

describe('stale Jobs', () => {
  test('an older Job replayed after a newer one never reverts the connection Secret', async () => {
    const older = bound({ database: 'orders' });
    await ok(older);
    const newer = bound({ database: 'orders_v2' });
    // The chart with the newer spec is applied: its state ConfigMap names the newer hash.
    fake.api.putConfigMap(NS, newer.state.metadata.name, { ...fake.api.configMaps.get(`${NS}/${newer.state.metadata.name}`).data, ...newer.state.data });
    await ok(newer);
    expect(conn(newer)!.database).toEqual('orders_v2');
    const before = fake.api.secrets.get(`${NS}/orders-db-connection`);

    const output = await ok(older);
    expect(output).toMatch(/superseded: the chart wants spec \w+ of orders-db-connection, this run is \w+; nothing written/);
    expect(fake.api.secrets.get(`${NS}/orders-db-connection`)).toEqual(before);
  });
});

describe('provider terminal states', () => {
  const instance = (status: any) => ({ apiVersion: 'rds.services.k8s.aws/v1alpha1', kind: 'DBInstance', metadata: { name: 'orders-db' }, status });
  const cases: [string, any, RegExp][] = [
    ['ACK.Terminal', { conditions: [{ type: 'ACK.Terminal', status: 'True', message: 'InvalidParameterCombination: db.t2.micro does not support MySQL 8.4' }] },
      /dbinstances\/\S+ will not become ready \(condition ACK\.Terminal=True: InvalidParameterCombination: db\.t2\.micro does not support MySQL 8\.4\)/],
    ['Config Connector UpdateFailed', { conditions: [{ type: 'Ready', status: 'False', reason: 'UpdateFailed', message: 'Update call failed: 400' }] },
      /will not become ready \(condition Ready=False \(UpdateFailed\): Update call failed: 400\)/],
    ['Crossplane ReconcileError', { conditions: [{ type: 'Synced', status: 'False', reason: 'ReconcileError', message: 'cannot create' }] },
      /will not become ready \(condition Synced=False \(ReconcileError\): cannot create\)/],
  ];
  test.each(cases)('fails when the provider reports %s, within one poll, with its message', async (_label, status, message) => {
    const b = bound({ profile: PROFILES.aws() });
    const ref = b.spec.deferred.host;
    const p = `/apis/${ref.apiGroup}/${ref.apiVersion}/namespaces/${NS}/${ref.resource}/${ref.name}`;
    fake.api.objects.set(p, () => instance(status));
    const started = Date.now();
    const r = await run(b);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(message);
    expect(fake.api.count('GET', p)).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(fake.api.secrets.has(`${NS}/${b.name}-connection`)).toBe(false);
  });
});

describe('names and passwords through uri (property test)', () => {
  test('300 random user names, passwords and database names round-trip through new URL()', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = [...'abcXYZ019 !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', 'é', 'ß', '中', '🙂', '\t'];
    const word = (min: number) => Array.from({ length: min + Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const samples = Array.from({ length: 300 }, () => ({ username: word(1), password: word(1), database: word(1), host: 'db.apps.svc', port: '3306' }));
    const programs = path.join(__dirname, '..', '..', 'src', 'programs');
    const r = spawnSync('python3', ['-c', 'import binder, json, sys; print(json.dumps([binder.render_uri(sys.argv[1], v) for v in json.load(sys.stdin)]))',
      bound().spec.uriTemplate], { input: JSON.stringify(samples), encoding: 'utf8', env: { PATH: process.env.PATH, PYTHONPATH: programs, PYTHONDONTWRITEBYTECODE: '1' } });
    expect(r.stderr).toEqual('');
    const uris: string[] = JSON.parse(r.stdout);
    uris.forEach((uri, i) => {
      const url = new URL(uri);
      const d = decodeURIComponent;
      expect({ u: d(url.username), p: d(url.password), d: d(url.pathname.slice(1)), h: url.hostname, port: url.port })
        .toEqual({ u: samples[i].username, p: samples[i].password, d: samples[i].database, h: 'db.apps.svc', port: '3306' });
    });
  });
});
