import { MappedSetting, overrideOf, ParameterOverrides, PortableValue, settingValue } from '../../services/database/parameters';

/** How RDS takes a portable parameter, where it differs from the portable name and `1`/`0` booleans. */
interface RdsParameter {
  /** The RDS parameter name. */
  readonly name?: string;
  /** Booleans as `ON`/`OFF`. */
  readonly onOff?: boolean;
  /** Why a DB parameter group cannot set it. */
  readonly unsupported?: string;
}

/** The portable parameters RDS names or spells otherwise (every other one: the same name, booleans `1`/`0`). */
const RDS_PARAMETERS: ParameterOverrides<RdsParameter> = {
  mysql: {
    event_scheduler: { onOff: true },
    binlog_expire_logs_seconds: {
      unsupported: 'RDS for MySQL keeps binary logs for the hours set with the mysql.rds_set_configuration(\'binlog retention hours\', N) procedure, not a parameter',
    },
  },
  postgresql: {
    logical_replication: { name: 'rds.logical_replication' },
  },
};

/** A portable parameter as an RDS DB parameter group entry, or why a parameter group cannot set it. */
export function rdsParameter(v: PortableValue): { readonly setting?: MappedSetting; readonly unsupported?: string } {
  const rds = overrideOf(RDS_PARAMETERS, v) ?? {};
  if (rds.unsupported) return { unsupported: rds.unsupported };
  return { setting: { name: rds.name ?? v.spec.name, value: settingValue(v, rds.onOff ? ['ON', 'OFF'] : ['1', '0']) } };
}
