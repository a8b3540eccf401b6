import { IConstruct } from 'constructs';

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
  return `${where}: invalid ${input.prop} ${render(input.value)}: allowed: ${input.allowed}. Fix: ${input.fix}`;
}

/** Throws a synth-time error naming the construct path, the prop, the value, what is allowed and the fix. */
export function invalid(scope: IConstruct | string, input: InvalidInput): never {
  const where = typeof scope === 'string' ? scope : scope.node.path;
  throw new Error(invalidMessage(where, input));
}
