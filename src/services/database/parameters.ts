import { Where } from '../../private/catalog';
import { closest, didYouMean } from '../../private/closest';
import { invalid } from '../../private/errors';

/**
 * Portable database parameters: one name and one value per engine, mapped to each backend's mechanism.
 *
 * | engine     | portable name                        | type (unit)          | range / values                | RDS parameter                | Cloud SQL flag                       | my.cnf / postgresql.conf |
 * |------------|--------------------------------------|----------------------|-------------------------------|------------------------------|--------------------------------------|--------------------------|
 * | mysql      | max_connections                      | integer              | 1 to 100000                   | max_connections              | max_connections                      | max_connections          |
 * | mysql      | slow_query_log                       | boolean              |                               | slow_query_log (1/0)         | slow_query_log (on/off) + log_output=FILE | slow_query_log (ON/OFF) |
 * | mysql      | long_query_time                      | number (s)           | 0 to 30000000                 | long_query_time              | long_query_time                      | long_query_time          |
 * | mysql      | log_queries_not_using_indexes        | boolean              |                               | same                         | same                                 | same                     |
 * | mysql      | general_log                          | boolean              |                               | general_log                  | general_log + log_output=FILE        | general_log              |
 * | mysql      | innodb_print_all_deadlocks           | boolean              |                               | same                         | same                                 | same                     |
 * | mysql      | wait_timeout, interactive_timeout, lock_wait_timeout | duration (s) | 1 to 31536000        | same                         | same                                 | same                     |
 * | mysql      | innodb_lock_wait_timeout             | duration (s)         | 1 to 1073741824               | same                         | same                                 | same                     |
 * | mysql      | max_allowed_packet                   | size (bytes)         | 16384 to 1073741824           | same                         | same                                 | same                     |
 * | mysql      | table_open_cache                     | integer              | 1 to 524288                   | same                         | same                                 | same                     |
 * | mysql      | transaction_isolation                | enum                 | READ-UNCOMMITTED … SERIALIZABLE | same                       | same                                 | same                     |
 * | mysql      | sql_mode                             | list                 | MySQL SQL modes               | same                         | same                                 | same                     |
 * | mysql      | event_scheduler                      | boolean              |                               | event_scheduler (ON/OFF)     | event_scheduler (on/off)             | event_scheduler (ON/OFF) |
 * | mysql      | log_bin_trust_function_creators      | boolean              |                               | same                         | same                                 | same                     |
 * | mysql      | binlog_expire_logs_seconds           | duration (s)         | 0 to 4294967295               | unsupported (rds_set_configuration) | binlog_expire_logs_seconds    | binlog_expire_logs_seconds |
 * | postgresql | max_connections                      | integer              | 14 to 262143                  | max_connections              | max_connections                      | max_connections          |
 * | postgresql | log_min_duration_statement           | duration (ms)        | -1 (off) to 2147483647        | same                         | same                                 | same                     |
 * | postgresql | log_statement                        | enum                 | none, ddl, mod, all           | same                         | same                                 | same                     |
 * | postgresql | log_connections, log_disconnections, log_lock_waits, log_checkpoints | boolean |           | same (1/0)                   | same (on/off)                        | same (on/off)            |
 * | postgresql | log_temp_files                       | size (kB)            | -1 (off) to 2147483647        | same                         | same                                 | same                     |
 * | postgresql | log_autovacuum_min_duration          | duration (ms)        | -1 (off) to 2147483647        | same                         | same                                 | same                     |
 * | postgresql | work_mem                             | size (kB)            | 64 to 2147483647              | same                         | same                                 | same                     |
 * | postgresql | maintenance_work_mem                 | size (kB)            | 1024 to 2147483647            | same                         | same                                 | same                     |
 * | postgresql | statement_timeout, lock_timeout, idle_in_transaction_session_timeout | duration (ms) | 0 to 2147483647 | same         | same                                 | same                     |
 * | postgresql | autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor | number | 0 to 100          | same                         | same                                 | same                     |
 * | postgresql | default_transaction_isolation        | enum                 | read committed, …             | same                         | same                                 | same                     |
 * | postgresql | track_activity_query_size            | size (bytes)         | 100 to 1048576                | same                         | same                                 | same                     |
 * | postgresql | pg_stat_statements.track             | enum                 | none, top, all                | same                         | same                                 | same                     |
 * | postgresql | logical_replication                  | boolean              |                               | rds.logical_replication (1/0) | cloudsql.logical_decoding (on/off)  | wal_level (logical/replica) |
 *
 * Ranges are the intersection of what RDS, Cloud SQL and the engine accept. Values are given in the engine's base
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
  /** RDS parameter name, or undefined with `rdsUnsupported`. */
  readonly rds?: string;
  /** Why RDS cannot set it through a parameter group. */
  readonly rdsUnsupported?: string;
  /** RDS takes `ON`/`OFF` rather than `1`/`0`. */
  readonly rdsOnOff?: boolean;
  /** Cloud SQL flag name. */
  readonly cloudSql: string;
  /** Flags Cloud SQL needs alongside when the value is on (e.g. `log_output=FILE` to see the logs). */
  readonly cloudSqlWhenOn?: { [flag: string]: string };
  /** my.cnf / postgresql.conf key. */
  readonly config: string;
  /** Config values of a boolean, when not ON/OFF (MySQL) or on/off (PostgreSQL). */
  readonly configBoolean?: [string, string];
}

