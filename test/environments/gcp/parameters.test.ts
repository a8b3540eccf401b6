import { GcpProfile, GcpProfileOptions, PortableMySQL, PortablePostgres, Profile } from '../../../src';
import { portableParameters } from '../../../src/services/database/parameters';
import { mapParameter, everyParameter, sampleValue } from '../../util/parameters';
import { expectValid } from '../../util/schema';
import { newChart, oneOf, synth } from '../../util/synth';

const GCP: GcpProfileOptions = { projectId: 'acme-prod-123', region: 'europe-west1' };

function objects(engine: string, parameters?: { [name: string]: string }): any[] {
  const { chart } = newChart();
  Profile.use(chart, new GcpProfile(GCP));
  if (engine === 'mysql') new PortableMySQL(chart, 'Db', { name: 'orders', parameters });
  else new PortablePostgres(chart, 'Db', { name: 'orders', parameters });
  const objs = synth(chart);
  expectValid(objs);
  return objs;
}

function flags(engine: string, parameters?: { [name: string]: string }): any {
  return oneOf(objects(engine, parameters), 'SQLInstance').spec.settings.databaseFlags;
}

describe('Cloud SQL: parameters as database flags', () => {
  test.each(['mysql', 'postgresql'])('%s: no flags without parameters, and an empty set changes nothing', (engine) => {
    expect(flags(engine)).toBeUndefined();
    expect(objects(engine, {})).toEqual(objects(engine));
  });

  test('MySQL: flags sorted by name, booleans on/off, the logs written to files once', () => {
    expect(flags('mysql', { slow_query_log: 'true', general_log: 'yes', long_query_time: '2', wait_timeout: '10min' })).toEqual([
      { name: 'general_log', value: 'on' },
      { name: 'log_output', value: 'FILE' },
      { name: 'long_query_time', value: '2' },
      { name: 'slow_query_log', value: 'on' },
      { name: 'wait_timeout', value: '600' },
    ]);
  });

  test('PostgreSQL: logical replication is Cloud SQL\'s logical decoding flag', () => {
    expect(flags('postgresql', { logical_replication: 'on', log_min_duration_statement: '250ms' })).toEqual([
      { name: 'cloudsql.logical_decoding', value: 'on' },
      { name: 'log_min_duration_statement', value: '250' },
    ]);
  });

  test.each(['mysql', 'postgresql'])('%s: every portable parameter is honoured', (engine) => {
    const written = flags(engine, everyParameter(engine));
    for (const p of portableParameters(engine)) {
      for (const flag of mapParameter(engine, p.name, sampleValue(p)).cloudSql) expect(written).toContainEqual(flag);
    }
  });

  test('fails when a name is not a portable parameter, suggesting the closest', () => {
    expect(() => flags('mysql', { slow_querylog: 'on' })).toThrow(/^test\/Db: invalid mysql parameter "slow_querylog".*did you mean "slow_query_log"\?/);
  });
});
