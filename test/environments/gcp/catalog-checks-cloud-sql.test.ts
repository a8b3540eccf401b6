import { checkCloudSqlBackupRetention, checkCloudSqlDatabaseVersion, checkCloudSqlFlag, checkCloudSqlInstanceId, checkCloudSqlStorage, checkCloudSqlTier, cloudSqlDatabaseVersions, cloudSqlFlags, cloudSqlTierEdition, cloudSqlTiers } from '../../../src/environments/gcp/catalog/checks';
import { CLOUD_SQL_CATALOG } from '../../../src/environments/gcp/catalog/data/cloud-sql';
import { CLOUD_SQL_FLAG_CATALOG } from '../../../src/environments/gcp/catalog/data/cloud-sql-flags';
import { CloudSqlFlagEntry } from '../../../src/environments/gcp/catalog/types';

const WHERE = 'test/Db';

/** A valid value of a flag. */
function validValue(f: CloudSqlFlagEntry): string | undefined {
  switch (f.type) {
    case 'BOOLEAN': return 'on';
    case 'NONE': return undefined;
    case 'MYSQL_TIMEZONE_OFFSET': return '+01:00';
    case 'INTEGER': case 'FLOAT': return String(f.max ?? f.min ?? 1);
    default: return f.allowedStrings?.[0] ?? 'UTC';
  }
}

