import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { invalid } from './errors';

/** An image reference: registry/repository, an optional tag and an optional digest. */
const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
const PINNED = /(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$/;

/** A label or annotation key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
const KEY_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const KEY_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** A registry and repository prefix without a tag (`mirror.gcr.io/library`). */
const IMAGE_PREFIX = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

/**
 * Checks a registry and repository prefix that image names are appended to (no tag, no trailing slash).
 * @param example a valid prefix for the fix
 */
export function checkImagePrefix(scope: IConstruct | string, prop: string, prefix: unknown, example: string): string {
  if (typeof prefix !== 'string' || !IMAGE_PREFIX.test(prefix)) {
    invalid(scope, {
      prop,
      value: prefix,
      allowed: 'a registry and repository prefix in lower case, without a tag or a trailing slash',
      fix: `use e.g. "${example}"`,
    });
  }
  return prefix;
}

/**
 * Checks an image reference pinned to a version: a tag other than `latest`, or a sha256 digest.
 * @param example a valid reference for the fix
 */
export function checkImage(scope: IConstruct | string, prop: string, image: unknown, example: string): string {
  if (typeof image !== 'string' || !IMAGE.test(image) || !PINNED.test(image) || /:latest(@|$)/.test(image)) {
    invalid(scope, {
      prop,
      value: image,
      allowed: 'an image reference with a version tag other than latest, or a sha256 digest',
      fix: `pin a version, e.g. "${example}"`,
    });
  }
  return image;
}

/** Whether a string is a valid label or annotation key. */
export function isQualifiedKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  return KEY_NAME.test(name) && (prefix === undefined || (prefix.length <= 253 && KEY_PREFIX.test(prefix)));
}

/**
 * Checks labels: keys are qualified names (`[prefix/]name`), values at most 63 letters, digits, `-`, `_` and `.`
 * (starting and ending with a letter or digit) or empty; none of the library's own `app.kubernetes.io/*` and
 * `portabledata.io/*` labels, which it sets itself.
 */
export function checkLabels(scope: IConstruct | string, prop: string, labels: unknown): { [key: string]: string } {
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) {
    invalid(scope, { prop, value: labels, allowed: 'a map of label keys to string values', fix: "write e.g. { team: 'data' }" });
  }
  for (const [key, value] of Object.entries(labels as object)) {
    if (!isQualifiedKey(key)) {
      invalid(scope, {
        prop: `${prop} key`,
        value: key,
        allowed: 'a Kubernetes label key: an optional DNS subdomain and "/", then 1 to 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit',
        fix: `rename the label, e.g. "${key.toLowerCase().replace(/[^a-z0-9./-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'team'}"`,
      });
    }
    if (/^(app\.kubernetes\.io|portabledata\.io)\//.test(key)) {
      invalid(scope, {
        prop: `${prop} key`,
        value: key,
        allowed: 'a label the library does not set itself (it sets app.kubernetes.io/* and portabledata.io/*)',
        fix: 'use a label of your own prefix, e.g. "example.com/tier"',
      });
    }
    if (typeof value !== 'string' || !LABEL_VALUE.test(value)) {
      invalid(scope, {
        prop: `${prop}[${JSON.stringify(key)}]`,
        value,
        allowed: 'a string of at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (or empty)',
        fix: 'quote the value and remove other characters',
      });
    }
  }
  return { ...(labels as { [key: string]: string }) };
}

/** The values of each enum `checkEnum` has seen. */
const ENUM_VALUES = new WeakMap<object, Set<string>>();

/** Checks a value of a TypeScript string enum (from plain JavaScript or jsii callers that bypass the compiler). */
export function checkEnum<E extends string>(
  scope: IConstruct | string, prop: string, value: unknown, enumObject: { [member: string]: E }, enumName: string,
): E {
  let values = ENUM_VALUES.get(enumObject);
  if (values === undefined) ENUM_VALUES.set(enumObject, values = new Set(Object.values(enumObject)));
  if (!values.has(value as string)) {
    const members = Object.keys(enumObject).map((m) => `${enumName}.${m}`);
    invalid(scope, { prop, value, allowed: `one of ${members.join(', ')}`, fix: `use ${members[0]}` });
  }
  return value as E;
}

