/**
 * The ValidatingAdmissionPolicy of the binder (on by default; `binderAdmissionPolicy: false` opts out), evaluated by
 * the real API server. RBAC cannot narrow `create secrets` by name; the policy narrows it to the chart's connection
 * and credentials Secrets, each of its own type (its parameters: the ConfigMap `<binder>-admission` of the request's
 * namespace). As the binder's ServiceAccount (a TokenRequest token): creating any other Secret, or an owned one of
 * another type, or one that asks the token controller for a token, is refused; the binder's own runs are admitted;
 * nobody else is affected. The attack the type pin closes is shown working where a profile opts out. The apps are
 * synthesized with the public API, as a user writes them.
 */
import { App, Chart } from 'cdk8s';
import { apply, ensureNamespace, getObject, kubectl, parseYaml, serviceAccountToken, toYaml, waitFor } from './kube';
import { containerOf, resolveEnv, runAs, waitForRbac } from './programs';
import { InClusterProfile, PortableCache, PortableMySQL, PortableObjectStore, Profile } from '../../src';
import { killPrograms } from '../util/programs';

const NAMESPACE = 'vap';
/** A chart without a namespace, applied into two namespaces with different services (the same binder name). */
const SHARED = ['vap-a', 'vap-b'];
/** A profile that opts out. */
const OPTED_OUT = 'vap-off';

/**
 * An app of one chart; each test's chart has its own id, so its binder's ServiceAccount has its own name (a policy
 * without a namespace matches its account name in every namespace).
 */
function synthesize(id: string, namespace: string | undefined, profile: Profile, declare: (chart: Chart) => void): any[] {
  const app = new App();
  const chart = new Chart(app, id, { namespace });
  Profile.use(chart, profile);
  declare(chart);
  return parseYaml(app.synthYaml());
}

/** The binder Jobs of a YAML, its ServiceAccount and the Secrets (name → type) its binders write. */
function bindersOf(objs: any[]) {
  const jobs = objs.filter((o) => o.kind === 'Job' && o.spec.template.spec.containers[0].name === 'binder');
  const owned: { [name: string]: string } = {};
  for (const j of jobs) {
    const spec = JSON.parse(containerOf(j.spec.template.spec).env.find((e: any) => e.name === 'BINDING_SPEC').value);
    owned[spec.connectionSecret] = spec.secretType;
    if (spec.credentials?.generate) owned[spec.credentials.secret] = 'Opaque';
  }
  return { jobs, serviceAccount: jobs[0].spec.template.spec.serviceAccountName as string, owned };
}

/** The YAML of a chart without a namespace, as `kubectl apply -n <namespace>` places it. */
function placed(objs: any[], namespace: string): any[] {
  return objs.map((o) => {
    const copy = JSON.parse(JSON.stringify(o));
    if (!['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'].includes(copy.kind)) copy.metadata.namespace = namespace;
    for (const s of copy.kind === 'RoleBinding' ? copy.subjects ?? [] : []) s.namespace ??= namespace;
    return copy;
  });
}

const objs = synthesize('shop', NAMESPACE, new InClusterProfile({ name: 'default-policy' }), (chart) => {
  new PortableMySQL(chart, 'Db');
  new PortableObjectStore(chart, 'Uploads');
});
const policy = objs.find((o) => o.kind === 'ValidatingAdmissionPolicy');
const { jobs: binderJobs, serviceAccount, owned: ownedTypes } = bindersOf(objs);
const owned = Object.keys(ownedTypes).sort();

let token: string;

/** A Secret created as `as`'s account (the admin without), dry run on the server (admission runs, nothing is stored). */
async function createSecret(name: string, as?: string, namespace: string = NAMESPACE, type?: string) {
  return kubectl(['create', 'secret', 'generic', name, '-n', namespace, '--from-literal=k=v', ...(type ? [`--type=${type}`] : []), '--dry-run=server'],
    { token: as, allowFailure: true });
}

/**
 * The attack: delete the account's own connection Secret (RBAC allows it) and create one of that name as a
 * service-account-token Secret for the namespace's `default` ServiceAccount; returns the result of the create.
 */
async function recreateAsTokenSecret(namespace: string, name: string, as: string) {
  await kubectl(['delete', 'secret', name, '-n', namespace, '--ignore-not-found'], { token: as });
  return kubectl(['create', '-f', '-'], {
    token: as,
    allowFailure: true,
    input: toYaml([{
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: { name, namespace, annotations: { 'kubernetes.io/service-account.name': 'default' } },
    }]),
  });
}

