import { MappedSetting, overrideOf, ParameterOverrides, PortableValue, settingValue } from '../../services/database/parameters';

/** How the server takes a portable parameter as an option, where it differs from the portable name. */
interface ServerOption {
  /** The my.cnf / postgresql.conf key. */
  readonly name?: string;
  /** A boolean's values. */
  readonly booleans?: readonly [string, string];
}

/** The portable parameters the servers name otherwise (booleans: `ON`/`OFF` for MySQL, `on`/`off` for PostgreSQL). */
const SERVER_OPTIONS: ParameterOverrides<ServerOption> = {
  postgresql: {
    logical_replication: { name: 'wal_level', booleans: ['logical', 'replica'] },
  },
};

/** A portable parameter as a server option of the in-cluster backends (my.cnf / postgresql.conf key and value). */
export function serverOption(v: PortableValue): MappedSetting {
  const option = overrideOf(SERVER_OPTIONS, v) ?? {};
  const booleans = option.booleans ?? (v.spec.engine === 'mysql' ? ['ON', 'OFF'] as const : ['on', 'off'] as const);
  return { name: option.name ?? v.spec.name, value: settingValue(v, booleans) };
}