/** A value for a message: itself, or for an object that is not what was expected, its class and its JSON. */
export function describeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  let json: string;
  try {
    json = JSON.stringify(value) ?? '';
  } catch {
    json = '(not serializable)';
  }
  return `a plain ${value.constructor?.name ?? 'object'} ${json}`;
}

/** Checks that a value is an instance of a value class (jsii and JavaScript callers can pass plain objects). */
export function checkInstance<T>(scope: IConstruct | string, prop: string, value: unknown, type: Function & { prototype: T }, example: string): T {
  if (!(value instanceof type)) {
    invalid(scope, {
      prop,
      value: describeValue(value),
      allowed: `${/^[AEIOU]/.test(type.name) ? 'an' : 'a'} ${type.name} made by its factories`,
      fix: `use e.g. ${example}`,
    });
  }
  return value as T;
}

/** Checks a boolean (JavaScript callers can pass `'yes'` or `1`). */
export function checkBoolean(scope: IConstruct | string, prop: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    invalid(scope, { prop, value, allowed: 'true or false', fix: `write ${prop}: true or ${prop}: false` });
  }
  return value;
}

/**
 * Checks an options object (of a profile, a bind call or a value factory): JavaScript callers can pass a string,
 * a number or null where an object is expected.
 * @param what what the options are, e.g. `AwsProfileOptions`
 */
export function checkOptionsObject(scope: IConstruct | string, prop: string, value: unknown, what: string, fix: string): object {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    invalid(scope, { prop, value: describeValue(value), allowed: `an object of ${what}`, fix });
  }
  return value as object;
}

/**
 * Checks the options of a value factory (`Backup.daily`, `Credentials.generated`, …): undefined gives the defaults;
 * anything but an object fails naming the factory.
 */
export function checkFactoryOptions<T extends object>(factory: string, options: T | undefined, what: string, fix: string): T {
  if (options === undefined) return {} as T;
  return checkOptionsObject(factory, 'options', options, what, fix) as T;
}

/** The amount and unit of a cdk8s `Size` or `Duration` that cannot be converted (a NaN amount), e.g. `NaN days`. */
function amountAndUnit(value: unknown): string {
  const v = value as { amount?: unknown; unit?: { label?: unknown } };
  return `${String(v.amount)} ${String(v.unit?.label ?? '')}`.trim();
}

/** A duration as a person reads it, or what was given instead of one. */
export function describeDuration(value: unknown): string {
  if (value instanceof Duration) {
    try {
      return value.toHumanString() || amountAndUnit(value);
    } catch {
      return amountAndUnit(value);
    }
  }
  return `${JSON.stringify(value)} (not a Duration)`;
}

/**
 * A size in MiB (a fraction where it is not a whole number, e.g. `256.5 MiB`), or what was given instead of one (a
 * number, a string, a NaN amount: `NaN MiB`).
 */
export function describeSize(value: unknown): string {
  if (value instanceof Size) {
    try {
      const mib = value.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
      return Number.isFinite(mib) ? `${Math.round(mib * 1000) / 1000} MiB` : amountAndUnit(value);
    } catch {
      return amountAndUnit(value);
    }
  }
  return `${JSON.stringify(value)} (not a Size)`;
}

/** A size in whole mebibytes, or NaN when it is not a `Size` or not a whole number of MiB. */
export function mebibytesOf(value: unknown): number {
  if (!(value instanceof Size)) return NaN;
  try {
    return value.toMebibytes();
  } catch {
    return NaN;
  }
}

/** A duration in days (possibly fractional), or NaN when it is not a `Duration`. */
export function daysOf(value: unknown): number {
  if (!(value instanceof Duration)) return NaN;
  try {
    return value.toDays({ integral: false });
  } catch {
    return NaN;
  }
}

/** Checks the scope of a new construct (JavaScript callers can pass undefined or a string); returns it. */
export function checkScope(scope: unknown, id: unknown, className: string): Construct {
  if (!Construct.isConstruct(scope)) {
    invalid(`new ${className}(scope, ${JSON.stringify(id)})`, {
      prop: 'scope',
      value: describeValue(scope),
      allowed: 'a construct: a cdk8s Chart or a construct in one',
      fix: `pass the chart, e.g. new ${className}(chart, ${JSON.stringify(typeof id === 'string' ? id : 'Db')})`,
    });
  }
  return scope as Construct;
}