async function applyAndWait(namespace: string, yaml: any[], sa: string): Promise<string> {
  await ensureNamespace(namespace);
  await apply(toYaml(yaml));
  const t = await serviceAccountToken(namespace, sa);
  await waitForRbac(namespace, sa, 'create', 'secrets');
  return t;
}

afterEach(() => killPrograms());

beforeAll(async () => {
  token = await applyAndWait(NAMESPACE, objs, serviceAccount);
  // A policy reaches the API server's admission through an informer: wait until it refuses what it must refuse.
  await waitFor('the policy to be in force', async () => (await createSecret('not-owned', token)).code !== 0, 30_000, 500);
});

test('on by default: the policy, its binding and its parameters are served, and the server type-checks the CEL expressions without a warning', async () => {
  expect(owned).toHaveLength(4);
  const params = await getObject('configmap', `${serviceAccount}-admission`, NAMESPACE);
  expect(params.data).toEqual(ownedTypes);
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

test('admits each Secret the binder owns, of its own type, created as the binder\'s ServiceAccount; refuses it of another type', async () => {
  for (const name of owned) {
    const res = await createSecret(name, token, NAMESPACE, ownedTypes[name]);
    expect({ name, code: res.code, stderr: res.stderr }).toEqual({ name, code: 0, stderr: '' });
    const other = ownedTypes[name] === 'Opaque' ? 'example.com/other' : 'Opaque';
    const wrong = await createSecret(name, token, NAMESPACE, other);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('may create its Secrets only with their own types');
  }
});

test('refuses the token attack: its own connection Secret recreated as a service-account-token Secret for another account', async () => {
  const name = owned.find((n) => n.endsWith('-connection'))!;
  const res = await recreateAsTokenSecret(NAMESPACE, name, token);
  expect(res.code).not.toBe(0);
  expect(res.stderr).toContain('may create its Secrets only with their own types');
  expect(res.stderr).toContain('never kubernetes.io/service-account-token');
  expect(await getObject('secret', name, NAMESPACE)).toBeUndefined();
  // The annotation alone, on a Secret of the right type, is refused too.
  const annotated = await kubectl(['create', '--dry-run=server', '-f', '-'], {
    token,
    allowFailure: true,
    input: toYaml([{
      apiVersion: 'v1', kind: 'Secret', type: ownedTypes[name], metadata: { name, namespace: NAMESPACE, annotations: { 'kubernetes.io/service-account.name': 'default' } },
    }]),
  });
  expect(annotated.code).not.toBe(0);
  expect(annotated.stderr).toContain('may not set the annotation kubernetes.io/service-account.name');
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
  for (const name of owned) expect((await getObject('secret', name, NAMESPACE)).type).toBe(ownedTypes[name]);
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

test('the policy of a chart with a namespace is scoped to it: the same account name in another namespace is not matched', async () => {
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
  const res = await createSecret('not-owned', await serviceAccountToken(other, serviceAccount), other);
  expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
});

test('a chart without a namespace, applied into two namespaces with different services: one policy, each namespace held to its own list', async () => {
  const profile = () => new InClusterProfile({ name: 'no-namespace' });
  const first = synthesize('shared', undefined, profile(), (chart) => new PortableMySQL(chart, 'Db'));
  const second = synthesize('shared', undefined, profile(), (chart) => new PortableCache(chart, 'Sessions'));
  const a = bindersOf(first);
  const b = bindersOf(second);
  expect(a.serviceAccount).toBe(b.serviceAccount);
  const policies = [first, second].map((o) => o.filter((x) => x.kind.startsWith('ValidatingAdmissionPolicy')));
  expect(policies[0]).toEqual(policies[1]);
  const tokens: string[] = [];
  for (const [i, yaml] of [first, second].entries()) tokens.push(await applyAndWait(SHARED[i], placed(yaml, SHARED[i]), a.serviceAccount));
  const notMine = Object.keys(b.owned)[0];
  await waitFor('the policy to be in force', async () => (await createSecret(notMine, tokens[0], SHARED[0], b.owned[notMine])).code !== 0, 30_000, 500);
  // Namespaces without the parameters are left alone: a policy without a namespace selector matches every namespace.
  await ensureNamespace('vap-elsewhere');
  expect((await createSecret('anything', undefined, 'vap-elsewhere')).code).toBe(0);
  for (const [i, mine] of [a.owned, b.owned].entries()) {
    const theirs = i === 0 ? b.owned : a.owned;
    for (const [name, type] of Object.entries(mine)) {
      const res = await createSecret(name, tokens[i], SHARED[i], type);
      expect({ name, code: res.code, stderr: res.stderr }).toEqual({ name, code: 0, stderr: '' });
    }
    for (const [name, type] of Object.entries(theirs)) {
      const res = await createSecret(name, tokens[i], SHARED[i], type);
      expect(res.stderr).toContain('may create only the connection and credentials Secrets of its chart\'s services');
    }
  }
});

test('a chart without a namespace: `kubectl delete -f` in one namespace deletes the shared policy; in the next, add --ignore-not-found', async () => {
  // Continues the test above (the same YAML, applied into both namespaces). The policy and its binding are
  // cluster-scoped, so they are one object for every namespace the YAML went to; docs/binder.md says so.
  const profile = () => new InClusterProfile({ name: 'no-namespace' });
  const first = synthesize('shared', undefined, profile(), (chart) => new PortableMySQL(chart, 'Db'));
  const second = synthesize('shared', undefined, profile(), (chart) => new PortableCache(chart, 'Sessions'));
  const policyName = first.find((o) => o.kind === 'ValidatingAdmissionPolicy').metadata.name;
  expect(await getObject('validatingadmissionpolicy', policyName)).toBeDefined();
  await kubectl(['delete', '-f', '-', '--wait=true'], { input: toYaml(placed(first, SHARED[0])) });
  expect(await getObject('validatingadmissionpolicy', policyName)).toBeUndefined();
  const plain = await kubectl(['delete', '-f', '-', '--wait=true'], { input: toYaml(placed(second, SHARED[1])), allowFailure: true });
  expect({ code: plain.code, notFound: plain.stderr.match(/NotFound/g)?.length }).toEqual({ code: 1, notFound: 2 });
  // Applied into both again: the first delete takes the policy, the second passes with --ignore-not-found.
  for (const [i, yaml] of [first, second].entries()) await apply(toYaml(placed(yaml, SHARED[i])));
  expect(await getObject('validatingadmissionpolicy', policyName)).toBeDefined();
  await kubectl(['delete', '-f', '-', '--wait=true'], { input: toYaml(placed(first, SHARED[0])) });
  const ignoring = await kubectl(['delete', '-f', '-', '--wait=true', '--ignore-not-found'], { input: toYaml(placed(second, SHARED[1])), allowFailure: true });
  expect({ code: ignoring.code, stderr: ignoring.stderr }).toEqual({ code: 0, stderr: '' });
});

test('without the policy (binderAdmissionPolicy: false), the same account gets a token of another account of the namespace', async () => {
  // The attack the type pin closes, on the real token controller: a profile that opts out keeps the gap. (The
  // policies of the other charts, one without a namespace selector among them, leave this namespace alone: it has
  // none of their parameter ConfigMaps.)
  const off = synthesize('opted-out', OPTED_OUT, new InClusterProfile({ name: 'opted-out', binderAdmissionPolicy: false }), (chart) => new PortableMySQL(chart, 'Db'));
  expect(off.filter((o) => o.kind.startsWith('ValidatingAdmissionPolicy'))).toEqual([]);
  const binders = bindersOf(off);
  const as = await applyAndWait(OPTED_OUT, off, binders.serviceAccount);
  const name = Object.keys(binders.owned).find((n) => n.endsWith('-connection'))!;
  const res = await recreateAsTokenSecret(OPTED_OUT, name, as);
  expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
  const minted = await waitFor('the token controller', async () => {
    const r = await kubectl(['get', 'secret', name, '-n', OPTED_OUT, '-o', 'jsonpath={.data.token}'], { token: as, allowFailure: true });
    return r.code === 0 && r.stdout ? Buffer.from(r.stdout, 'base64').toString() : undefined;
  });
  const whoami = JSON.parse((await kubectl(['auth', 'whoami', '-o', 'json'], { token: minted })).stdout);
  expect(whoami.status.userInfo.username).toBe(`system:serviceaccount:${OPTED_OUT}:default`);
  await kubectl(['delete', 'secret', name, '-n', OPTED_OUT]);
});
