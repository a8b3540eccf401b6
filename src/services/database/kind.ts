import { DatabaseEngine } from './engine';
import { DATABASE_FEATURES, DatabaseFeatures } from './features';
import { MySqlVersion } from './mysql-version';
import { PostgresVersion } from './postgres-version';
import { DatabaseSpec } from './resolved-spec';
import { ServiceKind } from '../../core/kind';
import { defineKind, KindModule } from '../../core/kind-module';
import { checkInstance } from '../../private/validate';

/** The engine and version a database service asks for. */
export interface EngineSelection {
  /** The engine. */
  readonly engine: DatabaseEngine;
  /** Major version. */
  readonly majorVersion: string;
  /**
   * Full version, when pinned.
   * @default - each backend's catalog version for the major
   */
  readonly fullVersion?: string;
  /** Majors in the engine's catalog. */
  readonly knownMajors: string[];
  /** How many numbers a full version has: 3 for MySQL (`8.4.7`), 2 for PostgreSQL (`17.7`). */
  readonly fullVersionParts: number;
}

/** A database kind: its engine, and the version its props select (checked against the engine's version class). */
export interface DatabaseKindModule extends KindModule<DatabaseSpec, DatabaseFeatures> {
  /** The engine. */
  readonly engine: DatabaseEngine;
  /**
   * The version the props select, or the default.
   * @param where the service's construct path, for the error
   * @param version the `version` prop
   */
  select(where: string, version: unknown): EngineSelection;
}

/** The MySQL kind (`PortableMySQL`). */
export const MYSQL = defineKind<DatabaseSpec, DatabaseFeatures>({
  kind: ServiceKind._of('mysql', {
    type: 'mysql',
    keys: ['type', 'provider', 'host', 'port', 'database', 'username', 'password', 'tls', 'uri'],
    optionalKeys: ['ssl-mode'],
    uriTemplate: 'mysql://{username}:{password}@{host}:{port}/{database}[?ssl-mode={ssl-mode}]',
    envPrefix: 'DB_',
  }),
  construct: 'PortableMySQL',
  noun: 'a MySQL database',
  features: DATABASE_FEATURES,
  engine: DatabaseEngine.MYSQL,
  select: (where, version) => {
    const v = checkInstance(where, 'version', version ?? MySqlVersion.V8_4, MySqlVersion, 'MySqlVersion.V8_4');
    return {
      engine: DatabaseEngine.MYSQL, majorVersion: v.major, fullVersion: v.fullVersion, knownMajors: MySqlVersion.knownMajors, fullVersionParts: 3,
    };
  },
} as DatabaseKindModule) as DatabaseKindModule;

/** The PostgreSQL kind (`PortablePostgres`). */
export const POSTGRES = defineKind<DatabaseSpec, DatabaseFeatures>({
  kind: ServiceKind._of('postgres', {
    type: 'postgresql',
    keys: ['type', 'provider', 'host', 'port', 'database', 'username', 'password', 'tls', 'uri'],
    optionalKeys: ['sslmode'],
    uriTemplate: 'postgresql://{username}:{password}@{host}:{port}/{database}[?sslmode={sslmode}]',
    envPrefix: 'DB_',
  }),
  construct: 'PortablePostgres',
  noun: 'a PostgreSQL database',
  features: DATABASE_FEATURES,
  engine: DatabaseEngine.POSTGRESQL,
  select: (where, version) => {
    const v = checkInstance(where, 'version', version ?? PostgresVersion.V17, PostgresVersion, 'PostgresVersion.V17');
    return {
      engine: DatabaseEngine.POSTGRESQL,
      majorVersion: v.major,
      fullVersion: v.fullVersion,
      knownMajors: PostgresVersion.knownMajors,
      fullVersionParts: 2,
    };
  },
} as DatabaseKindModule) as DatabaseKindModule;
