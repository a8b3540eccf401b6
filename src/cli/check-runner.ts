/**
 * The process `check` and `plan --app` start once per app: it loads the app's TypeScript compiler (ts-node) and the
 * library once, then runs the app's entry module once per profile, each time with `PORTABLE_PROFILE` and
 * `CDK8S_OUTDIR` set as `cdk8s synth` sets them, and collects every error instead of stopping at the first one.
 * It reports to its parent over the IPC channel (`RunnerMessage`). Run only by `check.ts`.
 */
import { existsSync, readFileSync, rmSync } from 'fs';
import { dirname, isAbsolute, join, resolve, sep } from 'path';
import { CheckSession, endCheckSession, isCollected, startCheckSession, SynthError, synthErrorOf } from '../private/synth-errors';

/** How the app's command runs its entry module (from its `cdk8s.yaml`). */
export interface NodeApp {
  /** The entry module, relative to the app folder. */
  readonly entry: string;
  /** The arguments after it. */
  readonly args: string[];
  /** Set when the entry is TypeScript run by ts-node. */
  readonly typescript?: { readonly transpileOnly: boolean; readonly project?: string };
}

/** What the runner is asked. */
export interface RunnerRequest {
  readonly appDir: string;
  readonly app: NodeApp;
  /** The profiles to run, in order; `null` is the environment as is; none: every profile the app registers. */
  readonly profiles?: Array<string | null>;
  /** Without `profiles`: the built-in default profile, run first (every app can select it). */
  readonly defaultProfile: string;
  /** Each profile's manifests go to `<outRoot>/<index>`. */
  readonly outRoot: string;
}

/** The result of one profile. */
export interface ProfileRun {
  /** The profile selected, or undefined for the environment as is. */
  readonly profile?: string;
  /** Where its manifests are; undefined when it has errors (nothing is kept then). */
  readonly outdir?: string;
  /** Every error collected, in order. */
  readonly errors: SynthError[];
  /** How long its construction and synth took. */
  readonly seconds: number;
}

/** What the runner sends. */
export type RunnerMessage =
  | { readonly type: 'start'; readonly profile?: string; readonly index: number; readonly total?: number }
  | { readonly type: 'done'; readonly run: ProfileRun }
  | { readonly type: 'end' };

/** cdk8s's error after `node.addValidation` errors: one line `[path] message` per error. */
const VALIDATION = /^Validation failed with the following errors:\n/;

function errorsOf(e: unknown): SynthError[] {
  if (isCollected(e)) return [];
  const message = e instanceof Error ? e.message : String(e);
  if (VALIDATION.test(message)) {
    return message.replace(VALIDATION, '').split('\n').map((l) => /^\s*\[([^\]]*)\] (.*)$/s.exec(l)).filter((m) => m !== null)
      .map((m) => ({ ...synthErrorOf(m![2], m![1]), path: m![1] }));
  }
  return [synthErrorOf(e)];
}

/** The nearest tsconfig.json from `dir` up, if any. */
function tsconfigOf(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'tsconfig.json'))) return join(d, 'tsconfig.json');
    if (dirname(d) === d) return undefined;
  }
}

