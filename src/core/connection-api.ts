import type * as kplus from 'cdk8s-plus-27';

/** Root of mounted service bindings (servicebinding.io `SERVICE_BINDING_ROOT`). */
export const SERVICE_BINDING_ROOT = '/bindings';

/**
 * Options for binding a workload to a data service.
 */
export interface BindOptions {
  /**
   * Names of the containers that receive the connection (checked at synth: the workload must have them).
   * @default - every container of the workload's pod template at synth, except sidecars a backend added
   */
  readonly containers?: string[];
  /**
   * Inject every connection key as an environment variable `<envPrefix><KEY>` (e.g. `DB_HOST`).
   * @default true
   */
  readonly env?: boolean;
  /**
   * Prefix of the environment variables.
   * @default - the kind's prefix: 'DB_' for databases, 'S3_' for object stores, 'REDIS_' for caches, 'AMQP_' for queues
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
 * The connection contract of a data service: a Secret named `<name>-connection` of type
 * `servicebinding.io/<type>` with the keys of its kind in every environment, filled at deploy time by the binder
 * Job. It never appears in the synthesized YAML.
 */
export interface IConnection {
  /** Name of the connection Secret. */
  readonly secretName: string;
  /** Type of the connection Secret, e.g. `servicebinding.io/mysql`. */
  readonly secretType: string;
  /** The keys of the connection Secret. */
  readonly keys: string[];
  /** Name of the binder Job that fills it. */
  readonly binderJobName: string;
  /** An environment variable value (cdk8s-plus-27) that reads one key of the connection Secret. */
  envValue(key: string): kplus.EnvValue;
  /**
   * Injects every key as `<prefix><KEY>` (upper case, `-` and `.` → `_`) into a cdk8s-plus-27 container (to bind a
   * workload of any flavour, use the service's `bind()`).
   * @default prefix - the kind's prefix (`DB_`, `S3_`, …)
   */
  injectEnv(container: kplus.Container, prefix?: string): void;
}

