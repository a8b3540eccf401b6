/**
 * The queue's boot configuration and binder against a real AMQP 0-9-1 broker: a throwaway Debian `rabbitmq-server`
 * node on loopback (its own node name, ports, Erlang port mapper and data directory in a temp dir). The test runs
 * what the in-cluster StatefulSet runs: the `definitions` init container's script (from the synthesized YAML) writes
 * the definitions file from the credentials Secret, and the broker imports it at boot with the synthesized
 * `rabbitmq.conf` (only its paths and listener moved to the temp dir and loopback). The binder runs against the fake
 * Kubernetes API; the real Node client (`amqplib`) connects with the produced `uri` and with the separate keys,
 * with a virtual host and a password that need escaping, and declares, publishes and consumes.
 *
 * When the broker cannot be started the suite fails (install `rabbitmq-server`; `.ci/run` does).
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as amqp from 'amqplib';
import { PortableQueue } from '../../src';
import { bindWithValues, serviceAccountDir } from '../util/binder';
import { FakeKubeApi } from '../util/fake-kube-api';
import { freePorts, waitForPort } from '../util/ports';
import { killPrograms, tempDir } from '../util/programs';
import { byKind, newChart, oneOf, synth } from '../util/synth';

jest.setTimeout(180_000);

const NS = 'apps';
const TOKEN = 'real-token';
// ASCII only: amqplib decodes the uri's userinfo with the legacy `unescape()` (Latin-1), so a UTF-8 character such as
// `é` (`%C3%A9`, as RFC 3986 and the binder encode it) would reach the broker as two characters.
const PASSWORD = 'p@ss:w/rd?#%&= +"\'\\;$`~[]{}';
const VHOST = 'shop/orders:eu';
const SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';

let api: FakeKubeApi;
let sa: string;
let dir: string;
let server: ChildProcess | undefined;
let serverLog = '';
let epmdPort = 0;
const connections: amqp.ChannelModel[] = [];

/** Starts a throwaway node with the synthesized rabbitmq.conf (paths and listener moved) and definitions file. */
async function startBroker(conf: string, definitionsFile: string): Promise<number> {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} not found: install it (apt-get install -y rabbitmq-server)`);
  const [port, distPort, epmd] = await freePorts(3);
  epmdPort = epmd;
  const local = conf
    .replace(/^listeners\.tcp\.default = .*$/m, `listeners.tcp.default = 127.0.0.1:${port}`)
    .replace(/^load_definitions = .*$/m, `load_definitions = ${definitionsFile}`);
  expect(local).not.toEqual(conf);
  const confFile = path.join(dir, 'rabbitmq.conf');
  fs.writeFileSync(confFile, local);
  fs.writeFileSync(path.join(dir, 'enabled_plugins'), '[].\n');
  const node = `portable-test-${process.pid}`;
  const p = spawn(SERVER, [], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH!,
      HOME: dir,
      LANG: 'C.UTF-8',
      RABBITMQ_CONFIG_FILE: confFile,
      RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
      RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
      RABBITMQ_LOG_BASE: path.join(dir, 'log'),
      RABBITMQ_LOGS: '-',
      RABBITMQ_PID_FILE: path.join(dir, 'rabbitmq.pid'),
      RABBITMQ_NODENAME: `${node}@localhost`,
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(port),
      RABBITMQ_DIST_PORT: String(distPort),
      ERL_EPMD_ADDRESS: '127.0.0.1',
      ERL_EPMD_PORT: String(epmd),
    },
  });
  p.stdout!.on('data', (d) => (serverLog += d));
  p.stderr!.on('data', (d) => (serverLog += d));
  server = p;
  await waitForPort(port, 'rabbitmq-server', () => serverLog, { timeoutMs: 90_000, alive: () => p.exitCode === null });
  // The listener opens after the definitions are imported.
  expect(serverLog).toMatch(/Importing concurrently 2 queues/);
  return port;
}

/** Runs the synthesized binder of the chart's queue with the spec's values replaced, as the cluster would see them. */
function bind(objs: any[], overrides: { [key: string]: string }): Promise<{ [key: string]: string }> {
  return bindWithValues(api, sa, objs, NS, overrides, 'queue-binder-');
}

/** Runs the StatefulSet's `definitions` init container script as the pod would, writing into the temp dir. */
function writeDefinitions(statefulSet: any, password: string): string {
  const init = statefulSet.spec.template.spec.initContainers.find((c: any) => c.name === 'definitions');
  const [sh, flag, script] = init.command;
  expect([sh, flag]).toEqual(['sh', '-c']);
  const file = path.join(dir, 'definitions.json');
  const mount = init.volumeMounts.find((m: any) => m.name === 'definitions').mountPath;
  const local = script.split(`${mount}/definitions.json`).join(file);
  expect(local).not.toEqual(script);
  const env: { [key: string]: string } = { PATH: process.env.PATH! };
  for (const e of init.env) {
    if (e.value !== undefined) env[e.name] = e.value;
    else env[e.name] = api.secretValues(NS, e.valueFrom.secretKeyRef.name)![e.valueFrom.secretKeyRef.key];
  }
  expect(env.PASSWORD).toBe(password);
  execFileSync(sh, [flag, local], { env, stdio: 'pipe' });
  return file;
}

/** Connects, checks the declared queue exists (passively), publishes a message and consumes it. */
async function roundTrip(target: string | amqp.Options.Connect, queue: string, body: string): Promise<void> {
  const conn = await amqp.connect(target);
  connections.push(conn);
  const ch = await conn.createChannel();
  expect(await ch.checkQueue(queue)).toMatchObject({ queue });
  expect(ch.sendToQueue(queue, Buffer.from(body), { persistent: true })).toBe(true);
  let got: amqp.GetMessage | false = false;
  for (let i = 0; i < 50 && !got; i++) {
    got = await ch.get(queue, { noAck: true });
    if (!got) await new Promise((r) => setTimeout(r, 100));
  }
  expect(got && got.content.toString()).toBe(body);
  await conn.close();
}

beforeAll(async () => {
  sa = serviceAccountDir(TOKEN, 'queue-sa-');
  dir = tempDir('rabbitmq-');
  api = await FakeKubeApi.start(TOKEN);
});

afterAll(async () => {
  for (const c of connections) await c.close().catch(() => undefined);
  killPrograms();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.on('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  if (epmdPort) {
    try {
      execFileSync('epmd', ['-kill'], { env: { PATH: `${process.env.PATH}:/usr/lib/erlang/bin`, ERL_EPMD_PORT: String(epmdPort) }, stdio: 'pipe' });
    } catch {
      // No port mapper was started.
    }
  }
  await api.close();
  for (const d of [dir, sa]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

test('in-cluster: the broker imports the user, virtual host and queue at boot; the amqp:// uri and the separate keys connect', async () => {
  const { chart } = newChart(NS);
  const queue = new PortableQueue(chart, 'Queue', { name: 'orders', virtualHost: VHOST, queues: ['orders', 'orders.retry'] });
  const objs = synth(chart);
  // A password that needs escaping in JSON, in the shell and in the uri (the binder keeps an existing one).
  api.putSecret(NS, 'orders-credentials', { username: 'orders', password: PASSWORD });
  const conn = await bind(objs, { host: '127.0.0.1', port: '0' });
  expect(api.secretValues(NS, 'orders-credentials')).toEqual({ username: 'orders', password: PASSWORD });

  const definitions = writeDefinitions(oneOf(objs, 'StatefulSet'), PASSWORD);
  expect(JSON.parse(fs.readFileSync(definitions, 'utf8')).users).toEqual([{ name: 'orders', password: PASSWORD, tags: [] }]);
  const [configMap] = byKind(objs, 'ConfigMap').filter((c) => c.metadata.name === 'orders-rabbitmq');
  const port = await startBroker(configMap.data['rabbitmq.conf'], definitions);

  // The binder as it runs in the cluster, with the broker's loopback port.
  const bound = await bind(objs, { host: '127.0.0.1', port: String(port) });
  expect(conn.password).toBe(PASSWORD);
  const encoded = encodeURIComponent(PASSWORD).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  expect(bound).toEqual({
    type: 'rabbitmq',
    provider: 'in-cluster',
    host: '127.0.0.1',
    port: String(port),
    username: 'orders',
    password: PASSWORD,
    vhost: VHOST,
    ssl: 'false',
    uri: `amqp://orders:${encoded}@127.0.0.1:${port}/shop%2Forders%3Aeu`,
  });
  expect(queue.tls).toBe(false);

  await roundTrip(bound.uri, 'orders', 'via uri é');
  await roundTrip({
    protocol: bound.ssl === 'true' ? 'amqps' : 'amqp',
    hostname: bound.host,
    port: Number(bound.port),
    username: bound.username,
    password: bound.password,
    vhost: bound.vhost,
  }, 'orders.retry', 'via keys');
  // The declared queues are durable classic queues; a wrong password is refused.
  await expect(amqp.connect({ protocol: 'amqp', hostname: '127.0.0.1', port, username: 'orders', password: 'wrong', vhost: VHOST }))
    .rejects.toThrow(/ACCESS_REFUSED|403/);
});
