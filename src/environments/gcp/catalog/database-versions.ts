/** Cloud SQL's prefix of each engine's `databaseVersion`. */
const PREFIXES: { readonly [engine: string]: string } = { mysql: 'MYSQL', postgresql: 'POSTGRES' };

/** Cloud SQL's `databaseVersion` of a portable major: `<PREFIX>_<major with _>` (`MYSQL_8_4`, `POSTGRES_17`). */
export function cloudSqlDatabaseVersionOf(engine: string, major: string): string {
  const prefix = PREFIXES[engine];
  if (prefix === undefined) throw new Error(`Cloud SQL has no engine ${engine}`);
  return `${prefix}_${major.replace(/\./g, '_')}`;
}
