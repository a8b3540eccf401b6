import { Duration } from 'cdk8s';
import { ServiceSpec } from '../../core/kind-module';

/**
 * An S3-compatible bucket as the service asks for it: the portable declaration, validated and resolved.
 * Object store backends receive it in `bind()` and map it to their provider.
 */
export interface ObjectStoreSpec extends ServiceSpec {
  /**
   * Name of the bucket in the provider (3 to 63 lower-case letters, digits and hyphens; globally unique on
   * AWS and GCP).
   */
  readonly bucketName: string;
  /** Whether objects are versioned (overwritten and deleted objects stay as noncurrent versions). */
  readonly versioned: boolean;
  /**
   * Objects expire (are deleted; in a versioned bucket they become noncurrent) this long after they were
   * written, in whole days.
   * @default - objects never expire
   */
  readonly expiration?: Duration;
  /**
   * Noncurrent versions are deleted this long after they became noncurrent, in whole days (versioned buckets
   * only).
   * @default - noncurrent versions are kept (always undefined for unversioned buckets)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * Name of the Secret the binder generates access keys into (`access-key-id`, `secret-access-key`) for
   * backends that use keys (`ObjectStoreBinding.generatedAccessKeys`).
   */
  readonly credentialsSecretName: string;
  /**
   * Image of the binder Job (the profile's `binderImage`: Python 3.8+, standard library). Backends may run helper
   * Jobs of their own with it (the bucket keeper of in-cluster servers).
   */
  readonly binderImage: string;
}
