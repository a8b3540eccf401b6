import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DatabaseBinding, DeferredValue } from './backend';
import { Credentials } from './credentials';
import { DatabaseEngine } from './engine';
import { BinderJob } from './private/binder';
import { invalid } from './private/errors';
import { SecretBinding } from './private/secret-binding';

/**
 * The keys of a database connection Secret, in every environment (servicebinding.io well-known entries plus
 * `database`).
 */
export const DATABASE_CONNECTION_KEYS = ['type', 'provider', 'host', 'port', 'database', 'username', 'password', 'uri'];

/**
 * The keys of an object store connection Secret in every environment: `type` (`s3`), `provider`, `endpoint` (the
 * S3 endpoint URL), `bucket` and `region`.
 */
export const OBJECT_STORE_CONNECTION_KEYS = ['type', 'provider', 'endpoint', 'bucket', 'region'];

/**
 * The keys an object store connection Secret adds where the environment authenticates with access keys
 * (in-cluster servers, Rook). Where the identity is the workload's own (AWS Pod Identity, GKE Workload Identity),
 * the Secret has no keys: binding the workload sets its identity up instead.
 */
export const OBJECT_STORE_ACCESS_KEYS = ['access-key-id', 'secret-access-key'];

/** `type` of object store connections. */
export const OBJECT_STORE_TYPE = 's3';

/** Type of object store connection Secrets. */
export const OBJECT_STORE_SECRET_TYPE = `servicebinding.io/${OBJECT_STORE_TYPE}`;

/** Root of mounted service bindings (servicebinding.io `SERVICE_BINDING_ROOT`). */
export const SERVICE_BINDING_ROOT = '/bindings';

/**
 * Options for binding a workload to a data service.
 */
export interface BindOptions {
  /**
   * Containers that receive the connection.
   * @default - every container of the workload at the time of binding, except sidecars a backend added
   */
  readonly containers?: kplus.Container[];
  /**
   * Inject every connection key as an environment variable `<envPrefix><KEY>` (e.g. `DB_HOST`).
   * @default true
   */
  readonly env?: boolean;
  /**
   * Prefix of the environment variables.
   * @default - 'DB_' for databases, 'S3_' for object stores
   */
  readonly envPrefix?: string;
  /**
   * Mount the connection Secret as a servicebinding.io binding at `/bindings/<bindingName>`, and set
   * `SERVICE_BINDING_ROOT=/bindings`.
   * @default false
   */
  readonly mount?: boolean;
  /**
   * Name of the mounted binding.
   * @default - the service's name
   */
  readonly bindingName?: string;
}

/**
 * Properties of a `Connection`.
 */
export interface ConnectionProps {
  /** Base name of the service's objects. */
  readonly name: string;
  /** The engine. */
  readonly engine: DatabaseEngine;
  /** Database name. */
  readonly databaseName: string;
  /** Credentials. */
  readonly credentials: Credentials;
  /** Name of the credentials Secret. */
  readonly credentialsSecretName: string;
  /** What the backend said about the connection. */
  readonly binding: DatabaseBinding;
  /** Labels for the connection Secret and the binder Job. */
  readonly labels: { [key: string]: string };
  /** Image of the binder Job. */
  readonly binderImage: string;
}

/**
 * The connection contract of a data service: a Secret with the same keys in every environment, filled at deploy
 * time by the binder Job, and helpers that bind cdk8s-plus workloads to it.
 *
 * The Secret is named `<name>-connection`, has type `servicebinding.io/<type>` and the keys `type`, `provider`,
 * `host`, `port`, `database`, `username`, `password` and `uri`. It never appears in the synthesized YAML.
 */
export class Connection extends Construct {
  /** Name of the connection Secret. */
  public readonly secretName: string;
  /** Type of the connection Secret, e.g. `servicebinding.io/mysql`. */
  public readonly secretType: string;
  /** The keys of the connection Secret. */
  public readonly keys: string[];
  /** Name of the binder Job. */
  public readonly binderJobName: string;

  private readonly binding: SecretBinding;

  constructor(scope: Construct, id: string, props: ConnectionProps) {
    super(scope, id);
    const b = props.binding;
    if ((b.host === undefined) === (b.hostFrom === undefined)) {
      invalid(this, {
        prop: 'backend binding host/hostFrom',
        value: { host: b.host, hostFrom: b.hostFrom },
        allowed: 'exactly one of host (known at synth) or hostFrom (read at deploy time)',
        fix: 'fix the backend: it must say where the host comes from',
      });
    }
    this.secretName = `${props.name}-connection`;
    this.secretType = props.engine.secretType;
    this.keys = [...DATABASE_CONNECTION_KEYS];
    this.binding = new SecretBinding(this, this.secretName, this.keys, 'DB_', b.workloadBinder);

    const values: { [key: string]: string } = {
      type: props.engine.name,
      provider: b.provider,
      port: String(b.port),
      database: props.databaseName,
      username: props.credentials.username,
    };
    const deferred: { [key: string]: DeferredValue } = {};
    if (b.host !== undefined) values.host = b.host;
    if (b.hostFrom !== undefined) deferred.host = b.hostFrom;

    const job = new BinderJob(this, 'Binder', props.name, {
      connectionSecret: this.secretName,
      secretType: this.secretType,
      keys: this.keys,
      uriTemplate: props.engine.uriTemplate,
      labels: props.labels,
      values,
      deferred,
      credentials: b.credentialsFrom ? {
        secret: b.credentialsFrom.secretName,
        generate: false,
        username: props.credentials.username,
        usernameKey: 'username',
        passwordKey: b.credentialsFrom.passwordKey,
        passwordKeys: [b.credentialsFrom.passwordKey],
      } : {
        secret: props.credentialsSecretName,
        generate: props.credentials.isGenerated,
        username: props.credentials.username,
        usernameKey: 'username',
        passwordKey: props.credentials.passwordKey,
        passwordKeys: [props.credentials.passwordKey, ...(b.generatedPasswordKeys ?? [])],
      },
      timeoutSeconds: 3600,
    }, props.binderImage);
    this.binderJobName = job.jobName;
  }

  /** An environment variable value that reads one key of the connection Secret. */
  public envValue(key: string): kplus.EnvValue {
    return this.binding.envValue(key);
  }

  /** Injects every key as `<prefix><KEY>` (upper case, `-` → `_`) into a container. */
  public injectEnv(container: kplus.Container, prefix: string = 'DB_'): void {
    this.binding.injectEnv(container, prefix);
  }

  /**
   * Binds a workload: injects the connection (environment variables and/or a mounted binding) into its
   * containers and lets the backend add what it needs (a NetworkPolicy rule for in-cluster services, the Cloud SQL
   * Auth Proxy on GCP).
   */
  public bind(workload: kplus.AbstractPod, options: BindOptions = {}): void {
    this.binding.bind(workload, options);
  }
}
