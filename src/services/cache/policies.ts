/**
 * Whether a cache keeps its data across restarts.
 */
export enum CachePersistence {
  /** A cache: the data lives in memory only and is lost when the server restarts or fails over to an empty node. */
  CACHE_ONLY = 'cache-only',
  /**
   * A key-value store: the data is written to disk (in the cluster an append-only file on a volume claim; managed
   * services take snapshots, see each backend's `durable` answer).
   */
  DURABLE = 'durable',
}

/**
 * What the server does when its memory is full (`maxmemory-policy`).
 */
export enum EvictionPolicy {
  /** Refuse writes that need memory (an error); never drop data. */
  NOEVICTION = 'noeviction',
  /** Evict the least recently used keys. */
  ALLKEYS_LRU = 'allkeys-lru',
  /** Evict the least frequently used keys. */
  ALLKEYS_LFU = 'allkeys-lfu',
  /** Evict random keys. */
  ALLKEYS_RANDOM = 'allkeys-random',
  /** Evict the least recently used keys among those with an expiry. */
  VOLATILE_LRU = 'volatile-lru',
  /** Evict the least frequently used keys among those with an expiry. */
  VOLATILE_LFU = 'volatile-lfu',
  /** Evict random keys among those with an expiry. */
  VOLATILE_RANDOM = 'volatile-random',
  /** Evict the keys with the nearest expiry. */
  VOLATILE_TTL = 'volatile-ttl',
}
