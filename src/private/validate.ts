import { IConstruct } from 'constructs';
import { invalid } from './errors';

/** An image reference: registry/repository, an optional tag and an optional digest. */
const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;
const PINNED = /(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$/;

/** A label or annotation key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
const KEY_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const KEY_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/**
 * Checks an image reference pinned to a version: a tag other than `latest`, or a sha256 digest.
 * @param example a valid reference for the fix
 */
export function checkImage(scope: IConstruct | string, prop: string, image: unknown, example: string = 'docker.io/library/python:3.13.9-alpine3.22'): string {
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

/** Checks a value of a TypeScript string enum (from plain JavaScript or jsii callers that bypass the compiler). */
export function checkEnum<E extends string>(
  scope: IConstruct | string, prop: string, value: unknown, enumObject: { [member: string]: E }, enumName: string,
): E {
  const values = Object.values(enumObject) as string[];
  if (!values.includes(value as string)) {
    const members = Object.keys(enumObject).map((m) => `${enumName}.${m}`);
    invalid(scope, { prop, value, allowed: `one of ${members.join(', ')}`, fix: `use ${members[0]}` });
  }
  return value as E;
}

/** Checks that a value is an instance of a value class (jsii and JavaScript callers can pass plain objects). */
export function checkInstance<T>(scope: IConstruct | string, prop: string, value: unknown, type: Function & { prototype: T }, example: string): T {
  if (!(value instanceof type)) {
    invalid(scope, {
      prop,
      value: value === null || typeof value !== 'object' ? value : `a plain ${value.constructor?.name ?? 'object'} ${JSON.stringify(value)}`,
      allowed: `a ${type.name} made by its factories`,
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

/** A duration as a person reads it, or what was given instead of one. */
export function describeDuration(value: unknown): string {
  if (value && typeof (value as { toHumanString?: unknown }).toHumanString === 'function') {
    try {
      return (value as { toHumanString(): string }).toHumanString();
    } catch {
      return String(value);
    }
  }
  return `${JSON.stringify(value)} (not a Duration)`;
}
