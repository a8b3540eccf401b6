import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { GROUP_VERSION } from './api';
import { DatabaseClaimCompositionSelector, DatabaseClaimConnectionSecretRef } from './claim';
import { QUEUE_CLAIM_KIND } from './queue-api';

/**
 * The portable parameters of a `QueueClaim` (`spec.parameters`), as the XRD of `CrossplaneQueuePlatform` defines
 * them.
 */
export interface QueueClaimParameters {
  /** Cloud name of the broker: at most 50 letters, digits, `-` and `_`. */
  readonly brokerName: string;
  /** RabbitMQ minor version, e.g. `4.2`. */
  readonly version: string;
  /** Named size of each broker node: `small`, `medium` or `large`. */
  readonly instanceSize: string;
  /** Three nodes in three zones behind one endpoint. */
  readonly highAvailability: boolean;
  /** The broker's one user, the application's. */
  readonly username: string;
  /** Secret in the claim's namespace whose key `password` holds the user's password (the binder generates it). */
  readonly credentialsSecretName: string;
  /** `Retain` (orphaned on delete) or `Delete`. */
  readonly deletionPolicy: string;
}

/**
 * The spec of a `QueueClaim`.
 */
export interface QueueClaimSpec {
  /** Selects the Composition (the cloud) that serves the claim. */
  readonly compositionSelector: DatabaseClaimCompositionSelector;
  /** The portable parameters. */
  readonly parameters: QueueClaimParameters;
  /** The Secret Crossplane writes the connection detail (`endpoint`) to. */
  readonly writeConnectionSecretToRef: DatabaseClaimConnectionSecretRef;
}

/**
 * Properties of a `QueueClaim`.
 */
export interface QueueClaimProps {
  /** Metadata (`name` is required). */
  readonly metadata: ApiObjectMetadata;
  /** The spec. */
  readonly spec: QueueClaimSpec;
}

/**
 * A claim of the portable Crossplane queue API (`portabledata.io/v1alpha1` `Queue`, served by the
 * CompositeResourceDefinition and Composition of `CrossplaneQueuePlatform`). Modelled by hand: it is the library's
 * own API. `CrossplaneQueueBackend` creates one per queue.
 */
export class QueueClaim extends ApiObject {
  /** apiVersion and kind of the claim. */
  public static readonly GVK: GroupVersionKind = { apiVersion: GROUP_VERSION, kind: QUEUE_CLAIM_KIND };

  constructor(scope: Construct, id: string, props: QueueClaimProps) {
    super(scope, id, { ...QueueClaim.GVK, metadata: props.metadata, spec: props.spec });
  }
}
