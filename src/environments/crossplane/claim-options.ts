import { CONNECTION_SECRET_SUFFIX } from './api';
import { CrossplaneBackendOptions } from './options';
import { DeferredValue } from '../../core/backend';
import { invalid } from '../../private/errors';

const MAX_PREFIX_LENGTH = 23;
const PREFIX = /^[a-z][a-z0-9-]*$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * The profile's `namePrefix`, checked when first used (like the database backend's options), for the claims of the
 * object store, cache and queue APIs.
 */
export function claimNamePrefix(options: CrossplaneBackendOptions): string {
  return memo(options).prefix ??= checkedPrefix(options);
}

/** The profile's `compositionSelector`, checked, with its keys sorted, for the claims of the object store, cache and queue APIs. */
export function claimSelector(options: CrossplaneBackendOptions): { [key: string]: string } {
  return memo(options).selector ??= checkedSelector(options);
}

/** The checked options, by options object: a profile's options are checked once, not for every service. */
const CHECKED = new WeakMap<CrossplaneBackendOptions, { prefix?: string; selector?: { [key: string]: string } }>();

function memo(options: CrossplaneBackendOptions): { prefix?: string; selector?: { [key: string]: string } } {
  let checked = CHECKED.get(options);
  if (checked === undefined) CHECKED.set(options, checked = {});
  return checked;
}

function checkedPrefix(options: CrossplaneBackendOptions): string {
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

function checkedSelector(options: CrossplaneBackendOptions): { [key: string]: string } {
  const selector = options.compositionSelector ?? {};
  const keys = typeof selector === 'object' && selector !== null && !Array.isArray(selector) ? Object.keys(selector).sort() : [];
  const bad = keys.find((k) => !LABEL_KEY.test(k) || k.length > 316 || typeof selector[k] !== 'string' || selector[k].length > 63 || !LABEL_VALUE.test(selector[k]));
  if (keys.length === 0 || bad !== undefined) {
    invalid('crossplane profile option compositionSelector', {
      prop: 'compositionSelector',
      value: selector,
      allowed: 'at least one label with a valid key and value, e.g. { provider: "aws" }',
      fix: 'use the labels of a Composition installed by CrossplanePlatform / CrossplaneObjectStorePlatform (provider: aws or gcp)',
    });
  }
  return Object.fromEntries(keys.map((k) => [k, selector[k]]));
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
