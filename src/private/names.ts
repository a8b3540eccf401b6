import * as crypto from 'crypto';
import { Names } from 'cdk8s';
import { IConstruct } from 'constructs';
import { invalid } from './errors';

/**
 * `Names.toDnsLabel(scope, { maxLen })`, stored one byte per character. cdk8s lower-cases the path with
 * `toLocaleLowerCase`, which V8 may return as a two-byte string even when every character is ASCII; a service's
 * object names, labels, selectors and Secret names are all built from its name, so they would all be two-byte
 * strings, which the YAML writer handles more slowly than the one-byte strings a parsed manifest has (about 4 % of
 * the YAML step of the in-cluster profile). A DNS label is ASCII, so its Latin-1 bytes are its characters.
 */
export function dnsLabelOf(scope: IConstruct, maxLen: number): string {
  return Buffer.from(Names.toDnsLabel(scope, { maxLen }), 'latin1').toString('latin1');
}

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

/** Node's one-call digest (`crypto.hash`, Node 20.12 and later): no Hash object per digest. */
const digestOnce = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** The SHA-256 of a string (its UTF-8 bytes), in hex. */
export function sha256Hex(text: string): string {
  return digestOnce !== undefined ? digestOnce('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}

/** A short, stable hex hash of a string (the first 8 hex digits of its SHA-256). */
export function shortHash(text: string): string {
  return sha256Hex(text).slice(0, 8);
}

/**
 * JSON with object keys sorted, so that equal values always render to identical bytes: what `JSON.stringify` gives
 * for a copy of `value` whose objects were built with their keys in sorted order (array-index keys such as `"10"`
 * still come first, ascending, as in any object). Native `JSON.stringify` does the writing, without a replacer (a
 * call back into JavaScript for every value): one walk copies only the objects whose keys are out of order and the
 * objects and arrays that contain them, and applies `toJSON` as `JSON.stringify` would.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortedDeep('', value));
}

/** A plain copy of an object's own enumerable fields but a `toJSON` function (which JSON.stringify would not write). */
function ownFieldsOf(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!(k === 'toJSON' && typeof v === 'function')) out[k] = v;
  return out;
}

function sortedDeep(key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
    if (value === null || typeof value !== 'object') return value;
    // JSON.stringify calls toJSON once: what it returns is written as it is, even when it has a toJSON itself.
    if (!Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') value = ownFieldsOf(value);
  }
  // Children that are not objects are kept as they are without a call (most values of a spec are strings).
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v === null || typeof v !== 'object') continue;
      const item = sortedDeep(String(i), v);
      if (item !== v) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  let inOrder = true;
  for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1] <= keys[i];
  if (!inOrder) {
    const out: Record<string, unknown> = {};
    for (const k of keys.sort()) {
      const v = object[k];
      out[k] = v === null || typeof v !== 'object' ? v : sortedDeep(k, v);
    }
    return out;
  }
  let copy: Record<string, unknown> | undefined;
  for (const k of keys) {
    const v = object[k];
    if (v === null || typeof v !== 'object') continue;
    const item = sortedDeep(k, v);
    if (item !== v) (copy ??= { ...object })[k] = item;
  }
  return copy ?? object;
}
