/**
 * Builders for the input of function-patch-and-transform (`pt.fn.crossplane.io/v1beta1` `Resources`), the
 * composition function the Compositions run (crossplane-contrib/function-patch-and-transform,
 * `input/v1beta1`). Internal: plain JSON, as the function input is an embedded object in the Composition.
 */

/** apiVersion of the function's input. */
export const PT_INPUT_API_VERSION = 'pt.fn.crossplane.io/v1beta1';

/** A transform of a patch value. */
export type Transform = Record<string, unknown>;
/** A patch from the composite resource to a composed resource. */
export type Patch = Record<string, unknown>;
/** A connection detail published from a composed resource. */
export type ConnectionDetail = Record<string, unknown>;

/** A composed resource template. */
export interface ComposedTemplate {
  /** Unique name of the template within the Composition (stable: renaming replaces the resource). */
  readonly name: string;
  /** The composed resource before patches. */
  readonly base: Record<string, unknown>;
  /** Patches from the composite resource. */
  readonly patches: Patch[];
  /** Connection details published to the composite resource. */
  readonly connectionDetails?: ConnectionDetail[];
}

/** `FromCompositeFieldPath`: copies (and transforms) a field of the composite resource. */
export function fromComposite(from: string, to: string, transforms: Transform[] = [], required = false): Patch {
  return {
    type: 'FromCompositeFieldPath',
    fromFieldPath: from,
    toFieldPath: to,
    ...(transforms.length > 0 ? { transforms } : {}),
    ...(required ? { policy: { fromFieldPath: 'Required' } } : {}),
  };
}

/** `CombineFromComposite` with the `string` strategy (Go `fmt` format). Skipped while a variable is missing. */
export function combine(from: string[], fmt: string, to: string, transforms: Transform[] = []): Patch {
  return {
    type: 'CombineFromComposite',
    combine: {
      variables: from.map((f) => ({ fromFieldPath: f })),
      strategy: 'string',
      string: { fmt },
    },
    toFieldPath: to,
    ...(transforms.length > 0 ? { transforms } : {}),
  };
}

/** `map` transform: the input (a string) must be a key; a missing key fails the composition. */
export function mapTransform(pairs: Record<string, unknown>): Transform {
  return { type: 'map', map: { ...pairs } };
}

/** `convert` transform, e.g. a boolean to `string` before a `map`. */
export function convertTransform(toType: string): Transform {
  return { type: 'convert', convert: { toType } };
}

/** A boolean to either of two values: `convert` to `string`, then `map` `true` / `false`. */
export function booleanTransforms(whenTrue: unknown, whenFalse: unknown): Transform[] {
  return [convertTransform('string'), mapTransform({ true: whenTrue, false: whenFalse })];
}

/** `string` transform with a Go `fmt` format. */
export function formatTransform(fmt: string): Transform {
  return { type: 'string', string: { type: 'Format', fmt } };
}

/** `math` transform that caps a number. */
export function clampMaxTransform(max: number): Transform {
  return { type: 'math', math: { type: 'ClampMax', clampMax: max } };
}

/** A connection detail read from a field of the composed resource. */
export function fromFieldPath(name: string, path: string): ConnectionDetail {
  return { name, type: 'FromFieldPath', fromFieldPath: path };
}

/** A connection detail read from a key of the composed resource's connection Secret. */
export function fromConnectionSecretKey(name: string, key: string): ConnectionDetail {
  return { name, type: 'FromConnectionSecretKey', fromConnectionSecretKey: key };
}

/** `match` transform: the first regular expression (RE2, on the input string) that matches gives the result. */
export function matchRegexpTransform(patterns: [string, unknown][], fallbackValue: unknown): Transform {
  return {
    type: 'match',
    match: { patterns: patterns.map(([regexp, result]) => ({ type: 'regexp', regexp, result })), fallbackTo: 'Value', fallbackValue },
  };
}

/** A fixed connection detail. */
export function fromValue(name: string, value: string): ConnectionDetail {
  return { name, type: 'FromValue', value };
}

/** Patch target of the `crossplane.io/external-name` annotation (the cloud name of most upjet resources). */
export const EXTERNAL_NAME = 'metadata.annotations[crossplane.io/external-name]';

/**
 * The patches that write a composed resource's connection Secret `<composite uid>-<suffix>`, in the namespace of the
 * composite's (both required: the resource is not composed without them).
 */
export function connectionSecretPatches(suffix: string): Patch[] {
  return [
    fromComposite('metadata.uid', 'spec.writeConnectionSecretToRef.name', [formatTransform(`%s-${suffix}`)], true),
    fromComposite('spec.writeConnectionSecretToRef.namespace', 'spec.writeConnectionSecretToRef.namespace', [], true),
  ];
}

/** The function input: `Resources` with the templates. */
export function resourcesInput(resources: ComposedTemplate[]): Record<string, unknown> {
  return { apiVersion: PT_INPUT_API_VERSION, kind: 'Resources', resources };
}
