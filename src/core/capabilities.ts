import { IServiceBackend } from './profile';

/**
 * Whether a backend honours one portable feature, and if not, why and what to do instead.
 *
 * @example
 * const ha = Support.refused('the in-cluster backend runs a single instance', 'select a profile whose backend offers HA');
 */
export class Support {
  /** The backend honours the feature; `how` says by what (shown by `plan`). */
  public static honoured(how: string): Support {
    return new Support(true, how, undefined);
  }

  /** The backend does not honour the feature: using it fails at synth with `reason` and `fix`. */
  public static refused(reason: string, fix: string): Support {
    return new Support(false, reason, fix);
  }

  private constructor(
    /** Whether the feature is honoured. */
    public readonly honoured: boolean,
    /** How it is honoured, or why not. */
    public readonly description: string,
    /**
     * What to do instead, when refused.
     * @default - none (honoured)
     */
    public readonly fix?: string,
  ) {}
}

/**
 * What every backend answers, whatever the kind of service. Adding a feature here makes the compiler list every
 * backend that must answer it.
 */
export interface CommonCapabilities {
  /** `DeletionPolicy.RETAIN`: the data outlives the deletion of the synthesized objects. */
  readonly deletionRetain: Support;
  /** `DeletionPolicy.DELETE`: deleting the objects deletes the data. */
  readonly deletionDelete: Support;
  /** Binding a `Deployment`. */
  readonly bindDeployment: Support;
  /** Binding a `StatefulSet`. */
  readonly bindStatefulSet: Support;
  /** Binding a `Job`. */
  readonly bindJob: Support;
  /** Binding a `CronJob`. */
  readonly bindCronJob: Support;
}

/** The answers of a relational database backend. */
export interface DatabaseCapabilities extends CommonCapabilities {
  /** `HighAvailability.REQUIRED`: a standby in another zone (or replicas) with automatic failover. */
  readonly highAvailability: Support;
  /** Scheduled backups with a retention (`Backup.daily()`). */
  readonly backups: Support;
  /** Engine parameters (the portable `parameters` prop). */
  readonly engineParameters: Support;
  /**
   * Connections encrypted in transit (TLS): honoured where the server (or a proxy beside the workload) refuses
   * plaintext. A statement, not a setting: it fails at synth only when `requireTls: true` is asked of a backend
   * that refuses it; otherwise the contract's `tls` key says `false`.
   */
  readonly encryptionInTransit: Support;
}

/** The answers of an object store backend. */
export interface ObjectStoreCapabilities extends CommonCapabilities {
  /** Object versioning (`versioned`). */
  readonly versioning: Support;
  /** Expiring current objects after a time (`expiration`). */
  readonly expiration: Support;
  /** Expiring noncurrent versions after a time (`noncurrentVersionExpiration`). */
  readonly noncurrentVersionExpiration: Support;
}

/** The answers of a Redis-protocol cache backend. */
export interface CacheCapabilities extends CommonCapabilities {
  /** `HighAvailability.REQUIRED`: a replica in another zone with automatic failover. */
  readonly highAvailability: Support;
  /** `CachePersistence.DURABLE`: the data survives a restart of the server. */
  readonly durable: Support;
  /** Valkey 8 and later majors (`ValkeyVersion.V8_0`, `V8_1`, …). */
  readonly valkey8: Support;
  /** TLS in transit (`ssl: true`, a `rediss://` uri); not a prop: always on where honoured. */
  readonly transitEncryption: Support;
  /** AUTH with a password; not a prop: always on where honoured. */
  readonly auth: Support;
}

/** The answers of an AMQP 0-9-1 broker backend. */
export interface QueueCapabilities extends CommonCapabilities {
  /** `HighAvailability.REQUIRED`: brokers in several zones, and declared queues replicated (quorum queues). */
  readonly highAvailability: Support;
  /** RabbitMQ 4.3 and later (`RabbitMqVersion.V4_3`, …). */
  readonly rabbitMq43: Support;
  /** A `storage` size for the broker's messages. */
  readonly storageSize: Support;
  /** A virtual host other than `/` (`virtualHost`). */
  readonly virtualHost: Support;
  /** Durable queues declared with the broker (`queues`). */
  readonly declaredQueues: Support;
  /** TLS in transit (`ssl: true`, an `amqps://` uri); not a prop: always on where honoured. */
  readonly transitEncryption: Support;
}

/** The answers of a backend that binds every workload kind the same way (`how`). */
export function bindsEveryWorkload(how: string): Pick<CommonCapabilities, 'bindDeployment' | 'bindStatefulSet' | 'bindJob' | 'bindCronJob'> {
  const honoured = Support.honoured(how);
  return { bindDeployment: honoured, bindStatefulSet: honoured, bindJob: honoured, bindCronJob: honoured };
}

/** A backend as every service sees it: its name and its answers for the common features. */
export interface ICapableBackend extends IServiceBackend {
  /** What it honours, and why not. */
  readonly capabilities: CommonCapabilities;
}
