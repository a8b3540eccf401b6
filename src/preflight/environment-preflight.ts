import type { Finding } from './findings';
import type { ManifestObject } from './manifests';

/** A command-line option of an environment's preflight, e.g. the region of the objects that name none. */
export interface PreflightFlag {
  /**
   * The option as the command line takes it, e.g. `--region <region>`. Its value reaches `run` under the option's
   * camel-cased name (`--region` as `region`).
   */
  readonly flags: string;
  /** Its help. */
  readonly description: string;
}

/**
 * The opt-in live check of an environment: finds the objects it checks among the synthesized manifests and checks
 * them against the live account. The `preflight` command runs the check of every environment that has one; an
 * environment without one is never checked. The cloud SDKs load inside `run`, never before (the synth path loads
 * every environment).
 */
export interface EnvironmentPreflight<Found = unknown, Options = object> {
  /** The objects it checks, e.g. `ACK DBInstance` (the run fails with "the manifests hold no ACK DBInstance"). */
  readonly describe: string;
  /** The profiles that synthesize them, with the article, e.g. `an AWS` ("synthesize with an AWS profile first"). */
  readonly profiles: string;
  /** The live API checked, e.g. `RDS` ("check the synthesized RDS databases"). */
  readonly api: string;
  /** The SDK packages `run` needs, e.g. `@aws-sdk/client-rds` (dev dependencies of the app, never of the library). */
  readonly sdks: readonly string[];
  /**
   * Its command-line options.
   * @default - none
   */
  readonly flags?: readonly PreflightFlag[];
  /** The objects to check among the manifests (none: nothing to check for this environment). */
  find(objects: ManifestObject[]): Found[];
  /**
   * Checks the objects found against the live account. Throws when the check cannot run (an SDK missing, no or
   * refused credentials); every problem of an object is a finding.
   */
  run(found: Found[], options: Options): Promise<Finding[]>;
}
