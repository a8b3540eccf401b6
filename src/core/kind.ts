import { invalid } from '../private/errors';

/**
 * The connection contract of a kind of service, as data: the servicebinding.io `type` and Secret type, the keys
 * every backend fills, the keys only some backends fill, the `uri` template and the default prefix of the
 * environment variables. One `Connection` implementation serves every kind from it.
 */
export interface ConnectionContractProps {
  /** The servicebinding.io `type` entry, e.g. `mysql`; the Secret's type is `servicebinding.io/<type>`. */
  readonly type: string;
  /** The keys every backend fills, in the order they are injected (`type` and `provider` first). */
  readonly keys: string[];
  /**
   * Keys only some backends fill (e.g. an object store's access keys, where the workload has no cloud identity).
   * @default - none
   */
  readonly optionalKeys?: string[];
  /**
   * Template of the `uri` key: `{key}` is replaced, percent-encoded, with the value of a connection key.
   * @default - no `uri` key is built
   */
  readonly uriTemplate?: string;
  /** Default prefix of the environment variables, e.g. `DB_`. */
  readonly envPrefix: string;
}

/** Every kind defined so far, by name. */
const KINDS = new Map<string, ServiceKind>();
const KEY = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const PREFIX = /^[A-Z_][A-Z0-9_]*$/;

/**
 * A kind of data service and its connection contract. Each service class names its kind (`PortableMySQL.KIND`,
 * `PortablePostgres.KIND`, `PortableObjectStore.KIND`, `PortableCache.KIND`, `PortableQueue.KIND`), and a profile
 * maps each kind to a backend.
 *
 * @example
 * const kind = PortableCache.KIND;
 * kind.name;                  // 'cache'
 * kind.secretType;            // 'servicebinding.io/redis'
 * kind.contract.envPrefix;    // 'REDIS_'
 */
export class ServiceKind {
  /**
   * A kind of service, by name. The first call with a name defines the kind; later calls with the same name
   * return it (and fail when the contract differs). Kinds are defined in this library's `services/<kind>/` folders
   * (see CONTRIBUTING.md): a kind needs a service construct and a backend in every environment.
   *
   * @param name the kind's name, as profiles and `plan` show it (a DNS label, e.g. `mysql`)
   * @param contract its connection contract
   * @internal
   */
  public static _of(name: string, contract: ConnectionContractProps): ServiceKind {
    const known = KINDS.get(name);
    if (known) {
      if (JSON.stringify(known.contract) !== sameShape(contract)) {
        invalid(`ServiceKind ${name}`, {
          prop: 'contract',
          value: contract,
          allowed: `the contract the kind was defined with: ${JSON.stringify(known.contract)}`,
          fix: 'give a new kind its own name',
        });
      }
      return known;
    }
    const kind = new ServiceKind(name, check(name, contract));
    KINDS.set(name, kind);
    return kind;
  }

  /** Every kind defined so far, by name. */
  public static all(): ServiceKind[] {
    return [...KINDS.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private constructor(
    /** The kind's name, e.g. `mysql`. */
    public readonly name: string,
    /** Its connection contract. */
    public readonly contract: ConnectionContractProps,
  ) {}

  /** The type of its connection Secrets: `servicebinding.io/<type>`. */
  public get secretType(): string {
    return `servicebinding.io/${this.contract.type}`;
  }

  /** The kind's name. */
  public toString(): string {
    return this.name;
  }
}


/** The normalized contract as JSON, or an empty string when it is not a contract at all. */
function sameShape(contract: ConnectionContractProps): string {
  try {
    return JSON.stringify(normalize(contract));
  } catch {
    return '';
  }
}

function normalize(contract: ConnectionContractProps): ConnectionContractProps {
  return {
    type: contract.type,
    keys: [...contract.keys],
    optionalKeys: [...(contract.optionalKeys ?? [])],
    uriTemplate: contract.uriTemplate,
    envPrefix: contract.envPrefix,
  };
}

function check(name: string, contract: ConnectionContractProps): ConnectionContractProps {
  const where = `ServiceKind ${name}`;
  if (typeof name !== 'string' || !/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name)) {
    invalid(where, { prop: 'name', value: name, allowed: 'a DNS label (lower-case letters, digits, -)', fix: 'name the kind e.g. "mongodb"' });
  }
  if (contract === null || typeof contract !== 'object' || Array.isArray(contract)) {
    invalid(where, { prop: 'contract', value: contract, allowed: 'a connection contract: { type, keys, envPrefix }', fix: "write e.g. { type: 'mongodb', keys: ['type', 'provider', 'host', 'port'], envPrefix: 'MONGO_' }" });
  }
  for (const prop of ['keys', 'optionalKeys'] as const) {
    if (!Array.isArray(contract[prop]) && (prop === 'keys' || contract[prop] !== undefined)) {
      invalid(where, { prop: `contract.${prop}`, value: contract[prop], allowed: 'a list of servicebinding.io entry names', fix: "write e.g. ['type', 'provider', 'host', 'port']" });
    }
  }
  const c = normalize(contract);
  if (typeof c.type !== 'string' || !KEY.test(c.type)) {
    invalid(where, { prop: 'contract.type', value: c.type, allowed: 'a servicebinding.io type: lower-case letters, digits, - and .', fix: 'use e.g. "mongodb"' });
  }
  const keys = [...c.keys, ...c.optionalKeys!];
  for (const key of keys) {
    if (typeof key !== 'string' || !KEY.test(key)) {
      invalid(where, { prop: 'contract.keys', value: key, allowed: 'servicebinding.io entry names: lower-case letters, digits, - and .', fix: 'rename the key' });
    }
  }
  for (const required of ['type', 'provider']) {
    if (!c.keys.includes(required)) {
      invalid(where, { prop: 'contract.keys', value: c.keys, allowed: 'a list with `type` and `provider` (servicebinding.io)', fix: `add "${required}"` });
    }
  }
  if (new Set(keys).size !== keys.length) {
    invalid(where, { prop: 'contract.keys', value: keys, allowed: 'each key once across keys and optionalKeys', fix: 'remove the duplicate' });
  }
  for (const placeholder of (c.uriTemplate ?? '').match(/\{[^}]*\}/g) ?? []) {
    if (!keys.includes(placeholder.slice(1, -1))) {
      invalid(where, { prop: 'contract.uriTemplate', value: c.uriTemplate, allowed: `placeholders naming connection keys (${keys.join(', ')})`, fix: `fix ${placeholder}` });
    }
  }
  if (c.uriTemplate !== undefined && !c.keys.includes('uri')) {
    invalid(where, { prop: 'contract.uriTemplate', value: c.uriTemplate, allowed: 'a template only when `uri` is one of the keys', fix: 'add "uri" to keys' });
  }
  if (typeof c.envPrefix !== 'string' || !PREFIX.test(c.envPrefix)) {
    invalid(where, { prop: 'contract.envPrefix', value: c.envPrefix, allowed: 'upper-case letters, digits and _ (an environment variable prefix)', fix: 'use e.g. "MONGO_"' });
  }
  return c;
}
