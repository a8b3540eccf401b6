import { Where } from '../../private/catalog';
import { closest, didYouMean } from '../../private/closest';
import { invalid } from '../../private/errors';

/**
 * Portable database parameters: one name, type and range per engine. Each environment maps them to its mechanism
 * (`environments/aws/parameters.ts`: RDS parameter groups; `environments/gcp/parameters.ts`: Cloud SQL flags;
 * `environments/in-cluster/parameters.ts`: server options), keyed by these names.
 *
 * | engine     | portable name                        | type (unit)          | range / values                |
 * |------------|--------------------------------------|----------------------|-------------------------------|
 * | mysql      | max_connections                      | integer              | 1 to 100000                   |
 * | mysql      | slow_query_log                       | boolean              |                               |
 * | mysql      | long_query_time                      | number (s)           | 0 to 30000000                 |
 * | mysql      | log_queries_not_using_indexes        | boolean              |                               |
 * | mysql      | general_log                          | boolean              |                               |
 * | mysql      | innodb_print_all_deadlocks           | boolean              |                               |
 * | mysql      | wait_timeout, interactive_timeout, lock_wait_timeout | duration (s) | 1 to 31536000        |
 * | mysql      | innodb_lock_wait_timeout             | duration (s)         | 1 to 1073741824               |
 * | mysql      | max_allowed_packet                   | size (bytes)         | 16384 to 1073741824           |
 * | mysql      | table_open_cache                     | integer              | 1 to 524288                   |
 * | mysql      | transaction_isolation                | enum                 | READ-UNCOMMITTED … SERIALIZABLE |
 * | mysql      | sql_mode                             | list                 | MySQL SQL modes               |
 * | mysql      | event_scheduler                      | boolean              |                               |
 * | mysql      | log_bin_trust_function_creators      | boolean              |                               |
 * | mysql      | binlog_expire_logs_seconds           | duration (s)         | 0 to 4294967295               |
 * | postgresql | max_connections                      | integer              | 14 to 262143                  |
 * | postgresql | log_min_duration_statement           | duration (ms)        | -1 (off) to 2147483647        |
 * | postgresql | log_statement                        | enum                 | none, ddl, mod, all           |
 * | postgresql | log_connections, log_disconnections, log_lock_waits, log_checkpoints | boolean |           |
 * | postgresql | log_temp_files                       | size (kB)            | -1 (off) to 2147483647        |
 * | postgresql | log_autovacuum_min_duration          | duration (ms)        | -1 (off) to 2147483647        |
 * | postgresql | work_mem                             | size (kB)            | 64 to 2147483647              |
 * | postgresql | maintenance_work_mem                 | size (kB)            | 1024 to 2147483647            |
 * | postgresql | statement_timeout, lock_timeout, idle_in_transaction_session_timeout | duration (ms) | 0 to 2147483647 |
 * | postgresql | autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor | number | 0 to 100          |
 * | postgresql | default_transaction_isolation        | enum                 | read committed, …             |
 * | postgresql | track_activity_query_size            | size (bytes)         | 100 to 1048576                |
 * | postgresql | pg_stat_statements.track             | enum                 | none, top, all                |
 * | postgresql | logical_replication                  | boolean              |                               |
 *
 * Ranges are the intersection of what every environment's mechanism and the engine accept. Values are given in the engine's base
 * unit (seconds for MySQL timeouts, milliseconds and kB for PostgreSQL) or with a unit: durations `250ms`, `2s`,
 * `5min`, `1h`, `1d`; PostgreSQL sizes `64kB`, `16MB`, `1GB`; MySQL sizes `16K`, `64M`, `1G`. Booleans take
 * true/false, on/off, yes/no or 1/0.
 */

/** How a portable parameter's value is typed. */
export type PortableParameterType = 'boolean' | 'integer' | 'number' | 'duration' | 'size' | 'enum' | 'list';

