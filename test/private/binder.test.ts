/**
 * Runs the real binder script (python3) against an in-process fake Kubernetes API, with the BINDING_SPEC and the
 * script taken from a synthesized chart, so these tests prove that what we synthesize and what runs at deploy time
 * agree.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProfile, Backup, Credentials, DeletionPolicy, InClusterProfile, ObjectStoreOperator, PortableMySQL, PortableObjectStore, Profile } from '../../src';
import { BINDER_PY, KUBE_PY } from '../../src/programs/embedded.generated';
import { FakeKubeApi } from '../util/fake-kube-api';
import { expectValid } from '../util/schema';
import { byKind, newChart, oneOf, synth } from '../util/synth';

jest.setTimeout(60_000);

const NS = 'apps';
const TOKEN = 'test-token-abc';
const CONNECTION_KEYS = ['database', 'host', 'password', 'port', 'provider', 'tls', 'type', 'uri', 'username'];
const DBINSTANCE = '/apis/rds.services.k8s.aws/v1alpha1/namespaces/apps/dbinstances/db-x';

interface Synthesized {
  /** The service's base name. */
  readonly name: string;
  /** The binder Job's BINDING_SPEC, parsed. */
  readonly spec: any;
  /** Everything synthesized. */
  readonly objs: any[];
  /** The script as the synthesized ConfigMap mounts it. */
  readonly script: string;
}

interface RunResult {
  readonly code: number | null;
  readonly output: string;
  readonly timedOut: boolean;
}

let tmp: string;
let api: FakeKubeApi;
const children = new Set<ChildProcess>();

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'binder-test-'));
  fs.mkdirSync(path.join(tmp, 'sa'));
  fs.writeFileSync(path.join(tmp, 'sa', 'token'), `${TOKEN}\n`);
  fs.mkdirSync(path.join(tmp, 'bad-sa'));
  fs.writeFileSync(path.join(tmp, 'bad-sa', 'token'), 'not-the-token');
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

beforeEach(async () => {
  api = await FakeKubeApi.start(TOKEN);
});

afterEach(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  await api.close();
});

/**
 * Synthesizes a MySQL service (in-cluster profile unless given) and reads its binder Job's spec and script. Backups
 * are off unless asked for: with them the binder also creates the backup claim (see 'claims kept out of the YAML').
 */
function synthesize(credentials?: Credentials, profile?: Profile, backup: Backup = Backup.disabled()): Synthesized {
  const { chart } = newChart(NS);
  if (profile) Profile.use(chart, profile);
  const db = new PortableMySQL(chart, 'Db', { backup, ...(credentials ? { credentials } : {}) });
  const objs = synth(chart);
  expectValid(objs);
  const jobs = byKind(objs, 'Job').filter((j) => j.spec.template.spec.containers.some((c: any) => c.name === 'binder'));
  expect(jobs).toHaveLength(1);
  const container = jobs[0].spec.template.spec.containers.find((c: any) => c.name === 'binder');
  const specJson = container.env.find((e: any) => e.name === 'BINDING_SPEC').value;
  const scriptVolume = jobs[0].spec.template.spec.volumes.find((v: any) => v.name === 'script');
  const configMap = byKind(objs, 'ConfigMap').find((c) => c.metadata.name === scriptVolume.configMap.name);
  const script = configMap.data['binder.py'];
  expect(configMap.data).toEqual({ 'binder.py': BINDER_PY, 'kube.py': KUBE_PY });
  fs.writeFileSync(path.join(tmp, 'kube.py'), configMap.data['kube.py']);
  return { name: db.name, spec: JSON.parse(specJson), objs, script };
}

