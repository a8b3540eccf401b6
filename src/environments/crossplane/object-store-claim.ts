import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { GROUP_VERSION } from './api';
import { DatabaseClaimCompositionSelector, DatabaseClaimConnectionSecretRef } from './claim';
import { OBJECT_STORE_CLAIM_KIND } from './object-store-api';

/**
 * A lifecycle expiration of an `ObjectStoreClaim`.
 */
export interface ObjectStoreClaimExpiration {
  /** Whether the rule is on. */
  readonly enabled: boolean;
  /**
   * Days after which objects (or noncurrent versions) are deleted.
   * @default - none (required when enabled)
   */
  readonly days?: number;
}

/**
 * The portable parameters of an `ObjectStoreClaim` (`spec.parameters`), as the XRD of
 * `CrossplaneObjectStorePlatform` defines them.
 */
export interface ObjectStoreClaimParameters {
  /** Name of the bucket (global on AWS and GCP; immutable). */
  readonly bucketName: string;
  /** Whether objects are versioned. */
  readonly versioned: boolean;
  /** Expiration of current objects. */
  readonly expiration: ObjectStoreClaimExpiration;
  /** Expiration of noncurrent versions (only with `versioned`). */
  readonly noncurrentVersionExpiration: ObjectStoreClaimExpiration;
  /** `Retain` (orphaned on delete) or `Delete` (deleted with its objects). */
  readonly deletionPolicy: string;
  /**
   * ServiceAccounts (in the claim's namespace) of the workloads bound to the bucket, for Compositions that grant
   * them access.
   * @default - none
   */
  readonly serviceAccounts?: string[];
}

/**
 * The spec of an `ObjectStoreClaim`.
 */
export interface ObjectStoreClaimSpec {
  /** Selects the Composition (the cloud) that serves the claim. */
  readonly compositionSelector: DatabaseClaimCompositionSelector;
  /** The portable parameters. */
  readonly parameters: ObjectStoreClaimParameters;
  /** The Secret Crossplane writes the connection details (`endpoint`, `bucket`, `region`) to. */
  readonly writeConnectionSecretToRef: DatabaseClaimConnectionSecretRef;
}

/**
 * Properties of an `ObjectStoreClaim`.
 */
export interface ObjectStoreClaimProps {
  /** Metadata (`name` is required). */
  readonly metadata: ApiObjectMetadata;
  /** The spec. */
  readonly spec: ObjectStoreClaimSpec;
}

/**
 * A claim of the portable Crossplane object store API (`portabledata.io/v1alpha1` `ObjectStore`, served by the
 * CompositeResourceDefinition and Compositions of `CrossplaneObjectStorePlatform`). Modelled by hand: it is the
 * library's own API. `CrossplaneObjectStoreBackend` creates one per bucket.
 */
export class ObjectStoreClaim extends ApiObject {
  /** apiVersion and kind of the claim. */
  public static readonly GVK: GroupVersionKind = { apiVersion: GROUP_VERSION, kind: OBJECT_STORE_CLAIM_KIND };

  constructor(scope: Construct, id: string, props: ObjectStoreClaimProps) {
    super(scope, id, { ...ObjectStoreClaim.GVK, metadata: props.metadata, spec: props.spec });
  }
}
