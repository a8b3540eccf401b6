import { rdsParameter } from '../../src/environments/aws/parameters';
import { cloudSqlFlags } from '../../src/environments/gcp/parameters';
import { serverOption } from '../../src/environments/in-cluster/parameters';
import { checkParameter, portableParameters, PortableParameterSpec } from '../../src/services/database/parameters';

/** A sample value of a portable parameter, as a user writes it: booleans `on`, enums their last value, numbers their largest. */
export function sampleValue(p: PortableParameterSpec): string {
  switch (p.type) {
    case 'boolean': return 'on';
    case 'enum': return p.values![p.values!.length - 1];
    case 'list': return p.values!.slice(0, 2).join(',');
    default: return String(p.max);
  }
}

/** Every portable parameter of an engine (`mysql`, `postgresql`) with a sample value, optionally leaving some out. */
export function everyParameter(engine: string, except: string[] = []): { [name: string]: string } {
  return Object.fromEntries(portableParameters(engine).filter((p) => !except.includes(p.name)).map((p) => [p.name, sampleValue(p)]));
}

/**
 * What one portable parameter becomes in every environment (the portable check, then each environment's mapping):
 * RDS parameter (or why a parameter group cannot set it), Cloud SQL flags, the in-cluster server option.
 */
export function mapParameter(engine: string, name: string, value: string | number | boolean, where?: string) {
  const v = checkParameter(engine, name, value, where);
  const rds = rdsParameter(v);
  return {
    spec: v.spec,
    value: v.value,
    rds: rds.setting,
    cloudSql: cloudSqlFlags(v),
    config: serverOption(v),
    unsupported: rds.unsupported ? { rds: rds.unsupported } : {},
  };
}
