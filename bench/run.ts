/**
 * `npm run bench`: what users wait for. Per profile (bench/profiles.ts) and N, `cdk8s synth` of N services
 * (construct + resolve + YAML + write) with the library against the floor, the byte-identical YAML built from raw
 * `ApiObject`s; cold `require` of the library against cdk8s-plus-27; linearity of the per-service cost in N.
 *
 * Every measurement runs in a fresh process (bench/worker.ts). Per point: one untimed library run writes the
 * documents the floor builds, then `--repeats` (default 5) timed runs of each variant, in alternating order
 * (library/floor, floor/library, …); min and median are reported, the medians are graded (bench/report.ts
 * TARGETS). Every run's YAML must equal the first library run's, byte for byte.
 *
 * Exit code: 0 when every target is met, 1 when one is missed, 2 when an invariant broke (different YAML, a cloud
 * SDK loaded, a failed run). Results: `.bench/latest.json`; `--readme` (or `npx projen bench:readme` afterwards)
 * writes them into docs/performance.md between `<!-- bench:start -->` and `<!-- bench:end -->`.
 *
 * The multi-profile point: `check --app examples/worker --output <folder>` (every profile the app registers, one
 * process; the compiled CLI run by `node`) against one `npx cdk8s synth` of the same app under its default profile,
 * `--repeats` fresh runs each in alternating order; every `check` run's files must equal, byte for byte, what one
 * `npx cdk8s synth` per profile writes (run once, untimed).
 *
 * Options: `--n 1000,5000` `--repeats 5` `--profiles aws,gcp` `--multi false` (skip the multi-profile point)
 * `--readme`; `--cpu-prof in-cluster:5000` profiles the measured region of the library and of the floor instead (profiles in `.bench/`). `BENCH_LIB` points at
 * another compiled entry point than `lib/index.js`.
 */
import { execSync, fork, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript'; // eslint-disable-line import/no-extraneous-dependencies -- dev tooling, not shipped
import { CpuProfile, printSummaries, summarize } from './cpu-profile';
import { FIGURES_PAGE, writeReadme } from './readme';
import { exitCode, grade, Machine, MultiProfile, Report, Row, sample, targetLines, TARGETS, usPerService } from './report';
import type { Result, Task, Variant } from './worker';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, '.bench');
const BUILD = path.join(OUT, 'build');
const LIB = path.resolve(process.env.BENCH_LIB ?? path.join(ROOT, 'lib', 'index.js'));
const WORKER = path.join(BUILD, 'worker.js');
const FIXTURE = path.join(BUILD, 'profiles.fixture.js');
const PROFILES = path.join(BUILD, 'profiles.js');
/** The multi-profile point's app, and the compiled command line next to the library. */
const MULTI_APP = 'examples/worker';
const CLI = path.join(path.dirname(LIB), 'cli', 'main.js');

/** `--name value` or `--name=value`. */
function arg(name: string): string | undefined {
  const i = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = process.argv[i];
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : process.argv[i + 1];
}
const SIZES = (arg('n') ?? '1000,5000').split(',').map(Number);
const REPEATS = Number(arg('repeats') ?? 5);

/** Broken invariants (deduplicated). */
const broken = new Set<string>();

/** Transpiles the worker and the profiles (pointed at the compiled library) for plain `node`. */
function prepare(): void {
  if (!fs.existsSync(LIB)) {
    console.error(`${LIB} not found: compile first (npx projen compile), or set BENCH_LIB to a compiled index.js`);
    process.exit(2);
  }
  fs.mkdirSync(path.join(OUT, 'data'), { recursive: true });
  fs.mkdirSync(BUILD, { recursive: true });
  const transpile = (from: string, to: string, imports: { [from: string]: string } = {}) => {
    let source = fs.readFileSync(path.join(ROOT, from), 'utf8');
    for (const [was, is] of Object.entries(imports)) {
      if (!source.includes(`from '${was}'`)) throw new Error(`${from} no longer imports from '${was}'`);
      source = source.replace(`from '${was}'`, `from ${JSON.stringify(is)}`);
    }
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    fs.writeFileSync(to, ts.transpileModule(source, { compilerOptions: options }).outputText);
  };
  transpile('bench/worker.ts', WORKER);
  transpile('test/profiles.fixture.ts', FIXTURE, { '../src': LIB });
  transpile('bench/profiles.ts', PROFILES, { '../src': LIB, '../test/profiles.fixture': FIXTURE });
}

