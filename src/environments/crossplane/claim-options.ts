import { Construct } from 'constructs';
import { CONNECTION_SECRET_SUFFIX } from './api';
import { CrossplaneClaimOptions } from './options';
import { DeferredValue } from '../../core/backend';
import { invalid } from '../../private/errors';

// The options are checked when the profile is created (`CrossplaneProfile` calls `claimOptionsAt` with the profile
// as the place), so the backends' own checks below (the database backend's names the service that binds; the object
// store, cache and queue backends' name the profile option) only see options that pass; they stay for backends made
// from an options object directly.

const MAX_PREFIX_LENGTH = 23;
const PREFIX = /^[a-z][a-z0-9-]*$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * The profile's `namePrefix`, checked when first used (like the database backend's options), for the claims of the
 * object store, cache and queue APIs.
 */
export function claimNamePrefix(options: CrossplaneClaimOptions): string {
  return memo(options).prefix ??= checkedPrefix(options);
}

/** The profile's `compositionSelector`, checked, with its keys sorted, for the claims of the object store, cache and queue APIs. */
export function claimSelector(options: CrossplaneClaimOptions): { [key: string]: string } {
  return memo(options).selector ??= checkedSelector(options);
}

/** The checked options, by options object: a profile's options are checked once, not for every service. */
const CHECKED = new WeakMap<CrossplaneClaimOptions, { prefix?: string; selector?: { [key: string]: string } }>();

function memo(options: CrossplaneClaimOptions): { prefix?: string; selector?: { [key: string]: string } } {
  let checked = CHECKED.get(options);
  if (checked === undefined) CHECKED.set(options, checked = {});
  return checked;
}

function checkedPrefix(options: CrossplaneClaimOptions): string {
  const prefix = options.namePrefix ?? '';
  if (prefix !== '' && (prefix.length > MAX_PREFIX_LENGTH || !PREFIX.test(prefix) || prefix.includes('--'))) {
    invalid('crossplane profile option namePrefix', {
      prop: 'namePrefix',
      value: prefix,
      allowed: `1 to ${MAX_PREFIX_LENGTH} lower-case letters, digits and single hyphens, starting with a letter`,
      fix: 'use a prefix such as "prod-"',
    });
  }
  return prefix;
}

function checkedSelector(options: CrossplaneClaimOptions): { [key: string]: string } {
  const selector = options.compositionSelector ?? {};
  const keys = typeof selector === 'object' && selector !== null && !Array.isArray(selector) ? Object.keys(selector).sort() : [];
  const bad = keys.find((k) => !LABEL_KEY.test(k) || k.length > 316 || typeof selector[k] !== 'string' || selector[k].length > 63 || !LABEL_VALUE.test(selector[k]));
  if (keys.length === 0 || bad !== undefined) {
    invalid('crossplane profile option compositionSelector', {
      prop: 'compositionSelector',
      value: selector,
      allowed: 'at least one label with a valid key and value, e.g. { provider: "aws" }',
      fix: 'use the labels of a Composition installed by CrossplaneDatabasePlatform / CrossplaneObjectStorePlatform (provider: aws or gcp)',
    });
  }
  return Object.fromEntries(keys.map((k) => [k, selector[k]]));
}

/** The profile's claim options, checked. */
export interface CheckedClaimOptions {
  /** The `compositionSelector`, its keys sorted. */
  readonly matchLabels: { [key: string]: string };
  /** The `namePrefix` (`''` when none). */
  readonly prefix: string;
}

/**
 * The profile's `compositionSelector` (its keys sorted) and `namePrefix`, checked, for the claims of the database
 * API: errors name the service that binds (`scope`).
 */
export function claimOptionsAt(scope: Construct | string, options: CrossplaneClaimOptions): CheckedClaimOptions {
  return { matchLabels: selectorAt(scope, options), prefix: prefixAt(scope, options) };
}

function selectorAt(scope: Construct | string, options: CrossplaneClaimOptions): { [key: string]: string } {
  const selector = options.compositionSelector ?? {};
  const keys = typeof selector === 'object' && selector !== null && !Array.isArray(selector) ? Object.keys(selector) : [];
  if (keys.length === 0) {
    invalid(scope, {
      prop: 'compositionSelector',
      value: selector,
      allowed: 'at least one label of the Composition to use, e.g. { provider: "aws" }',
      fix: 'set compositionSelector in new CrossplaneProfile() to the labels of a Composition installed by CrossplaneDatabasePlatform (provider: aws or gcp)',
    });
  }
  for (const key of keys.sort()) {
    const value = selector[key];
    if (!validLabelKey(key)) {
      invalid(scope, {
        prop: 'compositionSelector key',
        value: key,
        allowed: 'a label key: an optional DNS subdomain prefix and "/", then 1 to 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit',
        fix: 'use a key such as "provider"',
      });
    }
    if (typeof value !== 'string' || value.length > 63 || (value !== '' && !LABEL_NAME.test(value))) {
      invalid(scope, {
        prop: `compositionSelector["${key}"]`,
        value,
        allowed: 'a label value: at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit',
        fix: 'use a value such as "aws"',
      });
    }
  }
  const out: { [key: string]: string } = {};
  for (const key of keys.sort()) out[key] = selector[key];
  return out;
}

function prefixAt(scope: Construct | string, options: CrossplaneClaimOptions): string {
  const prefix = options.namePrefix ?? '';
  if (prefix !== '' && (prefix.length > MAX_PREFIX_LENGTH || !PREFIX.test(prefix) || prefix.includes('--'))) {
    invalid(scope, {
      prop: 'namePrefix',
      value: prefix,
      allowed: `1 to ${MAX_PREFIX_LENGTH} lower-case letters, digits and single hyphens, starting with a letter (the prefix and a 40-character name form a 63-character cloud identifier)`,
      fix: 'use a prefix such as "prod-"',
    });
  }
  return prefix;
}

function validLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && LABEL_NAME.test(name);
}

/** The name of a claim's connection Secret, in the claim's namespace: `<name>-crossplane`. */
export function claimSecretName(serviceName: string): string {
  return `${serviceName}${CONNECTION_SECRET_SUFFIX}`;
}

/** A key of a claim's connection Secret, read by the binder at deploy time (base64-decoded). */
export function fromClaimSecret(secretName: string, key: string, uriPart?: string): DeferredValue {
  return {
    apiGroup: '',
    apiVersion: 'v1',
    resource: 'secrets',
    name: secretName,
    fieldPath: key.includes('.') ? `data["${key}"]` : `data.${key}`,
    base64: true,
    ...(uriPart === undefined ? {} : { uriPart }),
  };
}
