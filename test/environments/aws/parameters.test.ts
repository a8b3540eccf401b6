import { AwsProfile, AwsProfileOptions, DeletionPolicy, MySqlVersion, PortableMySQL, PortablePostgres, PostgresVersion, Profile } from '../../../src';
import { RDS_PARAMETER_CATALOG } from '../../../src/environments/aws/catalog/data/rds-parameters';
import { RDS_TLS_PARAMETERS } from '../../../src/environments/aws/parameter-group';
import { DbParameterGroup } from '../../../src/imports/rds.services.k8s.aws';
import { portableParameters } from '../../../src/services/database/parameters';
import { mapParameter, everyParameter, sampleValue } from '../../util/parameters';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

const BASE: AwsProfileOptions = { region: 'eu-west-1', dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] };

function mysql(
  parameters?: { [name: string]: string },
  version?: MySqlVersion,
  options: Partial<AwsProfileOptions> = {},
  deletionPolicy?: DeletionPolicy,
) {
  const { chart } = newChart();
  Profile.use(chart, new AwsProfile({ ...BASE, ...options }));
  const db = new PortableMySQL(chart, 'Db', { name: 'orders', parameters, version, deletionPolicy });
  const objs = synth(chart);
  expectValid(objs);
  return { db, objs, instance: oneOf(objs, 'DBInstance').spec, groups: byKind(objs, 'DBParameterGroup', 'rds.services.k8s.aws/v1alpha1') };
}

function postgres(parameters?: { [name: string]: string }, version?: PostgresVersion) {
  const { chart } = newChart();
  Profile.use(chart, new AwsProfile(BASE));
  new PortablePostgres(chart, 'Db', { name: 'orders', parameters, version });
  const objs = synth(chart);
  expectValid(objs);
  return { objs, instance: oneOf(objs, 'DBInstance').spec, group: oneOf(objs, 'DBParameterGroup') };
}

