import { readFileSync } from 'fs';
import { join } from 'path';
import { BUILD_STEPS, checkBuildSteps, formatTimes, PLAN, runPlan, serialOf, Stage, Step } from '../../scripts/verify';

const ROOT = join(__dirname, '..', '..');
const tasks = JSON.parse(readFileSync(join(ROOT, '.projen', 'tasks.json'), 'utf8'));

const names = (plan: readonly Step[]) => serialOf(plan).map((s) => s.serial.name);
const stage = (name: string): Stage => ({ name, command: ['true'] });

/** A runner that records when each stage starts and ends; each stage lets the others run before it ends. */
function recorder(failing: string[] = []) {
  const events: string[] = [];
  const run = async (s: Stage, prefix?: string) => {
    events.push(`start ${s.name}${prefix === undefined ? '' : ` ${prefix.trim()}`}`);
    await new Promise((r) => setImmediate(r));
    events.push(`end ${s.name}`);
    return !failing.includes(s.name);
  };
  return { events, run };
}

describe('the plan of npx projen verify', () => {
  test('npx projen verify runs scripts/verify.ts, and .ci/run is npm ci && npx projen verify', () => {
    expect(tasks.tasks.verify.steps).toEqual([{ exec: 'ts-node --transpile-only scripts/verify.ts' }]);
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/\nnpm ci && npx projen verify\n$/);
  });

  test('every stage of the test command, each once: the prerequisites, imports, build step by step, API.md, the real cluster, the languages', () => {
    expect(names(PLAN)).toEqual([
      'test:prerequisites', 'import:check', 'default', 'pre-compile', 'compile', 'post-compile', 'API.md current', 'test', 'package', 'test:languages', 'test:cluster',
    ]);
    for (const step of BUILD_STEPS) expect(names(PLAN)).toContain(step);
    // Every projen task the plan names exists.
    for (const s of serialOf(PLAN).map((x) => x.serial)) if (s.command[0] === 'npx') expect(tasks.tasks[s.command[2]]).toBeDefined();
  });

  test('the plan runs the steps of projen\'s build task; fails naming them when build changes', () => {
    expect(() => checkBuildSteps(tasks)).not.toThrow();
    const changed = { tasks: { build: { steps: [...BUILD_STEPS.map((spawn) => ({ spawn })), { spawn: 'extra' }] } } };
    expect(() => checkBuildSteps(changed)).toThrow('projen\'s build task runs default, pre-compile, compile, post-compile, test, package, extra; '
      + 'scripts/verify.ts runs default, pre-compile, compile, post-compile, test, package: update BUILD_STEPS and PLAN');
  });

  test('the languages (package, then their apps) run beside the real-cluster suite; the unit tests before, alone', () => {
    const last = PLAN[PLAN.length - 1];
    expect('parallel' in last && last.parallel.map((lane) => lane.map((s) => s.name))).toEqual([['package', 'test:languages'], ['test:cluster']]);
    expect(PLAN.slice(0, -1).every((s) => 'serial' in s)).toBe(true);
  });
});

describe('runPlan', () => {
  const plan: Step[] = [{ serial: stage('a') }, { parallel: [[stage('b1'), stage('b2')], [stage('c')]] }, { serial: stage('d') }];

  test('serial steps one after the other; the lanes of a parallel step side by side, each in order, output prefixed', async () => {
    const { events, run } = recorder();
    const times = await runPlan(plan, run);
    // b2 follows b1 in its lane at once, while c still runs.
    expect(events).toEqual(['start a', 'end a', 'start b1 [b1]', 'start c [c]', 'end b1', 'start b2 [b2]', 'end c', 'end b2', 'start d', 'end d']);
    expect(times.map((t) => [t.name, t.ok, t.lane])).toEqual([['a', true, undefined], ['b1', true, 1], ['c', true, 2], ['b2', true, 1], ['d', true, undefined]]);
  });

  test('VERIFY_SERIAL: the same stages, one after the other', async () => {
    const { events, run } = recorder();
    await runPlan(serialOf(plan), run);
    expect(events).toEqual(['start a', 'end a', 'start b1', 'end b1', 'start b2', 'end b2', 'start c', 'end c', 'start d', 'end d']);
  });

  test('stops after a failed stage; a parallel step lets its other lanes finish first', async () => {
    const { events, run } = recorder(['b1']);
    const times = await runPlan(plan, run);
    expect(events).toEqual(['start a', 'end a', 'start b1 [b1]', 'start c [c]', 'end b1', 'end c']);
    expect(times.map((t) => [t.name, t.ok])).toEqual([['a', true], ['b1', false], ['c', true]]);
  });

  test('times each stage from the start of verify, with the clock given', async () => {
    let clock = 100;
    const run = async (s: Stage) => { clock += s.name === 'a' ? 65 : 5; return true; };
    const times = await runPlan([{ serial: stage('a') }, { serial: stage('b') }], run, () => clock);
    expect(times).toEqual([{ name: 'a', start: 0, seconds: 65, ok: true }, { name: 'b', start: 65, seconds: 5, ok: true }]);
  });
});

describe('formatTimes', () => {
  test('each stage with its start and time (m:ss) and result, the lanes named, then the total', () => {
    const text = formatTimes([
      { name: 'compile', start: 0, seconds: 95, ok: true },
      { name: 'package', start: 95, seconds: 300, ok: true, lane: 1 },
      { name: 'test:cluster', start: 95, seconds: 420.4, ok: false, lane: 2 },
    ], 515, 5);
    expect(text.split('\n')).toEqual([
      'verify: stage times (m:ss)',
      '  stage         start  time  result',
      '  compile        0:00  1:35  ok',
      '  package        1:35  5:00  ok  (side by side, lane 1)',
      '  test:cluster   1:35  7:00  FAILED  (side by side, lane 2)',
      '  total 8:35: FAILED in test:cluster; 2 stage(s) not run',
    ]);
  });
});
