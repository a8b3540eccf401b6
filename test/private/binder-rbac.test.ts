import { PortableMySQL, Profile } from '../../src';
import { SERVICES_PER_BINDER_ROLE } from '../../src/private/binder';
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
    new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    const role = oneOf(synth(chart), 'Role');
    const unnamed = role.rules.filter((r: any) => !r.resourceNames);
    expect(unnamed).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }]);
  });
});
