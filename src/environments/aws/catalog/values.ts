import { RdsParameterEntry } from './types';
import { AllowedItem, choiceProblem, numericProblem, ValueProblem } from '../../../private/value-problems';

const RANGE = /^(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)$/;

/** Parses RDS `AllowedValues` (`1-100000`, `-1-2147483647`, `0,1`, `TABLE,FILE`, `0-1,10`). */
export function parseRdsAllowed(allowed: string): AllowedItem[] {
  return allowed.split(',').map((s) => s.trim()).filter((s) => s !== '').map((item) => {
    const m = RANGE.exec(item);
    return m ? { min: m[1], max: m[2] } : { literal: item };
  });
}

/** Why `value` is not valid for an RDS parameter, or undefined. Integer parameters accept RDS formulas (`{DBInstanceClassMemory/12582880}`). */
export function rdsValueProblem(entry: RdsParameterEntry, value: string): ValueProblem | undefined {
  const items = entry.allowed === undefined ? [] : parseRdsAllowed(entry.allowed);
  switch (entry.type) {
    case 'boolean':
      return numericProblem(value, items.length > 0 ? items : [{ literal: '0' }, { literal: '1' }], true, 'a boolean (0 or 1)');
    case 'integer':
      if (/^\{.+\}$/.test(value)) return undefined;
      return numericProblem(value, items, true, 'an integer');
    case 'float':
    case 'real':
      return numericProblem(value, items, false, 'a number');
    case 'list':
      return items.length === 0 ? undefined : choiceProblem(items.map((i) => i.literal ?? `${i.min}-${i.max}`), value, true);
    default:
      if (items.length === 0 || items.some((i) => i.literal === undefined)) return undefined;
      return choiceProblem(items.map((i) => i.literal!), value, false);
  }
}
