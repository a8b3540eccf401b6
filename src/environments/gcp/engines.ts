import { IConstruct } from 'constructs';
import { cloudSqlDatabaseVersionOf } from './catalog/database-versions';
import { CLOUD_SQL_POSTGRES_NAMES } from './catalog/postgres-names';
import { invalid } from '../../private/errors';
import { PostgresProviderNames } from '../../services/database/postgres-names';
import { DatabaseSpec } from '../../services/database/resolved-spec';

/**
 * What differs between the engines on Cloud SQL (Config Connector `SQLInstance`, `SQLDatabase`, `SQLUser`).
 */
export interface CloudSqlEngine {
  /** `databaseVersion` of a major: the catalog's identifier, or derived for a major pinned with `of()`. */
  readonly databaseVersion: (major: string) => string;
  /** `SQLDatabase` `charset`. */
  readonly charset: string;
  /** `SQLDatabase` `collation` for a major. */
  readonly collation: (major: string) => string;
  /**
   * `SQLUser` `host`, the hosts the user may connect from (MySQL only: Cloud SQL refuses it for PostgreSQL).
   * @default - none
   */
  readonly userHost?: string;
  /**
   * The transaction log setting of `backupConfiguration` that point-in-time recovery and a regional instance need:
   * `binaryLogEnabled` (MySQL only) or `pointInTimeRecoveryEnabled` (PostgreSQL).
   */
  readonly transactionLog: 'binaryLogEnabled' | 'pointInTimeRecoveryEnabled';
  /** How Cloud SQL names that setting, for messages. */
  readonly transactionLogName: string;
  /**
   * Names the engine and Cloud SQL keep for themselves, checked beyond the portable rules.
   * @default - none
   */
  readonly reservedNames?: PostgresProviderNames;
}

/** Cloud SQL's `databaseVersion` of a major of the engine. */
function databaseVersionOf(engineName: string): (major: string) => string {
  return (major) => cloudSqlDatabaseVersionOf(engineName, major);
}

/**
 * MySQL: `MYSQL_8_4`; utf8mb4 with MySQL 8's default collation (`utf8mb4_unicode_ci` before 8); users on any host
 * (`%`); binary logging.
 */
const MYSQL: CloudSqlEngine = {
  databaseVersion: databaseVersionOf('mysql'),
  charset: 'utf8mb4',
  collation: (major) => (Number.parseInt(major, 10) >= 8 ? 'utf8mb4_0900_ai_ci' : 'utf8mb4_unicode_ci'),
  userHost: '%',
  transactionLog: 'binaryLogEnabled',
  transactionLogName: 'binary logging',
};

/**
 * PostgreSQL: `POSTGRES_17`; `UTF8` / `en_US.UTF8`, the only charset and collation Cloud SQL accepts when it creates
 * a PostgreSQL database (KCC `SQLDatabase` docs); users without a host; point-in-time recovery (write-ahead logs).
 */
const POSTGRESQL: CloudSqlEngine = {
  databaseVersion: databaseVersionOf('postgresql'),
  charset: 'UTF8',
  collation: () => 'en_US.UTF8',
  transactionLog: 'pointInTimeRecoveryEnabled',
  transactionLogName: 'point-in-time recovery',
  reservedNames: CLOUD_SQL_POSTGRES_NAMES,
};

/** By `DatabaseEngine.name`. */
const ENGINES: { [engine: string]: CloudSqlEngine } = { mysql: MYSQL, postgresql: POSTGRESQL };

/** The Cloud SQL mapping of the spec's engine; fails for an engine Cloud SQL is not mapped for. */
export function cloudSqlEngine(scope: IConstruct, spec: DatabaseSpec): CloudSqlEngine {
  const engine = ENGINES[spec.engine.name];
  if (!engine) {
    invalid(scope, {
      prop: 'engine',
      value: spec.engine.name,
      allowed: `the engines the gcp-kcc backend serves: ${Object.keys(ENGINES).join(', ')}`,
      fix: 'select a profile with a backend for this engine',
    });
  }
  return engine;
}