function runWorker(task: Task): Promise<Result> {
  return new Promise((resolve) => {
    const child = fork(WORKER, [JSON.stringify(task)], { cwd: ROOT });
    let result: Result | undefined;
    child.on('message', (m) => { result = m as Result; });
    child.on('exit', (code, signal) => resolve(result ??
      { ms: NaN, rssMiB: NaN, sdkModules: [], modules: 0, error: `worker exited with ${signal ?? code}` }));
  });
}

function checkSdk(where: string, r: Result): void {
  if (r.sdkModules.length > 0) {
    broken.add(`${where} loaded ${r.sdkModules.length} cloud SDK modules: ${r.sdkModules.slice(0, 3).map((m) => m.replace(/^.*node_modules[\\/]/, '')).join(', ')}, …`);
  }
}

/** Cold `require`, `REPEATS` fresh processes per module, the order reversed every other round. */
async function measureRequires(): Promise<Report['requires']> {
  const modules: [string, string][] = [['cdk8s-portable-data', LIB], ['cdk8s-plus-27', 'cdk8s-plus-27'], ['cdk8s', 'cdk8s']];
  const runs: { [name: string]: number[] } = {};
  for (let i = 0; i < REPEATS; i++) {
    for (const [name, module] of i % 2 === 0 ? modules : [...modules].reverse()) {
      const r = await runWorker({ kind: 'require', module });
      if (r.error) throw new Error(`require(${module}) failed: ${r.error}`);
      if (name === 'cdk8s-portable-data') checkSdk('require(library)', r);
      (runs[name] ??= []).push(r.ms);
    }
  }
  return Object.fromEntries(modules.map(([name]) => [name, sample(runs[name])]));
}

const synthTask = (variant: Variant, profile: string, n: number, dump = false): Task => ({
  kind: 'synth',
  variant,
  profile,
  n,
  lib: LIB,
  profiles: PROFILES,
  dump,
  data: path.join(OUT, 'data', `${profile}-${n}.ndjson`),
  outdir: path.join(OUT, 'out', `${profile}-${n}-${variant}`),
});

async function measureSynth(profile: string, n: number): Promise<Row> {
  const data = path.join(OUT, 'data', `${profile}-${n}.ndjson`);
  try {
    // Untimed: the documents the floor builds, and the YAML every run must write.
    const first = await runWorker(synthTask('library', profile, n, true));
    if (first.error) {
      broken.add(`${profile} N=${n}: the library failed: ${first.error.split('\n')[0]}`);
      return { profile, n, error: first.error.split('\n')[0] };
    }
    checkSdk(`${profile} N=${n} synth`, first);
    const runs: { [v in Variant]: Result[] } = { library: [], floor: [] };
    for (let i = 0; i < REPEATS; i++) {
      for (const variant of (i % 2 === 0 ? ['library', 'floor'] : ['floor', 'library']) as Variant[]) {
        const r = await runWorker(synthTask(variant, profile, n));
        if (r.error) {
          broken.add(`${profile} N=${n}: a ${variant} run failed: ${r.error.split('\n')[0]}`);
          return { profile, n, error: `${variant}: ${r.error.split('\n')[0]}` };
        }
        if (r.yamlSha !== first.yamlSha) broken.add(`${profile} N=${n}: the ${variant}'s YAML differs from the first library run's`);
        runs[variant].push(r);
      }
    }
    const result = (rs: Result[]) => ({ ms: sample(rs.map((r) => r.ms)), rssMiB: sample(rs.map((r) => r.rssMiB)) });
    return { profile, n, objects: first.objects, yamlBytes: first.yamlBytes, library: result(runs.library), floor: result(runs.floor) };
  } finally {
    fs.rmSync(data, { force: true });
  }
}

/** SHA-256 of every file under `dir` (relative names sorted), or undefined when it does not exist. */
function treeSha(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const file = path.join(rel, name);
      if (fs.statSync(path.join(dir, file)).isDirectory()) walk(file);
      else hash.update(`${file}\0`).update(fs.readFileSync(path.join(dir, file)));
    }
  };
  walk('');
  return hash.digest('hex');
}

