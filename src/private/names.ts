import { createHash } from 'crypto';
import { IConstruct } from 'constructs';
import { invalid } from './errors';

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Checks a Kubernetes DNS-1035 label (lower-case letters, digits and `-`, starting with a letter), with a maximum
 * length that leaves room for the suffixes the backends append.
 */
export function checkDnsLabel(scope: IConstruct | string, prop: string, value: string, maxLength: number, example: string = 'db'): string {
  if (typeof value !== 'string' || value.length > maxLength || !DNS_LABEL.test(value) || value.includes('--')) {
    invalid(scope, {
      prop,
      value,
      allowed: `1 to ${maxLength} lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen`,
      fix: `choose a name such as "${typeof value === 'string' ? suggestDnsLabel(value, maxLength, example) : example}"`,
    });
  }
  return value;
}

/** Turns any string into a valid DNS label suggestion (for error messages). */
export function suggestDnsLabel(value: string, maxLength: number, fallback: string = 'db'): string {
  let s = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^[^a-z]+/, '');
  s = s.slice(0, maxLength).replace(/-+$/, '');
  return s || fallback;
}

/** A short, stable hex hash of a string (the first 8 hex digits of its SHA-256). */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * JSON with object keys sorted, so that equal values always render to identical bytes: what
 * `JSON.stringify` gives for a copy of `value` whose objects were built with their keys in sorted order (array-index
 * keys such as `"10"` still come first, ascending, as in any object), written directly (no sorted copy is
 * built; this runs for every binder Job). Values are plain JSON data: strings, numbers, booleans, null, arrays and
 * objects, with `undefined` left out of objects and written `null` in arrays, as `JSON.stringify` does.
 */
export function stableJson(value: unknown): string {
  return write(value) as string;
}

/** Array-index keys (`0`, `10`: what an object lists first) ascending, then the other keys sorted: the key order of an object built in sorted order. */
function sortedKeys(obj: object): string[] {
  const keys = Object.keys(obj);
  const index = keys.filter(isIndex);
  return index.length === 0 ? keys.sort() : [...index, ...keys.filter((k) => !isIndex(k)).sort()];
}

function isIndex(key: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

function write(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? ',' : ''}${write(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of sortedKeys(obj)) {
    const v = write(obj[key]);
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${v}`;
    first = false;
  }
  return `${out}}`;
}
