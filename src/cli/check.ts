/**
 * The engine of `check` and `plan --app`: synthesizes a cdk8s app under several profiles in one process (see
 * `check-runner.ts`) and returns each profile's manifests folder and every error. An app whose command is not a
 * Node.js one (`node …`, `ts-node …`) is synthesized with `npx cdk8s synth` once per profile instead.
 */
import { fork } from 'child_process';
import { existsSync, mkdirSync } from 'fs';
import { join } from 'path';
import { Yaml } from 'cdk8s';
import type { NodeApp, ProfileRun, RunnerMessage, RunnerRequest } from './check-runner';
import { cdk8sSynth, SynthRunner } from './synth';
import { synthErrorOf } from '../private/synth-errors';

export type { ProfileRun } from './check-runner';
export type { SynthError } from '../private/synth-errors';

/** Progress of a multi-profile synth. */
export interface SynthProgress {
  /** A profile's synth starts (`total` is unknown until the app has registered its profiles). */
  readonly start?: (profile: string | undefined, index: number, total: number | undefined) => void;
  /** A profile's synth is done. */
  readonly done?: (run: ProfileRun) => void;
}

/** What to synthesize. */
export interface SynthProfilesOptions {
  /** The app folder (with `cdk8s.yaml`). */
  readonly appDir: string;
  /** The profiles, in order (undefined: the environment as is); none: every profile the app registers. */
  readonly profiles?: Array<string | undefined>;
  /** The built-in default profile's name (run first when `profiles` is not given). */
  readonly defaultProfile: string;
  /** A fresh folder that receives one folder of manifests per profile. */
  readonly outRoot: string;
  readonly progress?: SynthProgress;
  /** Synthesizes one profile in its own process (tests). @default - the one-process runner when the app runs in Node.js */
  readonly synth?: SynthRunner;
}

/** The app command of a `cdk8s.yaml`. */
export function appCommandOf(appDir: string): string {
  const config = Yaml.load(join(appDir, 'cdk8s.yaml'))[0] as { app?: unknown } | undefined;
  if (typeof config?.app !== 'string' || config.app.trim() === '') {
    throw new Error(`${join(appDir, 'cdk8s.yaml')} has no app command (app: npx ts-node main.ts)`);
  }
  return config.app;
}

const TS_NODE_FLAGS: { [flag: string]: 'transpileOnly' | 'project' | 'ignore' } = {
  '--transpile-only': 'transpileOnly', '-T': 'transpileOnly', '--project': 'project', '-P': 'project', '--prefer-ts-exts': 'ignore',
};

/**
 * How the runner can run an app command in-process: `[npx] ts-node [--transpile-only|-T] [--project|-P <file>]
 * <entry> [args]` or `node <entry> [args]`; undefined for any other command (another language, a shell
 * construct, other flags).
 */
export function nodeAppOf(command: string): NodeApp | undefined {
  if (/["'`$|&;<>()\\]/.test(command)) return undefined;
  const words = command.trim().split(/\s+/);
  if (words[0] === 'npx') words.shift();
  const program = words.shift();
  if (program === 'node') {
    if (words.length === 0 || words[0].startsWith('-')) return undefined;
    return { entry: words[0], args: words.slice(1) };
  }
  if (program !== 'ts-node') return undefined;
  let transpileOnly = false;
  let project: string | undefined;
  while (words.length > 0 && words[0].startsWith('-')) {
    const flag = TS_NODE_FLAGS[words.shift()!];
    if (flag === undefined) return undefined;
    if (flag === 'transpileOnly') transpileOnly = true;
    if (flag === 'project') project = words.shift();
  }
  if (words.length === 0) return undefined;
  return { entry: words[0], args: words.slice(1), typescript: { transpileOnly, project } };
}

/** The runner's module: compiled next to this one, or this source through ts-node (tests). */
function runnerModule(): { path: string; execArgv: string[]; env: NodeJS.ProcessEnv } {
  if (!__filename.endsWith('.ts')) return { path: join(__dirname, 'check-runner.js'), execArgv: [], env: process.env };
  return {
    path: join(__dirname, 'check-runner.ts'),
    execArgv: ['-r', require.resolve('ts-node/register/transpile-only')],
    // The runner's own TypeScript compiles with this package's configuration; the app's with its own (check-runner).
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') },
  };
}

/** Synthesizes the app under each profile; resolves to one run per profile, in order. */
export async function synthProfiles(options: SynthProfilesOptions): Promise<ProfileRun[]> {
  const app = options.synth === undefined ? nodeAppOf(appCommandOf(options.appDir)) : undefined;
  if (app === undefined) return eachInItsOwnProcess(options, options.synth);
  const request: RunnerRequest = {
    appDir: options.appDir,
    app,
    profiles: options.profiles?.map((p) => p ?? null),
    defaultProfile: options.defaultProfile,
    outRoot: options.outRoot,
  };
  const { path, execArgv, env } = runnerModule();
  return new Promise((resolve, reject) => {
    const runs: ProfileRun[] = [];
    let output = '';
    let ended = false;
    const child = fork(path, [JSON.stringify(request)], {
      cwd: options.appDir,
      execArgv,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    // What the app prints is kept for the report of a crash, as cdk8s synth shows it.
    child.stdout!.on('data', (d) => { output = (output + d).slice(-64 * 1024); });
    child.stderr!.on('data', (d) => { output = (output + d).slice(-64 * 1024); });
    child.on('message', (m: RunnerMessage) => {
      if (m.type === 'start') options.progress?.start?.(m.profile, m.index, m.total);
      if (m.type === 'done') {
        runs.push(m.run);
        options.progress?.done?.(m.run);
      }
      if (m.type === 'end') ended = true;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (ended) return resolve(runs);
      const tail = output.trim().split('\n').slice(-20).join('\n');
      reject(new Error(`the app in ${options.appDir} stopped (${signal ?? `exit code ${code}`}) before every profile was synthesized${tail ? `:\n${tail}` : ''}`));
    });
  });
}

async function eachInItsOwnProcess(options: SynthProfilesOptions, synth: SynthRunner | undefined): Promise<ProfileRun[]> {
  const runner = synth ?? cdk8sSynth;
  if (options.profiles === undefined) {
    throw new Error(`the app's command (${appCommandOf(options.appDir)}) does not run in Node.js, so its registered profiles cannot be listed: name them with --profile`);
  }
  const runs: ProfileRun[] = [];
  for (const [index, profile] of options.profiles.entries()) {
    options.progress?.start?.(profile, index, options.profiles.length);
    const outdir = join(options.outRoot, String(index));
    mkdirSync(outdir, { recursive: true });
    const started = Date.now();
    let run: ProfileRun;
    try {
      await runner(options.appDir, profile, outdir);
      run = { profile, outdir: existsSync(outdir) ? outdir : undefined, errors: [], seconds: (Date.now() - started) / 1000 };
    } catch (e) {
      run = { profile, errors: [synthErrorOf(e)], seconds: (Date.now() - started) / 1000 };
    }
    runs.push(run);
    options.progress?.done?.(run);
  }
  return runs;
}

