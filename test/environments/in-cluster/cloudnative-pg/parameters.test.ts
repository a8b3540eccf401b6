import { HighAvailability, DeletionPolicy, InClusterProfile, PortablePostgres, PostgresOperator, Profile } from '../../../../src';
import { portableParameters } from '../../../../src/services/database/parameters';
import { mapParameter, everyParameter, sampleValue } from '../../../util/parameters';
import { expectValid } from '../../../util/schema';
import { newChart, oneOf, synth } from '../../../util/synth';

function cluster(parameters?: { [name: string]: string }, highAvailability = HighAvailability.AUTO): any {
  const { chart } = newChart();
  Profile.use(chart, new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: DeletionPolicy.RETAIN, volumeSnapshotClassName: 'csi-snapclass' }));
  new PortablePostgres(chart, 'Db', { name: 'orders', parameters, highAvailability });
  const objs = synth(chart);
  expectValid(objs);
  return oneOf(objs, 'Cluster', 'postgresql.cnpg.io/v1');
}

describe('CloudNativePG: parameters as postgresql.parameters', () => {
  test('none without parameters (HA keeps only its synchronous replication)', () => {
    expect(cluster().spec.postgresql.parameters).toBeUndefined();
    expect(cluster({}, HighAvailability.NONE).spec.postgresql).toEqual({ pg_hba: ['hostnossl all all all reject'] });
  });

  test('postgresql.conf names and values, next to the synchronous replication of HA', () => {
    const pg = cluster({ 'max_connections': '300', 'logical_replication': 'off', 'pg_stat_statements.track': 'top' }).spec.postgresql;
    expect(pg.parameters).toEqual({ 'max_connections': '300', 'pg_stat_statements.track': 'top', 'wal_level': 'replica' });
    expect(pg.synchronous).toEqual({ method: 'any', number: 1, dataDurability: 'preferred' });
  });

  test('without HA: parameters only', () => {
    expect(cluster({ statement_timeout: '1min' }, HighAvailability.NONE).spec.postgresql).toEqual({
      parameters: { statement_timeout: '60000' }, pg_hba: ['hostnossl all all all reject'],
    });
  });

  test('every portable parameter is honoured', () => {
    const parameters = cluster(everyParameter('postgresql')).spec.postgresql.parameters;
    for (const p of portableParameters('postgresql')) {
      const { config } = mapParameter('postgresql', p.name, sampleValue(p));
      expect(parameters[config.name]).toBe(config.value);
    }
  });
});
