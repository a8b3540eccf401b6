/**
 * The upgrade guard as synthesized (what the API server does with it is test/cluster/upgrade-guard.test.ts): off by
 * default; with `upgradeGuard: true` every database backend's object is selected by one policy of its kind, which
 * matches only updates; `allowMajorVersionUpgrade` puts the allowance on that object; one policy per kind and engine
 * of a chart, scoped to the chart's namespace when it has one.
 */
import { App, Chart, Testing } from 'cdk8s';
import * as lib from '../../src';
import { ALLOW_MAJOR_UPGRADE_ANNOTATION } from '../../src/private/upgrade-guard';
import { matrixProfilesOf } from '../util/matrix';
import { registerPortableApis } from '../util/portable-apis';
import { expectValid } from '../util/schema';

const PROFILES = matrixProfilesOf(lib);
/** The matrix profiles that serve databases, with the kind of each engine's guarded object. */
const CASES: Array<[string, 'mysql' | 'postgresql', string]> = [
  ['in-cluster', 'mysql', 'StatefulSet'], ['in-cluster', 'postgresql', 'StatefulSet'], ['in-cluster-operators', 'postgresql', 'Cluster'],
  ['aws', 'mysql', 'DBInstance'], ['aws', 'postgresql', 'DBInstance'], ['gcp', 'mysql', 'SQLInstance'], ['gcp', 'postgresql', 'SQLInstance'],
  ['azure', 'mysql', 'FlexibleServer'], ['azure', 'postgresql', 'FlexibleServer'], ['crossplane', 'mysql', 'Database'], ['crossplane', 'postgresql', 'Database'],
];

function synth(profileName: string, engine: 'mysql' | 'postgresql', guard: boolean | undefined, props: object = {}, namespace: string | null = 'shop'): any[] {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: namespace ?? undefined });
  const profile = PROFILES[profileName]();
  lib.Profile.use(chart, lib.Profile.custom({
    name: 'guarded', upgradeGuard: guard, backends: profile.kinds.map((kind) => ({ kind, backend: profile.backendFor(kind) })),
  }));
  const make = (id: string) => (engine === 'mysql' ? new lib.PortableMySQL(chart, id, props) : new lib.PortablePostgres(chart, id, props));
  make('Db');
  make('Other');
  return Testing.synth(chart);
}

beforeAll(() => registerPortableApis());

const guardPolicies = (objs: any[]) => objs.filter((o) => o.kind === 'ValidatingAdmissionPolicy' && o.metadata.labels['app.kubernetes.io/name'] === 'portable-data-upgrade-guard');

test('off by default: no guard policy, and a profile says so', () => {
  expect(new lib.InClusterProfile().upgradeGuard).toBe(false);
  expect(new lib.InClusterProfile({ upgradeGuard: true }).upgradeGuard).toBe(true);
  for (const [profile, engine] of CASES) expect([profile, engine, guardPolicies(synth(profile, engine, undefined))]).toEqual([profile, engine, []]);
});

describe.each(CASES)('%s %s', (profile, engine, kind) => {
  test(`one policy and binding select the ${kind} of every service of the engine, on update only, in the chart's namespace`, () => {
    const objs = synth(profile, engine, true);
    expectValid(objs);
    const policies = guardPolicies(objs);
    expect(policies).toHaveLength(1);
    const [policy] = policies;
    const binding = objs.find((o) => o.kind === 'ValidatingAdmissionPolicyBinding' && o.metadata.name === policy.metadata.name);
    expect(binding.spec).toEqual({
      policyName: policy.metadata.name,
      validationActions: ['Deny'],
      matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } },
    });
    const guarded = objs.filter((o) => o.kind === kind);
    expect(guarded).toHaveLength(2);
    const rule = policy.spec.matchConstraints.resourceRules[0];
    for (const o of guarded) {
      const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
      expect(rule).toEqual({ apiGroups: [group], apiVersions: [version], operations: ['UPDATE'], resources: [`${kind.toLowerCase()}s`] });
      expect(o.metadata.labels).toMatchObject(policy.spec.matchConstraints.objectSelector.matchLabels);
      expect(o.metadata.annotations?.[ALLOW_MAJOR_UPGRADE_ANNOTATION]).toBeUndefined();
    }
    expect(policy.spec.matchConstraints.objectSelector.matchLabels['app.kubernetes.io/name']).toBe(engine);
    expect(policy.spec.matchConstraints.namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'shop' } });
    // Downgrades and (but for the StatefulSets) shrinks are refused; majors are refused unless allowed.
    const messages = policy.spec.validations.map((v: any) => v.message).join('\n');
    expect(messages).toContain('a version downgrade is refused');
    expect(messages).toMatch(/a major version (upgrade needs the app's allowance|change is refused)/);
    if (kind !== 'StatefulSet') expect(messages).toContain('storage only grows');
  });
});

test('allowMajorVersionUpgrade puts the allowance on the guarded object, with or without the guard', () => {
  for (const [profile, engine, kind] of CASES.filter(([p, e]) => !(p === 'in-cluster' && e === 'postgresql') && !(p === 'azure' && e === 'postgresql') && p !== 'crossplane')) {
    for (const guard of [true, false]) {
      const o = synth(profile, engine, guard, { allowMajorVersionUpgrade: true }).find((x) => x.kind === kind);
      expect([profile, engine, guard, o.metadata.annotations[ALLOW_MAJOR_UPGRADE_ANNOTATION]]).toEqual([profile, engine, guard, 'true']);
    }
  }
});

test('a chart without a namespace: the policy matches every namespace (shared, cluster-scoped)', () => {
  const objs = synth('aws', 'mysql', true, {}, null);
  const [policy] = guardPolicies(objs);
  expect(policy.spec.matchConstraints.namespaceSelector).toBeUndefined();
  expect(objs.find((o) => o.kind === 'ValidatingAdmissionPolicyBinding' && o.metadata.name === policy.metadata.name).spec.matchResources).toBeUndefined();
});

test('two engines of one backend in a chart: a policy each (their majors differ)', () => {
  const app = new App();
  const chart = new Chart(app, 'test', { namespace: 'shop' });
  lib.Profile.use(chart, new lib.AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'app', vpcSecurityGroupIds: ['sg-0123456789abcdef0'], upgradeGuard: true }));
  new lib.PortableMySQL(chart, 'My');
  new lib.PortablePostgres(chart, 'Pg');
  const policies = guardPolicies(Testing.synth(chart));
  expect(policies.map((p) => p.spec.matchConstraints.objectSelector.matchLabels['app.kubernetes.io/name']).sort()).toEqual(['mysql', 'postgresql']);
  expect(policies.map((p) => p.spec.variables.find((v: any) => v.name === 'majorChange').expression.split('||').length).sort()).toEqual([1, 2]);
});
