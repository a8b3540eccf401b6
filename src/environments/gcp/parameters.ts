import { MappedSetting, overrideOf, ParameterOverrides, PortableValue, settingValue } from '../../services/database/parameters';

/** How Cloud SQL takes a portable parameter, where it differs from a flag of the portable name. */
interface CloudSqlFlag {
  /** The Cloud SQL flag name. */
  readonly name?: string;
  /** Flags Cloud SQL needs alongside when the value is on (e.g. `log_output=FILE` to see the logs). */
  readonly whenOn?: { readonly [flag: string]: string };
}

const LOG_TO_FILE = { log_output: 'FILE' };

/** The portable parameters Cloud SQL names otherwise or needs more flags for (booleans are `on`/`off`). */
const CLOUD_SQL_FLAGS: ParameterOverrides<CloudSqlFlag> = {
  mysql: {
    slow_query_log: { whenOn: LOG_TO_FILE },
    general_log: { whenOn: LOG_TO_FILE },
  },
  postgresql: {
    logical_replication: { name: 'cloudsql.logical_decoding' },
  },
};

/** A portable parameter as Cloud SQL database flags: its flag, and any it needs alongside. */
export function cloudSqlFlags(v: PortableValue): MappedSetting[] {
  const flag = overrideOf(CLOUD_SQL_FLAGS, v) ?? {};
  const flags: MappedSetting[] = [{ name: flag.name ?? v.spec.name, value: settingValue(v, ['on', 'off']) }];
  if (v.parsed === true && flag.whenOn) {
    for (const [name, value] of Object.entries(flag.whenOn)) flags.push({ name, value });
  }
  return flags;
}
