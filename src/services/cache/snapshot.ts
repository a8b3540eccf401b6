/**
 * A snapshot a new cache starts from (`PortableCache` `restoreFrom`): read only when the cache is created. Backends
 * that can create a cache from a snapshot honour it (ElastiCache `snapshotName`); the others refuse it at synth,
 * naming how to load the data instead.
 *
 * @example
 *
 * // ElastiCache creates the replication group from the snapshot; the in-cluster backend would refuse it at synth.
 * Profile.use(chart, new AwsProfile({
 *   region: 'eu-west-1',
 *   dbSubnetGroupName: 'data-private',
 *   cacheSubnetGroupName: 'app-cache',
 *   vpcSecurityGroupIds: ['sg-0123456789abcdef0'],
 *   eksClusterName: 'prod',
 * }));
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
