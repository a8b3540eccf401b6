/**
 * The portable Crossplane API for Redis-protocol caches: the names the `CrossplaneCacheBackend` claims and the
 * CompositeResourceDefinition and Compositions of `CrossplaneCachePlatform` share. Changing any of these breaks
 * every installed claim: treat them as a published API. Same group and version as the database API
 * (`portabledata.io/v1alpha1`), v1-style (cluster-scoped, claimable).
 */

/** Kind of the composite resource (cluster-scoped). */
export const CACHE_XR_KIND = 'XCache';
/** Plural of the composite resource. */
export const CACHE_XR_PLURAL = 'xcaches';
/** Kind of the claim (namespaced, what applications create). */
export const CACHE_CLAIM_KIND = 'Cache';
/** Plural of the claim. */
export const CACHE_CLAIM_PLURAL = 'caches';
/**
 * The keys the Compositions publish to the claim's connection Secret (`<name>-crossplane`): the TLS endpoint, the
 * AUTH password the provider generates and the PEM of the CAs that sign the server's certificate.
 */
export const CACHE_CONNECTION_SECRET_KEYS = ['host', 'port', 'password', 'ca.crt'];
/** The Valkey majors the API serves (`spec.parameters.version`): what both Compositions run (Memorystore for Redis 7.2). */
export const CACHE_VERSIONS = ['7.2'];
/** The port of both Compositions' endpoints. */
export const CACHE_PORT = 6379;
