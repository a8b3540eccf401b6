import { Construct } from 'constructs';
import { Backup, DeletionPolicy, InClusterProfile, PortableMySQL, Profile } from '../../src';
import { binderJob, BinderSpec, SERVICES_PER_BINDER_ROLE } from '../../src/private/binder';
import { PROFILES } from '../profiles.fixture';
import { expectValid } from '../util/schema';
import { byKind, newChart, oneOf, synth } from '../util/synth';

describe('binder RBAC', () => {
  test('one ServiceAccount per chart; a Role per 200 services, each allowing exactly its services\' objects', () => {
    const { chart } = newChart();
    Profile.use(chart, PROFILES.aws());
    const count = 2 * SERVICES_PER_BINDER_ROLE + 50;
    for (let i = 0; i < count; i++) new PortableMySQL(chart, `Db${i}`, { name: `db-${i}` });
    const objs = synth(chart);
    expectValid(byKind(objs, 'Role').concat(byKind(objs, 'RoleBinding'), byKind(objs, 'ServiceAccount')));

    const sa = oneOf(objs, 'ServiceAccount');
    const roles = byKind(objs, 'Role');
    expect(roles.map((r) => r.metadata.name)).toEqual([sa.metadata.name, `${sa.metadata.name}-1`, `${sa.metadata.name}-2`]);
    const bindings = byKind(objs, 'RoleBinding');
    expect(bindings.map((b) => [b.roleRef.name, b.subjects])).toEqual(
      roles.map((r) => [r.metadata.name, [{ kind: 'ServiceAccount', name: sa.metadata.name }]]));

    const secretsOf = (role: any) => role.rules.filter((r: any) => r.resourceNames && r.resources[0] === 'secrets').flatMap((r: any) => r.resourceNames);
    const instancesOf = (role: any) => role.rules.find((r: any) => r.resources[0] === 'dbinstances').resourceNames;
    expect(roles.map((r) => instancesOf(r).length)).toEqual([SERVICES_PER_BINDER_ROLE, SERVICES_PER_BINDER_ROLE, 50]);
    const allSecrets = roles.flatMap(secretsOf);
    expect(new Set(allSecrets).size).toBe(allSecrets.length);
    for (let i = 0; i < count; i++) {
      expect(allSecrets).toContain(`db-${i}-connection`);
      expect(allSecrets).toContain(`db-${i}-credentials`);
    }
    // Far below the 256 KiB kubectl's last-applied annotation can hold.
    for (const role of roles) expect(JSON.stringify(role).length).toBeLessThan(64 * 1024);
  });

  test('the only unnamed permission is creating Secrets, which RBAC cannot restrict by name', () => {
    const { chart } = newChart();
    new PortableMySQL(chart, 'Db', { name: 'orders-db', backup: Backup.disabled() });
    const role = oneOf(synth(chart), 'Role');
    const unnamed = role.rules.filter((r: any) => !r.resourceNames);
    expect(unnamed).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }]);
  });

  test('a retained in-cluster database with backups adds creating claims (unnamed) and reading its backup claim (named)', () => {
    const { chart } = newChart();
    new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    new PortableMySQL(chart, 'Scratch', { name: 'scratch-db', deletionPolicy: DeletionPolicy.DELETE });
    const role = oneOf(synth(chart), 'Role');
    const claims = role.rules.filter((r: any) => r.resources.includes('persistentvolumeclaims'));
    expect(claims).toEqual([
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['get'], resourceNames: ['orders-db-backup'] },
    ]);
    expect(claims.flatMap((r: any) => r.verbs)).not.toContain('patch');
  });
});

describe('binder admission policy (on by default)', () => {
  const spec = (name: string, generate: boolean): BinderSpec => ({
    connectionSecret: `${name}-connection`,
    secretType: 'servicebinding.io/mysql',
    keys: ['password'],
    labels: { 'app.kubernetes.io/instance': name },
    values: {},
    deferred: {},
    credentials: { secret: generate ? `${name}-credentials` : 'users-secret', generate, passwordKey: 'password', passwordKeys: ['password'] },
    timeoutSeconds: 60,
  });

  test('on by default; binderAdmissionPolicy: false leaves it out', () => {
    const { chart } = newChart();
    new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    expect(byKind(synth(chart), 'ValidatingAdmissionPolicy')).toHaveLength(1);
    const off = newChart().chart;
    Profile.use(off, new InClusterProfile({ binderAdmissionPolicy: false }));
    new PortableMySQL(off, 'Db', { name: 'orders-db' });
    expect(synth(off).filter((o) => o.kind.startsWith('ValidatingAdmissionPolicy'))).toEqual([]);
  });

  test('lets the binder ServiceAccount create only the Secrets its chart owns, each of its own type, validated against Kubernetes 1.33', () => {
    const { chart } = newChart('shop');
    new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    binderJob(new Construct(chart, 'Other'), 'ledger-db', spec('ledger-db', false), 'python:3.13-alpine', { admissionPolicy: true });
    binderJob(new Construct(chart, 'Third'), 'stock-db', spec('stock-db', true), 'python:3.13-alpine', { admissionPolicy: true });
    const objs = synth(chart);
    const policy = oneOf(objs, 'ValidatingAdmissionPolicy');
    const binding = oneOf(objs, 'ValidatingAdmissionPolicyBinding');
    const sa = oneOf(objs, 'ServiceAccount').metadata.name;
    const params = byKind(objs, 'ConfigMap').find((c) => c.metadata.name === `${sa}-admission`);
    expectValid([policy, binding, params]);
    expect(policy.apiVersion).toBe('admissionregistration.k8s.io/v1');
    expect(policy.spec.paramKind).toEqual({ apiVersion: 'v1', kind: 'ConfigMap' });
    expect(policy.spec.matchConstraints.resourceRules).toEqual([{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['secrets'] }]);
    expect(policy.spec.matchConditions).toEqual([{ name: 'binder-service-account', expression: `request.userInfo.username == 'system:serviceaccount:' + request.namespace + ':${sa}'` }]);
    expect(policy.spec.validations.map((v: any) => v.expression)).toEqual([
      'has(params.data) && object.metadata.name in params.data',
      '!has(params.data) || !(object.metadata.name in params.data) || (has(object.type) && object.type == params.data[object.metadata.name])',
      "!has(object.metadata.annotations) || !('kubernetes.io/service-account.name' in object.metadata.annotations)",
    ]);
    // The owned names and the type each is created with: connection Secrets of the kind's type, generated credentials Opaque.
    expect(params.data).toEqual({
      'ledger-db-connection': 'servicebinding.io/mysql',
      'orders-db-connection': 'servicebinding.io/mysql',
      'orders-db-credentials': 'Opaque',
      'stock-db-connection': 'servicebinding.io/mysql',
      'stock-db-credentials': 'Opaque',
    });
    expect(binding.spec).toEqual({
      policyName: policy.metadata.name,
      paramRef: { name: `${sa}-admission`, parameterNotFoundAction: 'Allow' },
      validationActions: ['Deny'],
      matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } },
    });
  });
});