/** Runs the binder with a spec against the fake API; resolves when it exits or after `timeoutMs` (then killed). */
function runBinder(script: string, spec: any, options: { saDir?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  const file = path.join(tmp, 'binder.py');
  fs.writeFileSync(file, script);
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [file], {
      // A minimal environment: no proxy variables, nothing from the developer's cluster.
      env: {
        PATH: process.env.PATH,
        BINDING_SPEC: JSON.stringify(spec),
        NAMESPACE: NS,
        KUBERNETES_API_URL: api.url,
        SERVICEACCOUNT_DIR: options.saDir ?? path.join(tmp, 'sa'),
        POLL_SECONDS: '0.05',
        RETRY_BASE_SECONDS: '0.01',
        RBAC_GRACE_SECONDS: '0',
        PYTHONDONTWRITEBYTECODE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 20_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, output, timedOut });
    });
  });
}

/** Runs the binder and expects it to succeed. */
async function bindOk(script: string, spec: any): Promise<string> {
  const r = await runBinder(script, spec);
  expect({ code: r.code, timedOut: r.timedOut, output: r.output }).toEqual({ code: 0, timedOut: false, output: expect.any(String) });
  return r.output;
}

/** A spec whose host is read at deploy time from `status.endpoint.address` of the fake DBInstance `db-x`. */
function deferredSpec(spec: any, timeoutSeconds?: number): any {
  const { host: _host, ...values } = spec.values;
  return {
    ...spec,
    values,
    deferred: {
      host: { apiGroup: 'rds.services.k8s.aws', apiVersion: 'v1alpha1', resource: 'dbinstances', name: 'db-x', fieldPath: 'status.endpoint.address' },
    },
    timeoutSeconds: timeoutSeconds ?? spec.timeoutSeconds,
  };
}

describe('binder spec', () => {
  test('the synthesized spec names the Secrets and carries what the script needs', () => {
    const { name, spec } = synthesize();
    expect(spec.connectionSecret).toEqual(`${name}-connection`);
    expect(spec.secretType).toEqual('servicebinding.io/mysql');
    expect([...spec.keys].sort()).toEqual(CONNECTION_KEYS);
    expect(spec.credentials).toMatchObject({ secret: `${name}-credentials`, generate: true, username: 'app', passwordKey: 'password' });
    expect(spec.credentials.passwordKeys).toEqual(expect.arrayContaining(['password', 'admin-password']));
  });
});

describe('claims kept out of the YAML', () => {
  test('the binder creates the backup claim of a retained in-cluster database once, and never changes it', async () => {
    const { name, spec, script, objs } = synthesize(undefined, undefined, Backup.daily());
    expect(byKind(objs, 'PersistentVolumeClaim')).toEqual([]);
    expect(spec.claims).toEqual([{
      name: `${name}-backup`,
      labels: expect.objectContaining({ 'app.kubernetes.io/instance': name, 'app.kubernetes.io/component': 'backup' }),
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
    }]);
    const output = await bindOk(script, spec);
    expect(output).toMatch(new RegExp(`binder: created PersistentVolumeClaim ${name}-backup`));
    const claimPath = `/api/v1/namespaces/${NS}/persistentvolumeclaims/${name}-backup`;
    expect(api.objects.get(claimPath)!(0)).toMatchObject({ kind: 'PersistentVolumeClaim', metadata: { name: `${name}-backup`, namespace: NS }, spec: spec.claims[0].spec });
    const again = await bindOk(script, spec);
    expect(again).not.toMatch(/created PersistentVolumeClaim/);
    expect(api.count('POST', `/api/v1/namespaces/${NS}/persistentvolumeclaims`)).toBe(1);
  });
});

