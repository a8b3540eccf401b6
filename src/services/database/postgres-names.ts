import { IConstruct } from 'constructs';
import { DatabaseSpec } from './resolved-spec';
import { invalid } from '../../private/errors';

/**
 * PostgreSQL key words that cannot name a database or a role without quotes: the `reserved` and the
 * `reserved (can be function or type)` key words of PostgreSQL 15 to 17 (PostgreSQL docs, Appendix C "SQL Key
 * Words"; `src/include/parser/kwlist.h`, categories RESERVED_KEYWORD and TYPE_FUNC_NAME_KEYWORD). RDS refuses a
 * `dbName` or `masterUsername` that is "a word reserved by the database engine"; the others create the objects with
 * SQL that such a name breaks.
 */
export const POSTGRES_RESERVED_WORDS: readonly string[] = [
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'authorization', 'binary', 'both',
  'case', 'cast', 'check', 'collate', 'collation', 'column', 'concurrently', 'constraint', 'create', 'cross',
  'current_catalog', 'current_date', 'current_role', 'current_schema', 'current_time', 'current_timestamp',
  'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for',
  'foreign', 'freeze', 'from', 'full', 'grant', 'group', 'having', 'ilike', 'in', 'initially', 'inner', 'intersect',
  'into', 'is', 'isnull', 'join', 'lateral', 'leading', 'left', 'like', 'limit', 'localtime', 'localtimestamp',
  'natural', 'not', 'notnull', 'null', 'offset', 'on', 'only', 'or', 'order', 'outer', 'overlaps', 'placing',
  'primary', 'references', 'returning', 'right', 'select', 'session_user', 'similar', 'some', 'symmetric',
  'system_user', 'table', 'tablesample', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using',
  'variadic', 'verbose', 'when', 'where', 'window', 'with',
];

/** Role names PostgreSQL itself refuses (`CREATE ROLE`: "role name … is reserved"). */
const POSTGRES_RESERVED_ROLES = ['public', 'none'];
/** PostgreSQL reserves role names starting with `pg_` for its predefined roles. */
const POSTGRES_ROLE_PREFIX = 'pg_';
/** The databases every PostgreSQL cluster has. */
const POSTGRES_SYSTEM_DATABASES = ['postgres', 'template0', 'template1'];
/** The server's superuser on every distribution. */
const POSTGRES_SUPERUSER = 'postgres';
/** Names: letters, digits and underscores, starting with a letter, at most 63 bytes (NAMEDATALEN - 1). */
const IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9_]{0,62}$/;

/**
 * The names a PostgreSQL provider keeps for itself, on top of PostgreSQL's own.
 */
export interface PostgresProviderNames {
  /** Where the rules apply, for the error messages, e.g. `on AWS RDS for PostgreSQL`. */
  readonly where: string;
  /** Role names the provider keeps. */
  readonly users: string[];
  /** Prefixes of the role names the provider keeps. */
  readonly userPrefixes: string[];
  /** Database names the provider keeps. */
  readonly databases: string[];
}

/** The union of several providers' names (a Crossplane claim may go to any of them). */
export function unionOfNames(where: string, ...names: PostgresProviderNames[]): PostgresProviderNames {
  const all = (pick: (n: PostgresProviderNames) => string[]) => [...new Set(names.flatMap(pick))];
  return { where, users: all((n) => n.users), userPrefixes: all((n) => n.userPrefixes), databases: all((n) => n.databases) };
}

/**
 * Checks the application's database and user names against PostgreSQL's rules and the provider's reserved names,
 * so that a name the server or the provider refuses fails at synth instead of leaving the database failing to
 * create. Names are compared case-insensitively, as PostgreSQL folds unquoted names to lower case.
 */
export function checkPostgresNames(scope: IConstruct, spec: DatabaseSpec, provider: PostgresProviderNames): void {
  const database = spec.databaseName;
  const reservedDatabases = [...POSTGRES_SYSTEM_DATABASES, ...provider.databases];
  if (!IDENTIFIER.test(database) || reservedDatabases.includes(database.toLowerCase()) || isReservedWord(database)) {
    invalid(scope, {
      prop: 'databaseName',
      value: database,
      allowed: `${provider.where}, 1 to 63 letters, digits or underscores, starting with a letter, not a PostgreSQL reserved key word and not one of ${reservedDatabases.join(', ')}`,
      fix: 'choose a name such as "app"',
    });
  }

  const user = spec.credentials.username;
  const reservedUsers = [POSTGRES_SUPERUSER, ...POSTGRES_RESERVED_ROLES, ...provider.users];
  const prefixes = [POSTGRES_ROLE_PREFIX, ...provider.userPrefixes];
  const lower = user.toLowerCase();
  if (!IDENTIFIER.test(user) || reservedUsers.includes(lower) || prefixes.some((p) => lower.startsWith(p)) || isReservedWord(user)) {
    invalid(scope, {
      prop: 'credentials.username',
      value: user,
      allowed: `${provider.where}, 1 to 63 letters, digits or underscores, starting with a letter, not a PostgreSQL reserved key word, `
        + `not starting with ${prefixes.join(' or ')} and not one of ${reservedUsers.join(', ')}`,
      fix: 'choose a user name such as "app"',
    });
  }
}

function isReservedWord(name: string): boolean {
  return POSTGRES_RESERVED_WORDS.includes(name.toLowerCase());
}