/** Compiles the app's TypeScript with the app's ts-node and tsconfig, each file once for every run. */
function installTypeScript(appDir: string, entry: string, options: NonNullable<NodeApp['typescript']>): void {
  let tsNodePath: string;
  try {
    tsNodePath = require.resolve('ts-node', { paths: [appDir] });
  } catch {
    throw new Error(`the app's command runs ts-node, which is not installed in ${appDir}: npm install --save-dev ts-node`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app's own ts-node, found at run time
  const tsNode = require(tsNodePath);
  const service = tsNode.create({
    transpileOnly: options.transpileOnly,
    // As ts-node finds it from the entry's folder, named explicitly so that nothing in the environment overrides it.
    project: options.project === undefined ? tsconfigOf(dirname(entry)) : resolve(appDir, options.project),
    projectSearchDir: dirname(entry),
    cwd: appDir,
  });
  const compiled = new Map<string, string>();
  const extensions = require.extensions;
  const previous = extensions['.ts'];
  extensions['.ts'] = (module, filename) => {
    if (service.ignored(filename)) {
      if (previous) return previous(module, filename);
      throw new Error(`${filename}: ts-node ignores it (in node_modules?)`);
    }
    let js = compiled.get(filename);
    if (js === undefined) {
      js = service.compile(readFileSync(filename, 'utf8'), filename) as string;
      compiled.set(filename, js);
    }
    (module as unknown as { _compile(code: string, filename: string): void })._compile(js, filename);
  };
}

/** Loads the entry module as Node.js runs a main module, so that `require.main === module` holds in it. */
function runAsMain(entry: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Module's internals (_nodeModulePaths, load) are untyped
  const NodeModule = require('module');
  const main = new NodeModule(entry, null);
  main.filename = entry;
  main.paths = NodeModule._nodeModulePaths(dirname(entry));
  main.id = '.';
  (process as { mainModule?: unknown }).mainModule = main;
  require.cache[entry] = main;
  try {
    main.load(entry);
  } catch (e) {
    delete require.cache[entry];
    throw e;
  }
}

/** Runs the app's construction once under `profile` (undefined: the environment as is). */
function runOnce(request: RunnerRequest, entry: string, profile: string | undefined, outdir: string, asIs: string | undefined):
{ run: ProfileRun; session: CheckSession } {
  const started = process.hrtime.bigint();
  if (profile === undefined) {
    if (asIs === undefined) delete process.env.PORTABLE_PROFILE;
    else process.env.PORTABLE_PROFILE = asIs;
  } else {
    process.env.PORTABLE_PROFILE = profile;
  }
  process.env.CDK8S_OUTDIR = outdir;
  const session = startCheckSession();
  const errors: SynthError[] = [];
  try {
    runAsMain(entry);
  } catch (e) {
    errors.push(...errorsOf(e));
  } finally {
    endCheckSession();
    // The app's own modules run again for the next profile; its dependencies (the library, cdk8s) stay loaded.
    const appRoot = request.appDir.endsWith(sep) ? request.appDir : request.appDir + sep;
    for (const key of Object.keys(require.cache)) {
      if (key.startsWith(appRoot) && !key.slice(appRoot.length).split(sep).includes('node_modules')) delete require.cache[key];
    }
  }
  const all = [...session.errors, ...errors];
  if (all.length > 0) rmSync(outdir, { recursive: true, force: true });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { run: { profile, outdir: all.length > 0 ? undefined : outdir, errors: all, seconds }, session };
}

function send(message: RunnerMessage): Promise<void> {
  return new Promise((done, fail) => process.send!(message, (e: Error | null) => (e ? fail(e) : done())));
}

async function runner(request: RunnerRequest): Promise<void> {
  process.chdir(request.appDir);
  const entry = isAbsolute(request.app.entry) ? request.app.entry : join(request.appDir, request.app.entry);
  if (request.app.typescript) installTypeScript(request.appDir, entry, request.app.typescript);
  process.argv = [process.argv[0], entry, ...request.app.args];
  process.env.CDK8S_RECORD_CONSTRUCT_METADATA ??= 'false';
  const asIs = process.env.PORTABLE_PROFILE;
  let profiles: Array<string | undefined> | undefined = request.profiles?.map((p) => p ?? undefined);
  let index = 0;
  let first = true;
  while (profiles === undefined || index < profiles.length) {
    const profile = profiles === undefined ? request.defaultProfile : profiles[index];
    await send({ type: 'start', profile, index, total: profiles?.length });
    const { run, session } = runOnce(request, entry, profile, join(request.outRoot, String(index)), asIs);
    await send({ type: 'done', run });
    if (profiles === undefined && first) {
      // Every profile the app registered, the default first (it just ran).
      profiles = [request.defaultProfile, ...[...session.registered].filter((p) => p !== request.defaultProfile).sort()];
    }
    first = false;
    index++;
  }
  await send({ type: 'end' });
}

if (require.main === module) {
  runner(JSON.parse(process.argv[2]) as RunnerRequest).then(() => process.exit(0), (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(3);
  });
}
