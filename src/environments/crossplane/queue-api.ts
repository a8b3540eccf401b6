/**
 * The portable Crossplane API for AMQP 0-9-1 brokers: the names the `CrossplaneQueueBackend` claims and the
 * CompositeResourceDefinition and Composition of `CrossplaneQueuePlatform` share. Changing any of these breaks every
 * installed claim: treat them as a published API. Same group and version as the other portable APIs
 * (`portabledata.io/v1alpha1`), v1-style (cluster-scoped, claimable).
 */

/** Kind of the composite resource (cluster-scoped). */
export const QUEUE_XR_KIND = 'XQueue';
/** Plural of the composite resource. */
export const QUEUE_XR_PLURAL = 'xqueues';
/** Kind of the claim (namespaced, what applications create). */
export const QUEUE_CLAIM_KIND = 'Queue';
/** Plural of the claim. */
export const QUEUE_CLAIM_PLURAL = 'queues';
/**
 * The key the Composition publishes to the claim's connection Secret (`<name>-crossplane`): the broker's AMQP
 * endpoint, `amqps://<host>:5671`. The binder adds the user and the password it generated itself.
 */
export const QUEUE_CONNECTION_SECRET_KEYS = ['endpoint'];
/** The RabbitMQ minors the API serves (`spec.parameters.version`): what Amazon MQ runs. */
export const QUEUE_VERSIONS = ['4.2'];
/** Named broker sizes (`spec.parameters.instanceSize`). */
export const QUEUE_INSTANCE_SIZES = ['small', 'medium', 'large'];
