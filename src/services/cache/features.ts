import { CachePersistence } from './policies';
import { CacheSpec } from './resolved-spec';
import { CacheSnapshot } from './snapshot';
import { ValkeyVersion } from './version';
import { featureTable } from '../../core/features';
import { HighAvailability } from '../../core/policies';

/**
 * The questions every cache backend answers, in the order `PortableCache` checks them (the common ones, deletion
 * and binding, follow).
 */
export const CACHE_FEATURES = featureTable<CacheSpec>()({
  /** The Valkey version: a backend answers for the version asked (managed services offer a subset). */
  version: {
    prop: 'version',
    title: 'Valkey 8 (`ValkeyVersion.V8_0`, `V8_1`)',
    sample: ValkeyVersion.V8_0,
    ask: (s) => s.version,
    describe: (v: ValkeyVersion) => v.fullVersion ?? v.major,
  },
  /** `HighAvailability.REQUIRED`: a replica in another zone with automatic failover. */
  highAvailability: {
    prop: 'highAvailability',
    title: '`HighAvailability.REQUIRED`',
    sample: HighAvailability.REQUIRED,
    ask: (s) => (s.highAvailability === HighAvailability.REQUIRED ? s.highAvailability : undefined),
  },
  /** `CachePersistence.DURABLE`: the data survives a restart of the server. */
  durable: {
    prop: 'persistence',
    title: '`CachePersistence.DURABLE`',
    sample: CachePersistence.DURABLE,
    ask: (s) => (s.persistence === CachePersistence.DURABLE ? s.persistence : undefined),
  },
  /** `restoreFrom`: the cache is created from a snapshot (create-only: a later change restores nothing). */
  restoreFromSnapshot: {
    prop: 'restoreFrom',
    title: 'restore from a snapshot (`restoreFrom: CacheSnapshot.named()`)',
    sample: CacheSnapshot.named('sessions-before-migration'),
    ask: (s) => s.restoreFrom,
    describe: (snapshot: CacheSnapshot) => snapshot.name,
    what: 'a snapshot on',
    day2: 'restore',
  },
  /** TLS in transit (`ssl: true`, a `rediss://` uri): not a prop, always on where honoured. */
  transitEncryption: { prop: 'ssl', title: 'TLS in transit (always on where honoured)', sample: true },
  /** AUTH with a password: not a prop, always on where honoured. */
  auth: { prop: 'password', title: 'AUTH with a password (always on where honoured)', sample: true },
});

/** A cache backend's answers to the cache's own features. */
export type CacheFeatures = typeof CACHE_FEATURES;
