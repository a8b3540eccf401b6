/**
 * How the options of a profiles file are described: each environment writes the table of its options (in its
 * own folder) by hand from its options interface, checked against it by the compiler (see `OptionTable`) and by
 * test/profile-file.test.ts.
 *
 * When an options interface gains an option, add it to the table of its environment; when it gains an option of a
 * kind the loader cannot read yet (e.g. `Duration`), the table stops compiling until `SpecOf` and `checkValue` in
 * profile-file.ts learn it.
 */
import type { Size } from 'cdk8s';
import type { CommonProfileOptions } from './profile-options';

/** The JSON/YAML value kinds an option can have. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'size' | 'enum' | 'string-list' | 'string-map' | 'struct';

/** How one option is read. */
export interface OptionSpec {
  /** Value kind. */
  readonly kind: ValueKind;
  /** Whether the option must be given. */
  readonly required: boolean;
  /** The values of an `enum` (a TypeScript string enum: its values, e.g. `stable`, not its member names). */
  readonly values?: readonly string[];
  /** The fields of a `struct`. */
  readonly fields?: { readonly [key: string]: OptionSpec };
}

interface ScalarSpec<K extends ValueKind, R extends boolean> {
  readonly kind: K;
  readonly required: R;
}
interface EnumSpec<V, R extends boolean> {
  readonly kind: 'enum';
  readonly required: R;
  readonly values: readonly V[];
}
interface StructSpec<V, R extends boolean> {
  readonly kind: 'struct';
  readonly required: R;
  readonly fields: OptionTable<V>;
}

/** The keys of `V` whose values are functions (methods of a class). */
type MethodKeys<V> = { [K in keyof V]-?: NonNullable<V[K]> extends (...args: never[]) => unknown ? K : never }[keyof V];

/**
 * The spec an option of type `V` must have (a `Size` is read from a Kubernetes quantity such as `20Gi`). Any type the
 * loader cannot read from YAML (another class such as `Duration`, a
 * numeric enum, a list of anything but strings) maps to `never`, so the tables below stop compiling until the
 * loader learns to read it.
 */
type SpecOf<V, R extends boolean> =
  [V] extends [string] ? ([string] extends [V] ? ScalarSpec<'string', R> : EnumSpec<V, R>) :
    [V] extends [number] ? ([number] extends [V] ? ScalarSpec<'number', R> : never) :
      [V] extends [boolean] ? ScalarSpec<'boolean', R> :
        [V] extends [Size] ? ScalarSpec<'size', R> :
          [V] extends [readonly string[]] ? ScalarSpec<'string-list', R> :
            [V] extends [readonly unknown[]] ? never :
              [V] extends [{ readonly [key: string]: string }] ? (string extends keyof V ? ScalarSpec<'string-map', R> : StructSpec<V, R>) :
                [V] extends [object] ? ([MethodKeys<V>] extends [never] ? StructSpec<V, R> : never) :
                  never;

/**
 * One entry per property of an options interface (or of a struct option), with its kind and whether it is
 * required, checked by the compiler: adding an option to an interface without adding it here, or getting its kind
 * or optionality wrong, is a compile error.
 */
export type OptionTable<T> = {
  readonly [K in keyof T]-?: SpecOf<NonNullable<T[K]>, undefined extends T[K] ? false : true>;
};

export const STRING = { kind: 'string', required: false } as const;
export const REQUIRED_STRING = { kind: 'string', required: true } as const;
export const NUMBER = { kind: 'number', required: false } as const;
export const REQUIRED_NUMBER = { kind: 'number', required: true } as const;
export const BOOLEAN = { kind: 'boolean', required: false } as const;
export const SIZE = { kind: 'size', required: false } as const;
export const REQUIRED_STRING_LIST = { kind: 'string-list', required: true } as const;
export const STRING_LIST = { kind: 'string-list', required: false } as const;
export const STRING_MAP = { kind: 'string-map', required: false } as const;
export const REQUIRED_STRING_MAP = { kind: 'string-map', required: true } as const;

/** An optional option of a TypeScript string enum. */
export function optionalEnum<E extends string>(enumObject: { readonly [member: string]: E }): EnumSpec<E, false> {
  return { kind: 'enum', required: false, values: Object.values(enumObject) };
}

/** Options every type takes; they may be given next to `type` or under `options`. */
export const COMMON_OPTIONS: OptionTable<CommonProfileOptions> = {
  name: STRING,
  labels: STRING_MAP,
  binderImage: STRING,
  binderRepair: BOOLEAN,
  binderAdmissionPolicy: BOOLEAN,
  upgradeGuard: BOOLEAN,
};
