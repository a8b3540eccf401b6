/**
 * The fake Kubernetes API (test/util/fake-kube-api.ts) stays for what a real server will not do on demand (5xx, 429,
 * dropped connections, races: test/programs/binder-faults.test.ts and the binder tests). This holds it to the real
 * API server: the same sequence of the programs' calls, made through their own client (src/programs/kube.py), gets
 * the same status codes, the same `Status` reason and code, and the same fields the programs read (a Secret's type,
 * data, labels and annotations and that it has a resourceVersion; a ConfigMap's data; a custom resource's status).
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { apply, clusterInfo, ensureNamespace, kubectl, serviceAccountToken, toYaml } from './kube';
import { PROGRAMS, waitForRbac } from './programs';
import { FakeKubeApi } from '../util/fake-kube-api';
import { runProgram, tempDir } from '../util/programs';

const NS = 'fake-conformance';
const SECRETS = `/api/v1/namespaces/${NS}/secrets`;
const STATE = `/api/v1/namespaces/${NS}/configmaps/binder-state`;
const DB = `/apis/rds.services.k8s.aws/v1alpha1/namespaces/${NS}/dbinstances`;
const MERGE = 'application/merge-patch+json';
const labels = { 'app.kubernetes.io/managed-by': 'cdk8s-portable-data' };

/** The binder's, keeper's and pruner's kinds of call, in an order that reaches every answer they handle. */
const STEPS: Array<{ what: string; method: string; path: string; body?: any; contentType?: string; token?: string }> = [
  { what: 'GET a missing Secret', method: 'GET', path: `${SECRETS}/db-connection` },
  {
    what: 'POST a Secret (stringData)',
    method: 'POST',
    path: SECRETS,
    body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-connection', namespace: NS, labels, annotations: { 'binder.portable-data.dev/spec-hash': 'a' } }, type: 'servicebinding.io/mysql', stringData: { host: 'h', password: 'p' } },
  },
  { what: 'POST it again', method: 'POST', path: SECRETS, body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-connection', namespace: NS, labels }, type: 'servicebinding.io/mysql', stringData: { host: 'h' } } },
  { what: 'GET it', method: 'GET', path: `${SECRETS}/db-connection` },
  { what: 'merge PATCH it at the version read', method: 'PATCH', path: `${SECRETS}/db-connection`, contentType: MERGE, body: { stringData: { host: 'h2' }, metadata: { annotations: { 'binder.portable-data.dev/spec-hash': 'b' }, resourceVersion: '$rv' } } },
  { what: 'merge PATCH it at a stale version', method: 'PATCH', path: `${SECRETS}/db-connection`, contentType: MERGE, body: { stringData: { host: 'h3' }, metadata: { resourceVersion: '$stale' } } },
  { what: 'merge PATCH its type', method: 'PATCH', path: `${SECRETS}/db-connection`, contentType: MERGE, body: { type: 'Opaque' } },
  { what: 'merge PATCH a missing Secret', method: 'PATCH', path: `${SECRETS}/missing`, contentType: MERGE, body: { stringData: { a: 'b' } } },
  { what: 'GET it again', method: 'GET', path: `${SECRETS}/db-connection` },
  { what: 'DELETE it at a stale version', method: 'DELETE', path: `${SECRETS}/db-connection`, body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: '$stale' } } },
  { what: 'DELETE it at the version read', method: 'DELETE', path: `${SECRETS}/db-connection`, body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: '$rv' } } },
  { what: 'GET the deleted Secret', method: 'GET', path: `${SECRETS}/db-connection` },
  { what: 'GET the state ConfigMap', method: 'GET', path: STATE },
  { what: 'merge PATCH the state ConfigMap', method: 'PATCH', path: STATE, contentType: MERGE, body: { data: { 'db-connection.bound': 'b' } } },
  {
    what: 'POST a PersistentVolumeClaim',
    method: 'POST',
    path: `/api/v1/namespaces/${NS}/persistentvolumeclaims`,
    body: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'db-backup', namespace: NS, labels }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  },
  {
    what: 'POST it again',
    method: 'POST',
    path: `/api/v1/namespaces/${NS}/persistentvolumeclaims`,
    body: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'db-backup', namespace: NS, labels }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  },
  { what: 'GET a missing custom resource', method: 'GET', path: `${DB}/missing` },
  { what: 'GET a custom resource with a status', method: 'GET', path: `${DB}/db` },
  { what: 'GET with a token the server did not issue', method: 'GET', path: `${SECRETS}/db-connection`, token: 'not-a-token' },
  { what: 'GET what the account may not read', method: 'GET', path: `/api/v1/namespaces/${NS}/pods/any` },
];

