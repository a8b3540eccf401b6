/**
 * `npm run bench`: synthesis cost of `PortableMySQL` against the physical floor (the same documents as raw
 * `ApiObject`s), cold `require` cost against cdk8s-plus-27 and cdk8s, and the linearity of cost in N.
 *
 * Every measurement runs in a fresh process (bench/worker.ts), one after the other. The run fails only on a broken
 * invariant (floor output differs from the library's, library output differs between runs, a cloud SDK is
 * loaded); missed targets are reported, not enforced. Results go to `.bench/latest.json`.
 *
 * Options: `--profiles=in-cluster,aws` `--sizes=100,1000` `--full-yaml` (compare the YAML bytes at every N, not
 * only up to 1,000: about two more minutes). `BENCH_LIB` points at another compiled entry point than `lib/index.js`.
 * `--cpu-prof=in-cluster:5000` profiles the measured region of the library and of the floor instead, and prints
 * where the self time goes (profiles in `.bench/`, to open in Chrome DevTools or VS Code).
 */
import { execSync, fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript'; // eslint-disable-line import/no-extraneous-dependencies -- dev tooling, not shipped
import { CpuProfile, printSummaries, summarize } from './cpu-profile';
import type { Result, Task, Variant } from './worker';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.bench');
const BUILD = path.join(OUT, 'build');
const LIB = path.resolve(process.env.BENCH_LIB ?? path.join(ROOT, 'lib', 'index.js'));
const WORKER = path.join(BUILD, 'worker.js');
const FIXTURE = path.join(BUILD, 'profiles.fixture.js');

/** Fresh processes per (profile, N, variant), the median is reported (fewer at large N: the run stays under 5 minutes). */
const REPS: { [n: number]: number } = { 100: 5, 1000: 3, 5000: 2 };
const REQUIRE_REPS = 7;
/** Targets: reported, never enforced. */
const TARGETS = { time: 1.3, memory: 1.5, require: 1.1, linear: 1.2 };

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SIZES = (arg('sizes') ?? '100,1000,5000').split(',').map(Number);
const FULL_YAML = process.argv.includes('--full-yaml');

interface Stats { readonly ms: number; readonly cpuMs: number; readonly peakMiB: number }
interface Row {
  readonly profile: string;
  readonly n: number;
  readonly reps: number;
  readonly error?: string;
  readonly objects?: number;
  readonly library?: Stats;
  readonly floor?: Stats;
  readonly timeRatio?: number;
  readonly cpuRatio?: number;
  readonly memoryRatio?: number;
  readonly usPerService?: number;
  readonly usPerObject?: { readonly library: number; readonly floor: number };
  readonly yamlBytes?: number;
  /** `Yaml.stringify` of the library's documents: what `app.synthYaml()` adds to the measured time. */
  readonly yamlMs?: number;
  /** How the floor was proven equal: `yaml` (bytes of the YAML) or `json` (the documents the YAML is made of). */
  readonly equalBy?: 'yaml' | 'json';
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
};
const stats = (rs: Result[]): Stats => ({
  ms: median(rs.map((r) => r.ms)),
  cpuMs: median(rs.map((r) => r.cpuMs)),
  peakMiB: median(rs.map((r) => r.peakMiB)),
});
/** Broken invariants (deduplicated): the run exits 1 when there is any. */
const broken = new Set<string>();

/** Transpiles the worker, and the profile fixture pointed at the compiled library, for plain `node`. */
function prepare(): void {
  if (!fs.existsSync(LIB)) {
    console.error(`${LIB} not found: compile first (npx projen compile), or set BENCH_LIB to a compiled index.js`);
    process.exit(2);
  }
  fs.mkdirSync(path.join(OUT, 'data'), { recursive: true });
  fs.mkdirSync(BUILD, { recursive: true });
  const transpile = (from: string, to: string, edit: (src: string) => string = (s) => s) => {
    const source = edit(fs.readFileSync(path.join(ROOT, from), 'utf8'));
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    fs.writeFileSync(to, ts.transpileModule(source, { compilerOptions: options }).outputText);
  };
  transpile('bench/worker.ts', WORKER);
  transpile('test/profiles.fixture.ts', FIXTURE, (src) => {
    if (!src.includes("from '../src'")) throw new Error("test/profiles.fixture.ts no longer imports from '../src'");
    return src.replace("from '../src'", `from ${JSON.stringify(LIB)}`);
  });
}

function runWorker(task: Task): Promise<Result> {
  return new Promise((resolve) => {
    const child = fork(WORKER, [JSON.stringify(task)], { execArgv: ['--expose-gc'], cwd: ROOT });
    let result: Result | undefined;
    child.on('message', (m) => { result = m as Result; });
    child.on('exit', (code, signal) => resolve(result ??
      { ms: NaN, cpuMs: NaN, peakMiB: NaN, sdkModules: [], modules: 0, error: `worker exited with ${signal ?? code}` }));
  });
}

function checkSdk(where: string, r: Result): void {
  if (r.sdkModules.length > 0) {
    broken.add(`${where} loaded ${r.sdkModules.length} cloud SDK modules: ${r.sdkModules.slice(0, 3).map((m) => m.replace(/^.*node_modules[\\/]/, '')).join(', ')}, …`);
  }
}

async function measureRequires(): Promise<{ [module: string]: Stats & { modules: number } }> {
  const modules = [LIB, 'cdk8s-plus-27', 'cdk8s'];
  const runs: { [m: string]: Result[] } = {};
  for (let i = 0; i < REQUIRE_REPS; i++) {
    for (const m of modules) { // interleaved, so drift hits every module alike
      const r = await runWorker({ kind: 'require', module: m });
      if (r.error) throw new Error(`require(${m}) failed: ${r.error}`);
      (runs[m] ??= []).push(r);
    }
  }
  for (const r of runs[LIB]) checkSdk('require(library)', r);
  const out: { [module: string]: Stats & { modules: number } } = {};
  for (const m of modules) out[m === LIB ? 'cdk8s-portable-data' : m] = { ...stats(runs[m]), modules: runs[m][0].modules };
  return out;
}

async function measureSynth(profile: string, n: number): Promise<Row> {
  const reps = REPS[n] ?? 1;
  const data = path.join(OUT, 'data', `${profile}-${n}.ndjson`);
  const runs: { [v in Variant]: Result[] } = { library: [], floor: [] };
  const yaml = n <= 1000 || FULL_YAML;
  try {
    for (let i = 0; i < reps; i++) {
      for (const variant of ['library', 'floor'] as Variant[]) {
        const r = await runWorker({ kind: 'synth', variant, profile, n, lib: LIB, fixture: FIXTURE, data, dump: i === 0 && variant === 'library', yaml: yaml && i === 0 });
        if (r.error) {
          if (variant === 'floor') broken.add(`${profile} N=${n}: the floor failed: ${r.error.split('\n')[0]}`);
          return { profile, n, reps, error: r.error.split('\n')[0] };
        }
        if (variant === 'library') checkSdk(`${profile} N=${n} synth`, r);
        runs[variant].push(r);
      }
    }
  } finally {
    fs.rmSync(data, { force: true });
  }
  const first = runs.library[0];
  for (const [variant, rs] of Object.entries(runs)) {
    for (const r of rs) {
      if (r.jsonSha !== first.jsonSha || (r.yamlSha && r.yamlSha !== first.yamlSha)) {
        broken.add(`${profile} N=${n}: ${variant} output differs from the first library run`);
      }
    }
  }
  const library = stats(runs.library);
  const floor = stats(runs.floor);
  const objects = first.objects!;
  return {
    profile,
    n,
    reps,
    objects,
    library,
    floor,
    timeRatio: library.ms / floor.ms,
    cpuRatio: library.cpuMs / floor.cpuMs,
    memoryRatio: library.peakMiB / floor.peakMiB,
    usPerService: (library.ms * 1000) / n,
    usPerObject: { library: (library.ms * 1000) / objects, floor: (floor.ms * 1000) / objects },
    yamlBytes: first.yamlBytes,
    yamlMs: first.yamlMs,
    equalBy: first.yamlSha && runs.floor[0].yamlSha ? 'yaml' : 'json',
  };
}

function machine(): object {
  const git = (cmd: string) => { try { return execSync(`git ${cmd}`, { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { return undefined; } };
  return {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    commit: git('rev-parse --short HEAD'),
    dirty: (git('status --porcelain -- src') ?? '') !== '',
    loadavg: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

const fmt = (x: number | undefined, digits = 0): string => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));

function printTable(rows: Row[]): void {
  const head = ['profile', 'N', 'reps', 'objects', 'lib ms', 'floor ms', 'time ×', 'cpu ×', 'lib MiB', 'floor MiB', 'mem ×',
    'µs/svc', 'µs/obj lib', 'µs/obj floor', 'YAML KiB', 'B/svc', 'YAML ms', 'equal'];
  const body = rows.map((r) => r.error ? [r.profile, `${r.n}`, `${r.reps}`, `FAILED: ${r.error.slice(0, 100)}`] : [
    r.profile, `${r.n}`, `${r.reps}`, `${r.objects}`, fmt(r.library!.ms), fmt(r.floor!.ms), fmt(r.timeRatio, 2), fmt(r.cpuRatio, 2),
    fmt(r.library!.peakMiB), fmt(r.floor!.peakMiB), fmt(r.memoryRatio, 2), fmt(r.usPerService),
    fmt(r.usPerObject!.library), fmt(r.usPerObject!.floor), fmt(r.yamlBytes && r.yamlBytes / 1024),
    fmt(r.yamlBytes && r.yamlBytes / r.n), fmt(r.yamlMs), r.equalBy!,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.filter((b) => b.length > 4).map((b) => b[i].length)));
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 || cells.length === 4 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i]))).join('  '));
  line(head);
  body.forEach(line);
}

