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

/** Every kind defined so far, by name (before the class: its static kinds register here). */
const KINDS = new Map<string, ServiceKind>();
const KEY = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const PREFIX = /^[A-Z_][A-Z0-9_]*$/;

/**
 * A kind of data service (`PortableMySQL`, `PortablePostgres`, `PortableObjectStore`, …) and its connection
 * contract. Kinds are open: `ServiceKind.of()` adds one, and a profile maps each kind to a backend.
 *
 * @example
 * const kind = ServiceKind.of('mongodb', { type: 'mongodb', keys: ['type', 'provider', 'host', 'port'], envPrefix: 'MONGO_' });
 */
export class ServiceKind {
  /**
   * `PortableMySQL`. `tls` is `true` when the connection is encrypted in transit, `false` when it is plaintext;
   * `ssl-mode` (`REQUIRED`) is there only when the client itself must negotiate TLS, and then the `uri` ends in
   * `?ssl-mode=REQUIRED` (MySQL's connection-string option).
   */
  public static readonly MYSQL = ServiceKind.of('mysql', {
    type: 'mysql',
    keys: ['type', 'provider', 'host', 'port', 'database', 'username', 'password', 'tls', 'uri'],
    optionalKeys: ['ssl-mode'],
    uriTemplate: 'mysql://{username}:{password}@{host}:{port}/{database}[?ssl-mode={ssl-mode}]',
    envPrefix: 'DB_',
  });

  /**
   * `PortablePostgres`. `tls` is `true` when the connection is encrypted in transit, `false` when it is plaintext;
   * `sslmode` (`require`) is there only when the client itself must negotiate TLS, and then the `uri` ends in
   * `?sslmode=require` (libpq's parameter).
   */
  public static readonly POSTGRES = ServiceKind.of('postgres', {
    type: 'postgresql',
    keys: ['type', 'provider', 'host', 'port', 'database', 'username', 'password', 'tls', 'uri'],
    optionalKeys: ['sslmode'],
    uriTemplate: 'postgresql://{username}:{password}@{host}:{port}/{database}[?sslmode={sslmode}]',
    envPrefix: 'DB_',
  });

  /** `PortableObjectStore`: S3-compatible buckets. */
  public static readonly OBJECT_STORE = ServiceKind.of('object-store', {
    type: 's3',
    keys: ['type', 'provider', 'endpoint', 'bucket', 'region'],
    optionalKeys: ['access-key-id', 'secret-access-key'],
    envPrefix: 'S3_',
  });

  /**
   * `PortableCache`: a Redis-protocol (RESP) cache and key-value store. `uri` is `rediss://` (TLS); a backend
   * without TLS in transit says so with `ssl: false` and a `redis://` uri. `username` where the backend has ACL
   * users, `ca.crt` where the server's certificate comes from a private CA.
   */
  public static readonly CACHE = ServiceKind.of('cache', {
    type: 'redis',
    keys: ['type', 'provider', 'host', 'port', 'password', 'ssl', 'uri'],
    optionalKeys: ['username', 'ca.crt'],
    uriTemplate: 'rediss://[{username}]:{password}@{host}:{port}',
    envPrefix: 'REDIS_',
  });

  /**
   * `PortableQueue`: an AMQP 0-9-1 message broker (RabbitMQ). `uri` is `amqps://` (TLS); a backend without TLS in
   * transit says so with `ssl: false` and an `amqp://` uri. The virtual host is percent-encoded in the path (`%2F`
   * for `/`). The variables are `AMQP_*`: the protocol is the portable part, and `RABBITMQ_*` are the server's own
   * settings (`RABBITMQ_NODENAME`, `RABBITMQ_DEFAULT_USER`, …), which the broker's tools read in any container.
   */
  public static readonly QUEUE = ServiceKind.of('queue', {
    type: 'rabbitmq',
    keys: ['type', 'provider', 'host', 'port', 'username', 'password', 'vhost', 'ssl', 'uri'],
    uriTemplate: 'amqps://{username}:{password}@{host}:{port}/{vhost}',
    envPrefix: 'AMQP_',
  });

  /**
   * A kind of service, by name. The first call with a name defines the kind; later calls with the same name
   * return it (and fail when the contract differs).
   *
   * @param name the kind's name, as profiles and `plan` show it (a DNS label, e.g. `mysql`)
   * @param contract its connection contract
   */
  public static of(name: string, contract: ConnectionContractProps): ServiceKind {
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
