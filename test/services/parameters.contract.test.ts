import { Construct } from 'constructs';
import { DeletionPolicy, InClusterProfile, PortableDatabase, PortableDatabaseProps, PortableMySQL, PortablePostgres, PostgresOperator, Profile } from '../../src';
import { PROFILES } from '../profiles.fixture';
import { expectValid } from '../util/schema';
import { newChart, oneOf, synth } from '../util/synth';

/** Every relational engine. */
const ENGINES: { [engine: string]: (scope: Construct, props: PortableDatabaseProps) => PortableDatabase } = {
  mysql: (scope, props) => new PortableMySQL(scope, 'Db', props),
  postgresql: (scope, props) => new PortablePostgres(scope, 'Db', props),
};

const PROFILES_WITH_CNPG: { [name: string]: () => Profile } = {
  ...PROFILES,
  'in-cluster-cloudnative-pg': () => new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: DeletionPolicy.RETAIN, volumeSnapshotClassName: 'csi-snapclass' }),
};

/** Where each profile's backend writes `max_connections: 200` (undefined: the backend rejects parameters). */
const WHERE: { [profile: string]: ((objs: any[], engine: string) => unknown) | undefined } = {
  'in-cluster': (objs, engine) => {
    const args: string[] = oneOf(objs, 'StatefulSet').spec.template.spec.containers[0].args;
    return engine === 'mysql' ? args.find((a) => a.startsWith('--max_connections=')) : args[args.indexOf('-c') + 1];
  },
  'in-cluster-cloudnative-pg': (objs) => oneOf(objs, 'Cluster').spec.postgresql.parameters.max_connections,
  'aws': (objs) => oneOf(objs, 'DBParameterGroup').spec.parameterOverrides.max_connections,
  'gcp': (objs) => oneOf(objs, 'SQLInstance').spec.settings.databaseFlags.find((f: any) => f.name === 'max_connections').value,
  'crossplane': undefined,
  'azure': undefined,
};
/** Why each backend that rejects parameters does (the tail of its refusal). */
const REFUSED: { [profile: string]: string } = {
  crossplane: 'its Compositions do not map engine parameters',
  azure: 'the Azure backend does not map parameters to Flexible Server server parameters yet',
};
/** The value each profile writes, when not `200` itself. */
const EXPECTED: { [profile: string]: (engine: string) => string } = {
  'in-cluster': (engine) => (engine === 'mysql' ? '--max_connections=200' : 'max_connections=200'),
};

const CASES = Object.keys(ENGINES).flatMap((engine) => Object.keys(PROFILES_WITH_CNPG)
  .filter((profile) => profile !== 'in-cluster-cloudnative-pg' || engine === 'postgresql')
  .map((profile) => [engine, profile]));

describe.each(CASES)('%s on %s: parameters are honoured or rejected, never ignored', (engine, profile) => {
  function build(parameters: { [name: string]: string }): any[] {
    const { chart } = newChart();
    Profile.use(chart, PROFILES_WITH_CNPG[profile]());
    ENGINES[engine](chart, { name: 'orders', parameters });
    return synth(chart);
  }

  test('max_connections reaches the provider field', () => {
    const where = WHERE[profile];
    if (where === undefined) {
      const backend = profile === 'azure' ? 'azure-aso' : profile;
      expect(() => build({ max_connections: '200' })).toThrow(
        `test/Db: invalid parameters {"max_connections":"200"}: allowed: not this value on the ${backend} backend of profile "${profile}": ${REFUSED[profile]}`);
      return;
    }
    const objs = build({ max_connections: '200' });
    expectValid(objs);
    expect(where(objs, engine)).toBe((EXPECTED[profile] ?? (() => '200'))(engine));
  });

  test('fails when a parameter is unknown, on every backend alike', () => {
    expect(() => build({ max_conection: '200' })).toThrow(new RegExp(`^test/Db: invalid ${engine} parameter "max_conection".*did you mean "max_connections"\\?`));
  });
});
