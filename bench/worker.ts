/**
 * One measurement, in a fresh process forked by `bench/run.ts` (which transpiles this file to `.bench/build/`, so
 * the worker runs on plain `node` without ts-node or TypeScript in its heap).
 *
 * - `require`: times `require(module)` cold and lists the cloud SDK modules it loaded.
 * - `synth`: what `cdk8s synth` does, timed from the first construct to the YAML file on disk: builds N services
 *   (library: `bench/profiles.ts` `SERVICES` in turn, under the profile) or the same documents as raw `ApiObject`s
 *   (floor), then `app.synth()` (dependencies, validation, token resolution, key sorting, YAML, write). Reports
 *   the process's peak RSS and the SHA-256 of the YAML written, so run.ts can prove the floor byte-identical.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- what to load (and when) is decided at run time */
import { createHash } from 'crypto';
import * as fs from 'fs';
import { Session } from 'inspector';
import * as path from 'path';
import * as readline from 'readline';
import type { Chart } from 'cdk8s';

/** Which implementation builds the documents. */
export type Variant = 'library' | 'floor';

/** What run.ts asks a worker to do. */
export type Task =
  | { readonly kind: 'require'; readonly module: string }
  | {
    readonly kind: 'synth';
    readonly variant: Variant;
    readonly profile: string;
    readonly n: number;
    /** Compiled library entry point (`lib/index.js`). */
    readonly lib: string;
    /** Transpiled `bench/profiles.ts` (requires `lib`). */
    readonly profiles: string;
    /** NDJSON of the library's documents: written by a library run with `dump`, read by a floor run. */
    readonly data: string;
    readonly dump: boolean;
    /** Where `app.synth()` writes (emptied and removed by the worker). */
    readonly outdir: string;
    /** Write a CPU profile of the measured region (and only of it) to this file. */
    readonly cpuProfile?: string;
  };

/** What a worker reports back. */
export interface Result {
  /** Wall-clock ms of the measured region. */
  readonly ms: number;
  /** Peak RSS of the whole process, MiB. */
  readonly rssMiB: number;
  /** Cloud SDK modules found in `require.cache` / `process.moduleLoadList`. */
  readonly sdkModules: string[];
  readonly modules: number;
  readonly objects?: number;
  readonly yamlBytes?: number;
  readonly yamlSha?: string;
  readonly error?: string;
}

const SDK = /@aws-sdk[\\/]|@google-cloud[\\/]/;

function sdkModules(): string[] {
  const loaded = [...Object.keys(require.cache), ...((process as unknown as { moduleLoadList?: string[] }).moduleLoadList ?? [])];
  return loaded.filter((m) => SDK.test(m));
}

const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;
const msSince = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

async function readNdjson(file: string): Promise<any[]> {
  const docs: any[] = [];
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    if (line) docs.push(JSON.parse(line));
  }
  return docs;
}

function measureRequire(module: string): Result {
  const t0 = process.hrtime.bigint();
  require(module);
  const ms = msSince(t0);
  return { ms, rssMiB: maxRssMiB(), sdkModules: sdkModules(), modules: Object.keys(require.cache).length };
}

/** Starts the V8 sampling profiler (100 µs); the returned function stops it and returns the profile. */
async function startProfiler(): Promise<() => Promise<object>> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<any>((resolve, reject) =>
    session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return async () => (await post('Profiler.stop')).profile;
}

/** Whether every object in `x` has its keys in the order cdk8s gives raw `ApiObject`s (`Object.keys().sort()`). */
function sortedDeep(x: any): boolean {
  if (Array.isArray(x)) return x.every(sortedDeep);
  if (x === null || typeof x !== 'object') return true;
  const keys = Object.keys(x);
  return keys.every((k, i) => i === 0 || keys[i - 1] < k) && keys.every((k) => sortedDeep(x[k]));
}

/** `value` with its keys in the order of `like`'s (keys `like` lacks come last). */
function inOrderOf(value: any, like: any): any {
  if (Array.isArray(value)) return value.map((v, i) => inOrderOf(v, Array.isArray(like) ? like[i] : undefined));
  if (value === null || typeof value !== 'object' || like === null || typeof like !== 'object') return value;
  const out: any = {};
  for (const k of Object.keys(like)) if (k in value) out[k] = inOrderOf(value[k], like[k]);
  for (const k of Object.keys(value)) if (!(k in out)) out[k] = value[k];
  return out;
}

async function measureSynth(task: Extract<Task, { kind: 'synth' }>): Promise<Result> {
  const cdk8s: typeof import('cdk8s') = require('cdk8s');
  const lib = task.variant === 'library' ? require(task.lib) : undefined;
  const bench = lib ? require(task.profiles) : undefined;
  // The floor's documents are its program's object literals: loaded before the clock starts.
  const docs = task.variant === 'floor' ? await readNdjson(task.data) : [];
  const ordered = docs.map(sortedDeep);
  fs.rmSync(task.outdir, { recursive: true, force: true });

  const profiler = task.cpuProfile ? await startProfiler() : undefined;
  const t0 = process.hrtime.bigint();
  const app = new cdk8s.App({ outdir: task.outdir });
  const chart = new cdk8s.Chart(app, 'bench', { namespace: 'apps' });
  if (lib) {
    lib.Profile.use(chart, bench.BENCH_PROFILES[task.profile]());
    const kinds = bench.SERVICES.map((name: string) => lib[name]);
    for (let i = 0; i < task.n; i++) new kinds[i % kinds.length](chart, `Svc${i}`);
  } else {
    // Generated L1 classes emit their schema's key order (Rook's ObjectBucketClaim is not alphabetical), raw
    // ApiObjects sorted keys: the documents in another order keep it, so the YAML stays byte-identical.
    class InOrder extends cdk8s.ApiObject {
      constructor(scope: Chart, id: string, private readonly doc: any) { super(scope, id, doc); }
      public toJson(): any { return inOrderOf(super.toJson(), this.doc); }
    }
    docs.forEach((doc, i) => (ordered[i] ? new cdk8s.ApiObject(chart, `o${i}`, doc) : new InOrder(chart, `o${i}`, doc)));
  }
  app.synth();
  const ms = msSince(t0);
  const rssMiB = maxRssMiB();
  if (profiler) fs.writeFileSync(task.cpuProfile!, JSON.stringify(await profiler()));

  // Untimed: what was written, and (for the floor) the documents that make it.
  const hash = createHash('sha256');
  let yamlBytes = 0;
  for (const file of fs.readdirSync(task.outdir).sort()) {
    const bytes = fs.readFileSync(path.join(task.outdir, file));
    hash.update(`${file}\0`).update(bytes);
    yamlBytes += bytes.length;
  }
  fs.rmSync(task.outdir, { recursive: true, force: true });
  let objects = docs.length;
  if (task.dump) {
    const objs: any[] = chart.toJson();
    objects = objs.length;
    fs.writeFileSync(task.data, objs.map((o) => JSON.stringify(o)).join('\n') + '\n');
  }
  return {
    ms,
    rssMiB,
    sdkModules: sdkModules(),
    modules: Object.keys(require.cache).length,
    objects: objects || undefined,
    yamlBytes,
    yamlSha: hash.digest('hex'),
  };
}

async function main(): Promise<void> {
  const task: Task = JSON.parse(process.argv[2]);
  let result: Result;
  try {
    result = task.kind === 'require' ? measureRequire(task.module) : await measureSynth(task);
  } catch (e) {
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    result = { ms: NaN, rssMiB: NaN, sdkModules: sdkModules(), modules: 0, error };
  }
  process.send!(result, () => process.exit(0));
}

void main();
