/**
 * A snapshot a new cache starts from (`PortableCache` `restoreFrom`): read only when the cache is created. Backends
 * that can create a cache from a snapshot honour it (ElastiCache `snapshotName`); the others refuse it at synth,
 * naming how to load the data instead.
 *
 * @example
 *
 * new PortableCache(chart, 'Sessions', {
 *   persistence: CachePersistence.DURABLE,
 *   restoreFrom: CacheSnapshot.named('sessions-before-migration'),
 * });
 */
export class CacheSnapshot {
  /**
   * A snapshot by the name the provider knows it by (an ElastiCache backup, manual or automatic: `aws elasticache
   * describe-snapshots`).
   */
  public static named(name: string): CacheSnapshot {
    return new CacheSnapshot(name);
  }

  private constructor(
    /** The snapshot's name. */
    public readonly name: string,
  ) {}
}