/** A name and value for one mechanism. */
export interface MappedSetting {
  /** Parameter, flag or config key. */
  readonly name: string;
  /** Value as the mechanism takes it. */
  readonly value: string;
}

/** What one portable parameter becomes in every backend. */
export interface ParameterMapping {
  /** The portable spec. */
  readonly spec: PortableParameterSpec;
  /** The portable value, normalized: in the base unit without a unit, `on`/`off` for booleans, enums and lists spelled canonically. */
  readonly value: string;
  /** RDS parameter group entry; undefined when RDS cannot set it (see `unsupported.rds`). */
  readonly rds?: MappedSetting;
  /** Cloud SQL database flags (the flag, and any it needs alongside). */
  readonly cloudSql: MappedSetting[];
  /** my.cnf / postgresql.conf entry of the in-cluster backends. */
  readonly config: MappedSetting;
  /** Why a mechanism cannot honour the parameter, by mechanism (`rds`). */
  readonly unsupported: { [mechanism: string]: string };
}

const MYSQL_MODES = ['ALLOW_INVALID_DATES', 'ANSI', 'ANSI_QUOTES', 'ERROR_FOR_DIVISION_BY_ZERO', 'HIGH_NOT_PRECEDENCE', 'IGNORE_SPACE', 'NO_AUTO_VALUE_ON_ZERO',
  'NO_BACKSLASH_ESCAPES', 'NO_DIR_IN_CREATE', 'NO_ENGINE_SUBSTITUTION', 'NO_UNSIGNED_SUBTRACTION', 'NO_ZERO_DATE', 'NO_ZERO_IN_DATE', 'ONLY_FULL_GROUP_BY',
  'PAD_CHAR_TO_FULL_LENGTH', 'PIPES_AS_CONCAT', 'REAL_AS_FLOAT', 'STRICT_ALL_TABLES', 'STRICT_TRANS_TABLES', 'TRADITIONAL'];
const INT32 = 2147483647;

type Spec = Omit<PortableParameterSpec, 'engine' | 'name' | 'rds' | 'cloudSql' | 'config'> & Partial<Pick<PortableParameterSpec, 'rds' | 'cloudSql' | 'config'>>;

function table(engine: string, specs: { [name: string]: Spec }): PortableParameterSpec[] {
  return Object.entries(specs).map(([name, s]) => ({
    name,
    engine,
    ...s,
    rds: s.rdsUnsupported ? undefined : s.rds ?? name,
    cloudSql: s.cloudSql ?? name,
    config: s.config ?? name,
  }));
}

const LOG_TO_FILE = { log_output: 'FILE' };

