import { checkRdsParameter, rdsParameterGroupFamily } from '../../src/environments/aws/catalog/checks';
import { checkCloudSqlFlag, cloudSqlDatabaseVersions } from '../../src/environments/gcp/catalog/checks';
import { portableParameters } from '../../src/services/database/parameters';
import { mapParameter } from '../util/parameters';

/** A sample value of each portable parameter. */
function sample(p: ReturnType<typeof portableParameters>[number]): string | number | boolean {
  switch (p.type) {
    case 'boolean': return true;
    case 'enum': return p.values![p.values!.length - 1];
    case 'list': return p.values!.slice(0, 2).join(',');
    default: return p.max!;
  }
}

describe('portable parameters', () => {
  test('maps the MySQL slow query log to each mechanism, with log_output=FILE on Cloud SQL', () => {
    const m = mapParameter('mysql', 'slow_query_log', true);
    expect(m.rds).toEqual({ name: 'slow_query_log', value: '1' });
    expect(m.cloudSql).toEqual([{ name: 'slow_query_log', value: 'on' }, { name: 'log_output', value: 'FILE' }]);
    expect(m.config).toEqual({ name: 'slow_query_log', value: 'ON' });
    expect(mapParameter('mysql', 'slow_query_log', 'off').cloudSql).toEqual([{ name: 'slow_query_log', value: 'off' }]);
  });

  test('converts units into the engine base unit', () => {
    expect(mapParameter('postgresql', 'work_mem', '64MB').rds).toEqual({ name: 'work_mem', value: '65536' });
    expect(mapParameter('postgresql', 'log_min_duration_statement', '2s').cloudSql).toEqual([{ name: 'log_min_duration_statement', value: '2000' }]);
    expect(mapParameter('postgresql', 'log_min_duration_statement', -1).config).toEqual({ name: 'log_min_duration_statement', value: '-1' });
    expect(mapParameter('mysql', 'max_allowed_packet', '64M').config).toEqual({ name: 'max_allowed_packet', value: '67108864' });
    expect(mapParameter('mysql', 'wait_timeout', '1h').rds).toEqual({ name: 'wait_timeout', value: '3600' });
    expect(mapParameter('mysql', 'long_query_time', '0.5').rds).toEqual({ name: 'long_query_time', value: '0.5' });
  });

  test('maps names that differ between mechanisms (logical replication)', () => {
    const m = mapParameter('postgresql', 'logical_replication', 'on');
    expect(m.rds).toEqual({ name: 'rds.logical_replication', value: '1' });
    expect(m.cloudSql).toEqual([{ name: 'cloudsql.logical_decoding', value: 'on' }]);
    expect(m.config).toEqual({ name: 'wal_level', value: 'logical' });
    expect(mapParameter('postgresql', 'logical_replication', false).config.value).toBe('replica');
    expect(mapParameter('mysql', 'event_scheduler', 'yes').rds).toEqual({ name: 'event_scheduler', value: 'ON' });
  });

  test('says which mechanism cannot honour a parameter', () => {
    const m = mapParameter('mysql', 'binlog_expire_logs_seconds', '7d');
    expect(m.rds).toBeUndefined();
    expect(m.unsupported.rds).toMatch(/rds_set_configuration\('binlog retention hours'/);
    expect(m.cloudSql).toEqual([{ name: 'binlog_expire_logs_seconds', value: '604800' }]);
  });

  test('normalizes enums and lists to their canonical spelling', () => {
    expect(mapParameter('mysql', 'transaction_isolation', 'read-committed').rds?.value).toBe('READ-COMMITTED');
    expect(mapParameter('mysql', 'sql_mode', 'strict_trans_tables, only_full_group_by').config.value).toBe('STRICT_TRANS_TABLES,ONLY_FULL_GROUP_BY');
  });

  test('every mapped value of every portable parameter passes the catalog checks of RDS and Cloud SQL', () => {
    let checked = 0;
    for (const engine of ['mysql', 'postgresql']) {
      const family = rdsParameterGroupFamily(engine === 'mysql' ? 'mysql' : 'postgres', engine === 'mysql' ? '8.4' : '17')!;
      const versions = cloudSqlDatabaseVersions().filter((v) => v.startsWith(engine === 'mysql' ? 'MYSQL' : 'POSTGRES'));
      for (const p of portableParameters(engine)) {
        const m = mapParameter(engine, p.name, sample(p));
        if (m.rds) checkRdsParameter('test', family, m.rds.name, m.rds.value);
        for (const v of versions) for (const f of m.cloudSql) checkCloudSqlFlag('test', v, f.name, f.value);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(35);
  });

  test('fails when the name is not a portable parameter of the engine', () => {
    expect(() => mapParameter('postgresql', 'slow_query_log', true))
      .toThrow(/^portable parameter slow_query_log: invalid postgresql parameter "slow_query_log": allowed: a portable postgresql parameter: .*Fix: did you mean/);
    expect(() => mapParameter('mysql', 'max_conections', 10, 'test/Db')).toThrow(/^test\/Db: .*did you mean "max_connections"\?/);
  });

  test('fails when the value is outside the portable range or of the wrong type', () => {
    expect(() => mapParameter('postgresql', 'max_connections', 5)).toThrow(/invalid parameter max_connections 5: allowed: an integer from 14 to 262143\. Fix: did you mean "14"\?/);
    expect(() => mapParameter('postgresql', 'work_mem', '10 parsecs')).toThrow(/a size in kB \(or with a unit\) from 64 to 2147483647/);
    expect(() => mapParameter('mysql', 'slow_query_log', 'maybe')).toThrow(/a boolean/);
    expect(() => mapParameter('postgresql', 'log_statement', 'dll')).toThrow(/one of none, ddl, mod, all\. Fix: did you mean "ddl"\?/);
    expect(() => mapParameter('postgresql', 'statement_timeout', '1.5ms')).toThrow(/a duration in ms/);
  });
});
