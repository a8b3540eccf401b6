/**
 * One version of an engine as every backend names it.
 */
export interface EngineCatalogEntry {
  /** Tag of the engine's official image (docker.io/library/mysql, docker.io/library/postgres). */
  readonly image: string;
  /** RDS `engineVersion`. */
  readonly rds: string;
  /** Cloud SQL `databaseVersion`. */
  readonly cloudSql: string;
}

/**
 * MySQL versions known to every backend, with each backend's identifier.
 *
 * Snapshot of the providers' public documentation and Docker Hub tags (2025-10): the official `mysql` image
 * tags, RDS for MySQL engine versions and Cloud SQL `databaseVersion` values. Refreshed by hand until the catalog
 * tooling lands.
 */
export const MYSQL_CATALOG: { [major: string]: EngineCatalogEntry } = {
  '8.0': { image: '8.0.44', rds: '8.0.43', cloudSql: 'MYSQL_8_0' },
  '8.4': { image: '8.4.7', rds: '8.4.6', cloudSql: 'MYSQL_8_4' },
};
