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

/** JSON with object keys sorted, so that equal values always render to identical bytes. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
