/**
 * `npx projen verify`: the test command. Runs the projen tasks of every stage, the independent ones side by side
 * (`PLAN`), and prints each stage's time at the end (also when a stage fails).
 *
 * On the 2-core machine the stages that wait more than they compute overlap: the real-cluster suite (an API server,
 * a controller manager, programs waiting on them) runs while the npm package and the Python, Java and Go packages are
 * built and their apps run. The unit tests and the compile use both cores and run alone. `VERIFY_SERIAL=1` runs every
 * stage one after the other (to compare).
 */
import { spawn } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

/** One projen task run as a stage, or a command. */
export interface Stage {
  /** The name printed. */
  readonly name: string;
  /** The command and its arguments. */
  readonly command: readonly string[];
}

/** Runs one after the other; stages in a lane too. */
export type Step = { readonly serial: Stage } | { readonly parallel: ReadonlyArray<readonly Stage[]> };

const task = (name: string): Stage => ({ name, command: ['npx', 'projen', name] });

/** The steps of projen's `build` that `PLAN` runs (it fails when `build` has other steps: keep them in step). */
export const BUILD_STEPS = ['default', 'pre-compile', 'compile', 'post-compile', 'test', 'package'] as const;

/** What `verify` runs, in order. */
export const PLAN: readonly Step[] = [
  { serial: task('test:prerequisites') },
  { serial: task('import:check') },
  // `build`, step by step.
  { serial: task('default') },
  { serial: task('pre-compile') },
  { serial: task('compile') },
  { serial: task('post-compile') },
  { serial: { name: 'API.md current', command: ['bash', 'scripts/check-api-md.sh'] } },
  { serial: task('test') },
  { parallel: [[task('package'), task('test:languages')], [task('test:cluster')]] },
];

/** Every step of the plan as its own serial step. */
export function serialOf(plan: readonly Step[]): Step[] {
  return plan.flatMap((s) => ('serial' in s ? [s] : s.parallel.flat().map((stage) => ({ serial: stage }))));
}

/** Fails unless the plan runs every step of `build` (from `.projen/tasks.json`) and nothing else of it. */
export function checkBuildSteps(tasks: { tasks: { [name: string]: { steps?: Array<{ spawn?: string }> } } }): void {
  const steps = (tasks.tasks.build?.steps ?? []).map((s) => s.spawn ?? '(an exec step)');
  if (JSON.stringify(steps) !== JSON.stringify(BUILD_STEPS)) {
    throw new Error(`projen's build task runs ${steps.join(', ')}; scripts/verify.ts runs ${BUILD_STEPS.join(', ')}: update BUILD_STEPS and PLAN`);
  }
}

/** The time of one stage. */
export interface StageTime {
  readonly name: string;
  /** Seconds from the start of verify. */
  readonly start: number;
  readonly seconds: number;
  readonly ok: boolean;
  /** The lane it ran in, when it ran side by side with others (1-based). */
  readonly lane?: number;
}

/** Runs a stage; resolves to whether it passed. `prefix` marks its output lines when it runs beside others. */
export type Runner = (stage: Stage, prefix?: string) => Promise<boolean>;

/** Runs the plan; stops after the first step with a failed stage (a parallel step finishes every lane first). */
export async function runPlan(plan: readonly Step[], run: Runner, now: () => number = () => Date.now() / 1000): Promise<StageTime[]> {
  const t0 = now();
  const times: StageTime[] = [];
  const timed = async (stage: Stage, lane?: number) => {
    const start = now();
    const ok = await run(stage, lane === undefined ? undefined : `[${stage.name}] `);
    times.push({ name: stage.name, start: start - t0, seconds: now() - start, ok, ...(lane === undefined ? {} : { lane }) });
    return ok;
  };
  for (const step of plan) {
    if ('serial' in step) {
      if (!(await timed(step.serial))) break;
      continue;
    }
    const lanes = await Promise.all(step.parallel.map(async (lane, i) => {
      for (const stage of lane) if (!(await timed(stage, i + 1))) return false;
      return true;
    }));
    if (lanes.includes(false)) break;
  }
  return times;
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

/** The table printed at the end: each stage, when it started, how long it took; then the total. */
export function formatTimes(times: readonly StageTime[], total: number, planned: number): string {
  const width = Math.max(5, ...times.map((t) => t.name.length));
  const lines = ['verify: stage times (m:ss)', `  ${'stage'.padEnd(width)}  start  time  result`];
  for (const t of times) {
    lines.push(`  ${t.name.padEnd(width)}  ${clock(t.start).padStart(5)}  ${clock(t.seconds).padStart(4)}  ${t.ok ? 'ok' : 'FAILED'}${t.lane === undefined ? '' : `  (side by side, lane ${t.lane})`}`);
  }
  const failed = times.filter((t) => !t.ok).map((t) => t.name);
  const skipped = planned - times.length;
  lines.push(`  total ${clock(total)}${failed.length > 0 ? `: FAILED in ${failed.join(', ')}` : ''}${skipped > 0 ? `; ${skipped} stage(s) not run` : ''}`);
  return lines.join('\n');
}

/** Runs a stage as a child process; beside others, its output lines are prefixed with its name. */
const spawnStage: Runner = (stage, prefix) => new Promise((resolve) => {
  const child = spawn(stage.command[0], stage.command.slice(1), { stdio: prefix === undefined ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  if (prefix !== undefined) {
    for (const [from, to] of [[child.stdout!, process.stdout], [child.stderr!, process.stderr]] as const) {
      let rest = '';
      from.on('data', (d) => {
        const lines = (rest + d).split('\n');
        rest = lines.pop()!;
        for (const l of lines) to.write(`${prefix}${l}\n`);
      });
      from.on('end', () => { if (rest) to.write(`${prefix}${rest}\n`); });
    }
  }
  child.on('error', (e) => { process.stderr.write(`${prefix ?? ''}${e.message}\n`); resolve(false); });
  child.on('close', (code) => resolve(code === 0));
});

async function main(): Promise<void> {
  checkBuildSteps(JSON.parse(readFileSync(join(__dirname, '..', '.projen', 'tasks.json'), 'utf8')));
  const plan = process.env.VERIFY_SERIAL === '1' ? serialOf(PLAN) : [...PLAN];
  const planned = serialOf(plan).length;
  const started = Date.now() / 1000;
  const times = await runPlan(plan, spawnStage);
  console.log(`\n${formatTimes(times, Date.now() / 1000 - started, planned)}`);
  process.exit(times.length === planned && times.every((t) => t.ok) ? 0 : 1);
}

if (require.main === module) void main();