/** Target checks: [met, description]. */
function targets(rows: Row[], requires: { [m: string]: Stats }): [boolean, string][] {
  const out: [boolean, string][] = [];
  const ok = rows.filter((r) => !r.error);
  for (const r of rows.filter((x) => x.error)) out.push([false, `${r.profile} N=${r.n}: the library failed (${r.error})`]);
  for (const r of ok.filter((x) => x.n >= 1000)) {
    out.push([r.timeRatio! <= TARGETS.time, `${r.profile} N=${r.n}: synth time ≤ ${TARGETS.time}× floor (${fmt(r.timeRatio, 2)}×; CPU time ${fmt(r.cpuRatio, 2)}×)`]);
    out.push([r.memoryRatio! <= TARGETS.memory, `${r.profile} N=${r.n}: peak memory ≤ ${TARGETS.memory}× floor (${fmt(r.memoryRatio, 2)}×)`]);
  }
  for (const profile of new Set(ok.map((r) => r.profile))) {
    const mine = ok.filter((r) => r.profile === profile).sort((a, b) => a.n - b.n);
    if (mine.length < 2) continue;
    const [lo, hi] = [mine[0], mine[mine.length - 1]];
    const growth = (a: Row, b: Row) => `${fmt(b.usPerService! / a.usPerService!, 2)}× (floor ${fmt(b.usPerObject!.floor / a.usPerObject!.floor, 2)}×)`;
    // N=100 includes JIT warm-up, so also compare the two largest N, both warm.
    const warm = mine.length > 2 ? `; N=${hi.n} vs N=${mine[mine.length - 2].n}: ${growth(mine[mine.length - 2], hi)}` : '';
    out.push([hi.usPerService! / lo.usPerService! <= TARGETS.linear,
      `${profile}: per-service cost at N=${hi.n} ≤ ${TARGETS.linear}× N=${lo.n}: ${growth(lo, hi)}${warm}`]);
  }
  const req = requires['cdk8s-portable-data'].ms / requires['cdk8s-plus-27'].ms;
  const reqCpu = requires['cdk8s-portable-data'].cpuMs / requires['cdk8s-plus-27'].cpuMs;
  out.push([req <= TARGETS.require, `require library ≤ ${TARGETS.require}× require cdk8s-plus-27 (${fmt(req, 2)}×; CPU time ${fmt(reqCpu, 2)}×)`]);
  return out;
}

