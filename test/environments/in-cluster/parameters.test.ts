import { InClusterProfile, PortableMySQL, PortablePostgres, Profile } from '../../../src';
import { portableParameters } from '../../../src/services/database/parameters';
import { mapParameter, everyParameter, sampleValue } from '../../util/parameters';
import { expectValid } from '../../util/schema';
import { newChart, oneOf, synth } from '../../util/synth';

/** The synthesized objects of one database under the in-cluster profile. */
function objects(engine: 'mysql' | 'postgresql', parameters?: { [name: string]: string }): any[] {
  const { chart } = newChart();
  Profile.use(chart, new InClusterProfile());
  const props = { name: 'orders', parameters };
  if (engine === 'mysql') new PortableMySQL(chart, 'Db', props);
  else new PortablePostgres(chart, 'Db', props);
  const objs = synth(chart);
  expectValid(objs);
  return objs;
}

function server(objs: any[]): any {
  return oneOf(objs, 'StatefulSet').spec.template.spec.containers[0];
}

describe('in-cluster StatefulSet: parameters as server options', () => {
  test.each(['mysql', 'postgresql'] as const)('%s: no args without parameters, and an empty set changes nothing', (engine) => {
    const plain = objects(engine);
    expect(server(plain).args).toBeUndefined();
    expect(objects(engine, {})).toEqual(plain);
  });

  test('MySQL: --name=value options in the my.cnf spelling, sorted by name', () => {
    const c = server(objects('mysql', { slow_query_log: 'true', long_query_time: '0.5', sql_mode: 'strict_trans_tables,no_zero_date', event_scheduler: 'off' }));
    expect(c.args).toEqual([
      '--event_scheduler=OFF',
      '--long_query_time=0.5',
      '--slow_query_log=ON',
      '--sql_mode=STRICT_TRANS_TABLES,NO_ZERO_DATE',
    ]);
    // The image's entrypoint keeps running mysqld with these options; the root filesystem stays read-only.
    expect(c.command).toBeUndefined();
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('PostgreSQL: -c name=value pairs, logical replication as wal_level', () => {
    const c = server(objects('postgresql', { work_mem: '64MB', logical_replication: 'on', default_transaction_isolation: 'read committed' }));
    expect(c.args).toEqual(['-c', 'default_transaction_isolation=read committed', '-c', 'wal_level=logical', '-c', 'work_mem=65536']);
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('PostgreSQL: pg_stat_statements settings come with the library preloaded', () => {
    expect(server(objects('postgresql', { 'pg_stat_statements.track': 'all' })).args).toEqual([
      '-c', 'pg_stat_statements.track=all', '-c', 'shared_preload_libraries=pg_stat_statements',
    ]);
  });

  test.each(['mysql', 'postgresql'] as const)('%s: every portable parameter is honoured', (engine) => {
    const args: string[] = server(objects(engine, everyParameter(engine))).args;
    for (const p of portableParameters(engine)) {
      const { config } = mapParameter(engine, p.name, sampleValue(p));
      expect(args).toContain(engine === 'mysql' ? `--${config.name}=${config.value}` : `${config.name}=${config.value}`);
    }
  });
});
