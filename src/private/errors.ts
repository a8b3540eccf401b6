import { IConstruct } from 'constructs';

/**
 * The stable codes of synth errors, one per kind of problem; the README's error table explains each. A message ends
 * with its code in brackets, e.g. `[PD200]`.
 */
export const ERROR_CODES = {
  /** A value outside what is allowed: a prop, a profile or platform option, a `bind()` option, a value class. */
  INVALID_VALUE: 'PD100',
  /** A portable feature the profile's backend for the service does not honour (its capability says why). */
  REFUSED_BY_BACKEND: 'PD200',
  /** Profile selection: an unknown profile name, a kind the profile has no backend for, a name registered twice. */
  PROFILE: 'PD300',
  /** A profiles file: its path, YAML syntax, structure, keys and option types. */
  PROFILES_FILE: 'PD400',
  /** Two things that would clash: services of one name in a namespace, variables or mounts of one container, namespaces. */
  CONFLICT: 'PD500',
} as const;

/** One of `ERROR_CODES`. */
export type ErrorCode = typeof ERROR_CODES[keyof typeof ERROR_CODES];

/**
 * Describes one invalid input: which prop, the value given, what is allowed and how to fix it.
 */
export interface InvalidInput {
  /** The prop or option, e.g. `storage` or `backup.startTime`. */
  readonly prop: string;
  /** The value given (rendered with JSON.stringify unless already a string). */
  readonly value: unknown;
  /** What is allowed, e.g. `an integer number of GiB from 10 to 65536`. */
  readonly allowed: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * The kind of problem.
   * @default ERROR_CODES.INVALID_VALUE
   */
  readonly code?: ErrorCode;
}

function render(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Formats an invalid-input message. `where` is a construct path or a profile/file description. */
export function invalidMessage(where: string, input: InvalidInput): string {
  return `${where}: invalid ${input.prop} ${render(input.value)}: allowed: ${input.allowed}. Fix: ${input.fix} [${input.code ?? ERROR_CODES.INVALID_VALUE}]`;
}

/** Throws a synth-time error naming the construct path, the prop, the value, what is allowed and the fix. */
export function invalid(scope: IConstruct | string, input: InvalidInput): never {
  const where = typeof scope === 'string' ? scope : scope.node.path;
  // The path and code travel with the error, for `check`'s report.
  throw Object.assign(new Error(invalidMessage(where, input)), { path: where, code: input.code ?? ERROR_CODES.INVALID_VALUE });
}