const PORTABLE_PARAMETERS: PortableParameterSpec[] = [
  ...table('mysql', {
    max_connections: { type: 'integer', min: 1, max: 100000 },
    slow_query_log: { type: 'boolean', cloudSqlWhenOn: LOG_TO_FILE },
    long_query_time: { type: 'number', unit: 's', min: 0, max: 30000000 },
    log_queries_not_using_indexes: { type: 'boolean' },
    general_log: { type: 'boolean', cloudSqlWhenOn: LOG_TO_FILE },
    innodb_print_all_deadlocks: { type: 'boolean' },
    wait_timeout: { type: 'duration', unit: 's', min: 1, max: 31536000 },
    interactive_timeout: { type: 'duration', unit: 's', min: 1, max: 31536000 },
    lock_wait_timeout: { type: 'duration', unit: 's', min: 1, max: 31536000 },
    innodb_lock_wait_timeout: { type: 'duration', unit: 's', min: 1, max: 1073741824 },
    max_allowed_packet: { type: 'size', unit: 'B', min: 16384, max: 1073741824 },
    table_open_cache: { type: 'integer', min: 1, max: 524288 },
    transaction_isolation: { type: 'enum', values: ['READ-UNCOMMITTED', 'READ-COMMITTED', 'REPEATABLE-READ', 'SERIALIZABLE'] },
    sql_mode: { type: 'list', values: MYSQL_MODES },
    event_scheduler: { type: 'boolean', rdsOnOff: true },
    log_bin_trust_function_creators: { type: 'boolean' },
    binlog_expire_logs_seconds: {
      type: 'duration',
      unit: 's',
      min: 0,
      max: 4294967295,
      rdsUnsupported: 'RDS for MySQL keeps binary logs for the hours set with the mysql.rds_set_configuration(\'binlog retention hours\', N) procedure, not a parameter',
    },
  }),
  ...table('postgresql', {
    max_connections: { type: 'integer', min: 14, max: 262143 },
    log_min_duration_statement: { type: 'duration', unit: 'ms', min: -1, max: INT32 },
    log_statement: { type: 'enum', values: ['none', 'ddl', 'mod', 'all'] },
    log_connections: { type: 'boolean' },
    log_disconnections: { type: 'boolean' },
    log_lock_waits: { type: 'boolean' },
    log_checkpoints: { type: 'boolean' },
    log_temp_files: { type: 'size', unit: 'kB', min: -1, max: INT32 },
    log_autovacuum_min_duration: { type: 'duration', unit: 'ms', min: -1, max: INT32 },
    work_mem: { type: 'size', unit: 'kB', min: 64, max: INT32 },
    maintenance_work_mem: { type: 'size', unit: 'kB', min: 1024, max: INT32 },
    statement_timeout: { type: 'duration', unit: 'ms', min: 0, max: INT32 },
    lock_timeout: { type: 'duration', unit: 'ms', min: 0, max: INT32 },
    idle_in_transaction_session_timeout: { type: 'duration', unit: 'ms', min: 0, max: INT32 },
    autovacuum_vacuum_scale_factor: { type: 'number', min: 0, max: 100 },
    autovacuum_analyze_scale_factor: { type: 'number', min: 0, max: 100 },
    default_transaction_isolation: { type: 'enum', values: ['read uncommitted', 'read committed', 'repeatable read', 'serializable'] },
    track_activity_query_size: { type: 'size', unit: 'B', min: 100, max: 1048576 },
    logical_replication: {
      type: 'boolean', rds: 'rds.logical_replication', cloudSql: 'cloudsql.logical_decoding', config: 'wal_level', configBoolean: ['logical', 'replica'],
    },
  }),
  ...table('postgresql', { 'pg_stat_statements.track': { type: 'enum', values: ['none', 'top', 'all'] } }),
];

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
 * Maps a portable parameter to every backend: RDS parameter, Cloud SQL flag(s), my.cnf / postgresql.conf entry.
 * Fails (through `invalid`) for unknown names and values outside the portable range; a mechanism that cannot
 * honour the parameter is listed in `unsupported` (the backend must then reject it).
 */
export function mapParameter(engine: string, name: string, value: string | number | boolean, where: Where = `portable parameter ${name}`): ParameterMapping {
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
  const mysql = engine === 'mysql';
  const text = (on: [string, string]) => (typeof parsed === 'boolean' ? (parsed ? on[0] : on[1]) : String(parsed));
  const cloudSql: MappedSetting[] = [{ name: spec.cloudSql, value: text(['on', 'off']) }];
  if (parsed === true && spec.cloudSqlWhenOn) {
    for (const [flag, v] of Object.entries(spec.cloudSqlWhenOn)) cloudSql.push({ name: flag, value: v });
  }
  return {
    spec,
    value: text(['on', 'off']),
    rds: spec.rds ? { name: spec.rds, value: text(spec.rdsOnOff ? ['ON', 'OFF'] : ['1', '0']) } : undefined,
    cloudSql,
    config: { name: spec.config, value: text(spec.configBoolean ?? (mysql ? ['ON', 'OFF'] : ['on', 'off'])) },
    unsupported: spec.rdsUnsupported ? { rds: spec.rdsUnsupported } : {},
  };
}

/**
 * Maps every parameter of a set (validated and normalized parameters, e.g. `DatabaseSpec.parameters`), sorted by
 * name so that manifests do not depend on the order the parameters were given in.
 */
export function mapParameters(engine: string, parameters: { [name: string]: string }, where?: Where): ParameterMapping[] {
  return Object.keys(parameters).sort().map((name) => mapParameter(engine, name, parameters[name], where));
}
