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
  /**
   * An environment variable value that reads one key of the connection Secret. It has the shape of cdk8s-plus's
   * `EnvValue` in every major (and of a Kubernetes `EnvVar` without its name), so in TypeScript it goes straight to
   * `container.env.addVariable()` of whichever cdk8s-plus the app uses, or into the `env` of an `ApiObject`. In the
   * other languages, bind the workload with the service's `bind()` (or use your cdk8s-plus's
   * `EnvValue.fromSecretValue()` with `secretName`).
   */
  envValue(key: string): ConnectionEnvValue;
  /**
   * Injects every key as `<prefix><KEY>` (upper case, `-` and `.` → `_`) into a container of any cdk8s-plus major
   * (TypeScript; to bind a workload of any flavour, in any language, use the service's `bind()`).
   * @default prefix - the kind's prefix (`DB_`, `S3_`, …)
   */
  injectEnv(container: IEnvContainer, prefix?: string): void;
}


/** One key of a Secret (a Kubernetes `SecretKeySelector`). */
export interface ConnectionSecretKeyRef {
  /** Name of the Secret. */
  readonly name: string;
  /** The key of the Secret. */
  readonly key: string;
}

/** Where an environment variable's value comes from (a Kubernetes `EnvVarSource` that reads a Secret key). */
export interface ConnectionEnvSource {
  /** The key of the connection Secret. */
  readonly secretKeyRef: ConnectionSecretKeyRef;
}

/**
 * An environment variable value that reads one key of a connection Secret: a Kubernetes `EnvVar` without its name,
 * which is also the shape of cdk8s-plus's `EnvValue` in every major (its `value` and `valueFrom`).
 */
export interface ConnectionEnvValue {
  /** The Secret key the value is read from. */
  readonly valueFrom: ConnectionEnvSource;
}

/**
 * The environment of a container, as `injectEnv()` uses it: cdk8s-plus's `Env` in every major has this method.
 */
export interface IEnvVariables {
  /** Adds (or replaces) a variable. */
  addVariable(name: string, value: ConnectionEnvValue): void;
}

/**
 * A container as `injectEnv()` uses it: a cdk8s-plus `Container` of any major has these members.
 */
export interface IEnvContainer {
  /**
   * Name of the container, for messages.
   * @default - unnamed
   */
  readonly name?: string;
  /** Its environment variables. */
  readonly env: IEnvVariables;
}