describe('Cloud SQL catalog checks', () => {
  describe('accept every value of the catalog', () => {
    test('every database version, its minor-pinned forms, and versions of untracked majors', () => {
      expect(cloudSqlDatabaseVersions()).toEqual(['MYSQL_8_0', 'MYSQL_8_4', 'POSTGRES_15', 'POSTGRES_16', 'POSTGRES_17']);
      for (const v of cloudSqlDatabaseVersions()) checkCloudSqlDatabaseVersion(WHERE, v);
      checkCloudSqlDatabaseVersion(WHERE, 'MYSQL_8_0_41');
      checkCloudSqlDatabaseVersion(WHERE, 'MYSQL_9_7');
      checkCloudSqlDatabaseVersion(WHERE, 'POSTGRES_18');
    });

    test('every predefined tier on its edition, and valid custom machines', () => {
      for (const tier of cloudSqlTiers()) checkCloudSqlTier(WHERE, 'POSTGRES_16', tier, cloudSqlTierEdition(tier));
      expect(cloudSqlTiers()).toHaveLength(Object.keys(CLOUD_SQL_CATALOG.tiers).length);
      for (const tier of ['db-custom-1-3840', 'db-custom-2-8192', 'db-custom-4-16384', 'db-custom-96-638976', 'db-custom-2-13312']) {
        checkCloudSqlTier(WHERE, 'MYSQL_8_4', tier);
      }
    });

    test('every flag on every version it applies to, with a valid value', () => {
      let checked = 0;
      for (const f of CLOUD_SQL_FLAG_CATALOG.flags) {
        for (const v of f.appliesTo) {
          checkCloudSqlFlag(WHERE, v, f.name, validValue(f));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(100);
      checkCloudSqlFlag(WHERE, 'MYSQL_8_0_41', 'long_query_time', 0.5);
      checkCloudSqlFlag(WHERE, 'MYSQL_8_4', 'sql_mode', 'STRICT_TRANS_TABLES,no_zero_date');
      checkCloudSqlFlag(WHERE, 'MYSQL_8_4', 'default_time_zone', '-12:59');
    });

    test('at least 25 flags per engine version', () => {
      for (const v of cloudSqlDatabaseVersions()) expect(cloudSqlFlags(v).length).toBeGreaterThanOrEqual(25);
    });

    test('unknown flags of the partial catalog pass unless they are near misses', () => {
      expect(CLOUD_SQL_FLAG_CATALOG.snapshot.complete).toBe(false);
      checkCloudSqlFlag(WHERE, 'POSTGRES_16', 'pg_squeeze.worker_role', 'x');
    });
  });

  describe('reject invalid values with "did you mean"', () => {
    test('fails when the database version is malformed or a major Cloud SQL never had', () => {
      expect(() => checkCloudSqlDatabaseVersion(WHERE, 'MYSQL_8_1'))
        .toThrow(/^test\/Db: invalid Cloud SQL databaseVersion "MYSQL_8_1": allowed: on Cloud SQL, a database version of the catalog snapshot .*Fix: did you mean "MYSQL_8_0" or "MYSQL_8_4"\?/);
      expect(() => checkCloudSqlDatabaseVersion(WHERE, 'postgres_16')).toThrow(/did you mean "POSTGRES_16"\?/);
    });

    test('fails when a custom machine breaks the rules, suggesting the nearest valid one', () => {
      expect(() => checkCloudSqlTier(WHERE, 'MYSQL_8_4', 'db-custom-3-8192'))
        .toThrow(/invalid Cloud SQL tier "db-custom-3-8192": allowed: on Cloud SQL MYSQL_8_4, a custom machine .*3 vCPUs.*Fix: did you mean "db-custom-4-8192"\?/);
      expect(() => checkCloudSqlTier(WHERE, 'MYSQL_8_4', 'db-custom-2-2048')).toThrow(/outside 3840 to 13312 MiB.*did you mean "db-custom-2-3840"\?/);
      expect(() => checkCloudSqlTier(WHERE, 'MYSQL_8_4', 'db-custom-2-4000')).toThrow(/not a multiple of 256 MiB.*did you mean "db-custom-2-4096"\?/);
      expect(() => checkCloudSqlTier(WHERE, 'MYSQL_8_4', 'db-custom-2-8192', 'ENTERPRISE_PLUS')).toThrow(/custom machines on the ENTERPRISE edition only/);
    });

    test('fails when a predefined tier is unknown or of another edition', () => {
      expect(() => checkCloudSqlTier(WHERE, 'POSTGRES_17', 'db-n1-standrad-2')).toThrow(/invalid Cloud SQL tier "db-n1-standrad-2".*did you mean "db-n1-standard-2"/);
      expect(() => checkCloudSqlTier(WHERE, 'POSTGRES_17', 'db-perf-optimized-N-8')).toThrow(/\(ENTERPRISE\), a custom machine/);
      checkCloudSqlTier(WHERE, 'POSTGRES_17', 'db-perf-optimized-N-8', 'ENTERPRISE_PLUS');
    });

    test('fails when a flag is a near miss or belongs to another version', () => {
      expect(() => checkCloudSqlFlag(WHERE, 'MYSQL_8_0', 'slow_querry_log', 'on'))
        .toThrow(/invalid Cloud SQL database flag "slow_querry_log": allowed: on Cloud SQL MYSQL_8_0, a supported flag .*a partial list.*Fix: did you mean "slow_query_log"\?/);
      expect(() => checkCloudSqlFlag(WHERE, 'POSTGRES_16', 'transaction_timeout', '1000')).toThrow(/transaction_timeout applies to POSTGRES_17 only/);
      expect(() => checkCloudSqlFlag(WHERE, 'MYSQL_8_4', 'default_authentication_plugin', 'mysql_native_password')).toThrow(/applies to MYSQL_8_0 only/);
      expect(() => checkCloudSqlFlag(WHERE, 'POSTGRES_16', 'max_connection', '100')).toThrow(/did you mean "max_connections"\?/);
    });

    test('fails when a flag value has the wrong type or is out of range', () => {
      expect(() => checkCloudSqlFlag(WHERE, 'MYSQL_8_4', 'slow_query_log', '1')).toThrow(/invalid Cloud SQL flag slow_query_log "1": allowed: on Cloud SQL MYSQL_8_4, on or off/);
      expect(() => checkCloudSqlFlag(WHERE, 'POSTGRES_15', 'work_mem', 32)).toThrow(/an integer: 64 to 2147483647\. Fix: did you mean "64"\?/);
      expect(() => checkCloudSqlFlag(WHERE, 'POSTGRES_15', 'log_min_duration_statement', '1.5')).toThrow(/an integer/);
      expect(() => checkCloudSqlFlag(WHERE, 'MYSQL_8_0', 'long_query_time', '-1')).toThrow(/a number: 0 to 30000000.*did you mean "0"\?/);
      expect(() => checkCloudSqlFlag(WHERE, 'POSTGRES_17', 'log_statement', 'dll')).toThrow(/one of all, ddl, mod, none\. Fix: did you mean "all" or "ddl"\?/);
      expect(() => checkCloudSqlFlag(WHERE, 'MYSQL_8_4', 'default_time_zone', '+14:00')).toThrow(/UTC offset from -12:59 to \+13:00/);
      expect(() => checkCloudSqlFlag(WHERE, 'MYSQL_8_4', 'sql_mode', 'STRICT_TRANS_TABLES,NO_ZERO')).toThrow(/comma-separated list.*did you mean "NO_ZERO_DATE"/);
    });

    test('fails when storage, backups or the instance ID are outside the limits', () => {
      checkCloudSqlStorage(WHERE, 10);
      expect(() => checkCloudSqlStorage(WHERE, 5)).toThrow(/invalid storage "5 GB": allowed: on Cloud SQL, a whole number of GB from 10 to 65536.*Size\.gibibytes\(10\)/);
      checkCloudSqlBackupRetention(WHERE, 7, 7);
      checkCloudSqlBackupRetention(WHERE, 30, 30, 'ENTERPRISE_PLUS');
      expect(() => checkCloudSqlBackupRetention(WHERE, 400, 7)).toThrow(/1 to 365 retained daily backups.*Duration\.days\(365\)/);
      expect(() => checkCloudSqlBackupRetention(WHERE, 14, 14)).toThrow(/transaction log retention "14 days": allowed: on Cloud SQL ENTERPRISE, 1 to 7 days.*did you mean 7 days\?/);
      checkCloudSqlInstanceId(WHERE, 'acme-prod', 'orders');
      expect(() => checkCloudSqlInstanceId(WHERE, 'acme-prod', 'Orders_DB')).toThrow(/invalid Cloud SQL instance ID "Orders_DB".*did you mean "orders-db"\?/);
      expect(() => checkCloudSqlInstanceId(WHERE, 'p'.repeat(30), 'o'.repeat(70))).toThrow(/at most 67 characters/);
    });
  });
});
