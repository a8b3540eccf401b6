import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { checkRdsBackupRetention, checkRdsEngineVersion, checkRdsIdentifier, checkRdsInstanceClass, checkRdsParameter, checkRdsStorage, rdsEngineName, rdsInstanceClasses, rdsParameterGroupFamily, rdsVersions } from '../../../src/environments/aws/catalog/checks';
import { RDS_ENGINE_CATALOG } from '../../../src/environments/aws/catalog/data/rds-engines';
import { RDS_PARAMETER_CATALOG } from '../../../src/environments/aws/catalog/data/rds-parameters';
import { parseRdsAllowed } from '../../../src/environments/aws/catalog/values';

const WHERE = 'test/Db';

/** A valid value for a catalog parameter: a bound of its range or its first literal. */
function validValue(type: string, allowed: string | undefined): string {
  if (type === 'boolean') return '1';
  const first = allowed ? parseRdsAllowed(allowed)[0] : undefined;
  if (first?.literal !== undefined) return first.literal;
  if (first?.max !== undefined) return first.max;
  return type === 'integer' || type === 'float' || type === 'real' ? '1' : 'x';
}

describe('RDS catalog checks', () => {
  describe('accept every value of the catalog', () => {
    const engines = Object.entries(RDS_ENGINE_CATALOG.engines);

    test.each(engines)('every %s version, its major alone, and its parameter group family', (engine, entry) => {
      for (const [version, v] of Object.entries(entry.versions)) {
        expect(() => checkRdsEngineVersion(WHERE, engine, version)).not.toThrow();
        expect(() => checkRdsEngineVersion(WHERE, engine, v.major)).not.toThrow();
        expect(rdsParameterGroupFamily(engine, version)).toBe(v.family);
        expect(rdsParameterGroupFamily(engine, v.major)).toBe(v.family);
      }
      expect(rdsVersions(engine)).toHaveLength(Object.keys(entry.versions).length);
    });

    test.each(engines)('every orderable %s class for each of its versions and for the major', (engine, entry) => {
      let checked = 0;
      for (const group of entry.orderable) {
        for (const version of group.versions) {
          for (const cls of group.classes) {
            checkRdsInstanceClass(WHERE, engine, version, cls);
            checkRdsInstanceClass(WHERE, engine, entry.versions[version].major, cls);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(100);
    });

    test.each(engines)('the %s storage bounds of every storage type', (engine, entry) => {
      for (const [type, range] of Object.entries(entry.storage)) {
        checkRdsStorage(WHERE, engine, type, range.min);
        checkRdsStorage(WHERE, engine, type, range.max);
      }
    });

    test('every parameter of every family with a valid value, and formulas for integers', () => {
      let checked = 0;
      for (const [family, params] of Object.entries(RDS_PARAMETER_CATALOG.families)) {
        for (const [name, p] of Object.entries(params)) {
          checkRdsParameter(WHERE, family, name, validValue(p.type, p.allowed));
          checked++;
        }
      }
      checkRdsParameter(WHERE, 'mysql8.0', 'max_connections', '{DBInstanceClassMemory/12582880}');
      checkRdsParameter(WHERE, 'postgres16', 'log_min_duration_statement', -1);
      checkRdsParameter(WHERE, 'mysql8.4', 'sql_mode', 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION');
      expect(checked).toBeGreaterThan(150);
    });

    test('what the catalog does not track passes: other majors, other families and sizes, unknown parameters of a partial list', () => {
      checkRdsEngineVersion(WHERE, 'mysql', '5.7.44');
      checkRdsEngineVersion(WHERE, 'postgres', '18.1');
      checkRdsInstanceClass(WHERE, 'mysql', '8.4.6', 'db.m6g.8xlarge');
      checkRdsInstanceClass(WHERE, 'postgres', '16.9', 'db.x2g.large');
      checkRdsInstanceClass(WHERE, 'mysql', '8.4.99', 'db.m6g.large');
      expect(RDS_PARAMETER_CATALOG.snapshot.complete).toBe(false);
      checkRdsParameter(WHERE, 'mysql8.4', 'innodb_adaptive_hash_index', '0');
    });
  });

  describe('reject invalid values with "did you mean"', () => {
    test('fails when the version is not one RDS offers, suggesting the nearest of the major', () => {
      expect(() => checkRdsEngineVersion(WHERE, 'postgres', '16.3'))
        .toThrow(/^test\/Db: invalid RDS engine version "16\.3": allowed: on AWS RDS, a postgres version the catalog snapshot \d{4}-\d\d-\d\d lists: 16\.9, .*Fix: did you mean "16\.9"/);
      expect(() => checkRdsEngineVersion(WHERE, 'mysql', '8.4.60')).toThrow(/did you mean "8\.4\.10" or "8\.4\.9"\?/);
      expect(() => checkRdsEngineVersion(WHERE, 'mysql', 'latest')).toThrow(/invalid RDS engine version "latest"/);
    });

    test('fails when the engine is not an RDS engine of the catalog', () => {
      expect(() => checkRdsEngineVersion(WHERE, 'postgresql', '16')).toThrow(/invalid RDS engine "postgresql".*did you mean "postgres"\?/);
      expect(rdsEngineName('postgresql')).toBe('postgres');
    });

    test('fails when the class is not orderable, suggesting the nearest sizes of the family or the closest names', () => {
      expect(() => checkRdsInstanceClass(WHERE, 'mysql', '8.4.6', 'db.t4g.nano'))
        .toThrow(/invalid RDS DB instance class "db\.t4g\.nano": allowed: on AWS RDS, a class orderable for mysql 8\.4\.6 .*Fix: did you mean "db\.t4g\.micro", "db\.t4g\.small" or "db\.t4g\.medium"\?/);
      expect(() => checkRdsInstanceClass(WHERE, 'mysql', '8.4', 'db.m6g.larg')).toThrow(/did you mean "db\.m6g\.large"/);
      expect(() => checkRdsInstanceClass(WHERE, 'postgres', '17.7', 'm7g.large')).toThrow(/did you mean "db\.m7g\.large"/);
    });

    test('names the construct path when given a construct', () => {
      const chart = Testing.chart();
      const scope = new Construct(chart, 'Orders');
      expect(() => checkRdsInstanceClass(scope, 'mysql', '8.0.43', 'db.r7g.micro')).toThrow(/^test\/Orders: invalid RDS DB instance class "db\.r7g\.micro"/);
    });

    test('fails when storage is outside the range of the storage type, or the type is unknown', () => {
      expect(() => checkRdsStorage(WHERE, 'mysql', 'gp3', 10)).toThrow(/invalid storage "10 GiB": allowed: on AWS RDS mysql with gp3 storage, a whole number of GiB from 20 to 65536.*Size\.gibibytes\(20\)/);
      expect(() => checkRdsStorage(WHERE, 'postgres', 'io1', 20.5)).toThrow(/from 100 to 65536.*Size\.gibibytes\(100\)/);
      expect(() => checkRdsStorage(WHERE, 'mysql', 'gp4', 100)).toThrow(/invalid RDS storage type "gp4".*did you mean "gp2"\?/);
    });

    test('fails when the backup retention is outside 0 to 35 days', () => {
      checkRdsBackupRetention(WHERE, 0);
      checkRdsBackupRetention(WHERE, 35);
      expect(() => checkRdsBackupRetention(WHERE, 36)).toThrow(/invalid backup retention "36 days": allowed: on AWS RDS, 0 \(no automated backups\) to 35 whole days.*Duration\.days\(35\)/);
      expect(() => checkRdsBackupRetention(WHERE, 1.5)).toThrow(/Duration\.days\(2\)/);
    });

    test('fails when the identifier breaks the RDS rules, suggesting a fixed one', () => {
      checkRdsIdentifier(WHERE, 'prod-orders');
      expect(() => checkRdsIdentifier(WHERE, 'Prod_Orders-')).toThrow(/invalid RDS DB instance identifier "Prod_Orders-".*did you mean "prod-orders"\?/);
      expect(() => checkRdsIdentifier(WHERE, 'a--b')).toThrow(/did you mean "a-b"\?/);
      expect(() => checkRdsIdentifier(WHERE, `a${'b'.repeat(63)}`)).toThrow(/1 to 63 lower-case letters/);
    });

    test('fails when a parameter name is a near miss, or the family is unknown', () => {
      expect(() => checkRdsParameter(WHERE, 'mysql8.4', 'max_conections', '100'))
        .toThrow(/invalid RDS parameter "max_conections": allowed: on AWS RDS, a modifiable parameter of mysql8\.4 .*Fix: did you mean "max_connections"\?/);
      expect(() => checkRdsParameter(WHERE, 'postgres16', 'transaction_timeout', '0')).toThrow(/transaction_timeout is a parameter of postgres17 only/);
      checkRdsParameter(WHERE, 'postgres17', 'transaction_timeout', '0');
      expect(() => checkRdsParameter(WHERE, 'mysql8.1', 'max_connections', '100')).toThrow(/invalid RDS parameter group family "mysql8\.1".*did you mean "mysql8\.0"\?/);
    });

    test('fails when a value is outside the allowed values, suggesting the nearest', () => {
      expect(() => checkRdsParameter(WHERE, 'mysql8.0', 'max_connections', '200000'))
        .toThrow(/invalid RDS parameter max_connections "200000": allowed: on AWS RDS mysql8\.0, an integer: 1 to 100000\. Fix: did you mean "100000"\?/);
      expect(() => checkRdsParameter(WHERE, 'mysql8.0', 'slow_query_log', 'true')).toThrow(/a boolean \(0 or 1\).*did you mean "1"\?/);
      expect(() => checkRdsParameter(WHERE, 'mysql8.4', 'log_output', 'FIEL')).toThrow(/one of TABLE, FILE.*did you mean "FILE"\?/);
      expect(() => checkRdsParameter(WHERE, 'postgres17', 'log_statement', 'everything')).toThrow(/one of none, ddl, mod, all/);
      expect(() => checkRdsParameter(WHERE, 'mysql8.4', 'sql_mode', 'STRICT_TRANS_TABLE')).toThrow(/comma-separated list.*did you mean "STRICT_TRANS_TABLES"/);
      expect(() => checkRdsParameter(WHERE, 'mysql8.4', 'max_heap_table_size', '18446744073709551616')).toThrow(/did you mean "18446744073709551615"\?/);
    });
  });

  test('lists the classes of a major as the union of its versions', () => {
    expect(rdsInstanceClasses('mysql', '8.4')).toEqual(expect.arrayContaining(['db.t4g.micro', 'db.m7g.4xlarge']));
    expect(rdsInstanceClasses('mysql', '9.1')).toEqual([]);
  });
});
