#!/usr/bin/env node
/**
 * The `cdk8s-portable-data` command line:
 *
 * - `plan [--dir dist | --app <folder> --profile <name>...] [--format table|json|markdown]`: what each profile
 *   deploys per service, what to install first and what the binder fills in at deploy time (no cluster, no cloud);
 * - `preflight [--profile <environment>|all] [--dir dist] [each environment's options]`: checks the synthesized
 *   databases against the live cloud accounts before an apply, with the preflight of every environment that has
 *   one. Opt-in: needs the environments' SDKs installed next to it and the caller's credentials (loaded only inside
 *   the command).
 */
// The one list of environments: plan and preflight know every environment's objects.
import '../environments';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Command, CommanderError, Option } from 'commander';
import { planObjects, ProfilePlan } from './plan';
import { EXIT_BLOCKING, runPlanDiff } from './plan-diff';
import { formatPlan, PLAN_FORMATS, PlanFormat } from './plan-format';
import { cdk8sSynth, checkAppDir, SynthRunner } from './synth';
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
  /** Runs `cdk8s synth`. @default - `npx cdk8s synth` in the app folder */
  readonly synth?: SynthRunner;
}

/** Exit codes. */
export const EXIT = {
  /** Done; nothing wrong. */
  OK: 0,
  /** `preflight`: the apply would fail; `plan`: the app does not synthesize. */
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

async function plans(options: { dir: string; app?: string; profile?: string[] }, synth: SynthRunner): Promise<ProfilePlan[]> {
  if (options.app === undefined) {
    return [planObjects(readManifestDir(options.dir).map((m) => m.object), options.dir)];
  }
  const app = options.app;
  checkAppDir(app);
  const profiles: Array<string | undefined> = options.profile ?? [undefined];
  const out: ProfilePlan[] = [];
  for (const profile of profiles) {
    const dir = mkdtempSync(join(tmpdir(), 'cdk8s-portable-data-plan-'));
    try {
      try {
        await synth(app, profile, dir);
      } catch (e) {
        throw new CliError(`plan: ${message(e)}`, EXIT.FAILED);
      }
      const label = profile ?? (process.env.PORTABLE_PROFILE || undefined);
      const objects = readManifests(dir).map((m) => m.object);
      if (objects.length === 0) throw new CliError(`plan: npx cdk8s synth in ${app}${profile === undefined ? '' : ` with PORTABLE_PROFILE=${profile}`} wrote no manifest`, EXIT.USAGE);
      out.push(planObjects(objects, app, label));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
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
Exit codes: 0 done; 1 the apply would fail (preflight) or the app does not synthesize (plan);
2 usage errors, and checks that could not run (no manifests, an SDK or credentials missing).`);

  program.command('plan')
    .description('print, per profile and per service, the backend, the objects, what to install first and what the binder fills in at deploy time')
    .addOption(new Option('--dir <folder>', 'a synth output folder to read').default('dist'))
    .addOption(new Option('--app <folder>', 'a cdk8s app folder to synthesize (npx cdk8s synth) once per --profile').conflicts('dir'))
    .addOption(new Option('--profile <name>', 'with --app: a PORTABLE_PROFILE to synthesize (repeatable; default: the environment as is)').argParser(collect))
    .addOption(new Option('--diff <folder>', `the synth output deployed now: print what applying --dir over it does per service (exit ${EXIT_BLOCKING} if a change loses data or will be refused)`).conflicts(['app', 'profile']))
    .addOption(new Option('--format <format>', 'table (for people), json (for CI) or markdown (for a pull request)').choices(PLAN_FORMATS).default('table'))
    .addHelpText('after', `
Examples:
  $ ${NAME} plan --dir dist
  $ ${NAME} plan --app . --profile aws --profile gcp --format markdown
  $ ${NAME} plan --diff deployed/ --dir dist --format markdown`)
    .action(async (options: { dir: string; app?: string; profile?: string[]; diff?: string; format: PlanFormat }, command: Command) => {
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
        planned = await plans(options, overrides.synth ?? cdk8sSynth);
      } catch (e) {
        throw e instanceof CliError ? e : new CliError(`plan: ${message(e)}`, EXIT.USAGE);
      }
      io.out(formatPlan(planned, options.format));
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
