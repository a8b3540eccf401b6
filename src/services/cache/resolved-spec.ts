import { CachePersistence, EvictionPolicy } from './policies';
import { CacheSnapshot } from './snapshot';
import { ValkeyVersion } from './version';
import { ServiceSpec } from '../../core/kind-module';
import { HighAvailability } from '../../core/policies';

/**
 * A Redis-protocol cache as the service asks for it: the portable declaration, validated and resolved. Cache
 * backends receive it in `bind()` and map it to their provider.
 */
export interface CacheSpec extends ServiceSpec {
  /** The Valkey version. */
  readonly version: ValkeyVersion;
  /** Memory for data, in whole MiB (the server's `maxmemory`, or the smallest managed size that holds it). */
  readonly memoryMebibytes: number;
  /** High availability. */
  readonly highAvailability: HighAvailability;
  /** Cache only, or durable. */
  readonly persistence: CachePersistence;
  /** What the server does when its memory is full. */
  readonly evictionPolicy: EvictionPolicy;
  /**
   * The snapshot the cache is created from (read only at creation).
   * @default - none: the cache starts empty
   */
  readonly restoreFrom?: CacheSnapshot;
  /** Name of the Secret the binder generates the password into (key `password`), for backends that take one. */
  readonly credentialsSecretName: string;
}
