/**
 * The binder against real servers: throwaway PostgreSQL 15 (Debian `postgresql`) and MariaDB (`mariadb-server`)
 * instances on loopback, unprivileged, in temp dirs. The binder does not create database users, so the test does
 * what a backend would: with an admin connection it creates the user and database the binder's spec names, with the
 * password the binder reads from the user's Secret. Then it connects with the produced `uri` and with the separate
 * keys through the real Node drivers (`pg`, `mysql2`), with names and passwords that need escaping. With TLS on the
 * server, libpq (`psql`) connects with the `uri` of a TLS backend (`?sslmode=require`), and the in-cluster PostgreSQL
 * init script is run against a real server to show the application user is not a superuser.
 *
 * When a server cannot be started the suite fails in CI (`CI=true`); elsewhere it fails too, with the reason (install
 * `postgresql` and `mariadb-server`).
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as mysql from 'mysql2/promise';
import { Client } from 'pg';
import { Backup, Credentials, DeletionPolicy, InClusterProfile, PortableMySQL, PortablePostgres, PostgresOperator, Profile } from '../../src';
import { bindWithValues, serviceAccountDir } from '../util/binder';
import { FakeKubeApi } from '../util/fake-kube-api';
import { freePort, waitForPort } from '../util/ports';
import { killPrograms, tempDir } from '../util/programs';
import { newChart, synth } from '../util/synth';

jest.setTimeout(180_000);

const NS = 'apps';
const TOKEN = 'real-token';
const ROOT = process.getuid?.() === 0;
const RUN_AS = 'nobody';

/** Runs a command as an unprivileged user (when the test runs as root, as in CI containers). */
function unprivileged(cmd: string[]): string[] {
  return ROOT ? ['runuser', '-u', RUN_AS, '--', ...cmd] : cmd;
}

function ownDir(dir: string): void {
  fs.chmodSync(dir, 0o700);
  if (ROOT) execFileSync('chown', ['-R', `${RUN_AS}:`, dir]);
}

function findBinary(name: string, dirs: string[]): string {
  for (const d of dirs) {
    const p = path.join(d, name);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`${name} not found in ${dirs.join(', ')}: install it (apt-get install -y postgresql mariadb-server)`);
}

const servers: ChildProcess[] = [];
const dirs: string[] = [];
let api: FakeKubeApi;
let sa: string;

beforeAll(async () => {
  sa = serviceAccountDir(TOKEN, 'real-sa-');
  api = await FakeKubeApi.start(TOKEN);
});

