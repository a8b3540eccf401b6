/**
 * What every portable Crossplane API shares: its group and version, the claim's connection Secret, the label that
 * names a Composition's cloud, and the shape of an API (`PortableApi`): its composite and claim names, its
 * connection keys and its parameter table, from which the XRD's schema, the claims and the patches are generated.
 *
 * Every API is a v1-style (cluster-scoped, claimable) XRD: `apiextensions.crossplane.io/v1` with `claimNames` and
 * connection secrets. Crossplane v2 still serves these as "legacy" XRDs (scope `LegacyCluster`, the default of v1
 * XRDs), so the APIs work on Crossplane v1.14+ (composition functions, `mode: Pipeline`) and on v2.x. Changing any
 * name breaks every installed claim: treat them as a published API.
 */
import { CelRule, JsonSchema, ParameterTable, parametersSchema } from './parameters';

/** API group of the composite resources and their claims. */
export const API_GROUP = 'portabledata.io';
/** API version of the composite resources and their claims. */
export const API_VERSION = 'v1alpha1';
/** `apiVersion` of the composite resources and their claims. */
export const GROUP_VERSION = `${API_GROUP}/${API_VERSION}`;
/** Suffix of a claim's connection Secret: `<name>-crossplane`, in the claim's namespace. */
export const CONNECTION_SECRET_SUFFIX = '-crossplane';
/** Label of the Compositions that names the cloud (`aws`, `gcp`); select with `{ provider: 'aws' }`. */
export const PROVIDER_LABEL = 'provider';

/**
 * A portable Crossplane API: the XRD's names, the connection keys every Composition publishes (the contract of the
 * API), and the parameter table.
 */
export interface PortableApi<T extends ParameterTable<any> = ParameterTable<any>> {
  /** The API as messages name it: `the portable Crossplane <noun> API`. */
  readonly noun: string;
  /** Kind of the composite resource (cluster-scoped), e.g. `XDatabase`. */
  readonly xrKind: string;
  /** Plural of the composite resource, e.g. `xdatabases`. */
  readonly xrPlural: string;
  /** Kind of the claim (namespaced, what applications create), e.g. `Database`. */
  readonly claimKind: string;
  /** Plural of the claim, e.g. `databases`. */
  readonly claimPlural: string;
  /** The keys every Composition publishes to the claim's connection Secret. */
  readonly connectionSecretKeys: readonly string[];
  /** What `spec.parameters` describes, in the schema. */
  readonly description: string;
  /** The parameters (`spec.parameters`). */
  readonly parameters: T;
  /**
   * CEL rules over several parameters (`x-kubernetes-validations` of `spec.parameters`), which the Compositions rely
   * on; a function, as some are built from catalogs.
   * @default - none
   */
  readonly rules?: () => CelRule[];
}

/**
 * The OpenAPI v3 schema of an API's composite resource and claim: a required `spec.parameters`, from the table.
 */
export function definitionSchema(api: PortableApi): JsonSchema {
  return {
    type: 'object',
    required: ['spec'],
    properties: {
      spec: {
        type: 'object',
        required: ['parameters'],
        properties: { parameters: parametersSchema(api.parameters, api.description, api.rules?.() ?? []) },
      },
    },
  };
}
