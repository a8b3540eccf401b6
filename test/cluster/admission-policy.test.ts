/**
 * The opt-in ValidatingAdmissionPolicy of the binder (`binderAdmissionPolicy: true`), evaluated by the real API
 * server: RBAC cannot narrow `create secrets` by name, the policy narrows it to the chart's connection and credentials
 * Secrets. As the binder's ServiceAccount (a TokenRequest token), creating any other Secret is refused, the binder's
 * own run is admitted; nobody else is affected. The app is synthesized with the public API, as a user writes it.
 */
import { App, Chart } from 'cdk8s';
import { apply, ensureNamespace, getObject, kubectl, parseYaml, serviceAccountToken, toYaml, waitFor } from './kube';
import { containerOf, resolveEnv, runAs, waitForRbac } from './programs';
import { InClusterProfile, PortableMySQL, PortableObjectStore, Profile } from '../../src';
import { killPrograms } from '../util/programs';

const NAMESPACE = 'vap';

function synthesize(): any[] {
  const app = new App();
  const chart = new Chart(app, 'shop', { namespace: NAMESPACE });
  Profile.use(chart, new InClusterProfile({ name: 'with-policy', binderAdmissionPolicy: true }));
  new PortableMySQL(chart, 'Db');
  new PortableObjectStore(chart, 'Uploads');
  return parseYaml(app.synthYaml());
}

const objs = synthesize();
const policy = objs.find((o) => o.kind === 'ValidatingAdmissionPolicy');
const binderJobs = objs.filter((o) => o.kind === 'Job' && o.spec.template.spec.containers[0].name === 'binder');
const serviceAccount = binderJobs[0].spec.template.spec.serviceAccountName;
const owned = binderJobs.flatMap((j) => {
  const spec = JSON.parse(containerOf(j.spec.template.spec).env.find((e: any) => e.name === 'BINDING_SPEC').value);
  return [spec.connectionSecret, ...(spec.credentials?.generate ? [spec.credentials.secret] : [])];
}).sort();

let token: string;

/** A Secret created as `token`'s account, dry run on the server (admission runs, nothing is stored). */
async function createSecret(name: string, as?: string) {
  return kubectl(['create', 'secret', 'generic', name, '-n', NAMESPACE, '--from-literal=k=v', '--dry-run=server'], { token: as, allowFailure: true });
}

afterEach(() => killPrograms());

beforeAll(async () => {
  await ensureNamespace(NAMESPACE);
  await apply(toYaml(objs));
  token = await serviceAccountToken(NAMESPACE, serviceAccount);
  await waitForRbac(NAMESPACE, serviceAccount, 'create', 'secrets');
  // A policy reaches the API server's admission through an informer: wait until it refuses what it must refuse.
  await waitFor('the policy to be in force', async () => (await createSecret('not-owned', token)).code !== 0, 30_000, 500);
});

test('the policy and its binding are served, and the server type-checks the CEL expressions without a warning', async () => {
  expect(owned).toHaveLength(4);
  expect(policy.spec.validations.map((v: any) => v.expression)).toEqual([`object.metadata.name in ${JSON.stringify(owned)}`]);
  const stored = await waitFor('type checking', async () => {
    const p = await getObject('validatingadmissionpolicy', policy.metadata.name);
    return p?.status?.observedGeneration === p?.metadata.generation ? p : undefined;
  });
  expect(stored.status.typeChecking ?? {}).toEqual({});
  expect(await getObject('validatingadmissionpolicybinding', policy.metadata.name)).toBeDefined();
});

test('refuses a Secret the binder does not own, created as the binder\'s ServiceAccount', async () => {
  for (const name of ['not-owned', `${owned[0]}-x`, 'default-token']) {
    const res = await createSecret(name, token);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(`ValidatingAdmissionPolicy '${policy.metadata.name}'`);
    expect(res.stderr).toContain(`the binder ServiceAccount ${serviceAccount} may create only the connection and credentials Secrets of its chart's services`);
  }
});

