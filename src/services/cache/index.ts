// The public API of the cache kind: re-exports only.
export { PortableCache } from './cache';
export type { PortableCacheProps } from './cache';
export { CachePersistence, EvictionPolicy } from './policies';
export { CacheSnapshot } from './snapshot';
export { ValkeyVersion } from './version';
