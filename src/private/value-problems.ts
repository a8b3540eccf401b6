/**
 * Generic checks of a value against what a provider allows (numbers in ranges, literals, choices), with the closest
 * valid values to suggest. The providers' catalogs (RDS parameters, Cloud SQL flags) build on them.
 */
import { closest } from './closest';

/** What a value problem says: why the value is rejected and the values to suggest. */
export interface ValueProblem {
  /** What is allowed, for the error message. */
  readonly allowed: string;
  /** Closest valid values, nearest first (may be empty). */
  readonly suggestions: string[];
}

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

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

/** One allowed item: a literal or an inclusive numeric range. */
export interface AllowedItem {
  readonly literal?: string;
  readonly min?: string;
  readonly max?: string;
}

/** The items as a message shows them. */
function describeItems(items: AllowedItem[]): string {
  return items.map((i) => (i.literal !== undefined ? JSON.stringify(i.literal) : `${i.min} to ${i.max}`)).join(', ');
}

/** Why `value` is not a number of the kind (`integer`) or not one of the items; `what` names the kind. */
export function numericProblem(value: string, items: AllowedItem[], integer: boolean, what: string): ValueProblem | undefined {
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

/** Why `value` (or, for a list, one of its comma-separated items) is not one of `items`. */
export function choiceProblem(items: string[], value: string, list: boolean): ValueProblem | undefined {
  const lower = items.map((i) => i.toLowerCase());
  const given = list ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : [value];
  const bad = given.filter((v) => !lower.includes(v.toLowerCase()));
  if (bad.length === 0 && (list || given.length === 1)) return undefined;
  return {
    allowed: `${list ? 'a comma-separated list of' : 'one of'} ${items.join(', ')}`,
    suggestions: closest(bad[0] ?? value, items, 3),
  };
}
