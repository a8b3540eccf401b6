/** The Valkey majors of the catalog and the patch release of each the in-cluster image pins. */
export const VALKEY_CATALOG: { [major: string]: string } = {
  '7.2': '7.2.11',
  '8.0': '8.0.2',
  '8.1': '8.1.10',
};

/**
 * A Valkey version (the Redis protocol, BSD-3 licensed). Use a catalog constant, or `ValkeyVersion.of()` for a
 * version the catalog does not list yet. Never lower the version of a running cache: a newer major's data files
 * cannot be read by an older one (Valkey 9 data by 8.x).
 *
 * @example
 *
 * // Valkey 8.1 in the cluster and on ElastiCache (Memorystore and the Crossplane cache API serve 7.2 only).
 * new PortableCache(chart, 'Sessions', { version: ValkeyVersion.V8_1 });
 */
export class ValkeyVersion {
  /** Valkey 7.2: the newest major every backend offers (Memorystore for Redis runs the protocol-compatible Redis 7.2). */
  public static readonly V7_2 = new ValkeyVersion('7.2', undefined);
  /** Valkey 8.0. */
  public static readonly V8_0 = new ValkeyVersion('8.0', undefined);
  /** Valkey 8.1. */
  public static readonly V8_1 = new ValkeyVersion('8.1', undefined);

  /**
   * A version by major (`'8.1'`) and, optionally, full version (`'8.1.10'`). The full version pins the in-cluster
   * image tag (`valkey/valkey:<full>-alpine`); managed services take the major only. A major the catalog does not
   * list needs a full version in the cluster.
   */
  public static of(major: string, fullVersion?: string): ValkeyVersion {
    return new ValkeyVersion(major, fullVersion);
  }

  /** Majors in the catalog. */
  public static get knownMajors(): string[] {
    return Object.keys(VALKEY_CATALOG);
  }

  private constructor(
    /** The major version, e.g. `8.1`. */
    public readonly major: string,
    /**
     * The full version, when pinned with `of()`.
     * @default - undefined: each backend's catalog version of the major
     */
    public readonly fullVersion: string | undefined,
  ) {}
}
