import { CloudSqlFlagEntry } from './types';
import { closest } from '../../../private/closest';
import { AllowedItem, choiceProblem, numericProblem, ValueProblem } from '../../../private/value-problems';

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
