import { MYSQL_CATALOG, EngineCatalogEntry } from './mysql';
import { POSTGRES_CATALOG } from './postgres';

export type { EngineCatalogEntry } from './mysql';

/** The version catalog of an engine, by `DatabaseEngine.name`. */
export function engineCatalog(engineName: string): { [major: string]: EngineCatalogEntry } {
  switch (engineName) {
    case 'mysql': return MYSQL_CATALOG;
    case 'postgresql': return POSTGRES_CATALOG;
    default: throw new Error(`no version catalog for engine ${engineName}`);
  }
}
