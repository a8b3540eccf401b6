#!/usr/bin/env node
/**
 * The `cdk8s-portable-data` command line:
 *
 * - `check --app <folder> [--profile <name>...] [--output <folder>] [--format text|json]`: synthesizes the app under
 *   every profile it registers (or the ones named) in one process and reports every error of every profile;
 * - `plan [--dir dist | --app <folder> --profile <name>...] [--format table|json|markdown]`: what each profile
 *   deploys per service, what to install first and what the binder fills in at deploy time (no cluster, no cloud);
 * - `preflight [--profile <environment>|all] [--dir dist] [each environment's options]`: checks the synthesized
 *   databases against the live cloud accounts before an apply, with the preflight of every environment that has
 *   one. Opt-in: needs the environments' SDKs installed next to it and the caller's credentials (loaded only inside
 *   the command).
 */
// The one list of environments: plan and preflight know every environment's objects.
import '../environments';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { Command, CommanderError, Option } from 'commander';
import { ProfileRun, synthProfiles, SynthProgress } from './check';
import { CHECK_FORMATS, CheckFormat, formatCheck, profileLabel } from './check-format';
import { checkoutRef } from './git-ref';
import { planObjects, ProfilePlan } from './plan';
import { diffObjects, EXIT_BLOCKING } from './plan-diff';
import { formatPlanDiff, runPlanDiff } from './plan-diff-format';
import { formatPlan, PLAN_FORMATS, PlanFormat } from './plan-format';
import { KubeObject } from './prerequisites';
import { checkAppDir, SynthRunner } from './synth';
import { defaultEnvironment } from '../core/environment';
import { ALL_PROFILES, formatFindings, joinList, PreflightOptions, preflightEnvironments, runPreflight } from '../preflight';
import { readManifestDir, readManifests } from '../preflight/manifests';

/** Where the command writes. */
export interface CliIo {
  /** Standard output. */
  readonly out: (line: string) => void;
  /** Standard error. */
  readonly err: (line: string) => void;
}

/** Replaceable parts, for tests: the cloud sources of the preflight and the synth of `plan --app`. */
export interface CliOverrides {
  /**
   * Options of each environment's preflight, keyed by the environment's `type` (e.g. an injected API source); they
   * win over the command-line options.
   * @default - none
   */
  readonly preflight?: PreflightOptions['environments'];
  /**
   * Synthesizes one profile in its own process (`check` and `plan --app`).
   * @default - every profile in one process when the app's command runs in Node.js, else `npx cdk8s synth` per profile
   */
  readonly synth?: SynthRunner;
}

/** Exit codes. */
export const EXIT = {
  /** Done; nothing wrong. */
  OK: 0,
  /** `preflight`: the apply would fail; `plan`, `check`: the app does not synthesize (under some profile). */
  FAILED: 1,
  /** Usage errors, and checks that could not run (no manifests, SDK or credentials missing). */
  USAGE: 2,
} as const;

/** An error the command reports on stderr, with its exit code. */
class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

const NAME = 'cdk8s-portable-data';

