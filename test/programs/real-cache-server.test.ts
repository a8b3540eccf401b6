/**
 * The cache's binder against a real Redis-protocol server: a throwaway Debian `redis-server` (RESP, the protocol
 * Valkey speaks) on loopback, with AUTH and a TLS port whose certificate a throwaway CA (made with `openssl` here)
 * signed. The binder runs against the fake Kubernetes API; the real Node client (`ioredis`) connects with the
 * produced `uri` and with the separate keys:
 *
 * - the in-cluster cache: the binder generates the password, the server requires it (`requirepass`), plaintext
 *   (`ssl: false`, `redis://`);
 * - a backend with TLS and a private CA (as Memorystore has): `rediss://`, `ca.crt`, and a password read at deploy
 *   time that needs escaping.
 *
 * When the server cannot be started the suite fails (install `redis-server`; `.ci/run` does).
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import Redis, { RedisOptions } from 'ioredis';
import { PortableCache, Profile } from '../../src';
import { bindsEveryWorkload } from '../../src/core/features';
import { Support } from '../../src/core/support';
import { CacheAnswers, CacheBinding, ICacheBackend } from '../../src/services/cache/backend';
import { bindWithValues, serviceAccountDir } from '../util/binder';
import { FakeKubeApi } from '../util/fake-kube-api';
import { freePorts, waitForPort } from '../util/ports';
import { killPrograms, tempDir } from '../util/programs';
import { byKind, newChart, synth } from '../util/synth';

jest.setTimeout(120_000);

const NS = 'apps';
const TOKEN = 'real-token';
const PASSWORD = 'p@ss:w/rd?#%&= +é"\'\\;$`~[]{}';

/** A throwaway CA and a server certificate for 127.0.0.1 and localhost. */
function certificates(dir: string): { ca: string; cert: string; key: string } {
  const f = (n: string) => path.join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=throwaway test CA', '-keyout', f('ca.key'), '-out', f('ca.crt'));
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', f('server.key'), '-out', f('server.csr'));
  fs.writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '1',
    '-extfile', f('san.ext'), '-out', f('server.crt'));
  return { ca: f('ca.crt'), cert: f('server.crt'), key: f('server.key') };
}

const servers: ChildProcess[] = [];
const clients: Redis[] = [];
let api: FakeKubeApi;
let sa: string;
let dir: string;
let server: { port: number; tlsPort: number; ca: string };
let serverLog = '';
/** The password the server requires now (none at first). */
let serverPassword: string | undefined;

