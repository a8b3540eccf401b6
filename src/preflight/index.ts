// The one list of environments registers each environment's preflight.
import '../environments';
import type { EnvironmentPreflight } from './environment-preflight';
import { Finding } from './findings';
import { readManifestDir } from './manifests';
import { environments } from '../core/environment';

export { formatFindings } from './findings';
export type { Finding, Severity } from './findings';
export type { EnvironmentPreflight, PreflightFlag } from './environment-preflight';

/** The `--profile` that checks every environment. */
export const ALL_PROFILES = 'all';

/** An environment that has a preflight. */
export interface PreflightEnvironment {
  /** Its `type`: the `--profile` that checks only its objects. */
  readonly type: string;
  /** Its preflight. */
  readonly preflight: EnvironmentPreflight;
}

/** Options of `runPreflight`. */
export interface PreflightOptions {
  /** Directory of synthesized manifests (YAML). */
  readonly dir: string;
  /**
   * Which environment's objects to check: the `type` of an environment that has a preflight, or `all`.
   * @default 'all'
   */
  readonly profile?: string;
  /**
   * The options of each environment's preflight, keyed by the environment's `type` (its command-line options, and
   * injected API sources in tests).
   * @default - none
   */
  readonly environments?: { readonly [type: string]: object | undefined };
}

/** The environments that have a preflight, in the order of the list of environments. */
export function preflightEnvironments(): PreflightEnvironment[] {
  return environments().flatMap(({ type, preflight }) => (preflight ? [{ type, preflight }] : []));
}

/** `a`, `a or b`, `a, b or c`. */
export function joinList(values: readonly string[], word: 'and' | 'or'): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} ${word} ${values[values.length - 1]}`;
}

/**
 * The opt-in live preflight: reads the synthesized manifests and runs the preflight of every environment (or of
 * the one `profile` names) on its objects, with the same SDK code as the catalog refresh. An environment's SDKs
 * are loaded only when there is something to check for it. Throws (never returns an empty "ok") when the folder is
 * missing or holds no manifest, when there is no object to check for the profile, and when a check cannot run
 * (SDK missing, no or refused credentials).
 */
export async function runPreflight(options: PreflightOptions): Promise<Finding[]> {
  const available = preflightEnvironments();
  const profile = options.profile ?? ALL_PROFILES;
  const chosen = profile === ALL_PROFILES ? available : available.filter((e) => e.type === profile);
  if (chosen.length === 0) {
    throw new Error(`unknown --profile ${profile}: use ${joinList([...available.map((e) => e.type), ALL_PROFILES], 'or')}`);
  }
  const objects = readManifestDir(options.dir);
  const found = chosen.map((e) => ({ ...e, found: e.preflight.find(objects) }));
  if (found.every((e) => e.found.length === 0)) {
    throw new Error(`nothing to check: the manifests in ${options.dir} hold ${joinList(chosen.map((e) => `no ${e.preflight.describe}`), 'and')}; `
      + `synthesize with ${joinList(chosen.map((e) => e.preflight.profiles), 'or')} profile first (PORTABLE_PROFILE=<its name> npx cdk8s synth)`);
  }
  const findings: Finding[] = [];
  for (const e of found) {
    if (e.found.length > 0) findings.push(...await e.preflight.run(e.found, options.environments?.[e.type] ?? {}));
  }
  return findings;
}