describe('generated credentials', () => {
  test('creates the credentials Secret and a complete connection Secret', async () => {
    const { name, spec, script } = synthesize();
    const output = await bindOk(script, spec);
    expect(output).toMatch(/binder: wrote connection Secret/);

    const credsObj = api.secrets.get(`${NS}/${name}-credentials`);
    expect(credsObj.type).toEqual('Opaque');
    expect(credsObj.metadata.labels).toMatchObject({ 'app.kubernetes.io/instance': name });
    const creds = api.secretValues(NS, `${name}-credentials`)!;
    expect(Object.keys(creds).sort()).toEqual(['admin-password', 'password', 'username']);
    expect(creds.username).toEqual('app');
    expect(creds.password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(creds['admin-password']).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(creds['admin-password']).not.toEqual(creds.password);

    const connObj = api.secrets.get(`${NS}/${name}-connection`);
    expect(connObj.type).toEqual('servicebinding.io/mysql');
    expect(connObj.metadata.labels).toMatchObject({ 'app.kubernetes.io/instance': name });
    const conn = api.secretValues(NS, `${name}-connection`)!;
    expect(Object.keys(conn).sort()).toEqual(CONNECTION_KEYS);
    const host = spec.values.host.replace(/\{namespace\}/g, NS);
    expect(host).not.toMatch(/[{}]/);
    expect(conn).toEqual({
      type: 'mysql',
      provider: spec.values.provider,
      host,
      port: '3306',
      database: 'app',
      username: 'app',
      password: creds.password,
      // In-cluster: plaintext, stated, and no TLS parameter in the uri.
      tls: 'false',
      uri: `mysql://app:${creds.password}@${host}:3306/app`,
    });
    expect(conn.provider).not.toEqual('');
    // Exactly one create each, nothing else written.
    expect(api.writes()).toEqual([
      { method: 'POST', path: `/api/v1/namespaces/${NS}/secrets` },
      { method: 'POST', path: `/api/v1/namespaces/${NS}/secrets` },
    ]);
  });

  test('replaces {namespace} in every synth-time value', async () => {
    const { name, spec, script } = synthesize();
    await bindOk(script, { ...spec, values: { ...spec.values, host: 'mysql.{namespace}.svc.cluster.local' } });
    const conn = api.secretValues(NS, `${name}-connection`)!;
    expect(conn.host).toEqual(`mysql.${NS}.svc.cluster.local`);
    expect(conn.uri).toEqual(`mysql://app:${conn.password}@mysql.${NS}.svc.cluster.local:3306/app`);
  });
});

describe('idempotent and stable', () => {
  test('a second run writes nothing and keeps the password', async () => {
    const { name, spec, script } = synthesize();
    await bindOk(script, spec);
    const before = JSON.parse(JSON.stringify([...api.secrets.entries()]));
    const writes = api.writes().length;
    expect(writes).toBe(2);

    const output = await bindOk(script, spec);
    expect(output).toMatch(/up to date; nothing to do/);
    expect(api.writes()).toHaveLength(writes);
    expect(JSON.parse(JSON.stringify([...api.secrets.entries()]))).toEqual(before);
    expect(api.secretValues(NS, `${name}-connection`)!.password).toEqual(api.secretValues(NS, `${name}-credentials`)!.password);
  });

  test('rebuilds a deleted connection Secret with the same password, never regenerating the credentials', async () => {
    const { name, spec, script } = synthesize();
    await bindOk(script, spec);
    const creds = api.secrets.get(`${NS}/${name}-credentials`);
    const first = api.secretValues(NS, `${name}-connection`)!;

    api.secrets.delete(`${NS}/${name}-connection`);
    await bindOk(script, spec);

    expect(api.secretValues(NS, `${name}-connection`)).toEqual(first);
    expect(api.secrets.get(`${NS}/${name}-credentials`)).toEqual(creds); // same resourceVersion: never written again
    const credsWrites = api.writes().filter((w) => w.path.endsWith(`/${name}-credentials`));
    expect(credsWrites).toEqual([]);
    expect(api.writes().filter((w) => w.method === 'POST')).toHaveLength(3); // creds once, connection twice
  });

  test('a changed spec (a new Job) updates the connection Secret and keeps the password', async () => {
    const { name, spec, script } = synthesize();
    await bindOk(script, spec);
    const first = api.secretValues(NS, `${name}-connection`)!;

    await bindOk(script, { ...spec, values: { ...spec.values, database: 'orders' } });

    const conn = api.secretValues(NS, `${name}-connection`)!;
    expect(conn.database).toEqual('orders');
    expect(conn.password).toEqual(first.password);
    expect(conn.uri).toEqual(`mysql://app:${first.password}@${first.host}:3306/orders`);
    expect(api.writes().slice(2)).toEqual([{ method: 'PATCH', path: api.secretPath(NS, `${name}-connection`) }]);
  });

  test('a deleted credentials Secret is recreated with the password the connection Secret holds', async () => {
    const { name, spec, script } = synthesize();
    await bindOk(script, spec);
    const first = api.secretValues(NS, `${name}-connection`)!;

    api.secrets.delete(`${NS}/${name}-credentials`);
    await bindOk(script, spec);

    expect(api.secretValues(NS, `${name}-credentials`)!.password).toEqual(first.password);
    expect(api.secretValues(NS, `${name}-connection`)).toEqual(first);
  });
});

describe('credentials keys added later', () => {
  test('a generated key missing from an existing credentials Secret is added once; existing keys never change', async () => {
    const { name, spec, script } = synthesize();
    await bindOk(script, spec);
    const before = api.secretValues(NS, `${name}-credentials`)!;

    const extended = { ...spec, credentials: { ...spec.credentials, passwordKeys: [...spec.credentials.passwordKeys, 'replication-password'] } };
    await bindOk(script, extended);
    const after = api.secretValues(NS, `${name}-credentials`)!;
    expect(after.password).toEqual(before.password);
    expect(after['admin-password']).toEqual(before['admin-password']);
    expect(after['replication-password']).toMatch(/^[A-Za-z0-9]{32}$/);

    const writes = api.writes().length;
    await bindOk(script, extended);
    expect(api.writes()).toHaveLength(writes);
    expect(api.secretValues(NS, `${name}-credentials`)).toEqual(after);
  });
});

describe('user-named credentials', () => {
  test('waits for the user Secret, never writes it, and uses its password', async () => {
    const { name, spec, script } = synthesize(Credentials.fromSecret('my-db-secret'));
    expect(spec.credentials).toMatchObject({ secret: 'my-db-secret', generate: false });
    const userPath = api.secretPath(NS, 'my-db-secret');
    api.onRequest = (req) => {
      if (req.method === 'GET' && req.path === userPath && api.count('GET', userPath) === 3) {
        api.putSecret(NS, 'my-db-secret', { password: 'UserChosenPassword1' });
      }
    };

    const output = await bindOk(script, spec);

    expect(output).toMatch(/binder: waiting for key password of Secret my-db-secret/);
    expect(api.count('GET', userPath)).toBeGreaterThanOrEqual(3);
    const user = api.secrets.get(`${NS}/my-db-secret`);
    expect(user.metadata.resourceVersion).toEqual('101'); // as putSecret stored it: never written
    expect(api.secretValues(NS, 'my-db-secret')).toEqual({ password: 'UserChosenPassword1' });
    expect(api.writes()).toEqual([{ method: 'POST', path: `/api/v1/namespaces/${NS}/secrets` }]);
    expect([...api.secrets.keys()].sort()).toEqual([`${NS}/${name}-connection`, `${NS}/my-db-secret`].sort());
    const conn = api.secretValues(NS, `${name}-connection`)!;
    expect(conn.password).toEqual('UserChosenPassword1');
    expect(conn.uri).toEqual(`mysql://app:UserChosenPassword1@${conn.host}:3306/app`);
  });

  test('percent-encodes a password that needs it in uri, and keeps it verbatim in password', async () => {
    const { name, spec, script } = synthesize(Credentials.fromSecret('my-db-secret'));
    const pw = 'p@ss:w/rd?#%&= +é';
    api.putSecret(NS, 'my-db-secret', { password: pw });

    await bindOk(script, spec);

    const conn = api.secretValues(NS, `${name}-connection`)!;
    expect(conn.password).toEqual(pw);
    expect(conn.uri).toEqual(`mysql://app:p%40ss%3Aw%2Frd%3F%23%25%26%3D%20%2B%C3%A9@${conn.host}:3306/app`);
    const url = new URL(conn.uri);
    expect(decodeURIComponent(url.password)).toEqual(pw);
    expect(url.hostname).toEqual(conn.host);
  });
});

describe('deferred host', () => {
  test('waits until the DBInstance has status.endpoint.address, then writes it', async () => {
    const { name, spec, script } = synthesize();
    api.objects.set(DBINSTANCE, (reads) => {
      if (reads < 2) return undefined; // not created yet: 404
      const obj = { apiVersion: 'rds.services.k8s.aws/v1alpha1', kind: 'DBInstance', metadata: { name: 'db-x', namespace: NS } };
      return reads < 4 ? { ...obj, status: {} } : { ...obj, status: { endpoint: { address: 'db-x.abc.eu-west-1.rds.amazonaws.com', port: 3306 } } };
    });

    const output = await bindOk(script, deferredSpec(spec));

    expect(output).toMatch(/binder: waiting for status\.endpoint\.address of dbinstances\/db-x/);
    expect(api.count('GET', DBINSTANCE)).toBe(4);
    const conn = api.secretValues(NS, `${name}-connection`)!;
    expect(conn.host).toEqual('db-x.abc.eu-west-1.rds.amazonaws.com');
    expect(conn.uri).toEqual(`mysql://app:${conn.password}@db-x.abc.eu-west-1.rds.amazonaws.com:3306/app`);
  });

  test('AWS profile: reads the endpoint the synthesized DBInstance reports, which the binder Role may read', async () => {
    const aws = new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] });
    const { name, spec, objs, script } = synthesize(undefined, aws);
    const instance = oneOf(objs, 'DBInstance');
    const [group, version] = instance.apiVersion.split('/');
    expect(spec.deferred.host).toEqual({
      apiGroup: group, apiVersion: version, resource: 'dbinstances', name: instance.metadata.name, fieldPath: 'status.endpoint.address',
    });
    expect(spec.values.host).toBeUndefined();
    expect(oneOf(objs, 'Role').rules).toContainEqual({ apiGroups: [group], resources: ['dbinstances'], verbs: ['get', 'watch'], resourceNames: [instance.metadata.name] });
    const instancePath = `/apis/${group}/${version}/namespaces/${NS}/dbinstances/${instance.metadata.name}`;
    api.objects.set(instancePath, (reads) => ({ ...instance, status: reads < 3 ? {} : { endpoint: { address: 'abc.rds.amazonaws.com' } } }));

    await bindOk(script, spec);

    expect(api.count('GET', instancePath)).toBe(3);
    const conn = api.secretValues(NS, `${name}-connection`)!;
    expect(conn).toMatchObject({ 'provider': 'aws-rds', 'host': 'abc.rds.amazonaws.com', 'port': '3306', 'username': 'app', 'tls': 'true', 'ssl-mode': 'REQUIRED' });
    expect(conn.password).toEqual(api.secretValues(NS, `${name}-credentials`)!.password);
    // RDS refuses plaintext (require_secure_transport): the uri carries MySQL's TLS mode.
    expect(conn.uri).toEqual(`mysql://app:${conn.password}@abc.rds.amazonaws.com:3306/app?ssl-mode=REQUIRED`);
  });

  test('reads a base64 key of a provider connection Secret', async () => {
    const { name, spec, script } = synthesize();
    api.putSecret(NS, 'db-x-conn', { endpoint: 'db.example.internal' });
    const withSecret = {
      ...deferredSpec(spec),
      deferred: { host: { apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: 'db-x-conn', fieldPath: 'data.endpoint', base64: true } },
    };

    await bindOk(script, withSecret);

    expect(api.secretValues(NS, `${name}-connection`)!.host).toEqual('db.example.internal');
  });
});

