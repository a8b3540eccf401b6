/**
 * The portable Crossplane API for relational databases: the names both sides share, the claims the
 * `CrossplaneDatabaseBackend` writes and the CompositeResourceDefinition + Compositions `CrossplanePlatform`
 * installs. Changing any of these breaks every installed claim: treat them as a published API.
 *
 * A v1-style (cluster-scoped, claimable) XRD: `apiextensions.crossplane.io/v1` with `claimNames` and connection
 * secrets. Crossplane v2 still serves these as "legacy" XRDs (scope `LegacyCluster`, the default of v1 XRDs), so
 * the API works on Crossplane v1.14+ (composition functions, `mode: Pipeline`) and on v2.x.
 */

import { engineCatalog } from '../../services/database/catalog';
import { DatabaseEngine } from '../../services/database/engine';

/** API group of the composite resource and its claim. */
export const API_GROUP = 'portabledata.io';
/** API version of the composite resource and its claim. */
export const API_VERSION = 'v1alpha1';
/** `apiVersion` of the composite resource and its claim. */
export const GROUP_VERSION = `${API_GROUP}/${API_VERSION}`;
/** Kind of the composite resource (cluster-scoped). */
export const XR_KIND = 'XDatabase';
/** Plural of the composite resource. */
export const XR_PLURAL = 'xdatabases';
/** Kind of the claim (namespaced, what applications create). */
export const CLAIM_KIND = 'Database';
/** Plural of the claim. */
export const CLAIM_PLURAL = 'databases';

/**
 * The keys the Compositions publish to the claim's connection Secret. The binder Job adds `username`,
 * `password`, `database` and `uri` itself (the credentials never leave the application's namespace).
 */
export const CONNECTION_SECRET_KEYS = ['host', 'port'];
/** Suffix of the claim's connection Secret: `<name>-crossplane`, in the claim's namespace. */
export const CONNECTION_SECRET_SUFFIX = '-crossplane';

/** Label of the Compositions that names the cloud (`aws`, `gcp`); select with `{ provider: 'aws' }`. */
export const PROVIDER_LABEL = 'provider';

/** Engines the API offers (`spec.parameters.engine`): `DatabaseEngine` names. */
export const ENGINES = ['mysql', 'postgresql'];

/** The port of each engine of the API. */
export const ENGINE_PORTS: { [engine: string]: number } = Object.fromEntries(
  [DatabaseEngine.MYSQL, DatabaseEngine.POSTGRESQL].map((e) => [e.name, e.port]),
);

/** The majors the API and the Compositions map, by engine: the engines' catalogs. */
export function majorsByEngine(): { [engine: string]: string[] } {
  return Object.fromEntries(ENGINES.map((engine) => [engine, Object.keys(engineCatalog(engine))]));
}
/** Named instance sizes (`spec.parameters.instanceSize`); `custom` takes `cpu` and `memoryMiB`. */
export const INSTANCE_SIZES = ['small', 'medium', 'large', 'custom'];
/** Values of `spec.parameters.deletionPolicy`. */
export const DELETION_POLICIES = ['Retain', 'Delete'];
