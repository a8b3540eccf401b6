/**
 * Runs the real backup pruner (python3), taken from a synthesized CronJob, against a small in-process fake of the
 * two Kubernetes API calls it makes (list the backups of a ScheduledBackup by label, delete one).
 */
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { Backup, DeletionPolicy, InClusterProfile, PortablePostgres, PostgresOperator, Profile } from '../../../../src';
import { materialize, runProgram } from '../../../util/programs';
import { newChart, oneOf, synth, withoutBinder } from '../../../util/synth';

jest.setTimeout(30_000);

const NS = 'shop';
const TOKEN = 'pruner-token';
const LIST = `/apis/postgresql.cnpg.io/v1/namespaces/${NS}/backups`;

interface FakeBackup {
  readonly name: string;
  readonly ageDays: number;
  readonly phase?: string;
  readonly schedule?: string;
}

/** A fake API holding CloudNativePG Backups; records the requests and deletes what it is asked to. */
class FakeApi {
  public readonly requests: string[] = [];
  public readonly backups = new Map<string, any>();
  public failList = false;
  private readonly server = http.createServer((req, res) => {
    this.requests.push(`${req.method} ${req.url}`);
    const [code, body] = this.serve(req);
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });

  public async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  public get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  public add(b: FakeBackup): void {
    const created = new Date(Date.now() - b.ageDays * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.backups.set(b.name, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Backup',
      metadata: { name: b.name, namespace: NS, creationTimestamp: created, labels: { 'cnpg.io/scheduled-backup': b.schedule ?? 'orders-db-backup' } },
      status: b.phase ? { phase: b.phase } : undefined,
    });
  }

  private serve(req: http.IncomingMessage): [number, any] {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return [401, { kind: 'Status', code: 401 }];
    const url = new URL(req.url!, 'http://x');
    if (req.method === 'GET' && url.pathname === LIST) {
      if (this.failList) return [403, { kind: 'Status', code: 403 }];
      const [key, value] = (url.searchParams.get('labelSelector') ?? '').split('=');
      const items = [...this.backups.values()].filter((b) => b.metadata.labels[key] === value);
      return [200, { kind: 'BackupList', items }];
    }
    if (req.method === 'DELETE' && url.pathname.startsWith(`${LIST}/`)) {
      const name = decodeURIComponent(url.pathname.slice(LIST.length + 1));
      return this.backups.delete(name) ? [200, { kind: 'Status', status: 'Success' }] : [404, { kind: 'Status', code: 404 }];
    }
    return [404, { kind: 'Status', code: 404 }];
  }
}

let tmp: string;
let api: FakeApi;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pruner-test-'));
  fs.writeFileSync(path.join(tmp, 'token'), `${TOKEN}\n`);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeEach(async () => {
  api = new FakeApi();
  await api.start();
});
afterEach(async () => api.close());

/** The pruner's command (its program written from the synthesized ConfigMap) and container (retention 7 days). */
function prunerContainer(): { command: string[]; container: any } {
  const { chart } = newChart(NS);
  Profile.use(chart, new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: DeletionPolicy.RETAIN, volumeSnapshotClassName: 'csi-snapclass' }));
  new PortablePostgres(chart, 'Db', { name: 'orders-db', backup: Backup.daily({ retention: Duration.days(7) }) });
  const objs = synth(chart);
  const pod = oneOf(withoutBinder(objs), 'CronJob').spec.jobTemplate.spec.template.spec;
  return { command: materialize(objs, pod, 'pruner', tmp), container: pod.containers[0] };
}

/** Runs the pruner as the CronJob would, with the fake API. */
async function run(): Promise<{ code: number | null; output: string }> {
  const { command, container } = prunerContainer();
  const env: { [key: string]: string } = { KUBERNETES_API_URL: api.url, SERVICEACCOUNT_DIR: tmp, RETRY_BASE_SECONDS: '0.01' };
  for (const e of container.env) env[e.name] = e.value ?? NS;
  const r = await runProgram(command, env);
  return { code: r.code, output: r.output };
}

describe('backup pruner', () => {
  test('deletes finished backups older than the retention and keeps the rest', async () => {
    api.add({ name: 'orders-db-backup-old', ageDays: 9, phase: 'completed' });
    api.add({ name: 'orders-db-backup-old-failed', ageDays: 8, phase: 'failed' });
    api.add({ name: 'orders-db-backup-recent', ageDays: 6.9, phase: 'completed' });
    api.add({ name: 'orders-db-backup-today', ageDays: 0.1, phase: 'completed' });
    api.add({ name: 'orders-db-backup-stuck', ageDays: 10, phase: 'running' });
    api.add({ name: 'other-db-backup-old', ageDays: 30, phase: 'completed', schedule: 'other-db-backup' });
    const { code, output } = await run();
    expect(output).toContain('pruner: deleted Backup orders-db-backup-old ');
    expect(code).toBe(0);
    expect([...api.backups.keys()].sort()).toEqual(['orders-db-backup-recent', 'orders-db-backup-stuck', 'orders-db-backup-today', 'other-db-backup-old']);
    expect(api.requests[0]).toBe(`GET ${LIST}?labelSelector=cnpg.io/scheduled-backup%3Dorders-db-backup`);
  });

  test('always keeps the newest completed backup, however old', async () => {
    api.add({ name: 'orders-db-backup-a', ageDays: 20, phase: 'completed' });
    api.add({ name: 'orders-db-backup-b', ageDays: 15, phase: 'completed' });
    api.add({ name: 'orders-db-backup-c', ageDays: 9, phase: 'failed' });
    const { code } = await run();
    expect(code).toBe(0);
    expect([...api.backups.keys()]).toEqual(['orders-db-backup-b']);
  });

  test('fails (so the Job is retried and visible) when it may not list the backups', async () => {
    api.add({ name: 'orders-db-backup-old', ageDays: 9, phase: 'completed' });
    api.failList = true;
    const { code, output } = await run();
    expect(code).toBe(1);
    expect(output).toContain('pruner: error: listing the backups of orders-db-backup: HTTP 403');
    expect(api.backups.size).toBe(1);
  });
});
