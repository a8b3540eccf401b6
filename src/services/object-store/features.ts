import { Duration } from 'cdk8s';
import { ObjectStoreSpec } from './resolved-spec';
import { featureTable } from '../../core/features';
import { describeDuration } from '../../private/validate';

/**
 * The questions every object store backend answers, in the order `PortableObjectStore` checks them (the common
 * ones, deletion and binding, follow).
 */
export const OBJECT_STORE_FEATURES = featureTable<ObjectStoreSpec>()({
  /** Object versioning (`versioned`). */
  versioning: {
    prop: 'versioned',
    title: '`versioned`',
    sample: true,
    ask: (s) => (s.versioned ? true : undefined),
  },
  /** Expiring current objects after a time (`expiration`). */
  expiration: {
    prop: 'expiration',
    title: '`expiration`',
    sample: Duration.days(90),
    ask: (s) => s.expiration,
    describe: (d: Duration) => describeDuration(d),
  },
  /** Expiring noncurrent versions after a time (`noncurrentVersionExpiration`). */
  noncurrentVersionExpiration: {
    prop: 'noncurrentVersionExpiration',
    title: '`noncurrentVersionExpiration`',
    sample: Duration.days(30),
    ask: (s) => s.noncurrentVersionExpiration,
    describe: (d: Duration) => describeDuration(d),
  },
});

/** An object store backend's answers to the object store's own features. */
export type ObjectStoreFeatures = typeof OBJECT_STORE_FEATURES;
