/**
 * The errors of one synth, collected instead of thrown: `cdk8s-portable-data check` runs an app's construction
 * once per profile and reports every service's errors, not only the first one's. Outside `check` nothing is
 * collected and every error throws as it always does.
 *
 * The session lives on `globalThis` under a registered symbol, so that the copy of the library an app loads and the
 * copy that runs `check` share it.
 */

/** One synth error: where, what, and its stable code (`PD…`) when the library raised it. */
export interface SynthError {
  /** The construct path (or profile or file description) the message starts with. */
  readonly path: string;
  /** The whole message, as a thrown error would carry it. */
  readonly message: string;
  /** The error's code (`ERROR_CODES`), or undefined for an error the library did not raise. */
  readonly code?: string;
}

/** What a `check` run collects while one profile's construction runs. */
export interface CheckSession {
  /** The errors, in the order they happened. */
  readonly errors: SynthError[];
  /** The names of the profiles the app registered (`Profile.register`). */
  readonly registered: Set<string>;
}

const KEY = Symbol.for('cdk8s-portable-data.check-session');
const CODE = /\[(PD\d{3})\]\s*$/;

/** The session of the running `check`, if any. */
export function checkSession(): CheckSession | undefined {
  return (globalThis as { [KEY]?: CheckSession })[KEY];
}

/** Starts collecting (replacing any session). */
export function startCheckSession(): CheckSession {
  const session: CheckSession = { errors: [], registered: new Set() };
  (globalThis as { [KEY]?: CheckSession })[KEY] = session;
  return session;
}

/** Stops collecting; errors throw again. */
export function endCheckSession(): void {
  delete (globalThis as { [KEY]?: CheckSession })[KEY];
}

/** Marks an error already collected, so that whoever catches it last does not report it twice. */
const COLLECTED = Symbol.for('cdk8s-portable-data.collected');

/** An error that stops a construction whose cause is already collected. */
export function abandoned(cause: unknown): Error {
  const e = cause instanceof Error ? cause : new Error(String(cause));
  (e as { [COLLECTED]?: boolean })[COLLECTED] = true;
  return e;
}

/** Whether `e` was collected already. */
export function isCollected(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { [COLLECTED]?: boolean })[COLLECTED] === true;
}

/** The path, message and code of a thrown value (the path and code the library's errors carry, else parsed). */
export function synthErrorOf(e: unknown, fallbackPath: string = ''): SynthError {
  const message = e instanceof Error ? e.message : String(e);
  const carried = e as { path?: unknown; code?: unknown } | undefined;
  const path = typeof carried?.path === 'string' ? carried.path : /^([^\s:]+): /.exec(message)?.[1] ?? fallbackPath;
  const code = typeof carried?.code === 'string' && /^PD\d{3}$/.test(carried.code) ? carried.code : CODE.exec(message)?.[1];
  return code === undefined ? { path, message } : { path, message, code };
}

/**
 * Runs `fn`. Under `check`, an error it throws is collected and `attempt` returns false; otherwise the error
 * throws as usual.
 */
export function attempt(fn: () => void): boolean {
  const session = checkSession();
  if (session === undefined) {
    fn();
    return true;
  }
  try {
    fn();
    return true;
  } catch (e) {
    if (!isCollected(e)) session.errors.push(synthErrorOf(e));
    if (typeof e === 'object' && e !== null) (e as { [COLLECTED]?: boolean })[COLLECTED] = true;
    return false;
  }
}
