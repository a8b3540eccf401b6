import { closest, quoteList } from './closest';
import { CloudSqlFlagEntry, RdsParameterEntry } from './types';

/** What a value problem says: why the value is rejected and the values to suggest. */
export interface ValueProblem {
  /** What is allowed, for the error message. */
  readonly allowed: string;
  /** Closest valid values, nearest first (may be empty). */
  readonly suggestions: string[];
}

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const RANGE = /^(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)$/;

/** Compares two decimal strings exactly when both are integers (BigInt), numerically otherwise. */
function compareNumbers(a: string, b: string): number {
  if (INTEGER.test(a) && INTEGER.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a) - Number(b);
}

function inRange(value: string, min: string | undefined, max: string | undefined): boolean {
  return (min === undefined || compareNumbers(value, min) >= 0) && (max === undefined || compareNumbers(value, max) <= 0);
}

function clamp(value: string, min: string | undefined, max: string | undefined): string {
  if (min !== undefined && compareNumbers(value, min) < 0) return min;
  if (max !== undefined && compareNumbers(value, max) > 0) return max;
  return value;
}

/** One item of RDS `AllowedValues`: a literal or an inclusive numeric range. */
interface AllowedItem {
  readonly literal?: string;
  readonly min?: string;
  readonly max?: string;
}

/** Parses RDS `AllowedValues` (`1-100000`, `-1-2147483647`, `0,1`, `TABLE,FILE`, `0-1,10`). */
export function parseRdsAllowed(allowed: string): AllowedItem[] {
  return allowed.split(',').map((s) => s.trim()).filter((s) => s !== '').map((item) => {
    const m = RANGE.exec(item);
    return m ? { min: m[1], max: m[2] } : { literal: item };
  });
}

function describeItems(items: AllowedItem[]): string {
  return items.map((i) => (i.literal !== undefined ? JSON.stringify(i.literal) : `${i.min} to ${i.max}`)).join(', ');
}

function numericProblem(value: string, items: AllowedItem[], integer: boolean, what: string): ValueProblem | undefined {
  const ok = (integer ? INTEGER : NUMBER).test(value);
  const ranges = items.filter((i) => i.literal === undefined);
  const literals = items.filter((i) => i.literal !== undefined).map((i) => i.literal!);
  if (ok && (items.length === 0 || literals.includes(value) || ranges.some((r) => inRange(value, r.min, r.max)))) return undefined;
  let suggestions: string[];
  if (ok && ranges.length > 0) {
    suggestions = [clamp(value, ranges[0].min, ranges[ranges.length - 1].max)];
  } else if (/^(true|on|yes)$/i.test(value) && literals.includes('1')) {
    suggestions = ['1'];
  } else if (/^(false|off|no)$/i.test(value) && literals.includes('0')) {
    suggestions = ['0'];
  } else {
    suggestions = closest(value, literals, 3);
  }
  return { allowed: items.length > 0 ? `${what}: ${describeItems(items)}` : what, suggestions };
}

function choiceProblem(items: string[], value: string, list: boolean): ValueProblem | undefined {
  const lower = items.map((i) => i.toLowerCase());
  const given = list ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : [value];
  const bad = given.filter((v) => !lower.includes(v.toLowerCase()));
  if (bad.length === 0 && (list || given.length === 1)) return undefined;
  return {
    allowed: `${list ? 'a comma-separated list of' : 'one of'} ${items.join(', ')}`,
    suggestions: closest(bad[0] ?? value, items, 3),
  };
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

const TIMEZONE_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** Why `value` is not valid for a Cloud SQL flag, or undefined. Boolean flags take `on` or `off`. */
export function cloudSqlFlagValueProblem(flag: CloudSqlFlagEntry, value: string | undefined): ValueProblem | undefined {
  if (flag.type === 'NONE') {
    return value === undefined || value === '' ? undefined : { allowed: 'no value (the flag is set by name alone)', suggestions: [''] };
  }
  if (value === undefined) return { allowed: `a ${flag.type.toLowerCase()} value`, suggestions: [] };
  const min = flag.min === undefined ? undefined : String(flag.min);
  const max = flag.max === undefined ? undefined : String(flag.max);
  const range: AllowedItem[] = min !== undefined || max !== undefined ? [{ min: min ?? '-9223372036854775808', max: max ?? '9223372036854775807' }] : [];
  switch (flag.type) {
    case 'BOOLEAN':
      return ['on', 'off'].includes(value.toLowerCase()) ? undefined : { allowed: 'on or off', suggestions: closest(value, ['on', 'off'], 1) };
    case 'INTEGER':
      return numericProblem(value, [...range, ...(flag.allowedInts ?? []).map((i) => ({ literal: String(i) }))], true, 'an integer');
    case 'FLOAT':
      return numericProblem(value, range, false, 'a number');
    case 'MYSQL_TIMEZONE_OFFSET': {
      const m = TIMEZONE_OFFSET.exec(value);
      const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : NaN;
      const ok = m !== null && Number(m[3]) < 60 && minutes >= -(12 * 60 + 59) && minutes <= 13 * 60;
      return ok ? undefined : { allowed: 'a UTC offset from -12:59 to +13:00, e.g. +00:00', suggestions: ['+00:00'] };
    }
    case 'STRING':
      return flag.allowedStrings && flag.allowedStrings.length > 0 ? choiceProblem(flag.allowedStrings, value, false) : undefined;
    case 'REPEATED_STRING':
      return flag.allowedStrings && flag.allowedStrings.length > 0 ? choiceProblem(flag.allowedStrings, value, true) : undefined;
    default:
      return undefined;
  }
}

/** `did you mean "x" or "y"?`, or an empty string. */
export function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? `did you mean ${quoteList(suggestions)}?` : '';
}