async function cpuProfile(spec: string): Promise<void> {
  const [profile, n] = [spec.split(':')[0], Number(spec.split(':')[1] ?? 5000)];
  const data = path.join(OUT, 'data', `${profile}-${n}.ndjson`);
  const summaries: { [name: string]: ReturnType<typeof summarize> } = {};
  for (const variant of ['library', 'floor'] as Variant[]) {
    const file = path.join(OUT, `cpu-${profile}-${n}-${variant}.cpuprofile`);
    const r = await runWorker({ kind: 'synth', variant, profile, n, lib: LIB, fixture: FIXTURE, data, dump: variant === 'library', yaml: false, cpuProfile: file });
    if (r.error) throw new Error(`${variant}: ${r.error}`);
    console.log(`${variant}: ${fmt(r.ms)} ms under the profiler -> ${file}`);
    summaries[variant] = summarize(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, path.dirname(LIB));
  }
  fs.rmSync(data, { force: true });
  printSummaries(summaries);
}

async function main(): Promise<void> {
  const started = Date.now();
  prepare();
  if (arg('cpu-prof')) return cpuProfile(arg('cpu-prof')!);
  const info = machine();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the transpiled fixture, known at run time only
  const profiles: string[] = arg('profiles')?.split(',') ?? require(FIXTURE).PROFILE_NAMES;
  console.log(`bench: ${LIB}\n${JSON.stringify(info)}\n`);

  const requires = await measureRequires();
  console.log(`cold require (median of ${REQUIRE_REPS} fresh processes; peak RSS of the process):`);
  for (const [m, s] of Object.entries(requires)) console.log(`  ${m.padEnd(20)} ${fmt(s.ms, 1).padStart(7)} ms (cpu ${fmt(s.cpuMs, 1).padStart(6)} ms)  ${fmt(s.peakMiB).padStart(4)} MiB  ${s.modules} modules`);
  console.log(`  cloud SDK modules after require(library): ${broken.size ? 'FOUND' : 'none'}\n`);

  const rows: Row[] = [];
  for (const profile of profiles) {
    for (const n of SIZES) {
      const row = await measureSynth(profile, n);
      rows.push(row);
      console.log(`  ${profile} N=${n}: ${row.error ? `FAILED ${row.error}` : `library ${fmt(row.library!.ms)} ms, floor ${fmt(row.floor!.ms)} ms`}`);
      if (row.error) break;
    }
  }

  console.log('\nconstruct + chart.toJson() (= Testing.synth), median of fresh processes; time × = wall-clock ratio, cpu × = CPU-time ratio');
  console.log('MiB = peak RSS (maxRSS) above the baseline of the same process after loading modules; the floor\'s documents count as its memory');
  printTable(rows);
  const checks = targets(rows, requires);
  console.log('\ntargets (reported, not enforced):');
  for (const [met, what] of checks) console.log(`  [${met ? 'met' : 'MISSED'}] ${what}`);
  console.log(`\ninvariants: ${broken.size === 0 ? 'all hold (floor output = library output, deterministic, no cloud SDK loaded)' : ''}`);
  for (const b of broken) console.log(`  BROKEN: ${b}`);

  const report = {
    machine: info,
    loadavgAtEnd: os.loadavg().map((x) => +x.toFixed(2)),
    lib: LIB,
    targets: TARGETS,
    requires,
    rows,
    checks: checks.map(([met, what]) => ({ met, what })),
    broken: [...broken],
    seconds: (Date.now() - started) / 1000,
  };
  const file = path.join(OUT, `bench-${(info as { date: string }).date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  fs.copyFileSync(file, path.join(OUT, 'latest.json'));
  console.log(`\n${file} (${fmt(report.seconds)} s)`);
  process.exit(broken.size > 0 ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