describe('failures', () => {
  test('fails when the API answers 403, with a clear error', async () => {
    const { spec, script } = synthesize();
    api.forbid = (req) => req.path.startsWith(`/api/v1/namespaces/${NS}/secrets`);

    const r = await runBinder(script, spec);

    expect(r.timedOut).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/binder: error: reading Secret \S+-connection: HTTP 403 .*forbidden/);
    expect(api.writes()).toEqual([]);
  });

  test('fails when reading the deferred object is forbidden, naming it', async () => {
    const { spec, script } = synthesize();
    api.forbid = (req) => req.path === DBINSTANCE;

    const r = await runBinder(script, deferredSpec(spec));

    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/binder: error: reading dbinstances db-x: HTTP 403 .*forbidden/);
  });

  test('fails when the service account token is rejected', async () => {
    const { spec, script } = synthesize();

    const r = await runBinder(script, spec, { saDir: path.join(tmp, 'bad-sa') });

    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/binder: error: .*HTTP 401 Unauthorized/);
    expect(api.secrets.size).toBe(0);
  });

  test('fails when the user Secret never appears, naming what it waited for', async () => {
    const { spec, script } = synthesize(Credentials.fromSecret('my-db-secret'));
    const started = Date.now();

    const r = await runBinder(script, { ...spec, timeoutSeconds: 0.5 });

    expect(r.timedOut).toBe(false);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/binder: error: timed out waiting for key password of Secret my-db-secret/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(api.secrets.size).toBe(0);
  });

  test('fails when the deferred field never appears, naming what it waited for', async () => {
    const { name, spec, script } = synthesize();
    api.objects.set(DBINSTANCE, () => ({ apiVersion: 'rds.services.k8s.aws/v1alpha1', kind: 'DBInstance', metadata: { name: 'db-x' }, status: {} }));

    const r = await runBinder(script, deferredSpec(spec, 0.5));

    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/binder: error: timed out waiting for status\.endpoint\.address of dbinstances\/db-x/);
    expect(api.secrets.has(`${NS}/${name}-connection`)).toBe(false);
  });
});