afterAll(async () => {
  killPrograms();
  for (const s of servers) if (s.exitCode === null) s.kill('SIGTERM');
  await Promise.all(servers.map((s) => (s.exitCode === null ? new Promise((r) => s.on('exit', r)) : undefined)));
  await api.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Starts a throwaway PostgreSQL; the admin connects over its Unix socket, everyone else by password over TCP. */
const PG_BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];

async function startPostgres(options: { tls?: boolean } = {}): Promise<{ port: number; socketDir: string }> {
  const bin = (n: string) => findBinary(n, PG_BIN_DIRS);
  const dir = tempDir('pg-');
  dirs.push(dir);
  const tlsArgs: string[] = [];
  if (options.tls) {
    // A self-signed certificate, as an operator's own CA would give (clients with sslmode=require do not verify it).
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-keyout', path.join(dir, 'server.key'), '-out', path.join(dir, 'server.crt')], { stdio: 'pipe' });
    fs.chmodSync(path.join(dir, 'server.key'), 0o600);
    tlsArgs.push('-c', 'ssl=on', '-c', `ssl_cert_file=${path.join(dir, 'server.crt')}`, '-c', `ssl_key_file=${path.join(dir, 'server.key')}`);
  }
  ownDir(dir);
  const data = path.join(dir, 'data');
  const init = unprivileged([bin('initdb'), '-D', data, '-U', 'admin', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C']);
  execFileSync(init[0], init.slice(1), { stdio: 'pipe' });
  const port = await freePort();
  const cmd = unprivileged([bin('postgres'), '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', ...tlsArgs]);
  let log = '';
  const p = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  p.stdout!.on('data', (d) => (log += d));
  p.stderr!.on('data', (d) => (log += d));
  servers.push(p);
  await waitForPort(port, 'PostgreSQL', () => log);
  // The port opens before the server takes logins ("the database system is starting up"), the longer under load.
  const until = Date.now() + 60_000;
  while (!/database system is ready to accept connections/.test(log)) {
    if (Date.now() > until || p.exitCode !== null) throw new Error(`PostgreSQL did not become ready on 127.0.0.1:${port}: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, socketDir: dir };
}

/** Starts a throwaway MariaDB; root has no password and connects over the Unix socket. */
async function startMariaDb(): Promise<{ port: number; socket: string }> {
  const installDb = findBinary('mariadb-install-db', ['/usr/bin', '/usr/local/bin']);
  const server = findBinary('mariadbd', ['/usr/sbin', '/usr/bin', '/usr/local/bin']);
  const dir = tempDir('mariadb-');
  dirs.push(dir);
  ownDir(dir);
  const data = path.join(dir, 'data');
  const user = ROOT ? RUN_AS : (process.env.USER ?? 'nobody');
  const install = unprivileged([installDb, '--no-defaults', `--datadir=${data}`, `--user=${user}`, '--auth-root-authentication-method=normal', '--skip-test-db']);
  execFileSync(install[0], install.slice(1), { stdio: 'pipe' });
  const port = await freePort();
  const socket = path.join(dir, 'mysqld.sock');
  const cmd = unprivileged([server, '--no-defaults', `--datadir=${data}`, `--socket=${socket}`, `--port=${port}`, '--bind-address=127.0.0.1',
    `--pid-file=${path.join(dir, 'mysqld.pid')}`, '--skip-log-bin', '--innodb-buffer-pool-size=16M', `--user=${user}`]);
  let log = '';
  const p = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  p.stdout!.on('data', (d) => (log += d));
  p.stderr!.on('data', (d) => (log += d));
  servers.push(p);
  await waitForPort(port, 'MariaDB', () => log);
  return { port, socket };
}

/** Runs the synthesized binder of `service` with the spec's names replaced, as its backend would name them. */
function bind(objs: any[], overrides: { [key: string]: string }): Promise<{ [key: string]: string }> {
  return bindWithValues(api, sa, objs, NS, overrides, 'real-binder-');
}

const PASSWORD = 'p@ss:w/rd?#%&= +é"\'\\;$`~[]{}';

describe('PostgreSQL 15', () => {
  test('the binder\'s uri and separate keys connect, with a user, password and database that need escaping', async () => {
    const pg = await startPostgres();
    const username = 'o\'brien@shop:x y é';
    // pg-connection-string decodes the database with decodeURI, which leaves reserved characters (/?#@:&=+$,;)
    // percent-encoded: the name keeps to characters it decodes.
    const database = 'order\'s db é-1';
    const admin = new Client({ host: pg.socketDir, port: pg.port, user: 'admin', database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${admin.escapeIdentifier(username)} LOGIN PASSWORD ${admin.escapeLiteral(PASSWORD)}`);
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)} OWNER ${admin.escapeIdentifier(username)}`);
    } finally {
      await admin.end();
    }
    api.putSecret(NS, 'pg-owner', { password: PASSWORD });
    const { chart } = newChart(NS);
    new PortablePostgres(chart, 'Pg', { name: 'ledger-db', credentials: Credentials.fromSecret('pg-owner') });
    const conn = await bind(synth(chart), { host: '127.0.0.1', port: String(pg.port), username, database });
    expect(conn).toMatchObject({ username, password: PASSWORD, database, host: '127.0.0.1', port: String(pg.port), type: 'postgresql' });

    const keys = { host: conn.host, port: Number(conn.port), user: conn.username, password: conn.password, database: conn.database };
    for (const config of [{ connectionString: conn.uri }, keys]) {
      const client = new Client(config);
      await client.connect();
      try {
        const r = await client.query('SELECT current_user AS u, current_database() AS d');
        expect(r.rows[0]).toEqual({ u: username, d: database });
      } finally {
        await client.end();
      }
    }
  });
});

describe('PostgreSQL 15: TLS and the application user', () => {
  test('CloudNativePG\'s uri carries sslmode=require, and libpq connects with TLS', async () => {
    const pg = await startPostgres({ tls: true });
    const admin = new Client({ host: pg.socketDir, port: pg.port, user: 'admin', database: 'postgres' });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE app LOGIN PASSWORD ${admin.escapeLiteral(PASSWORD)}`);
      await admin.query('CREATE DATABASE ledger OWNER app');
    } finally {
      await admin.end();
    }
    api.putSecret(NS, 'ledger-db-app', { username: 'app', password: PASSWORD });
    const { chart } = newChart(NS);
    Profile.use(chart, new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG }));
    new PortablePostgres(chart, 'Pg', { name: 'ledger-db', databaseName: 'ledger', backup: Backup.disabled(), deletionPolicy: DeletionPolicy.DELETE });
    const conn = await bind(synth(chart), { host: '127.0.0.1', port: String(pg.port) });
    expect(conn).toMatchObject({ tls: 'true', sslmode: 'require' });
    expect(conn.uri).toMatch(/\?sslmode=require$/);
    const psql = findBinary('psql', PG_BIN_DIRS);
    const out = execFileSync(psql, [conn.uri, '--no-psqlrc', '--tuples-only', '--no-align',
      '--command', 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(out.trim()).toBe('t');
    // libpq honours the parameter: the same uri refuses a server without TLS.
    const plain = await startPostgres();
    const toPlain = conn.uri.replace(`:${pg.port}/`, `:${plain.port}/`);
    expect(() => execFileSync(psql, [toPlain, '--no-psqlrc', '--command', 'SELECT 1'], { stdio: 'pipe', env: { PATH: process.env.PATH } }))
      .toThrow(/server does not support SSL, but SSL was required/);
  });

  test('the in-cluster init script makes the application user a non-superuser owner of its database', async () => {
    const pg = await startPostgres();
    const admin = new Client({ host: pg.socketDir, port: pg.port, user: 'admin', database: 'postgres' });
    await admin.connect();
    try {
      // What the image's entrypoint does before it runs the scripts: the database, owned by its superuser.
      await admin.query('CREATE DATABASE shop');
    } finally {
      await admin.end();
    }
    const { chart } = newChart(NS);
    new PortablePostgres(chart, 'Pg', { name: 'shop-db', databaseName: 'shop' });
    const cm = synth(chart).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'shop-db-init');
    const script = path.join(tempDir('init-'), '10-app-user.sh');
    fs.writeFileSync(script, cm.data['10-app-user.sh']);
    fs.chmodSync(path.dirname(script), 0o755);
    fs.chmodSync(script, 0o644);
    // Sourced as the entrypoint does (set -Eeo pipefail), over the Unix socket.
    const cmd = unprivileged(['bash', '-c', 'set -Eeo pipefail; . "$0"', script]);
    execFileSync(cmd[0], cmd.slice(1), {
      stdio: 'pipe',
      env: {
        PATH: `${path.dirname(findBinary('psql', PG_BIN_DIRS))}:${process.env.PATH}`,
        PGHOST: pg.socketDir,
        PGPORT: String(pg.port),
        POSTGRES_USER: 'admin',
        POSTGRES_DB: 'shop',
        APP_USER: 'app',
        APP_PASSWORD: PASSWORD,
      },
    });
    const app = new Client({ host: '127.0.0.1', port: pg.port, user: 'app', password: PASSWORD, database: 'shop' });
    await app.connect();
    try {
      const r = await app.query(`SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, pg_get_userbyid(d.datdba) AS owner
        FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()`);
      expect(r.rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, owner: 'app' });
      await app.query('CREATE TABLE orders (id int)');
      await expect(app.query('CREATE ROLE intruder')).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });
});

describe('MariaDB', () => {
  test('the binder\'s uri and separate keys connect, with a user, password and database that need escaping', async () => {
    const db = await startMariaDb();
    const username = 'o\'brien@shop:x/y é';
    const database = 'order\'s db/é-1';
    const admin = await mysql.createConnection({ socketPath: db.socket, user: 'root' });
    try {
      await admin.query(`CREATE DATABASE ${mysql.escapeId(database)}`);
      await admin.query(`CREATE USER ${mysql.escape(username)}@'%' IDENTIFIED BY ${mysql.escape(PASSWORD)}`);
      await admin.query(`GRANT ALL ON ${mysql.escapeId(database)}.* TO ${mysql.escape(username)}@'%'`);
    } finally {
      await admin.end();
    }
    api.putSecret(NS, 'mysql-owner', { password: PASSWORD });
    const { chart } = newChart(NS);
    new PortableMySQL(chart, 'Db', { name: 'orders-db', credentials: Credentials.fromSecret('mysql-owner') });
    const conn = await bind(synth(chart), { host: '127.0.0.1', port: String(db.port), username, database });
    expect(conn).toMatchObject({ username, password: PASSWORD, database, host: '127.0.0.1', port: String(db.port), type: 'mysql' });

    const viaUri = await mysql.createConnection(conn.uri);
    const keys = { host: conn.host, port: Number(conn.port), user: conn.username, password: conn.password, database: conn.database };
    const viaKeys = await mysql.createConnection(keys);
    for (const c of [viaUri, viaKeys]) {
      try {
        const [rows] = await c.query('SELECT CURRENT_USER() AS u, DATABASE() AS d');
        expect((rows as any[])[0]).toEqual({ u: `${username}@%`, d: database });
      } finally {
        await c.end();
      }
    }
  });
});
