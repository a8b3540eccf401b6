/**
 * The parameter table of a portable Crossplane API: one row per `spec.parameters` field, with its schema, whether a
 * claim may leave it out, and how the backend reads it from what it binds. The one table generates the three uses
 * of the API, so they cannot drift apart:
 *
 * - the XRD's schema of `spec.parameters` (`parametersSchema`: the properties in table order, `required` = the rows
 *   not marked `optional`);
 * - the claim's `spec.parameters` (`claimParameters`: every row read, in table order);
 * - the Composition patches (`fromParameter`, `combineParameters`): a patch names a row (or a field of an object
 *   row) of its table, which the compiler checks, and the schema confirms when the Composition is built.
 */
import { Patch, Transform, combine, fromComposite, mapTransform } from './patch-and-transform';
import { DeletionPolicy } from '../../core/policies';

/** A JSON schema (OpenAPI v3, as the XRD takes it). */
export type JsonSchema = { readonly [key: string]: unknown };

/** A CEL rule of the XRD (`x-kubernetes-validations`). */
export interface CelRule {
  readonly rule: string;
  readonly message: string;
}

/**
 * One parameter of a portable API (`spec.parameters.<name>`).
 *
 * @typeParam I what the backend reads the parameters from (the kind's spec and what the backend derived from it)
 * @typeParam V the parameter's value in the claim
 */
export interface Parameter<I, V> {
  /** Its schema in the XRD, without the description. */
  readonly schema: JsonSchema;
  /**
   * What it means, in the XRD's schema.
   * @default - none
   */
  readonly description?: string;
  /**
   * Whether a claim may leave it out (not in the schema's `required`; `read` may give `undefined`).
   * @default false
   */
  readonly optional?: boolean;
  /** How the backend reads it. */
  readonly read: (input: I) => V;
}

/** A portable API's parameters, by name, in the order of the schema and the claim. */
export type ParameterTable<I> = { readonly [name: string]: Parameter<I, any> };

/** A parameter table with its input type fixed and its rows inferred (`parameterTable<CacheClaimInput>()({ … })`). */
export function parameterTable<I>(): <T extends ParameterTable<I>>(table: T) => T {
  return (table) => table;
}

/** The value of a parameter in the claim. */
export type ValueOf<P> = P extends Parameter<any, infer V> ? V : never;

/** The claim's `spec.parameters` of a table. */
export type ClaimParameters<T> = { readonly [K in keyof T]: ValueOf<T[K]> };

/** The fields of an object-valued parameter (none for scalars and lists). */
type FieldsOf<V> = NonNullable<V> extends readonly unknown[] ? never
  : NonNullable<V> extends object ? Extract<keyof NonNullable<V>, string> : never;

/**
 * What a patch may read of a table: a parameter (`memoryMiB`), or a field of an object-valued one
 * (`backup.startTime`). Anything else does not compile.
 */
export type ParameterPath<T> = { [K in Extract<keyof T, string>]: K | `${K}.${FieldsOf<ValueOf<T[K]>>}` }[Extract<keyof T, string>];

/** The schema of `spec.parameters`: the table's properties in order, `required` the rows not marked optional. */
export function parametersSchema(table: ParameterTable<any>, description: string, rules: readonly CelRule[] = []): JsonSchema {
  const names = Object.keys(table);
  return {
    type: 'object',
    description,
    required: names.filter((name) => !table[name].optional),
    properties: Object.fromEntries(names.map((name) => {
      const { schema, description: about } = table[name];
      return [name, about === undefined ? { ...schema } : { ...schema, description: about }];
    })),
    ...(rules.length > 0 ? { 'x-kubernetes-validations': rules.map((r) => ({ ...r })) } : {}),
  };
}

/**
 * The claim's `spec.parameters`: every row of the table read from `input`, in order (a row's `read` may check its
 * value and fail naming the prop). A required row read as `undefined` is a bug of the table: it throws.
 */
export function claimParameters<I, T extends ParameterTable<I>>(table: T, input: I): ClaimParameters<T> {
  const parameters: { [name: string]: unknown } = {};
  for (const [name, parameter] of Object.entries(table)) {
    const value = parameter.read(input);
    if (value === undefined && !parameter.optional) {
      throw new Error(`the required parameter ${name} of a portable Crossplane API was read as undefined: mark it optional or read a value`);
    }
    parameters[name] = value;
  }
  return parameters as ClaimParameters<T>;
}

/**
 * The field path of a parameter in the composite resource, `spec.parameters.<path>`. The compiler checks the name;
 * this checks it against the table's schema too (a field of an object row must be one of its properties).
 */
export function parameterPath<T extends ParameterTable<any>>(table: T, path: ParameterPath<T>): string {
  const [name, ...fields] = path.split('.');
  const row = table[name];
  const properties = row?.schema.properties as { [field: string]: unknown } | undefined;
  if (row === undefined || fields.length > 1 || (fields.length === 1 && properties?.[fields[0]] === undefined)) {
    throw new Error(`a patch reads spec.parameters.${path}, which is not a parameter of its API (${Object.keys(table).join(', ')})`);
  }
  return `spec.parameters.${path}`;
}

/** `FromCompositeFieldPath` from a parameter of the table (`required`: the resource is not composed without it). */
export function fromParameter<T extends ParameterTable<any>>(table: T, path: ParameterPath<T>, to: string,
  transforms: Transform[] = [], required = false): Patch {
  return fromComposite(parameterPath(table, path), to, transforms, required);
}

/** `CombineFromComposite` of parameters of the table (Go `fmt` format; skipped while one is missing). */
export function combineParameters<T extends ParameterTable<any>>(table: T, paths: ParameterPath<T>[], fmt: string, to: string,
  transforms: Transform[] = []): Patch {
  return combine(paths.map((path) => parameterPath(table, path)), fmt, to, transforms);
}

/** Values of every API's `deletionPolicy` parameter. */
export const DELETION_POLICIES = ['Retain', 'Delete'];

/** The `deletionPolicy` row every API has: `Retain` or `Delete`, from the service's deletion policy. */
export function deletionPolicyParameter(description: string): Parameter<{ readonly spec: { readonly deletionPolicy: DeletionPolicy } }, string> {
  return {
    schema: { type: 'string', enum: [...DELETION_POLICIES] },
    description,
    read: ({ spec }) => (spec.deletionPolicy === DeletionPolicy.DELETE ? 'Delete' : 'Retain'),
  };
}

/** The patch of a composed resource's `spec.deletionPolicy`: `Orphan` for `Retain`, `Delete` for `Delete`. */
export function orphanOnRetain<T extends ParameterTable<any> & { readonly deletionPolicy: Parameter<any, string> }>(table: T): Patch {
  return fromParameter(table, 'deletionPolicy' as ParameterPath<T>, 'spec.deletionPolicy', [mapTransform({ Retain: 'Orphan', Delete: 'Delete' })]);
}
