import { portableParameters, PortableParameterSpec } from '../../src/services/database/parameters';

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
