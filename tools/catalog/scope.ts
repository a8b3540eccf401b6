import { MYSQL_MAJORS } from '../../src/services/database/catalog/mysql';
import { POSTGRES_MAJORS } from '../../src/services/database/catalog/postgres';

/**
 * What the catalogs keep of what the providers offer: the engine majors the library supports (the keys of the
 * version catalogs) and the common current instance families. Everything else the APIs return is dropped, so
 * the committed files stay small and reviewable.
 */
export interface CatalogScope {
  /** RDS engine name → tracked majors. */
  readonly rdsEngines: { [engine: string]: string[] };
  /** DB instance class families kept (`m6g`, …). */
  readonly rdsClassFamilies: string[];
  /** Largest class size kept (`4xlarge`). */
  readonly rdsMaxSize: string;
  /** Storage types whose ranges are kept. */
  readonly rdsStorageTypes: string[];
  /** Cloud SQL engine (`DatabaseEngine.name`) → tracked majors. */
  readonly cloudSqlEngines: { [engine: string]: string[] };
  /** Azure Flexible Server engine (`mysql`, `postgresql`) → tracked majors. */
  readonly azureEngines: { [engine: string]: string[] };
}

/** The scope of the committed catalogs. */
export const CATALOG_SCOPE: CatalogScope = {
  rdsEngines: { mysql: [...MYSQL_MAJORS], postgres: [...POSTGRES_MAJORS] },
  rdsClassFamilies: ['m5', 'm6g', 'm6i', 'm7g', 'r5', 'r6g', 'r6i', 'r7g', 't3', 't4g'],
  rdsMaxSize: '4xlarge',
  rdsStorageTypes: ['gp2', 'gp3', 'io1', 'io2'],
  cloudSqlEngines: { mysql: [...MYSQL_MAJORS], postgresql: [...POSTGRES_MAJORS] },
  azureEngines: { mysql: [...MYSQL_MAJORS], postgresql: [...POSTGRES_MAJORS] },
};

/** The Cloud SQL `SqlDatabaseVersion` of an engine major (`MYSQL_8_4`, `POSTGRES_16`). */
export function cloudSqlVersionName(engine: string, major: string): string {
  return `${engine === 'mysql' ? 'MYSQL' : 'POSTGRES'}_${major.replace(/\./g, '_')}`;
}