/** One portable parameter and its mapping. */
export interface PortableParameterSpec {
  /** Portable name (the engine's own name, except where noted). */
  readonly name: string;
  /** `DatabaseEngine.name`. */
  readonly engine: string;
  /** Value type. */
  readonly type: PortableParameterType;
  /** Base unit of durations (`s`, `ms`) and sizes (`B`, `kB`). */
  readonly unit?: string;
  /** Smallest value, in the base unit. */
  readonly min?: number;
  /** Largest value, in the base unit. */
  readonly max?: number;
  /** Allowed values of enums and lists. */
  readonly values?: string[];
}

/** A name and value for one mechanism. */
export interface MappedSetting {
  /** Parameter, flag or config key. */
  readonly name: string;
  /** Value as the mechanism takes it. */
  readonly value: string;
}

/** A portable parameter's value, checked against its spec. */
export interface PortableValue {
  /** The portable spec. */
  readonly spec: PortableParameterSpec;
  /** The portable value, normalized: in the base unit without a unit, `on`/`off` for booleans, enums and lists spelled canonically. */
  readonly value: string;
  /** The value read: a boolean, a number in the base unit, or the canonical spelling. */
  readonly parsed: string | number | boolean;
}

/** The value as a mechanism writes it: `on[0]`/`on[1]` for a boolean, the normalized value otherwise. */
export function settingValue(v: PortableValue, on: readonly [string, string]): string {
  return typeof v.parsed === 'boolean' ? (v.parsed ? on[0] : on[1]) : String(v.parsed);
}

/** The names of the portable parameters of each engine. */
export type PortableParameterName = { readonly [E in keyof typeof TABLES]: keyof typeof TABLES[E] & string };

/**
 * An environment's mapping of the parameters whose name or value it writes otherwise than the portable spec, by
 * engine and portable name (a name that is not portable does not compile).
 */
export type ParameterOverrides<T> = { readonly [E in keyof PortableParameterName]?: { readonly [N in PortableParameterName[E]]?: T } };

/** An environment's override of a parameter, if it has one. */
export function overrideOf<T>(overrides: ParameterOverrides<T>, v: PortableValue): T | undefined {
  return (overrides as { [engine: string]: { [name: string]: T } | undefined })[v.spec.engine]?.[v.spec.name];
}

const MYSQL_MODES = ['ALLOW_INVALID_DATES', 'ANSI', 'ANSI_QUOTES', 'ERROR_FOR_DIVISION_BY_ZERO', 'HIGH_NOT_PRECEDENCE', 'IGNORE_SPACE', 'NO_AUTO_VALUE_ON_ZERO',
  'NO_BACKSLASH_ESCAPES', 'NO_DIR_IN_CREATE', 'NO_ENGINE_SUBSTITUTION', 'NO_UNSIGNED_SUBTRACTION', 'NO_ZERO_DATE', 'NO_ZERO_IN_DATE', 'ONLY_FULL_GROUP_BY',
  'PAD_CHAR_TO_FULL_LENGTH', 'PIPES_AS_CONCAT', 'REAL_AS_FLOAT', 'STRICT_ALL_TABLES', 'STRICT_TRANS_TABLES', 'TRADITIONAL'];
const INT32 = 2147483647;

type Spec = Omit<PortableParameterSpec, 'engine' | 'name'>;

