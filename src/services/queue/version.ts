/** The RabbitMQ minors of the catalog and the patch release of each the in-cluster image pins (quoted: `4.10` is not `4.1`). */
/* eslint-disable @stylistic/quote-props */
export const RABBITMQ_CATALOG: { [minor: string]: string } = {
  '4.2': '4.2.9',
  '4.3': '4.3.6',
};
/* eslint-enable @stylistic/quote-props */

/**
 * A RabbitMQ version (the AMQP 0-9-1 broker, MPL-2.0). Use a catalog constant, or `RabbitMqVersion.of()` for a
 * version the catalog does not list yet. RabbitMQ upgrades one minor at a time and never downgrades: never lower
 * the version of a running broker, nor skip a minor.
 *
 * @example
 *
 * // 4.2: the version every queue backend runs (Amazon MQ has no 4.3).
 * new PortableQueue(chart, 'Orders', { version: RabbitMqVersion.V4_2 });
 */
export class RabbitMqVersion {
  /** RabbitMQ 4.2: the newest minor every backend offers (Amazon MQ runs 4.2). */
  public static readonly V4_2 = new RabbitMqVersion('4.2', undefined);
  /** RabbitMQ 4.3. */
  public static readonly V4_3 = new RabbitMqVersion('4.3', undefined);

  /**
   * A version by minor (`'4.3'`) and, optionally, full version (`'4.3.6'`). The full version pins the in-cluster
   * image tag (`rabbitmq:<full>`); managed services take the minor only. A minor the catalog does not list needs a
   * full version in the cluster.
   */
  public static of(minor: string, fullVersion?: string): RabbitMqVersion {
    return new RabbitMqVersion(minor, fullVersion);
  }

  /** Minors in the catalog. */
  public static get knownMinors(): string[] {
    return Object.keys(RABBITMQ_CATALOG);
  }

  private constructor(
    /** The minor version, e.g. `4.2`. */
    public readonly minor: string,
    /**
     * The full version, when pinned with `of()`.
     * @default - undefined: each backend's catalog version of the minor
     */
    public readonly fullVersion: string | undefined,
  ) {}
}

/** Compares two `major.minor` versions: negative, zero or positive, as `a` is older, the same or newer. */
export function compareMinor(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}
