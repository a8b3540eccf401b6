/**
 * Least privilege, checked against what the programs really do: the binder and the pruner run their scenarios
 * against a fake API that records every request; each request must be allowed by the synthesized Role, and each
 * verb the Role grants on each name must have been used by some scenario.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { Backup, Credentials, DeletionPolicy, InClusterProfile, PortableMySQL, PortablePostgres, PostgresOperator, Profile } from '../../src';
import { PROFILES } from '../profiles.fixture';
import { fakeApiPerTest, prepareBinder, runBinder } from '../util/binder';
import { RecordedRequest } from '../util/fake-kube-api';
import { byKind, newChart, synth } from '../util/synth';

jest.setTimeout(120_000);

const NS = 'apps';
const TOKEN = 'lp-token';
const VERBS: { [method: string]: string } = { GET: 'get', POST: 'create', PATCH: 'patch', PUT: 'update', DELETE: 'delete' };

/** A request as RBAC sees it. */
interface Access {
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly name?: string;
}

/**
 * A request as RBAC's request info sees it: a GET of a collection is `list`, or `watch` with `watch=1`; with a
 * `fieldSelector=metadata.name=<name>` it is authorized for that name (as `resourceNames` rules match it).
 */
function access(req: RecordedRequest): Access {
  const m = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)\/namespaces\/[^/]+\/([^/]+)(?:\/([^/]+))?$/.exec(req.path);
  if (!m) throw new Error(`not a namespaced request: ${req.path}`);
  const query = new URLSearchParams(req.query ?? '');
  const selected = /^metadata\.name=(.+)$/.exec(query.get('fieldSelector') ?? '')?.[1];
  const name = m[3] === undefined ? selected : decodeURIComponent(m[3]);
  const verb = req.method === 'GET' && m[3] === undefined ? (query.get('watch') === '1' ? 'watch' : 'list') : VERBS[req.method];
  return { verb, apiGroup: m[1] ?? '', resource: m[2], name };
}

/** The (verb, group, resource, name) grants of a Role; an unnamed rule grants `name` '*'. */
function grants(role: any): Set<string> {
  const out = new Set<string>();
  for (const rule of role.rules) {
    for (const g of rule.apiGroups) {
      for (const r of rule.resources) {
        for (const v of rule.verbs) {
          for (const n of rule.resourceNames ?? ['*']) out.add(`${v} ${g}/${r}/${n}`);
        }
      }
    }
  }
  return out;
}

function allowed(g: Set<string>, a: Access): string | undefined {
  const named = `${a.verb} ${a.apiGroup}/${a.resource}/${a.name}`;
  const any = `${a.verb} ${a.apiGroup}/${a.resource}/*`;
  if (a.name !== undefined && g.has(named)) return named;
  if (g.has(any)) return any;
  return undefined;
}

const fake = fakeApiPerTest(TOKEN, 'lp-sa-');

/** Runs a chart's binder (optionally with a changed spec) and returns its exit code. */
async function runChartBinder(objs: any[], change?: (spec: any) => any): Promise<number | null> {
  const b = prepareBinder(objs, NS, {
    dirPrefix: 'lp-',
    defaults: { SERVICEACCOUNT_DIR: fake.sa, POLL_SECONDS: '0.02', RBAC_GRACE_SECONDS: '0', TIMEOUT_SECONDS: '2' },
  });
  if (!change) return (await runBinder(fake.api, NS, b)).code;
  // A changed spec runs without the state ConfigMap (its hash would not match).
  const env: { [key: string]: string } = { ...b.env, BINDING_SPEC: JSON.stringify(change(b.spec)) };
  delete env.STATE_CONFIGMAP;
  return (await runBinder(fake.api, NS, { ...b, env })).code;
}

function checkRole(role: any, requests: RecordedRequest[]): void {
  const g = grants(role);
  const used = new Set<string>();
  for (const req of requests) {
    const a = access(req);
    const by = allowed(g, a);
    expect({ request: `${req.method} ${req.path}`, allowedBy: by }).toEqual({ request: `${req.method} ${req.path}`, allowedBy: expect.any(String) });
    used.add(by!);
  }
  expect([...g].filter((x) => !used.has(x)).sort()).toEqual([]);
}

