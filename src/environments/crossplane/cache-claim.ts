import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { GROUP_VERSION } from './api';
import { CACHE_CLAIM_KIND } from './cache-api';
import { DatabaseClaimCompositionSelector, DatabaseClaimConnectionSecretRef } from './claim';

/**
 * The portable parameters of a `CacheClaim` (`spec.parameters`), as the XRD of `CrossplaneCachePlatform` defines
 * them.
 */
export interface CacheClaimParameters {
  /** Cloud identifier of the cache (replication group ID, instance ID): a DNS label of at most 40 characters. */
  readonly identifier: string;
  /** Valkey major version, e.g. `7.2`. */
  readonly version: string;
  /** Memory for data in MiB, 256 to 307200 (AWS takes the smallest node type that holds it). */
  readonly memoryMiB: number;
  /** The same memory in whole GiB, rounded up (GCP sizes instances in GB). */
  readonly memoryGiB: number;
  /** A replica in another zone with automatic failover. */
  readonly highAvailability: boolean;
  /** Whether the data is snapshotted (AWS daily snapshots, GCP hourly RDB snapshots). */
  readonly durable: boolean;
  /** The server's `maxmemory-policy`, e.g. `allkeys-lru`. */
  readonly evictionPolicy: string;
  /** `Retain` (orphaned on delete) or `Delete`. */
  readonly deletionPolicy: string;
}

/**
 * The spec of a `CacheClaim`.
 */
export interface CacheClaimSpec {
  /** Selects the Composition (the cloud) that serves the claim. */
  readonly compositionSelector: DatabaseClaimCompositionSelector;
  /** The portable parameters. */
  readonly parameters: CacheClaimParameters;
  /** The Secret Crossplane writes the connection details (`host`, `port`, `password`, `ca.crt`) to. */
  readonly writeConnectionSecretToRef: DatabaseClaimConnectionSecretRef;
}

/**
 * Properties of a `CacheClaim`.
 */
export interface CacheClaimProps {
  /** Metadata (`name` is required). */
  readonly metadata: ApiObjectMetadata;
  /** The spec. */
  readonly spec: CacheClaimSpec;
}

/**
 * A claim of the portable Crossplane cache API (`portabledata.io/v1alpha1` `Cache`, served by the
 * CompositeResourceDefinition and Compositions of `CrossplaneCachePlatform`). Modelled by hand: it is the library's
 * own API. `CrossplaneCacheBackend` creates one per cache.
 */
export class CacheClaim extends ApiObject {
  /** apiVersion and kind of the claim. */
  public static readonly GVK: GroupVersionKind = { apiVersion: GROUP_VERSION, kind: CACHE_CLAIM_KIND };

  constructor(scope: Construct, id: string, props: CacheClaimProps) {
    super(scope, id, { ...CacheClaim.GVK, metadata: props.metadata, spec: props.spec });
  }
}
