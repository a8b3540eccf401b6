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
 * JSON with object keys sorted, so that equal values always render to identical bytes: what `JSON.stringify` gives
 * for a copy of `value` whose objects were built with their keys in sorted order (array-index keys such as `"10"`
 * still come first, ascending, as in any object). Native `JSON.stringify` does the writing; only objects whose keys
 * are not already in order are copied (this runs for every binder Job, whose objects are mostly in order).
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, sortedObject);
}

function sortedObject(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1] <= keys[i];
  if (inOrder) return value;
  const out: Record<string, unknown> = {};
  for (const key of keys.sort()) out[key] = (value as Record<string, unknown>)[key];
  return out;
}
