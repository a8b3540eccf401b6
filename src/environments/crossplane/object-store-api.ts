/**
 * The portable Crossplane API for object stores: the names the `CrossplaneObjectStoreBackend` claims and the
 * CompositeResourceDefinition and Compositions of `CrossplaneObjectStorePlatform` share. Changing any of these
 * breaks every installed claim: treat them as a published API. Same group and version as the database API
 * (`portabledata.io/v1alpha1`), v1-style (cluster-scoped, claimable).
 */

/** Kind of the composite resource (cluster-scoped). */
export const OBJECT_STORE_XR_KIND = 'XObjectStore';
/** Plural of the composite resource. */
export const OBJECT_STORE_XR_PLURAL = 'xobjectstores';
/** Kind of the claim (namespaced, what applications create). */
export const OBJECT_STORE_CLAIM_KIND = 'ObjectStore';
/** Plural of the claim. */
export const OBJECT_STORE_CLAIM_PLURAL = 'objectstores';
/** The keys the Compositions publish to the claim's connection Secret (`<name>-crossplane`). */
export const OBJECT_STORE_CONNECTION_SECRET_KEYS = ['endpoint', 'bucket', 'region'];