/** Runs a command to the end; its wall-clock ms, or throws with its output. */
function timed(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}): ${`${r.stderr}`.trim().split('\n').slice(-3).join(' ')}`);
  return ms;
}

/** `check` of every profile of `MULTI_APP` against one `npx cdk8s synth`; the same YAML as one synth per profile. */
function measureMultiProfile(): MultiProfile {
  const appDir = path.join(ROOT, MULTI_APP);
  const base = path.join(OUT, 'multi');
  fs.rmSync(base, { recursive: true, force: true });
  const env = { ...process.env };
  delete env.PORTABLE_PROFILE;
  const checkOut = path.join(base, 'check');
  const runCheck = () => timed(process.execPath, [CLI, 'check', '--app', appDir, '--output', checkOut], ROOT, env);
  const runSynth = (out: string, profile?: string) => timed('npx', ['cdk8s', 'synth', '--output', out], appDir, profile === undefined ? env : { ...env, PORTABLE_PROFILE: profile });
  const empty = { app: MULTI_APP, profiles: [], synthProfile: 'in-cluster', check: sample([]), synth: sample([]), identical: false };
  try {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} not found: compile first (npx projen compile)`);
    // Untimed: the profiles check finds, and one separate synth per profile, the reference.
    runCheck();
    const profiles = fs.readdirSync(checkOut).sort();
    for (const profile of profiles) runSynth(path.join(base, 'ref', profile), profile);
    const reference = treeSha(path.join(base, 'ref'));
    let identical = true;
    const runs: { check: number[]; synth: number[] } = { check: [], synth: [] };
    for (let i = 0; i < REPEATS; i++) {
      for (const variant of (i % 2 === 0 ? ['check', 'synth'] : ['synth', 'check']) as Array<'check' | 'synth'>) {
        if (variant === 'check') {
          runs.check.push(runCheck());
          if (treeSha(checkOut) !== reference) identical = false;
        } else {
          runs.synth.push(runSynth(path.join(base, 'one')));
        }
      }
    }
    if (!identical) broken.add(`multi-profile: the YAML of check --app ${MULTI_APP} differs from one npx cdk8s synth per profile`);
    return { ...empty, profiles, check: sample(runs.check), synth: sample(runs.synth), identical };
  } catch (e) {
    const error = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    broken.add(`multi-profile: ${error}`);
    return { ...empty, error };
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

function machine(): Machine {
  const git = (cmd: string) => { try { return execSync(`git ${cmd}`, { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { return undefined; } };
  return {
    cpu: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    date: new Date().toISOString(),
    commit: git('rev-parse --short HEAD'),
    dirty: (git('status --porcelain -- src') ?? '') !== '',
    loadavg: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

const fmt = (x: number | undefined, digits = 0): string => (x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));

function printTable(rows: readonly Row[]): void {
  const head = ['profile', 'N', 'objects', 'lib ms min', 'lib ms med', 'floor ms min', 'floor ms med', 'time ×', 'lib MiB', 'floor MiB', 'RSS ×', 'µs/svc', 'YAML KiB'];
  const body = rows.map((r) => r.error || !r.library || !r.floor ? [r.profile, `${r.n}`, `FAILED: ${(r.error ?? '').slice(0, 100)}`] : [
    r.profile, `${r.n}`, `${r.objects}`, fmt(r.library.ms.min), fmt(r.library.ms.median), fmt(r.floor.ms.min), fmt(r.floor.ms.median),
    fmt(r.library.ms.median / r.floor.ms.median, 2), fmt(r.library.rssMiB.median), fmt(r.floor.rssMiB.median),
    fmt(r.library.rssMiB.median / r.floor.rssMiB.median, 2), fmt(usPerService(r)), fmt((r.yamlBytes ?? NaN) / 1024),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.filter((b) => b.length > 3).map((b) => b[i].length)));
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 || cells.length === 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  line(head);
  body.forEach(line);
}

async function cpuProfile(spec: string): Promise<void> {
  const [profile, n] = [spec.split(':')[0], Number(spec.split(':')[1] ?? 5000)];
  const summaries: { [name: string]: ReturnType<typeof summarize> } = {};
  const first = await runWorker(synthTask('library', profile, n, true));
  if (first.error) throw new Error(`library: ${first.error}`);
  for (const variant of ['library', 'floor'] as Variant[]) {
    const file = path.join(OUT, `cpu-${profile}-${n}-${variant}.cpuprofile`);
    const r = await runWorker({ ...synthTask(variant, profile, n), cpuProfile: file } as Task);
    if (r.error) throw new Error(`${variant}: ${r.error}`);
    console.log(`${variant}: ${fmt(r.ms)} ms under the profiler -> ${file}`);
    summaries[variant] = summarize(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, path.dirname(LIB));
  }
  fs.rmSync(path.join(OUT, 'data', `${profile}-${n}.ndjson`), { force: true });
  printSummaries(summaries);
}

async function main(): Promise<void> {
  const started = Date.now();
  prepare();
  const cpuProf = arg('cpu-prof');
  if (cpuProf) return cpuProfile(cpuProf);
  const info = machine();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the transpiled profiles, known at run time only
  const profiles: string[] = arg('profiles')?.split(',') ?? Object.keys(require(PROFILES).BENCH_PROFILES);
  console.log(`bench: ${LIB}; N = ${SIZES.join(', ')}; ${REPEATS} repeats; ${profiles.join(', ')}\n${JSON.stringify(info)}\n`);

  const requires = await measureRequires();
  console.log(`cold require (${REPEATS} fresh processes each, alternating order): min / median`);
  for (const [m, s] of Object.entries(requires)) console.log(`  ${m.padEnd(20)} ${fmt(s.min, 1).padStart(7)} / ${fmt(s.median, 1).padStart(7)} ms`);

  const rows: Row[] = [];
  for (const profile of profiles) {
    for (const n of SIZES) {
      const row = await measureSynth(profile, n);
      rows.push(row);
      console.log(`  ${profile} N=${n}: ${row.error ? `FAILED ${row.error}` : `library ${fmt(row.library!.ms.median)} ms, floor ${fmt(row.floor!.ms.median)} ms (medians)`}`);
    }
  }

  console.log('\nsynth = construct + resolve + YAML + write (app.synth()), wall clock; MiB = peak RSS of the process; ratios of medians');
  printTable(rows);

  let multiProfile: MultiProfile | undefined;
  if (arg('multi') !== 'false') {
    multiProfile = measureMultiProfile();
    const m = multiProfile;
    console.log(m.error
      ? `\nall profiles at once: FAILED ${m.error}`
      : `\nall profiles at once (${REPEATS} fresh runs each, alternating; min / median): check --app ${m.app} of ${m.profiles.join(', ')} `
        + `${fmt(m.check.min)} / ${fmt(m.check.median)} ms; one npx cdk8s synth (${m.synthProfile}) ${fmt(m.synth.min)} / ${fmt(m.synth.median)} ms; `
        + `${fmt(m.check.median / m.synth.median, 2)}×; YAML ${m.identical ? 'byte-identical to' : 'DIFFERENT from'} one synth per profile`);
  }
  const checks = grade(rows, requires, multiProfile);
  const report: Report = {
    machine: { ...info, loadavgEnd: os.loadavg().map((x) => +x.toFixed(2)) },
    options: { sizes: SIZES, repeats: REPEATS, profiles },
    targets: TARGETS,
    requires,
    rows,
    multiProfile,
    checks,
    broken: [...broken],
    seconds: (Date.now() - started) / 1000,
  };
  console.log('\ntargets:');
  for (const t of targetLines(checks)) console.log(`  [${t.met ? 'met' : 'NOT MET'}] ${t.text}: ${t.detail}`);
  console.log(`\ninvariants: ${broken.size === 0 ? 'all hold (floor YAML = library YAML, byte for byte; deterministic; no cloud SDK loaded)' : ''}`);
  for (const b of broken) console.log(`  BROKEN: ${b}`);

  const file = path.join(OUT, `bench-${info.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  fs.copyFileSync(file, path.join(OUT, 'latest.json'));
  console.log(`\nload average: ${info.loadavg.join(' / ')} at the start, ${report.machine.loadavgEnd!.join(' / ')} at the end`);
  console.log(`${file} (${fmt(report.seconds)} s)`);
  if (process.argv.includes('--readme')) console.log(writeReadme(FIGURES_PAGE, report));
  process.exit(exitCode(report));
}

main().catch((e) => { console.error(e); process.exit(2); });