/** Synthesizes an object store (in-cluster profile unless given) and reads its binder Job's spec and script. */
function synthesizeObjectStore(profile?: Profile): Synthesized {
  const { chart } = newChart(NS);
  if (profile) Profile.use(chart, profile);
  const store = new PortableObjectStore(chart, 'Uploads', { name: 'uploads', deletionPolicy: DeletionPolicy.DELETE });
  const objs = synth(chart);
  expectValid(objs);
  const job = byKind(objs, 'Job').find((j) => j.metadata.name.startsWith('uploads-bind-'));
  const container = job.spec.template.spec.containers[0];
  const configMap = byKind(objs, 'ConfigMap').find((c) => c.metadata.name === job.spec.template.spec.volumes[0].configMap.name);
  fs.writeFileSync(path.join(tmp, 'kube.py'), configMap.data['kube.py']);
  return { name: store.name, spec: JSON.parse(container.env.find((e: any) => e.name === 'BINDING_SPEC').value), objs, script: configMap.data['binder.py'] };
}

const S3_KEYS = ['access-key-id', 'bucket', 'endpoint', 'provider', 'region', 'secret-access-key', 'type'];

describe('object stores: generated access keys (in-cluster S3 server)', () => {
  test('generates the key pair once into the credentials Secret and writes a servicebinding.io/s3 Secret without uri or password', async () => {
    const { spec, script } = synthesizeObjectStore();
    await bindOk(script, spec);

    const creds = api.secretValues(NS, 'uploads-credentials')!;
    expect(Object.keys(creds).sort()).toEqual(['access-key-id', 'secret-access-key']);
    expect(creds['access-key-id']).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(creds['secret-access-key']).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(creds['access-key-id']).not.toEqual(creds['secret-access-key']);

    expect(api.secrets.get(`${NS}/uploads-connection`).type).toEqual('servicebinding.io/s3');
    const conn = api.secretValues(NS, 'uploads-connection')!;
    expect(Object.keys(conn).sort()).toEqual(S3_KEYS);
    expect(conn).toEqual({
      'type': 's3',
      'provider': 'in-cluster',
      'endpoint': `http://uploads.${NS}.svc.cluster.local:7070`,
      'region': 'us-east-1',
      'bucket': spec.values.bucket,
      'access-key-id': creds['access-key-id'],
      'secret-access-key': creds['secret-access-key'],
    });

    const writes = api.writes().length;
    expect(await bindOk(script, spec)).toMatch(/up to date; nothing to do/);
    expect(api.writes()).toHaveLength(writes);
  });

  test('a deleted credentials Secret is recreated with the keys the connection Secret holds', async () => {
    const { spec, script } = synthesizeObjectStore();
    await bindOk(script, spec);
    const first = api.secretValues(NS, 'uploads-connection')!;
    api.secrets.delete(`${NS}/uploads-credentials`);

    await bindOk(script, spec);

    expect(api.secretValues(NS, 'uploads-credentials')).toEqual({
      'access-key-id': first['access-key-id'], 'secret-access-key': first['secret-access-key'],
    });
    expect(api.secretValues(NS, 'uploads-connection')).toEqual(first);
  });
});