test('admits each Secret the binder owns, created as the binder\'s ServiceAccount', async () => {
  for (const name of owned) {
    const res = await createSecret(name, token);
    expect({ name, code: res.code, stderr: res.stderr }).toEqual({ name, code: 0, stderr: '' });
  }
});

test('admits the binders\' runs, which create exactly those Secrets', async () => {
  for (const job of binderJobs) {
    const podSpec = job.spec.template.spec;
    const run = await runAs(NAMESPACE, serviceAccount, 'binder.py', [], await resolveEnv(containerOf(podSpec), NAMESPACE));
    expect(run.forbidden).toEqual([]);
    expect({ code: run.code, output: run.output }).toEqual({ code: 0, output: expect.stringContaining('wrote connection Secret') });
  }
  const secrets = (await kubectl(['get', 'secrets', '-n', NAMESPACE, '-o', 'name'])).stdout.trim().split('\n').sort();
  expect(secrets).toEqual(owned.map((n) => `secret/${n}`));
});

test('leaves everyone else alone: the cluster admin and other ServiceAccounts of the namespace', async () => {
  expect((await createSecret('not-owned')).code).toBe(0);
  await apply(toYaml([
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'other', namespace: NAMESPACE } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'other', namespace: NAMESPACE }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }] },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'other', namespace: NAMESPACE },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'other' },
      subjects: [{ kind: 'ServiceAccount', name: 'other', namespace: NAMESPACE }],
    },
  ]));
  await waitForRbac(NAMESPACE, 'other', 'create', 'secrets');
  expect((await createSecret('not-owned', await serviceAccountToken(NAMESPACE, 'other'))).code).toBe(0);
});

test('the policy is scoped to its namespace: the same account name in another namespace is not matched', async () => {
  expect(policy.spec.matchConstraints.namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': NAMESPACE } });
  const other = `${NAMESPACE}-other`;
  await ensureNamespace(other);
  await apply(toYaml([
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: serviceAccount, namespace: other } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'create-secrets', namespace: other }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }] },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'create-secrets', namespace: other },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'create-secrets' },
      subjects: [{ kind: 'ServiceAccount', name: serviceAccount, namespace: other }],
    },
  ]));
  await waitForRbac(other, serviceAccount, 'create', 'secrets');
  const res = await kubectl(['create', 'secret', 'generic', 'not-owned', '-n', other, '--from-literal=k=v', '--dry-run=server'],
    { token: await serviceAccountToken(other, serviceAccount), allowFailure: true });
  expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
});

test('a known gap, as the real server has it: the binder\'s account can get a token of another account of the namespace', async () => {
  // It may delete and create its own connection Secret; created as a service-account-token Secret for another
  // account, the token controller fills it with that account's token, and the binder may read it (by its name).
  // The README states this next to "Least privilege"; the fix belongs to the issue on faults.
  const name = owned.find((n) => n.endsWith('-connection'))!;
  await kubectl(['delete', 'secret', name, '-n', NAMESPACE, '--ignore-not-found'], { token });
  await kubectl(['apply', '-f', '-'], {
    token,
    input: toYaml([{
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: { name, namespace: NAMESPACE, annotations: { 'kubernetes.io/service-account.name': 'default' } },
    }]),
  });
  const minted = await waitFor('the token controller', async () => {
    const res = await kubectl(['get', 'secret', name, '-n', NAMESPACE, '-o', 'jsonpath={.data.token}'], { token, allowFailure: true });
    return res.code === 0 && res.stdout ? Buffer.from(res.stdout, 'base64').toString() : undefined;
  });
  const whoami = JSON.parse((await kubectl(['auth', 'whoami', '-o', 'json'], { token: minted })).stdout);
  expect(whoami.status.userInfo.username).toBe(`system:serviceaccount:${NAMESPACE}:default`);
  await kubectl(['delete', 'secret', name, '-n', NAMESPACE]);
});
