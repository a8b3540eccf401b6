/**
 * One measurement, in a fresh process forked by `bench/run.ts` (which transpiles this file to `.bench/build/`, so
 * the worker runs on plain `node` without ts-node or TypeScript in its heap).
 *
 * - `require`: times `require(module)` cold and lists the cloud SDK modules it loaded.
 * - `synth`: builds N `PortableMySQL` (library) or the same documents as raw `ApiObject`s (floor), times
 *   construct + `chart.toJson()` (what `Testing.synth` does: dependencies, validation, token resolution, key
 *   sorting) and measures the peak RSS above a baseline taken after loading modules.
 *   The YAML serialization runs after the measurement (it is the same upstream work on the same documents).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- what to load (and when: after or before the baseline) is
   decided at run time */
import { createHash } from 'crypto';
import * as fs from 'fs';
import { Session } from 'inspector';
import * as readline from 'readline';
import type { App, Chart } from 'cdk8s';

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
    /** Transpiled `test/profiles.fixture.js` (requires `lib`). */
    readonly fixture: string;
    /** NDJSON of the library's documents: written by a library run with `dump`, read by a floor run. */
    readonly data: string;
    readonly dump: boolean;
    /** Also serialize to YAML (untimed) and return its size and hash. */
    readonly yaml: boolean;
    /** Write a CPU profile of the measured region (and only of it) to this file. */
    readonly cpuProfile?: string;
  };

/** What a worker reports back. */
export interface Result {
  /** Wall-clock time of the measured region. */
  readonly ms: number;
  /** CPU time (user + system, all threads of the process: GC and JIT helpers included) of the measured region. */
  readonly cpuMs: number;
  /** Peak RSS in MiB: above the baseline (synth), of the whole process (require). */
  readonly peakMiB: number;
  /** Cloud SDK modules found in `require.cache` / `process.moduleLoadList`. */
  readonly sdkModules: string[];
  readonly modules: number;
  readonly objects?: number;
  readonly jsonSha?: string;
  readonly yamlBytes?: number;
  readonly yamlSha?: string;
  /** Time of `Yaml.stringify` of the documents (the rest of `app.synthYaml()`), when asked for `yaml`. */
  readonly yamlMs?: number;
  readonly error?: string;
}

const SDK = /@aws-sdk[\\/]|@google-cloud[\\/]/;

function sdkModules(): string[] {
  const loaded = [...Object.keys(require.cache), ...((process as unknown as { moduleLoadList?: string[] }).moduleLoadList ?? [])];
  return loaded.filter((m) => SDK.test(m));
}

const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

async function readNdjson(file: string): Promise<any[]> {
  const docs: any[] = [];
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    if (line) docs.push(JSON.parse(line));
  }
  return docs;
}

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
};

function measureRequire(module: string): Result {
  const [t0, c0] = [process.hrtime.bigint(), process.cpuUsage()];
  require(module);
  const [ms, cpuMs] = [Number(process.hrtime.bigint() - t0) / 1e6, cpuMsSince(c0)];
  return { ms, cpuMs, peakMiB: maxRssMiB(), sdkModules: sdkModules(), modules: Object.keys(require.cache).length };
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

async function measureSynth(task: Extract<Task, { kind: 'synth' }>): Promise<Result> {
  const cdk8s: typeof import('cdk8s') = require('cdk8s');
  const lib = task.variant === 'library' ? require(task.lib) : undefined;
  const profiles = lib ? require(task.fixture).PROFILES : undefined;
  // The baseline: modules loaded, nothing built. The floor's documents count as the floor's memory, as the object
  // literals of a hand-written program would (read line by line, so loading them leaves no peak of its own).
  (global as { gc?: () => void }).gc?.();
  const baseline = maxRssMiB();
  const docs = task.variant === 'floor' ? await readNdjson(task.data) : [];
  const build = (app: App): Chart => {
    const chart = new cdk8s.Chart(app, 'bench', { namespace: 'apps' });
    if (lib) {
      lib.Profile.use(chart, profiles[task.profile]());
      for (let i = 0; i < task.n; i++) new lib.PortableMySQL(chart, `Db${i}`);
    } else {
      docs.forEach((doc, i) => new cdk8s.ApiObject(chart, `o${i}`, doc));
    }
    return chart;
  };

  const profiler = task.cpuProfile ? await startProfiler() : undefined;
  const [t0, c0] = [process.hrtime.bigint(), process.cpuUsage()];
  const objs: any[] = build(new cdk8s.App()).toJson();
  const [ms, cpuMs] = [Number(process.hrtime.bigint() - t0) / 1e6, cpuMsSince(c0)];
  const peakMiB = maxRssMiB() - baseline;
  if (profiler) fs.writeFileSync(task.cpuProfile!, JSON.stringify(await profiler()));

  // Untimed: identity of the output. YAML is a per-document function of these documents (`Yaml.stringify`), so
  // equal documents in equal order give byte-equal YAML; `yaml` serializes it to compare the bytes themselves.
  const ndjson = objs.map((o) => JSON.stringify(o)).join('\n');
  const y0 = process.hrtime.bigint();
  const yaml = task.yaml ? cdk8s.Yaml.stringify(...objs) : undefined;
  const yamlMs = yaml === undefined ? undefined : Number(process.hrtime.bigint() - y0) / 1e6;
  if (task.dump) fs.writeFileSync(task.data, ndjson + '\n');
  return {
    ms,
    cpuMs,
    peakMiB,
    sdkModules: sdkModules(),
    modules: Object.keys(require.cache).length,
    objects: objs.length,
    jsonSha: sha(ndjson),
    yamlBytes: yaml === undefined ? undefined : Buffer.byteLength(yaml),
    yamlSha: yaml === undefined ? undefined : sha(yaml),
    yamlMs,
  };
}

async function main(): Promise<void> {
  const task: Task = JSON.parse(process.argv[2]);
  let result: Result;
  try {
    result = task.kind === 'require' ? measureRequire(task.module) : await measureSynth(task);
  } catch (e) {
    const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    result = { ms: NaN, cpuMs: NaN, peakMiB: NaN, sdkModules: sdkModules(), modules: 0, error };
  }
  process.send!(result, () => process.exit(0));
}

void main();
