/**
 * MySQL versions known to every backend, with each backend's identifier.
 *
 * Snapshot of the providers' public documentation and Docker Hub tags (2025-10): the official `mysql` image
 * tags, RDS for MySQL engine versions and Cloud SQL `databaseVersion` values. Refreshed by hand until the catalog
 * tooling lands.
 */
export interface MySqlCatalogEntry {
  /** Tag of the official `mysql` image (docker.io/library/mysql). */
  readonly image: string;
  /** RDS `engineVersion`. */
  readonly rds: string;
  /** Cloud SQL `databaseVersion`. */
  readonly cloudSql: string;
}

/** The catalog, by major version. */
export const MYSQL_CATALOG: { [major: string]: MySqlCatalogEntry } = {
  '8.0': { image: '8.0.44', rds: '8.0.43', cloudSql: 'MYSQL_8_0' },
  '8.4': { image: '8.4.7', rds: '8.4.6', cloudSql: 'MYSQL_8_4' },
};
