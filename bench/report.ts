/**
 * The pure parts of the benchmark (no I/O): statistics, target grading and the figures' table. `bench/run.ts`
 * measures and writes `.bench/latest.json` (a `Report`); `bench/readme.ts` renders it into docs/performance.md.
 */

/** The targets: every one is graded, and `npm run bench` exits non-zero when one is not met. */
export const TARGETS = {
  /** Synth (construct + resolve + YAML + write) of the library ≤ this × the floor's, median against median. */
  synth: 1.1,
  /** Peak RSS of the library's process ≤ this × the floor's, median against median. */
  rss: 1.2,
  /** Cold `require` of the library ≤ this × `cdk8s-plus-27`'s, median against median. */
  require: 1.0,
  /** Per-service synth cost at the largest N ≤ this × the cost at the smallest N (1,000 and 5,000 by default). */
  linearity: 1.1,
  /** `check` of every profile of `examples/worker` (one process) ≤ this × one `npx cdk8s synth` of one profile. */
  multiProfile: 1.5,
} as const;

/** Repeated measurements of one quantity, each from a fresh process. */
export interface Sample {
  readonly min: number;
  readonly median: number;
  readonly runs: readonly number[];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function sample(runs: readonly number[]): Sample {
  return { min: runs.length === 0 ? NaN : Math.min(...runs), median: median(runs), runs: [...runs] };
}

/** What one variant (the library or the floor) measured at one point. */
export interface VariantResult {
  /** Wall-clock ms of construct + resolve + YAML + write (`app.synth()`). */
  readonly ms: Sample;
  /** Peak RSS of the whole process, MiB. */
  readonly rssMiB: Sample;
}

/** One (profile, N) point. */
export interface Row {
  readonly profile: string;
  readonly n: number;
  readonly error?: string;
  readonly objects?: number;
  readonly yamlBytes?: number;
  readonly library?: VariantResult;
  readonly floor?: VariantResult;
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly date: string;
  readonly commit?: string;
  readonly dirty?: boolean;
  /** The load average when the run started. */
  readonly loadavg: readonly number[];
  /** The load average when it ended. */
  readonly loadavgEnd?: readonly number[];
}

/** The multi-profile point: `check` of every profile of an app against one `npx cdk8s synth` of one profile. */
export interface MultiProfile {
  /** The app folder, e.g. `examples/worker`. */
  readonly app: string;
  /** The profiles `check` synthesized. */
  readonly profiles: readonly string[];
  /** The profile of the one `cdk8s synth` (the app's default). */
  readonly synthProfile: string;
  /** Wall-clock ms of `check --app <app> --output <folder>`, fresh process each. */
  readonly check: Sample;
  /** Wall-clock ms of `npx cdk8s synth` in the app folder, fresh process each. */
  readonly synth: Sample;
  /** Whether every `check` run wrote, byte for byte, what the separate synths of each profile wrote. */
  readonly identical: boolean;
  readonly error?: string;
}

/** One graded target at one point. */
export interface Check {
  readonly target: keyof typeof TARGETS;
  /** The point: `aws N=1000`, `aws`, `require`. */
  readonly subject: string;
  readonly value: number;
  readonly limit: number;
  readonly met: boolean;
}

/** `.bench/latest.json`. */
export interface Report {
  readonly machine: Machine;
  readonly options: { readonly sizes: readonly number[]; readonly repeats: number; readonly profiles: readonly string[] };
  readonly targets: typeof TARGETS;
  /** Cold `require`, by module (`cdk8s-portable-data`, `cdk8s-plus-27`, `cdk8s`): wall-clock ms. */
  readonly requires: { readonly [module: string]: Sample };
  readonly rows: readonly Row[];
  /** The multi-profile point, unless skipped (`--multi false`). */
  readonly multiProfile?: MultiProfile;
  readonly checks: readonly Check[];
  /** Broken invariants (different YAML, a cloud SDK loaded, a failed run): the numbers cannot be trusted. */
  readonly broken: readonly string[];
  readonly seconds: number;
}

/** Per-service synth cost of the library at a row, µs (median). */
export const usPerService = (row: Row): number => (row.library!.ms.median * 1000) / row.n;

/** Grades every target at every point measured. A failed row misses its synth and RSS targets. */
export function grade(rows: readonly Row[], requires: Report['requires'], multi?: MultiProfile, targets: typeof TARGETS = TARGETS): Check[] {
  const checks: Check[] = [];
  const check = (target: keyof typeof TARGETS, subject: string, value: number) =>
    checks.push({ target, subject, value, limit: targets[target], met: Number.isFinite(value) && value <= targets[target] });
  for (const row of rows) {
    const subject = `${row.profile} N=${row.n}`;
    const ok = !row.error && row.library && row.floor;
    check('synth', subject, ok ? row.library!.ms.median / row.floor!.ms.median : NaN);
    check('rss', subject, ok ? row.library!.rssMiB.median / row.floor!.rssMiB.median : NaN);
  }
  for (const profile of [...new Set(rows.map((r) => r.profile))]) {
    const mine = rows.filter((r) => r.profile === profile).sort((a, b) => a.n - b.n);
    if (mine.length < 2) continue;
    const [lo, hi] = [mine[0], mine[mine.length - 1]];
    const ok = [lo, hi].every((r) => !r.error && r.library);
    check('linearity', `${profile} N=${hi.n} vs N=${lo.n}`, ok ? usPerService(hi) / usPerService(lo) : NaN);
  }
  const lib = requires['cdk8s-portable-data'];
  const plus = requires['cdk8s-plus-27'];
  check('require', 'cdk8s-portable-data vs cdk8s-plus-27', lib && plus ? lib.median / plus.median : NaN);
  if (multi) {
    check('multiProfile', `check of ${multi.profiles.length} profiles of ${multi.app} vs one cdk8s synth`, multi.error ? NaN : multi.check.median / multi.synth.median);
  }
  return checks;
}

/** Exit code of a run: 2 when an invariant broke, 1 when a target is missed, else 0. */
export function exitCode(report: Pick<Report, 'checks' | 'broken'>): number {
  if (report.broken.length > 0) return 2;
  return report.checks.every((c) => c.met) ? 0 : 1;
}

const TARGET_TEXT: { [t in keyof typeof TARGETS]: string } = {
  synth: 'synth ≤ {limit}× the floor',
  rss: 'peak RSS ≤ {limit}× the floor',
  require: 'cold `require` ≤ {limit}× `cdk8s-plus-27`',
  linearity: 'per-service cost at the largest N ≤ {limit}× at the smallest N',
  multiProfile: '`check` of every profile of `examples/worker` ≤ {limit}× one `npx cdk8s synth` of one profile',
};

const num = (x: number | undefined, digits = 0): string => (x === undefined || !Number.isFinite(x) ? '–' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const ratio = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'failed');

/** One line per target: met, or not met with the points that missed it. */
export function targetLines(checks: readonly Check[]): { text: string; met: boolean; detail: string }[] {
  return (Object.keys(TARGET_TEXT) as (keyof typeof TARGETS)[]).flatMap((target) => {
    const mine = checks.filter((c) => c.target === target);
    if (mine.length === 0) return [];
    const text = TARGET_TEXT[target].replace('{limit}', String(mine[0].limit));
    const missed = mine.filter((c) => !c.met);
    const values = mine.map((c) => c.value).filter(Number.isFinite);
    const range = values.length === 0 ? '' : `${ratio(Math.min(...values))}–${ratio(Math.max(...values))}`;
    const detail = missed.length === 0
      ? `${range} over ${mine.length} point${mine.length > 1 ? 's' : ''}`
      : `${missed.length} of ${mine.length}: ${missed.map((c) => `${c.subject} ${ratio(c.value)}`).join(', ')}`;
    return [{ text, met: missed.length === 0, detail }];
  });
}

/** The performance figures of docs/performance.md (what goes between the markers). */
export function renderReadme(report: Report): string {
  const m = report.machine;
  const lines: string[] = [];
  const sizes = report.options.sizes.map((n) => num(n)).join(' and ');
  lines.push(`Measured ${m.date.slice(0, 10)} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB), Node ${m.node}, `
    + `${m.platform}, commit \`${m.commit ?? '?'}\`${m.dirty ? ' (with uncommitted changes)' : ''}; load average `
    + `${m.loadavg.map((x) => x.toFixed(1)).join(' / ')} at the start`
    + `${m.loadavgEnd ? ` and ${m.loadavgEnd.map((x) => x.toFixed(1)).join(' / ')} at the end` : ''}. N = ${sizes} services, `
    + `${report.options.repeats} fresh processes per variant and point, library and floor in alternating order; `
    + 'time = construct + resolve + YAML + write (`app.synth()`), RSS = peak RSS of the process.');
  lines.push('');
  lines.push('| profile | N | objects | YAML | library ms (min / median) | floor ms (min / median) | time × | library MiB | floor MiB | RSS × | µs / service |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of report.rows) {
    if (r.error || !r.library || !r.floor) {
      lines.push(`| ${r.profile} | ${num(r.n)} | failed: ${r.error ?? 'no result'} | | | | | | | | |`);
      continue;
    }
    const [lib, floor] = [r.library, r.floor];
    lines.push(`| ${r.profile} | ${num(r.n)} | ${num(r.objects)} | ${num((r.yamlBytes ?? NaN) / 2 ** 20, 1)} MiB `
      + `| ${num(lib.ms.min)} / ${num(lib.ms.median)} | ${num(floor.ms.min)} / ${num(floor.ms.median)} `
      + `| ${ratio(lib.ms.median / floor.ms.median)} | ${num(lib.rssMiB.median)} | ${num(floor.rssMiB.median)} `
      + `| ${ratio(lib.rssMiB.median / floor.rssMiB.median)} | ${num(usPerService(r))} |`);
  }
  lines.push('');
  const req = Object.entries(report.requires).map(([mod, s]) => `\`${mod}\` ${num(s.min, 1)} / ${num(s.median, 1)} ms`);
  lines.push(`Cold \`require\` (min / median): ${req.join(', ')}.`);
  lines.push('');
  const multi = report.multiProfile;
  if (multi) {
    lines.push(multi.error
      ? `All profiles at once (\`check --app ${multi.app}\`): failed: ${multi.error}.`
      : `All profiles at once: \`check --app ${multi.app}\` of its ${multi.profiles.length} profiles (${multi.profiles.join(', ')}) in one `
        + `process ${num(multi.check.min)} / ${num(multi.check.median)} ms, one \`npx cdk8s synth\` of one profile (${multi.synthProfile}) `
        + `${num(multi.synth.min)} / ${num(multi.synth.median)} ms (min / median of ${multi.check.runs.length} fresh runs each, alternating): `
        + `${ratio(multi.check.median / multi.synth.median)}; \`check\`'s YAML ${multi.identical ? 'is byte-identical to' : '**differs** from'} `
        + `what ${multi.profiles.length} separate synths write.`);
    lines.push('');
  }
  lines.push('| target | status | measured |');
  lines.push('|---|---|---|');
  for (const t of targetLines(report.checks)) lines.push(`| ${t.text} | ${t.met ? 'met' : '**not met**'} | ${t.detail} |`);
  if (report.broken.length > 0) {
    lines.push('');
    lines.push(`Broken invariants (the figures above cannot be trusted): ${report.broken.join('; ')}.`);
  }
  return lines.join('\n');
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/** `readme` with the text between the markers replaced by `content`. */
export function replaceBetweenMarkers(readme: string, content: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < 0 || end < start) {
    throw new Error(`docs/performance.md has no ${README_START} … ${README_END} section: add the two markers where the figures go`);
  }
  return `${readme.slice(0, start + README_START.length)}\n${content}\n${readme.slice(end)}`;
}
