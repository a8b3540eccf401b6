import { EngineCatalogEntry } from './mysql';

/**
 * PostgreSQL versions known to every backend, with each backend's identifier.
 *
 * Snapshot of the providers' public documentation and Docker Hub tags (2025-11): the official `postgres` image
 * tags, RDS for PostgreSQL engine versions and Cloud SQL `databaseVersion` values.
 */
export const POSTGRES_CATALOG: { [major: string]: EngineCatalogEntry } = {
  15: { image: '15.15', rds: '15.15', cloudSql: 'POSTGRES_15' },
  16: { image: '16.11', rds: '16.11', cloudSql: 'POSTGRES_16' },
  17: { image: '17.7', rds: '17.7', cloudSql: 'POSTGRES_17' },
};
