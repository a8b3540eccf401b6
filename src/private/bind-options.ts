import { IConstruct } from 'constructs';
import { closest, didYouMean, editDistance } from './closest';
import { invalid } from './errors';
import { checkBoolean, checkOptionsObject, describeValue } from './validate';

/** An environment variable prefix: what every contract's default prefix is (`DB_`, `S3_`). */
const ENV_PREFIX = /^[A-Z_][A-Z0-9_]*$/;
/** A servicebinding.io binding name (the directory under `SERVICE_BINDING_ROOT`). */
const BINDING_NAME = /^[a-z0-9.-]{1,253}$/;
/** The options every service's `bind()` takes (`BindOptions`). */
const BIND_KEYS = ['containers', 'env', 'envPrefix', 'mount', 'bindingName'];
/** A container name (a DNS label). */
const CONTAINER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Checks an environment variable prefix (of `bind()` or `injectEnv()`). */
export function checkEnvPrefix(scope: IConstruct | string, prop: string, prefix: unknown): string {
  if (typeof prefix !== 'string' || !ENV_PREFIX.test(prefix)) {
    const suggestion = typeof prefix === 'string' ? prefix.toUpperCase().replace(/[^A-Z0-9_]+/g, '_').replace(/^([0-9])/, '_$1') : '';
    invalid(scope, {
      prop,
      value: prefix,
      allowed: 'upper-case letters, digits and "_", not starting with a digit (environment variable names)',
      fix: `use e.g. "${ENV_PREFIX.test(suggestion) ? suggestion : 'ORDERS_DB_'}"`,
    });
  }
  return prefix;
}

/**
 * Checks the options of `bind()` as a JavaScript or jsii caller can pass them: an object of known keys, booleans,
 * an environment variable prefix, a servicebinding.io binding name (only with `mount`), and container names (that
 * the bound workload has them is checked at synth, when its pod template is known).
 * @param workloadPath the path of the bound workload, for messages
 * @param extraBooleans boolean options of this kind of service only (e.g. `awsSdkEnv`)
 * @param optionsType the name of the kind's bind options type, for the message
 */
export function checkBindOptions(scope: IConstruct, workloadPath: string, options: unknown, extraBooleans: string[] = [], optionsType: string = 'BindOptions'): void {
  const keys = [...BIND_KEYS, ...extraBooleans];
  const o = checkOptionsObject(scope, 'bind options', options, optionsType,
    "write e.g. service.bind(deployment, { envPrefix: 'ORDERS_DB_' })") as { [key: string]: unknown };
  for (const key of Object.keys(o)) {
    if (!keys.includes(key)) {
      const near = closest(key, keys).filter((k) => editDistance(key.toLowerCase(), k.toLowerCase()) <= 2);
      invalid(scope, {
        prop: 'bind options key',
        value: key,
        allowed: `the options of this service's bind(): ${keys.join(', ')}`,
        fix: near.length > 0 ? didYouMean(near) : 'remove the key',
      });
    }
  }
  for (const key of ['env', 'mount', ...extraBooleans]) {
    if (o[key] !== undefined) checkBoolean(scope, key, o[key]);
  }
  if (o.envPrefix !== undefined) checkEnvPrefix(scope, 'envPrefix', o.envPrefix);
  if (o.bindingName !== undefined) {
    const name = o.bindingName;
    if (typeof name !== 'string' || !BINDING_NAME.test(name) || name === '.' || name.includes('..')) {
      invalid(scope, {
        prop: 'bindingName',
        value: name,
        allowed: '1 to 253 lower-case letters, digits, "-" and ".", not "." and without ".." (a directory under /bindings)',
        fix: 'use e.g. "orders-db"',
      });
    }
    if (o.mount !== true) {
      invalid(scope, {
        prop: 'bindingName',
        value: name,
        allowed: 'only with mount: true (it names the mounted binding)',
        fix: 'set mount: true, or remove bindingName',
      });
    }
  }
  if (o.containers !== undefined) {
    if (!Array.isArray(o.containers)) {
      invalid(scope, {
        prop: 'containers',
        value: describeValue(o.containers),
        allowed: 'a list of container names of the bound workload',
        fix: "pass e.g. containers: ['app']",
      });
    }
    o.containers.forEach((c: unknown, i: number) => {
      if (typeof c !== 'string' || !CONTAINER_NAME.test(c)) {
        // A container object (the option took cdk8s-plus-27 containers before): say to pass its name.
        const name = c !== null && typeof c === 'object' && typeof (c as { name?: unknown }).name === 'string' ? (c as { name: string }).name : undefined;
        const ctor = (c as object | null)?.constructor;
        invalid(scope, {
          prop: `containers[${i}]`,
          value: name !== undefined && ctor !== Object ? `a ${ctor?.name ?? 'container'} named ${JSON.stringify(name)}` : typeof c === 'string' ? c : describeValue(c),
          allowed: `the name of a container of the bound workload ${workloadPath} (a DNS label)`,
          fix: name !== undefined ? `pass the container's name: containers: [${JSON.stringify(name)}]` : "name the containers, e.g. containers: ['app']",
        });
      }
    });
  }
}