describe('object stores: Rook ObjectBucketClaim mapping', () => {
  const rook = () => new InClusterProfile({ objectStoreOperator: ObjectStoreOperator.ROOK, bucketStorageClassName: 'rook-ceph-bucket' });
  const CONFIGMAP = `/api/v1/namespaces/${NS}/configmaps/uploads`;

  function claimConfigMap(port: string, readsBeforeReady = 0) {
    api.objects.set(CONFIGMAP, (reads) => (reads <= readsBeforeReady ? undefined : {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'uploads', namespace: NS },
      data: { BUCKET_HOST: 'rook-ceph-rgw-store.rook-ceph.svc', BUCKET_PORT: port, BUCKET_NAME: 'uploads-0a1b2c3d', BUCKET_REGION: 'us-east-1' },
    }));
  }

  test('waits for the claim\'s ConfigMap and Secret, then maps them into the contract; never writes credentials', async () => {
    const { spec, script } = synthesizeObjectStore(rook());
    claimConfigMap('80', 2);
    api.putSecret(NS, 'uploads', { AWS_ACCESS_KEY_ID: 'RGWACCESSKEY0001', AWS_SECRET_ACCESS_KEY: 'rgw/secret+key==' });

    const output = await bindOk(script, spec);

    expect(output).toMatch(/binder: waiting for data\.BUCKET_NAME of configmaps\/uploads/);
    const conn = api.secretValues(NS, 'uploads-connection')!;
    expect(conn).toEqual({
      'type': 's3',
      'provider': 'rook-ceph',
      'endpoint': 'http://rook-ceph-rgw-store.rook-ceph.svc:80',
      'region': 'us-east-1',
      'bucket': 'uploads-0a1b2c3d',
      'access-key-id': 'RGWACCESSKEY0001',
      'secret-access-key': 'rgw/secret+key==',
    });
    expect(api.secrets.has(`${NS}/uploads-credentials`)).toBe(false);
    expect(api.writes()).toEqual([{ method: 'POST', path: `/api/v1/namespaces/${NS}/secrets` }]);
  });

  test('an RGW endpoint on port 443 becomes https://host', async () => {
    const { spec, script } = synthesizeObjectStore(rook());
    claimConfigMap('443');
    api.putSecret(NS, 'uploads', { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' });

    await bindOk(script, spec);

    expect(api.secretValues(NS, 'uploads-connection')!.endpoint).toEqual('https://rook-ceph-rgw-store.rook-ceph.svc');
  });

  test('fails when the claim\'s Secret never appears, naming what it waited for', async () => {
    const { spec, script } = synthesizeObjectStore(rook());
    claimConfigMap('80');

    const r = await runBinder(script, { ...spec, timeoutSeconds: 0.5 });

    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/binder: error: timed out waiting for data\.AWS_ACCESS_KEY_ID of secrets\/uploads/);
    expect(api.secrets.has(`${NS}/uploads-connection`)).toBe(false);
  });
});