function packageVersion(): string {
  // src/cli/main.ts and lib/cli/main.js are both two folders below package.json.
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Progress lines on stderr: `<command>: <profile> (i/n)…` and what came of it. */
function progressOn(io: CliIo, command: string): SynthProgress {
  return {
    start: (profile, index, total) => io.err(`${command}: synthesizing ${profile ?? '(PORTABLE_PROFILE as set)'} (${index + 1}/${total ?? '?'})`),
    done: (run) => io.err(`${command}: ${profileLabel(run)}: ${run.errors.length === 0 ? 'ok' : `${run.errors.length} error(s)`} in ${run.seconds.toFixed(1)} s`),
  };
}

/** Synthesizes the app under each profile (`check` and `plan --app`) into a fresh folder, then `use`s the runs. */
async function withRuns<T>(app: string, profiles: Array<string | undefined> | undefined, io: CliIo, command: string, synth: SynthRunner | undefined,
  use: (runs: ProfileRun[]) => T): Promise<T> {
  checkAppDir(app);
  const outRoot = mkdtempSync(join(tmpdir(), `cdk8s-portable-data-${command}-`));
  try {
    const runs = await synthProfiles({
      appDir: resolve(app), profiles, defaultProfile: defaultEnvironment().type, outRoot, progress: progressOn(io, command), synth,
    });
    return use(runs);
  } finally {
    rmSync(outRoot, { recursive: true, force: true });
  }
}

async function plans(options: { dir: string; app?: string; profile?: string[] }, io: CliIo, synth: SynthRunner | undefined): Promise<ProfilePlan[]> {
  if (options.app === undefined) {
    return [planObjects(readManifestDir(options.dir).map((m) => m.object), options.dir)];
  }
  const app = options.app;
  return withRuns(app, options.profile ?? [undefined], io, 'plan', synth, (runs) => {
    const failed = runs.filter((r) => r.errors.length > 0);
    if (failed.length > 0) {
      throw new CliError(failed.flatMap((r) => r.errors.map((e) => `plan: ${r.profile === undefined ? '' : `${r.profile}: `}${e.message}`)).join('\n'), EXIT.FAILED);
    }
    return runs.map((run) => {
      const objects = readManifests(run.outdir!).map((m) => m.object);
      if (objects.length === 0) throw new CliError(`plan: npx cdk8s synth in ${app}${run.profile === undefined ? '' : ` with PORTABLE_PROFILE=${run.profile}`} wrote no manifest`, EXIT.USAGE);
      return planObjects(objects, app, run.profile ?? (process.env.PORTABLE_PROFILE || undefined));
    });
  });
}

/** The objects the app in `app` synthesizes under `profile` (the environment as is when undefined). */
async function synthObjects(app: string, profile: string | undefined, io: CliIo, synth: SynthRunner | undefined,
  label: string): Promise<KubeObject[]> {
  return withRuns(app, [profile], io, 'plan', synth, ([run]) => {
    if (run.errors.length > 0) throw new CliError(run.errors.map((e) => `plan --diff-ref: ${label}: ${e.message}`).join('\n'), EXIT.FAILED);
    const objects = readManifests(run.outdir!).map((m) => m.object);
    if (objects.length === 0) throw new CliError(`plan --diff-ref: ${label}: npx cdk8s synth in ${app} wrote no manifest`, EXIT.USAGE);
    return objects;
  });
}

/**
 * `plan --diff-ref REF`: synthesizes the app at the commit `ref` names (a temporary worktree, with the working tree's
 * node_modules) and in the working tree, and diffs the two.
 */
async function planDiffRef(options: { app?: string; profile?: string[]; diffRef: string; format: PlanFormat }, io: CliIo,
  synth: SynthRunner | undefined): Promise<{ output: string; code: number }> {
  const app = options.app ?? '.';
  if ((options.profile ?? []).length > 1) {
    throw new CliError('plan --diff-ref: give at most one --profile: the diff compares one synth output with another', EXIT.USAGE);
  }
  const profile = options.profile?.[0];
  try {
    checkAppDir(app);
  } catch (e) {
    throw new CliError(`plan --diff-ref: ${message(e)}`, EXIT.USAGE);
  }
  let checkout;
  try {
    checkout = await checkoutRef(resolve(app), options.diffRef);
  } catch (e) {
    throw new CliError(`plan --diff-ref: ${message(e)}`, EXIT.USAGE);
  }
  try {
    const refLabel = `${options.diffRef} (${checkout.commit.slice(0, 12)})`;
    io.err(`plan --diff-ref: synthesizing ${app} at ${refLabel}${checkout.linkedNodeModules.length > 0 ? ` with the working tree's ${checkout.linkedNodeModules.join(', ')}` : ''}`);
    const oldObjects = await synthObjects(checkout.appDir, profile, io, synth, `at ${refLabel}`);
    io.err(`plan --diff-ref: synthesizing ${app} in the working tree`);
    const newObjects = await synthObjects(app, profile, io, synth, 'the working tree');
    const d = diffObjects(oldObjects, newObjects, `${app} at ${refLabel}`, `${app} (working tree)`);
    return { output: formatPlanDiff(d, options.format), code: d.blocking ? EXIT_BLOCKING : EXIT.OK };
  } catch (e) {
    throw e instanceof CliError ? e : new CliError(`plan --diff-ref: ${message(e)}`, EXIT.USAGE);
  } finally {
    await checkout.remove();
  }
}

/** Copies each profile's manifests to `<output>/<profile>`, as `PORTABLE_PROFILE=<profile> npx cdk8s synth --output <output>/<profile>` writes them. */
function writeRuns(output: string, runs: readonly ProfileRun[]): { [index: number]: string } {
  const written: { [index: number]: string } = {};
  for (const [i, run] of runs.entries()) {
    const dir = join(output, run.profile ?? 'default');
    // A profile with errors leaves no folder behind, not even an older one that would look valid.
    rmSync(dir, { recursive: true, force: true });
    if (run.outdir === undefined) continue;
    cpSync(run.outdir, dir, { recursive: true });
    written[i] = dir;
  }
  return written;
}

/**
 * The command-line program. It never exits the process: errors throw (`exitOverride`) and the preflight's exit
 * code is written to `result.code`.
 */
export function createProgram(io: CliIo, overrides: CliOverrides = {}, result: { code: number } = { code: EXIT.OK }): Command {
  const line = (write: (l: string) => void) => (s: string) => write(s.replace(/\n$/, ''));
  const program = new Command(NAME)
    .description('Plans and checks the manifests that cdk8s-portable-data synthesizes.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .helpCommand('help [command]', 'print the help of a command')
    .configureOutput({ writeOut: line(io.out), writeErr: line(io.err) })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .addHelpText('after', `
Exit codes: 0 done; 1 the apply would fail (preflight) or the app does not synthesize (plan, check);
2 usage errors, and checks that could not run (no manifests, an SDK or credentials missing).`);

  program.command('plan')
    .description('print, per profile and per service, the backend, the objects, what to install first and what the binder fills in at deploy time')
    .addOption(new Option('--dir <folder>', 'a synth output folder to read').default('dist'))
    .addOption(new Option('--app <folder>', 'a cdk8s app folder to synthesize (npx cdk8s synth) once per --profile').conflicts('dir'))
    .addOption(new Option('--profile <name>', 'with --app: a PORTABLE_PROFILE to synthesize (repeatable; default: the environment as is)').argParser(collect))
    .addOption(new Option('--diff <folder>', `the synth output deployed now: print what applying --dir over it does per service (exit ${EXIT_BLOCKING} if a change loses data or will be refused)`).conflicts(['app', 'profile']))
    .addOption(new Option('--diff-ref <git ref>', `a commit of the app's git repository: synthesize --app (default: .) there and in the working tree, and print what applying the working tree's output over the ref's does (exit ${EXIT_BLOCKING} as --diff)`).conflicts(['diff', 'dir']))
    .addOption(new Option('--format <format>', 'table (for people), json (for CI) or markdown (for a pull request)').choices(PLAN_FORMATS).default('table'))
    .addHelpText('after', `
Examples:
  $ ${NAME} plan --dir dist
  $ ${NAME} plan --app . --profile aws --profile gcp --format markdown
  $ ${NAME} plan --diff deployed/ --dir dist --format markdown
  $ ${NAME} plan --diff-ref origin/main --app . --profile aws --format markdown`)
    .action(async (options: { dir: string; app?: string; profile?: string[]; diff?: string; diffRef?: string; format: PlanFormat },
      command: Command) => {
      if (options.diffRef !== undefined) {
        const diff = await planDiffRef({ ...options, diffRef: options.diffRef }, io, overrides.synth);
        io.out(diff.output);
        result.code = diff.code;
        return;
      }
      if (options.diff !== undefined) {
        try {
          const diff = runPlanDiff(options.diff, options.dir, options.format);
          io.out(diff.output);
          result.code = diff.code;
        } catch (e) {
          throw new CliError(`plan --diff: ${message(e)}`, EXIT.USAGE);
        }
        return;
      }
      if (options.profile !== undefined && options.app === undefined) {
        command.error("error: option '--profile <name>' needs --app <folder>: a folder read with --dir is already synthesized", { exitCode: EXIT.USAGE, code: 'plan.profileWithoutApp' });
      }
      let planned: ProfilePlan[];
      try {
        planned = await plans(options, io, overrides.synth);
      } catch (e) {
        throw e instanceof CliError ? e : new CliError(`plan: ${message(e)}`, EXIT.USAGE);
      }
      io.out(formatPlan(planned, options.format));
    });

  program.command('check')
    .description('synthesize the app under every profile it registers (or each --profile) in one process and report every error of every profile')
    .requiredOption('--app <folder>', 'the cdk8s app folder (with cdk8s.yaml)')
    .addOption(new Option('--profile <name>', 'a profile to check (repeatable; default: every profile the app registers, and in-cluster)').argParser(collect))
    .addOption(new Option('--output <folder>', 'write each profile\'s manifests to <folder>/<profile> (profiles with errors: none)'))
    .addOption(new Option('--format <format>', 'text (for people) or json (for CI)').choices(CHECK_FORMATS).default('text'))
    .addHelpText('after', `
Progress goes to stderr, the report to stdout; exit code 1 when any profile has an error.

Examples:
  $ ${NAME} check --app .
  $ ${NAME} check --app . --profile aws --profile gcp --output dist --format json`)
    .action(async (options: { app: string; profile?: string[]; output?: string; format: CheckFormat }) => {
      let report: { text: string; errors: number };
      try {
        report = await withRuns(options.app, options.profile, io, 'check', overrides.synth, (runs) => {
          const written = options.output === undefined ? {} : writeRuns(options.output, runs);
          return { text: formatCheck(options.app, runs, options.format, written), errors: runs.reduce((n, r) => n + r.errors.length, 0) };
        });
      } catch (e) {
        throw new CliError(`check: ${message(e)}`, EXIT.USAGE);
      }
      io.out(report.text);
      result.code = report.errors > 0 ? EXIT.FAILED : EXIT.OK;
    });

  const checkable = preflightEnvironments();
  // Each environment's options; one option for environments that declare the same flags.
  const flags = new Map<string, { option: Option; types: string[] }>();
  for (const { type, preflight: p } of checkable) {
    for (const flag of p.flags ?? []) {
      const known = flags.get(flag.flags);
      if (known) known.types.push(type);
      flags.set(flag.flags, {
        option: new Option(flag.flags, known ? `${known.option.description}; ${flag.description}` : flag.description),
        types: known?.types ?? [type],
      });
    }
  }
  const first = checkable[0]?.type ?? ALL_PROFILES;
  const preflight = program.command('preflight')
    .description(`check the synthesized ${joinList(checkable.map((e) => e.preflight.api), 'and')} databases against the live accounts (needs the cloud SDKs and credentials)`)
    .addOption(new Option('--profile <provider>', 'which databases to check').choices([...checkable.map((e) => e.type), ALL_PROFILES]).default(ALL_PROFILES))
    .addOption(new Option('--dir <folder>', 'the synth output folder').default('dist'));
  for (const { option } of flags.values()) preflight.addOption(option);
  const sdks = checkable.flatMap((e) => e.preflight.sdks);
  preflight
    .addHelpText('after', `
Needs ${checkable.map((e) => `${e.preflight.sdks.join(' ')} (${e.type})`).join(' and/or ')}: npm install --save-dev ${sdks.join(' ')}

Example:
  $ PORTABLE_PROFILE=${first} npx cdk8s synth && ${NAME} preflight --profile ${first} --dir dist`)
    .action(async (options: { profile: string; dir: string; [flag: string]: string | undefined }) => {
      const environments: { [type: string]: object } = {};
      for (const { type } of checkable) {
        const own = [...flags.values()].filter((f) => f.types.includes(type))
          .map(({ option }) => [option.attributeName(), options[option.attributeName()]]);
        environments[type] = { ...Object.fromEntries(own), ...overrides.preflight?.[type] };
      }
      let findings;
      try {
        findings = await runPreflight({
          dir: options.dir,
          profile: options.profile,
          environments,
        });
      } catch (e) {
        throw new CliError(`preflight: ${message(e)}`, EXIT.USAGE);
      }
      io.out(formatFindings(findings));
      const errors = findings.filter((f) => f.severity === 'error').length;
      const checked = new Set(findings.map((f) => f.resource)).size;
      io.out(errors > 0 ? `preflight: ${errors} error(s): the apply would fail` : `preflight: ok: ${checked} database(s) checked in ${options.dir}`);
      result.code = errors > 0 ? EXIT.FAILED : EXIT.OK;
    });

  return program;
}

/** Runs the command line (arguments without `node` and the script); resolves to the exit code (`EXIT`). */
export async function main(argv: string[], io: CliIo = { out: console.log, err: console.error }, overrides: CliOverrides = {}): Promise<number> {
  const result = { code: EXIT.OK as number };
  try {
    await createProgram(io, overrides, result).parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (e) {
    // Commander has printed its own message (help and version exit 0; every usage error is 2).
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    if (e instanceof CliError) {
      io.err(e.message);
      return e.exitCode;
    }
    io.err(`${NAME}: ${message(e)}`);
    return EXIT.USAGE;
  }
}

if (require.main === module) {
  // An SDK can leave a rejected promise behind after its error was reported (google-gax on a bad key file): never
  // let it crash the run with another code, and never let one pass as a success.
  let stray: unknown;
  process.on('unhandledRejection', (e) => {
    stray ??= e;
  });
  main(process.argv.slice(2)).then((code) => {
    if (code === EXIT.OK && stray !== undefined) {
      console.error(`${NAME}: ${message(stray)}`);
      code = EXIT.USAGE;
    }
    process.exit(code);
  }, (e) => {
    console.error(e);
    process.exit(EXIT.USAGE);
  });
}