/** What the programs read of an answer. */
function readable(res: { status: number; body: any }): any {
  const b = res.body ?? {};
  if (b.kind === 'Status') return { status: res.status, kind: 'Status', reason: b.reason, code: b.code, outcome: b.status };
  return {
    status: res.status,
    type: b.type,
    data: b.data,
    labels: b.metadata?.labels,
    annotations: b.metadata?.annotations,
    hasResourceVersion: typeof b.metadata?.resourceVersion === 'string',
    endpoint: b.status?.endpoint,
  };
}

async function run(api: string, token: string, ca?: string): Promise<any[]> {
  const sa = tempDir('sa-');
  writeFileSync(join(sa, 'token'), token);
  if (ca) writeFileSync(join(sa, 'ca.crt'), readFileSync(ca));
  const input = join(sa, 'steps.json');
  writeFileSync(input, JSON.stringify(STEPS));
  const res = await runProgram(['sh', '-c', `python3 ${join(__dirname, 'fixtures', 'kube_calls.py')} < ${input}`], {
    PROGRAMS_DIR: PROGRAMS, KUBERNETES_API_URL: api, SERVICEACCOUNT_DIR: sa, RETRY_ATTEMPTS: '1', RBAC_GRACE_SECONDS: '0',
  }, 60_000);
  if (res.code !== 0) throw new Error(res.output);
  return res.output.trim().split('\n').map((l) => readable(JSON.parse(l)));
}

const ENDPOINT = { address: 'db.abc.eu-west-1.rds.amazonaws.com', port: 3306 };

let real: any[];
let fake: any[];
beforeAll(async () => {
  await ensureNamespace(NS);
  await apply(toYaml([
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'programs', namespace: NS } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'programs', namespace: NS },
      rules: [
        { apiGroups: [''], resources: ['secrets', 'configmaps', 'persistentvolumeclaims'], verbs: ['get', 'create', 'patch', 'delete'] },
        { apiGroups: ['rds.services.k8s.aws'], resources: ['dbinstances'], verbs: ['get'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'programs', namespace: NS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'programs' },
      subjects: [{ kind: 'ServiceAccount', name: 'programs', namespace: NS }],
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'binder-state', namespace: NS }, data: { 'db-connection.desired': 'b' } },
    {
      apiVersion: 'rds.services.k8s.aws/v1alpha1',
      kind: 'DBInstance',
      metadata: { name: 'db', namespace: NS },
      spec: { dbInstanceIdentifier: 'db', dbInstanceClass: 'db.t4g.small', engine: 'mysql' },
    },
  ]));
  await kubectl(['patch', 'dbinstances.rds.services.k8s.aws', 'db', '-n', NS, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { endpoint: ENDPOINT } })]);
  await waitForRbac(NS, 'programs', 'patch', 'configmaps/binder-state');
  const info = clusterInfo();
  real = await run(info.server, await serviceAccountToken(NS, 'programs'), info.caFile);

  const api = await FakeKubeApi.start('fake-token');
  try {
    api.putConfigMap(NS, 'binder-state', { 'db-connection.desired': 'b' });
    api.objects.set(`${DB}/db`, () => ({ apiVersion: 'rds.services.k8s.aws/v1alpha1', kind: 'DBInstance', metadata: { name: 'db', namespace: NS, resourceVersion: '1' }, status: { endpoint: ENDPOINT } }));
    api.forbid = (req) => req.path.includes('/pods/');
    fake = await run(api.url, 'fake-token');
  } finally {
    await api.close();
  }
});

test('the sequence reaches every kind of answer the programs handle', () => {
  expect(real.map((r) => r.status)).toEqual([404, 201, 409, 200, 200, 409, 422, 404, 200, 409, 200, 404, 200, 200, 201, 409, 404, 200, 401, 403]);
});

test.each(STEPS.map((s, i) => [s.what, i]))('%s: the fake answers as the real API server', (_what, i) => {
  expect(fake[i as number]).toEqual(real[i as number]);
});

