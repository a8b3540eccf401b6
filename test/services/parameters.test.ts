import { InClusterProfile, PortableMySQL, PortablePostgres, Profile } from '../../src';
import { newChart } from '../util/synth';

function mysql(parameters?: { [name: string]: string }): PortableMySQL {
  const { chart } = newChart();
  Profile.use(chart, new InClusterProfile());
  return new PortableMySQL(chart, 'Db', { name: 'orders', parameters });
}

function postgres(parameters?: { [name: string]: string }): PortablePostgres {
  const { chart } = newChart();
  Profile.use(chart, new InClusterProfile());
  return new PortablePostgres(chart, 'Db', { name: 'orders', parameters });
}

describe('portable parameters', () => {
  test('none by default: the spec carries an empty set', () => {
    expect(mysql()._spec.parameters).toEqual({});
  });

  test('normalized into the spec: base units, on/off, canonical spelling, sorted by name', () => {
    const db = mysql({ wait_timeout: '1h', slow_query_log: 'true', transaction_isolation: 'read-committed', max_allowed_packet: '64M', general_log: '0' });
    expect(db._spec.parameters).toEqual({
      general_log: 'off',
      max_allowed_packet: '67108864',
      slow_query_log: 'on',
      transaction_isolation: 'READ-COMMITTED',
      wait_timeout: '3600',
    });
    expect(Object.keys(db._spec.parameters)).toEqual(Object.keys(db._spec.parameters).sort());
  });

  test('PostgreSQL units: durations in ms, sizes in kB', () => {
    expect(postgres({ work_mem: '64MB', statement_timeout: '30s', log_min_duration_statement: '-1', logical_replication: 'yes' })._spec.parameters).toEqual({
      log_min_duration_statement: '-1',
      logical_replication: 'on',
      statement_timeout: '30000',
      work_mem: '65536',
    });
  });

  test('fails when a name is not a portable parameter, suggesting the closest', () => {
    expect(() => mysql({ max_conections: '10' })).toThrow(
      /^test\/Db: invalid mysql parameter "max_conections": allowed: a portable mysql parameter: max_connections, .*Fix: did you mean "max_connections"\?/,
    );
  });

  test('fails when a parameter of the other engine is given', () => {
    expect(() => postgres({ slow_query_log: 'on' })).toThrow(/^test\/Db: invalid postgresql parameter "slow_query_log": allowed: a portable postgresql parameter/);
  });

  test('fails when a value is out of range, naming the nearest valid value', () => {
    expect(() => postgres({ max_connections: '5' })).toThrow(
      /^test\/Db: invalid parameter max_connections "5": allowed: an integer from 14 to 262143\. Fix: did you mean "14"\?/,
    );
  });

  test('fails when a value has the wrong type or unit', () => {
    expect(() => mysql({ slow_query_log: 'sometimes' })).toThrow(/test\/Db: invalid parameter slow_query_log "sometimes": allowed: a boolean/);
    expect(() => postgres({ work_mem: '64 parsecs' })).toThrow(/invalid parameter work_mem "64 parsecs": allowed: a size in kB \(or with a unit\)/);
    expect(() => postgres({ log_statement: 'dll' })).toThrow(/invalid parameter log_statement "dll": allowed: one of none, ddl, mod, all\. Fix: did you mean "ddl"\?/);
  });
});