describe('AWS RDS: parameters as a DB parameter group', () => {
  test('without parameters: the group holds only the TLS parameter (RDS MySQL accepts plaintext otherwise); an empty set changes nothing', () => {
    const plain = mysql();
    expect(plain.groups).toHaveLength(1);
    expect(plain.groups[0].spec).toMatchObject({ name: 'orders-mysql8-4', family: 'mysql8.4', parameterOverrides: { require_secure_transport: '1' } });
    expect(plain.instance.dbParameterGroupRef).toEqual({ from: { name: 'orders-mysql8-4' } });
    expect(plain.instance.dbParameterGroupName).toBeUndefined();
    expect(mysql({}).objs).toEqual(plain.objs);
    expect(postgres().group.spec).toMatchObject({ name: 'orders-postgres17', family: 'postgres17', parameterOverrides: { 'rds.force_ssl': '1' } });
  });

  test('TLS stays on: no portable parameter maps to the TLS parameter, which each family\'s catalog allows', () => {
    for (const engine of ['mysql', 'postgresql']) {
      const tlsName = RDS_TLS_PARAMETERS[engine].name;
      expect(portableParameters(engine).map((p) => mapParameter(engine, p.name, sampleValue(p)).rds?.name)).not.toContain(tlsName);
    }
    for (const [family, params] of Object.entries(RDS_PARAMETER_CATALOG.families)) {
      const tls = RDS_TLS_PARAMETERS[family.startsWith('mysql') ? 'mysql' : 'postgresql'];
      expect({ family, entry: params[tls.name] }).toEqual({ family, entry: { type: 'boolean', allowed: '0,1' } });
    }
  });

  test('a version the catalog does not track gets the family RDS names after its major, with the TLS parameter', () => {
    const { group, instance } = postgres(undefined, PostgresVersion.of('18', '18.1'));
    expect(group.spec).toMatchObject({ name: 'orders-postgres18', family: 'postgres18', parameterOverrides: { 'rds.force_ssl': '1' } });
    expect(instance.dbParameterGroupRef).toEqual({ from: { name: 'orders-postgres18' } });
  });

  test('one DBParameterGroup (construct ID "DBParameterGroup") of the version\'s family, referenced by the DBInstance', () => {
    const { db, groups, instance } = mysql({ max_connections: '500', slow_query_log: 'on', event_scheduler: 'on' }, undefined, { namePrefix: 'prod-' });
    expect(db.node.findChild('DBParameterGroup')).toBeInstanceOf(DbParameterGroup);
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group.metadata.name).toBe('orders-mysql8-4');
    expect(group.spec).toEqual({
      name: 'prod-orders-mysql8-4',
      family: 'mysql8.4',
      description: 'Parameters of prod-orders (cdk8s-portable-data)',
      parameterOverrides: { event_scheduler: 'ON', max_connections: '500', require_secure_transport: '1', slow_query_log: '1' },
      tags: instance.tags,
    });
    expect(instance.dbParameterGroupRef).toEqual({ from: { name: 'orders-mysql8-4' } });
  });

  test('the group carries the region and the deletion policy of the database; a retained one is adopted when applied again', () => {
    expect(ownAnnotations(mysql({ max_connections: '500' }).groups[0])).toEqual({
      'services.k8s.aws/region': 'eu-west-1',
      'services.k8s.aws/deletion-policy': 'retain',
      'services.k8s.aws/adoption-policy': 'adopt-or-create',
      'services.k8s.aws/adoption-fields': '{"name":"orders-mysql8-4"}',
    });
    expect(ownAnnotations(mysql({ max_connections: '500' }, undefined, {}, DeletionPolicy.DELETE).groups[0])).toEqual({
      'services.k8s.aws/region': 'eu-west-1',
      'services.k8s.aws/deletion-policy': 'delete',
    });
  });

  test('the family follows the version: a major upgrade gets a new group', () => {
    expect(mysql({ max_connections: '500' }, MySqlVersion.V8_0).groups[0].spec.family).toBe('mysql8.0');
    const { group, instance } = postgres({ logical_replication: 'on', work_mem: '16MB' }, PostgresVersion.of('16', '16.9'));
    expect(group.spec).toMatchObject({ name: 'orders-postgres16', family: 'postgres16', parameterOverrides: { 'rds.logical_replication': '1', 'work_mem': '16384' } });
    expect(instance.dbParameterGroupRef).toEqual({ from: { name: 'orders-postgres16' } });
  });

  test.each(['mysql', 'postgresql'])('%s: every portable parameter RDS can set is honoured', (engine) => {
    const except = engine === 'mysql' ? ['binlog_expire_logs_seconds'] : [];
    const parameters = everyParameter(engine, except);
    const group = engine === 'mysql' ? mysql(parameters).groups[0] : postgres(parameters).group;
    for (const p of portableParameters(engine).filter((x) => !except.includes(x.name))) {
      const { rds } = mapParameter(engine, p.name, sampleValue(p));
      expect(group.spec.parameterOverrides[rds!.name]).toBe(rds!.value);
    }
    // And the TLS parameter.
    expect(Object.keys(group.spec.parameterOverrides)).toHaveLength(Object.keys(parameters).length + 1);
    expect(group.spec.parameterOverrides[RDS_TLS_PARAMETERS[engine].name]).toBe('1');
  });

  test('fails when a parameter cannot be set through a parameter group, saying why', () => {
    expect(() => mysql({ binlog_expire_logs_seconds: '7d' })).toThrow(
      /^test\/Db: invalid parameter binlog_expire_logs_seconds "604800": allowed: on AWS RDS, parameters a DB parameter group can set: .*rds_set_configuration/,
    );
  });

  test('fails when the version has no known parameter group family', () => {
    expect(() => postgres({ work_mem: '16MB' }, PostgresVersion.of('18', '18.1'))).toThrow(
      /^test\/Db: invalid parameters \["work_mem"\]: allowed: on AWS RDS, parameters for a postgres version of the RDS catalog \(postgres 18\.1 has no known DB parameter group family\)/,
    );
  });

  test('fails when a name is not a portable parameter, suggesting the closest', () => {
    expect(() => postgres({ work_mme: '16MB' })).toThrow(/^test\/Db: invalid postgresql parameter "work_mme".*did you mean "work_mem"\?/);
  });
});