describe('binder Roles grant exactly what the binder does', () => {
  test('generated credentials (in-cluster MySQL): create, rewrite, repair wrong type, add a credentials key', async () => {
    const { chart } = newChart(NS);
    new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    const objs = synth(chart);
    expect(await runChartBinder(objs)).toBe(0);
    // A stale connection Secret is patched; a credentials key the contract gained is added.
    fake.api.putSecret(NS, 'orders-db-connection', { host: 'old' }, 'servicebinding.io/mysql', { 'app.kubernetes.io/managed-by': 'cdk8s-portable-data' });
    expect(await runChartBinder(objs)).toBe(0);
    expect(await runChartBinder(objs, (s) => ({ ...s, credentials: { ...s.credentials, passwordKeys: [...s.credentials.passwordKeys, 'extra'] } }))).toBe(0);
    // A connection Secret of the wrong type is deleted and recreated.
    fake.api.putSecret(NS, 'orders-db-connection', {}, 'Opaque', { 'app.kubernetes.io/managed-by': 'cdk8s-portable-data' });
    expect(await runChartBinder(objs)).toBe(0);
    checkRole(byKind(objs, 'Role')[0], fake.api.requests);
  });

  test('the user\'s Secret is only read (and a provider object, on AWS)', async () => {
    const { chart } = newChart(NS);
    Profile.use(chart, PROFILES.aws());
    new PortableMySQL(chart, 'Db', { name: 'orders-db', credentials: Credentials.fromSecret('my-db-secret') });
    const objs = synth(chart);
    const instance = byKind(objs, 'DBInstance')[0];
    const [group, version] = instance.apiVersion.split('/');
    fake.api.objects.set(`/apis/${group}/${version}/namespaces/${NS}/dbinstances/${instance.metadata.name}`, () => ({ ...instance, status: { endpoint: { address: 'db.rds.amazonaws.com' } } }));
    fake.api.putSecret(NS, 'my-db-secret', { password: 'pw-1' });
    expect(await runChartBinder(objs)).toBe(0);
    fake.api.putSecret(NS, 'orders-db-connection', {}, 'Opaque', { 'app.kubernetes.io/managed-by': 'cdk8s-portable-data' });
    expect(await runChartBinder(objs)).toBe(0);
    fake.api.putSecret(NS, 'orders-db-connection', { host: 'x' }, 'servicebinding.io/mysql');
    expect(await runChartBinder(objs)).toBe(0);
    const role = byKind(objs, 'Role')[0];
    expect(role.rules).toContainEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch'], resourceNames: ['my-db-secret'] });
    checkRole(role, fake.api.requests);
    expect(fake.api.writes().filter((w) => w.path.endsWith('/my-db-secret'))).toEqual([]);
  });
});

describe('the pruner Role', () => {
  test('grants list and delete of backups only, which the pruner uses; it deletes only its schedule\'s backups', () => {
    const { chart } = newChart(NS);
    Profile.use(chart, new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: DeletionPolicy.RETAIN, volumeSnapshotClassName: 'csi-snapclass' }));
    new PortablePostgres(chart, 'Db', { name: 'orders-db', backup: Backup.daily({ retention: Duration.days(7) }) });
    const role = byKind(synth(chart), 'Role').find((r) => r.metadata.name === 'orders-db-backup-prune');
    // RBAC cannot narrow list or delete of generated Backup names; pruner.py checks the schedule label and
    // deletes with a uid precondition (test/programs/python/test_programs.py, test/backends/cloudnative-pg/pruner.test.ts).
    expect(role.rules).toEqual([{ apiGroups: ['postgresql.cnpg.io'], resources: ['backups'], verbs: ['list', 'delete'] }]);
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'programs', 'pruner.py'), 'utf8');
    const calls = [...source.matchAll(/api\.call\("([A-Z]+)", base( \+ "\?labelSelector=")?/g)].map((m) => (m[1] === 'GET' && m[2] ? 'list' : VERBS[m[1]]));
    expect(calls.sort()).toEqual(['delete', 'list']);
  });
});