/** The portable parameters, by engine and name. */
const TABLES = {
  mysql: {
    max_connections: { type: 'integer', min: 1, max: 100000 },
    slow_query_log: { type: 'boolean' },
    long_query_time: { type: 'number', unit: 's', min: 0, max: 30000000 },
    log_queries_not_using_indexes: { type: 'boolean' },
    general_log: { type: 'boolean' },
    innodb_print_all_deadlocks: { type: 'boolean' },
    wait_timeout: { type: 'duration', unit: 's', min: 1, max: 31536000 },
    interactive_timeout: { type: 'duration', unit: 's', min: 1, max: 31536000 },
    lock_wait_timeout: { type: 'duration', unit: 's', min: 1, max: 31536000 },
    innodb_lock_wait_timeout: { type: 'duration', unit: 's', min: 1, max: 1073741824 },
    max_allowed_packet: { type: 'size', unit: 'B', min: 16384, max: 1073741824 },
    table_open_cache: { type: 'integer', min: 1, max: 524288 },
    transaction_isolation: { type: 'enum', values: ['READ-UNCOMMITTED', 'READ-COMMITTED', 'REPEATABLE-READ', 'SERIALIZABLE'] },
    sql_mode: { type: 'list', values: MYSQL_MODES },
    event_scheduler: { type: 'boolean' },
    log_bin_trust_function_creators: { type: 'boolean' },
    binlog_expire_logs_seconds: { type: 'duration', unit: 's', min: 0, max: 4294967295 },
  },
  postgresql: {
    'max_connections': { type: 'integer', min: 14, max: 262143 },
    'log_min_duration_statement': { type: 'duration', unit: 'ms', min: -1, max: INT32 },
    'log_statement': { type: 'enum', values: ['none', 'ddl', 'mod', 'all'] },
    'log_connections': { type: 'boolean' },
    'log_disconnections': { type: 'boolean' },
    'log_lock_waits': { type: 'boolean' },
    'log_checkpoints': { type: 'boolean' },
    'log_temp_files': { type: 'size', unit: 'kB', min: -1, max: INT32 },
    'log_autovacuum_min_duration': { type: 'duration', unit: 'ms', min: -1, max: INT32 },
    'work_mem': { type: 'size', unit: 'kB', min: 64, max: INT32 },
    'maintenance_work_mem': { type: 'size', unit: 'kB', min: 1024, max: INT32 },
    'statement_timeout': { type: 'duration', unit: 'ms', min: 0, max: INT32 },
    'lock_timeout': { type: 'duration', unit: 'ms', min: 0, max: INT32 },
    'idle_in_transaction_session_timeout': { type: 'duration', unit: 'ms', min: 0, max: INT32 },
    'autovacuum_vacuum_scale_factor': { type: 'number', min: 0, max: 100 },
    'autovacuum_analyze_scale_factor': { type: 'number', min: 0, max: 100 },
    'default_transaction_isolation': { type: 'enum', values: ['read uncommitted', 'read committed', 'repeatable read', 'serializable'] },
    'track_activity_query_size': { type: 'size', unit: 'B', min: 100, max: 1048576 },
    /** Logical decoding on (`wal_level=logical` and what each cloud calls it). */
    'logical_replication': { type: 'boolean' },
    'pg_stat_statements.track': { type: 'enum', values: ['none', 'top', 'all'] },
  },
} satisfies { readonly [engine: string]: { readonly [name: string]: Spec } };

const PORTABLE_PARAMETERS: PortableParameterSpec[] = Object.entries(TABLES)
  .flatMap(([engine, specs]) => Object.entries(specs as { [name: string]: Spec }).map(([name, spec]) => ({ name, engine, ...spec })));

/** The portable parameters of an engine (`DatabaseEngine.name`). */
export function portableParameters(engine: string): PortableParameterSpec[] {
  return PORTABLE_PARAMETERS.filter((p) => p.engine === engine);
}