/** Starts redis-server with a plain and a TLS port and no password yet (each test sets its own with CONFIG SET). */
async function startRedis(): Promise<{ port: number; tlsPort: number; ca: string }> {
  const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p));
  if (!binary) throw new Error('redis-server not found in /usr/bin, /usr/local/bin: install it (apt-get install -y redis-server)');
  const certs = certificates(dir);
  const [port, tlsPort] = await freePorts(2);
  const p = spawn(binary, [
    '--bind', '127.0.0.1', '--port', String(port), '--tls-port', String(tlsPort), '--tls-cert-file', certs.cert,
    '--tls-key-file', certs.key, '--tls-ca-cert-file', certs.ca, '--tls-auth-clients', 'no', '--dir', dir,
    '--save', '', '--appendonly', 'no', '--daemonize', 'no',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  p.stdout!.on('data', (d) => (serverLog += d));
  p.stderr!.on('data', (d) => (serverLog += d));
  servers.push(p);
  await waitForPort(port, 'redis-server', () => serverLog, { timeoutMs: 30_000, intervalMs: 100 });
  await waitForPort(tlsPort, 'redis-server', () => serverLog, { timeoutMs: 30_000, intervalMs: 100 });
  return { port, tlsPort, ca: fs.readFileSync(certs.ca, 'utf8') };
}

function client(target: string | RedisOptions, options: RedisOptions = {}): Redis {
  // One attempt, no queue, no INFO ready check (it would fail before AUTH is tested).
  const quiet: RedisOptions = {
    lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false, enableReadyCheck: false,
  };
  const c = typeof target === 'string' ? new Redis(target, { ...quiet, ...options }) : new Redis({ ...quiet, ...target, ...options });
  c.on('error', () => undefined);
  clients.push(c);
  return c;
}

/** Sets the server's password (the one AUTH checks) through an admin connection. */
async function requirePassword(password: string): Promise<void> {
  const admin = client({ host: '127.0.0.1', port: server.port, password: serverPassword });
  await admin.connect().catch((e) => {
    throw new Error(`cannot reach redis-server on 127.0.0.1:${server.port} (${e.message}): ${serverLog}`);
  });
  try {
    await admin.config('SET', 'requirepass', password);
    serverPassword = password;
  } finally {
    admin.disconnect();
  }
}

/** Runs the synthesized binder of the chart's cache with the spec's values replaced, as the cluster would see them. */
function bind(objs: any[], overrides: { [key: string]: string }): Promise<{ [key: string]: string }> {
  return bindWithValues(api, sa, objs, NS, overrides, 'cache-binder-');
}

/** Writes and reads a key through a client, after connecting (AUTH, and the TLS handshake where there is one). */
async function roundTrip(c: Redis, key: string): Promise<void> {
  await c.connect();
  try {
    expect(await c.set(key, 'value é')).toBe('OK');
    expect(await c.get(key)).toBe('value é');
  } finally {
    c.disconnect();
  }
}

/** A cache backend with TLS and a private CA whose provider generates the password (read at deploy time). */
class TlsTestBackend implements ICacheBackend {
  public readonly name = 'tls-test';
  public readonly capabilities: CacheAnswers = {
    highAvailability: Support.refused('a test server', 'none'),
    durable: Support.refused('a test server', 'none'),
    version: Support.honouredBy('any'),
    restoreFromSnapshot: Support.refused('a test server', 'none'),
    transitEncryption: Support.honouredBy('TLS with a private CA'),
    auth: Support.honouredBy('requirepass'),
    deletionRetain: Support.honouredBy('nothing to delete'),
    deletionDelete: Support.honouredBy('nothing to delete'),
    ...bindsEveryWorkload('environment variables'),
  };

  public bind(_scope: Construct): CacheBinding {
    const secret = (name: string, key: string) => ({ apiGroup: '', apiVersion: 'v1', resource: 'secrets', name, fieldPath: `data["${key}"]`, base64: true });
    return {
      provider: 'tls-test',
      host: '127.0.0.1',
      port: server.tlsPort,
      tls: true,
      passwordFrom: secret('provider-auth', 'auth-string'),
      caCertificateFrom: secret('provider-ca', 'ca.crt'),
    };
  }
}

beforeAll(async () => {
  sa = serviceAccountDir(TOKEN, 'cache-sa-');
  dir = tempDir('redis-');
  api = await FakeKubeApi.start(TOKEN);
  server = await startRedis();
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  killPrograms();
  for (const s of servers) if (s.exitCode === null) s.kill('SIGTERM');
  await Promise.all(servers.map((s) => (s.exitCode === null ? new Promise((r) => s.on('exit', r)) : undefined)));
  await api.close();
  for (const d of [dir, sa]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

test('in-cluster: the generated password is the server\'s AUTH password; the redis:// uri and the separate keys connect', async () => {
  const { chart } = newChart(NS);
  new PortableCache(chart, 'Cache', { name: 'sessions' });
  const objs = synth(chart);
  const statefulSet = byKind(objs, 'StatefulSet')[0];
  // The server reads its config file, which the init container `config` writes from the credentials Secret's password
  // (test/programs/real-valkey-config.test.ts runs that file on a real server).
  expect(statefulSet.spec.template.spec.containers[0].args).toEqual(['valkey-server', '/etc/valkey/valkey.conf']);
  const config = statefulSet.spec.template.spec.initContainers.find((c: any) => c.name === 'config');
  expect(config.env.find((e: any) => e.name === 'PASSWORD').valueFrom.secretKeyRef).toEqual({ key: 'password', name: 'sessions-credentials' });

  // The binder generates the password into the credentials Secret; the server reads it from there.
  const conn = await bind(objs, { host: '127.0.0.1', port: String(server.port) });
  const generated = api.secretValues(NS, 'sessions-credentials')!.password;
  expect(generated).toMatch(/^[A-Za-z0-9]{32}$/);
  await requirePassword(generated);

  expect(conn).toEqual({
    type: 'redis',
    provider: 'in-cluster',
    host: '127.0.0.1',
    port: String(server.port),
    password: generated,
    ssl: 'false',
    uri: `redis://:${generated}@127.0.0.1:${server.port}`,
  });
  await roundTrip(client(conn.uri), 'via-uri');
  await roundTrip(client({ host: conn.host, port: Number(conn.port), password: conn.password }), 'via-keys');
  // AUTH is on: without the password the server refuses commands.
  const anonymous = client({ host: conn.host, port: Number(conn.port) });
  await anonymous.connect();
  await expect(anonymous.get('via-uri')).rejects.toThrow(/NOAUTH/);
  anonymous.disconnect();
});

test('TLS with a private CA: the rediss:// uri with ca.crt and the separate keys connect, with a password that needs escaping', async () => {
  await requirePassword(PASSWORD);
  api.putSecret(NS, 'provider-auth', { 'auth-string': PASSWORD });
  api.putSecret(NS, 'provider-ca', { 'ca.crt': server.ca });
  const { chart } = newChart(NS);
  Profile.use(chart, Profile.custom({ name: 'tls-test', backends: [{ kind: PortableCache.KIND, backend: new TlsTestBackend() }] }));
  new PortableCache(chart, 'Cache', { name: 'tls-cache' });
  const conn = await bind(synth(chart), {});

  expect(conn).toEqual({
    'type': 'redis',
    'provider': 'tls-test',
    'host': '127.0.0.1',
    'port': String(server.tlsPort),
    'password': PASSWORD,
    'ssl': 'true',
    'ca.crt': server.ca,
    'uri': `rediss://:${encodeURIComponent(PASSWORD).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}@127.0.0.1:${server.tlsPort}`,
  });
  await roundTrip(client(conn.uri, { tls: { ca: conn['ca.crt'] } }), 'tls-via-uri');
  await roundTrip(client({ host: conn.host, port: Number(conn.port), password: conn.password, tls: conn.ssl === 'true' ? { ca: conn['ca.crt'] } : undefined }), 'tls-via-keys');
  // The certificate is checked: without the CA the handshake fails.
  const untrusting = client(conn.uri);
  const errors: string[] = [];
  untrusting.on('error', (e) => errors.push(e.message));
  await expect(untrusting.connect()).rejects.toThrow('Connection is closed.');
  expect(errors).toEqual([expect.stringMatching(/self-signed certificate in certificate chain|unable to verify the first certificate/)]);
});
