/**
 * The in-cluster cache's server configuration against a real Redis 7 server (Debian's `redis-server`, whose
 * configuration and ACL language Valkey keeps): the `config` init container's script writes the file, the server
 * starts from it, and a real client (`ioredis`) checks what bound clients may do. The probes run with Debian's
 * `redis-cli` in place of `valkey-cli` (same options and `REDISCLI_AUTH`).
 *
 * When the server cannot be started the suite fails (install `redis-server`; `.ci/run` does).
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Redis from 'ioredis';
import { DENIED_COMMANDS, VALKEY_CONFIG_SCRIPT, valkeyConf } from '../../src/environments/in-cluster/cache';
import { freePort, listening } from '../util/ports';
import { tempDir } from '../util/programs';

jest.setTimeout(60_000);

const PASSWORD = 'p@ss:w/rd?#%&= +é"\'\\;$`~[]{}\nx';

interface Started { readonly dir: string; readonly port: number; readonly server: ChildProcess; readonly conf: string }

const running: ChildProcess[] = [];
const clients: Redis[] = [];

/** Writes the configuration with the init container's script, and starts redis-server from it. */
async function start(durable: boolean): Promise<Started> {
  const dir = tempDir('valkey-config-');
  const data = path.join(dir, 'data');
  const etc = path.join(dir, 'etc');
  fs.mkdirSync(data);
  fs.mkdirSync(etc);
  const port = await freePort();
  execFileSync('sh', ['-c', VALKEY_CONFIG_SCRIPT], {
    env: { PATH: process.env.PATH, VALKEY_CONF: valkeyConf({ port, dir: data, memoryMebibytes: 64, evictionPolicy: 'noeviction', durable }), CONFIG_DIR: etc, PASSWORD },
  });
  const conf = path.join(etc, 'valkey.conf');
  let log = '';
  const server = spawn('redis-server', [conf, '--bind', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d) => { log += d; });
  server.stderr!.on('data', (d) => { log += d; });
  running.push(server);
  const until = Date.now() + 20_000;
  for (;;) {
    if (await listening(port)) break;
    if (Date.now() > until || server.exitCode !== null) throw new Error(`redis-server did not start from ${conf}: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { dir: data, port, server, conf };
}

/** Starts redis-server again from the same file (same port and data directory). */
async function restart(s: Started): Promise<Started> {
  const server = spawn('redis-server', [s.conf, '--bind', '127.0.0.1'], { stdio: 'ignore' });
  running.push(server);
  const until = Date.now() + 20_000;
  while (!(await listening(s.port))) {
    if (Date.now() > until) throw new Error('redis-server did not restart');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...s, server };
}

function client(port: number, password: string): Redis {
  const c = new Redis({ host: '127.0.0.1', port, password, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  clients.push(c);
  return c;
}

async function stop(s: Started): Promise<void> {
  const exited = new Promise((r) => s.server.once('exit', r));
  s.server.kill('SIGTERM');
  await exited;
}

afterAll(() => {
  for (const c of clients) c.disconnect();
  for (const s of running) if (s.exitCode === null) s.kill('SIGKILL');
});

describe('the in-cluster cache configuration on a real redis-server 7', () => {
  test('the password is in no file: the default user has its SHA-256', async () => {
    const s = await start(false);
    const text = fs.readFileSync(s.conf, 'utf8');
    expect(text).not.toContain('p@ss');
    const hash = execFileSync('sha256sum', { input: PASSWORD }).toString().split(' ')[0];
    expect(text).toContain(`user default on #${hash} ~* &* +@all`);
    expect((fs.statSync(s.conf).mode % 0o1000).toString(8)).toBe('600');
    await stop(s);
  });

  test('bound clients authenticate with the password and run data commands, not administrative ones', async () => {
    const s = await start(true);
    const c = client(s.port, PASSWORD);
    await c.connect();
    expect(await c.set('k', 'v')).toBe('OK');
    expect(await c.get('k')).toBe('v');
    expect(await c.flushdb()).toBe('OK');
    for (const command of ['CONFIG GET save', 'CONFIG SET maxmemory 1', 'DEBUG SLEEP 0', 'FLUSHALL', 'SHUTDOWN NOSAVE', 'ACL LIST', 'BGSAVE', 'REPLICAOF 127.0.0.1 1', 'MONITOR']) {
      const [name, ...args] = command.split(' ');
      // DEBUG is also off by default (enable-debug-command no); the ACL denies it where it is on.
      await expect(c.call(name, ...args)).rejects.toThrow(name === 'DEBUG' ? /NOPERM|DEBUG command not allowed/ : /NOPERM/);
    }
    expect(DENIED_COMMANDS).toEqual(expect.arrayContaining(['config', 'debug', 'shutdown', 'flushall']));
    await expect(c.call('AUTH', 'wrong')).rejects.toThrow(/WRONGPASS/);
    expect(await c.call('AUTH', PASSWORD)).toBe('OK');
    await stop(s);
  });

  test('durable: an append-only file and no RDB snapshot, even at shutdown', async () => {
    const s = await start(true);
    const c = client(s.port, PASSWORD);
    await c.connect();
    for (let i = 0; i < 100; i++) await c.set(`k${i}`, `v${i}`);
    await stop(s);
    const files = fs.readdirSync(s.dir);
    expect(files).toContain('appendonlydir');
    expect(files).not.toContain('dump.rdb');
    // The data comes back from the append-only file alone.
    const again = await restart(s);
    const c2 = client(again.port, PASSWORD);
    await c2.connect();
    expect(await c2.get('k99')).toBe('v99');
    await stop(again);
  });

  test('cache only: nothing written to the data directory', async () => {
    const s = await start(false);
    const c = client(s.port, PASSWORD);
    await c.connect();
    await c.set('k', 'v');
    await stop(s);
    expect(fs.readdirSync(s.dir)).toEqual([]);
  });
});