const DURATION_UNITS: { [unit: string]: number } = { ms: 1, s: 1000, min: 60000, h: 3600000, d: 86400000 };
const PG_SIZE_UNITS: { [unit: string]: number } = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };
const MYSQL_SIZE_UNITS: { [unit: string]: number } = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** Parses a value into the spec's base unit; undefined when it cannot be read. */
function parseValue(spec: PortableParameterSpec, raw: string | number | boolean): string | number | boolean | undefined {
  const text = String(raw).trim();
  switch (spec.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (/^(true|on|yes|1)$/i.test(text)) return true;
      if (/^(false|off|no|0)$/i.test(text)) return false;
      return undefined;
    case 'integer':
      return /^-?\d+$/.test(text) ? Number(text) : undefined;
    case 'number':
      return /^-?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : undefined;
    case 'duration': {
      const m = /^(-?\d+(?:\.\d+)?)\s*(ms|s|min|h|d)?$/.exec(text);
      if (!m) return undefined;
      const ms = Number(m[1]) * DURATION_UNITS[m[2] ?? spec.unit!];
      const value = Number(m[1]) < 0 ? Number(m[1]) : ms / DURATION_UNITS[spec.unit!];
      return Number.isInteger(value) ? value : undefined;
    }
    case 'size': {
      const units = spec.engine === 'postgresql' ? PG_SIZE_UNITS : MYSQL_SIZE_UNITS;
      const m = /^(-?\d+)\s*([A-Za-z]+)?$/.exec(text);
      if (!m || (m[2] && !units[m[2]])) return undefined;
      const base = spec.unit === 'kB' ? 1024 : 1;
      const bytes = Number(m[1]) * (m[2] ? units[m[2]] : base);
      const value = Number(m[1]) < 0 ? Number(m[1]) : bytes / base;
      return Number.isInteger(value) ? value : undefined;
    }
    case 'enum':
      return spec.values!.find((v) => v.toLowerCase() === text.toLowerCase());
    case 'list': {
      const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const canonical = items.map((i) => spec.values!.find((v) => v.toLowerCase() === i.toLowerCase()));
      return canonical.every((c) => c !== undefined) ? canonical.join(',') : undefined;
    }
  }
}

function describe(spec: PortableParameterSpec): string {
  const unit = spec.unit ? ` in ${spec.unit} (or with a unit)` : '';
  switch (spec.type) {
    case 'boolean': return 'a boolean (true/false, on/off, 1/0)';
    case 'enum': return `one of ${spec.values!.join(', ')}`;
    case 'list': return `a comma-separated list of ${spec.values!.join(', ')}`;
    default: return `${spec.type === 'integer' ? 'an integer' : `a ${spec.type}`}${unit} from ${spec.min} to ${spec.max}`;
  }
}

/**
 * Checks a portable parameter and normalizes its value. Fails (through `invalid`) for unknown names and values
 * outside the portable range.
 */
export function checkParameter(engine: string, name: string, value: string | number | boolean, where: Where = `portable parameter ${name}`): PortableValue {
  const specs = portableParameters(engine);
  const spec = specs.find((p) => p.name === name);
  if (!spec) {
    const names = specs.map((p) => p.name);
    invalid(where, {
      prop: `${engine} parameter`,
      value: name,
      allowed: `a portable ${engine} parameter: ${names.join(', ')}`,
      fix: didYouMean(closest(name, names, 2)) || `use one of ${names.join(', ')}`,
    });
  }
  const parsed = parseValue(spec, value);
  const outOfRange = typeof parsed === 'number' && ((spec.min !== undefined && parsed < spec.min) || (spec.max !== undefined && parsed > spec.max));
  if (parsed === undefined || outOfRange) {
    const suggestion = typeof parsed === 'number' ? String(Math.min(spec.max!, Math.max(spec.min!, parsed)))
      : spec.values ? closest(String(value), spec.values, 1)[0] : undefined;
    invalid(where, {
      prop: `parameter ${name}`,
      value,
      allowed: describe(spec),
      fix: suggestion !== undefined ? `did you mean ${JSON.stringify(suggestion)}?` : `give ${describe(spec)}`,
    });
  }
  return { spec, value: typeof parsed === 'boolean' ? (parsed ? 'on' : 'off') : String(parsed), parsed: parsed! };
}

/**
 * Checks every parameter of a set (e.g. `DatabaseSpec.parameters`), sorted by name so that manifests do not depend
 * on the order the parameters were given in.
 */
export function checkParameters(engine: string, parameters: { [name: string]: string }, where?: Where): PortableValue[] {
  return Object.keys(parameters).sort().map((name) => checkParameter(engine, name, parameters[name], where));
}
