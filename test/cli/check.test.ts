import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Size } from 'cdk8s';
import { AwsProfile, PortableQueue, Profile } from '../../src';
import { nodeAppOf } from '../../src/cli/check';
import { CliOverrides, main } from '../../src/cli/main';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(__dirname, 'fixtures');
const GOLDEN = join(ROOT, 'test', 'golden');
/** The first profile of a run compiles the library's TypeScript sources (the apps import `src/`): on a loaded machine, long. */
const SLOW = 300_000;

async function run(argv: string[], overrides: CliOverrides = {}): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, overrides);
  return { code, out: out.join('\n'), err };
}

let tmp: string;
beforeEach(() => { tmp = mkdtempSync(join(tmpdir(), 'check-test-')); });
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('check: every profile of an app in one run', () => {
  test('reports every error of every profile together: three profiles fail, every service\'s errors in each', async () => {
    const r = await run(['check', '--app', join(FIXTURES, 'three-failing'), '--format', 'json', '--output', tmp]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    const summary = report.profiles.map((p: any) => [p.profile, p.ok, p.errors.map((e: any) => [e.path, e.code, /: invalid (\S+)/.exec(e.message)?.[1]])]);
    expect(summary).toEqual([
      // The built-in default first, then every registered profile, sorted.
      ['in-cluster', true, []],
      ['aws', false, [['app/Jobs', 'PD200', 'storage'], ['app/Jobs', 'PD200', 'queues'], ['app/Cache', 'PD100', 'cacheSubnetGroupName']]],
      ['crossplane', false, [['app/Jobs', 'PD200', 'storage'], ['app/Jobs', 'PD200', 'queues'], ['app/Cache', 'PD200', 'version']]],
      // A backend that refuses the whole kind is one error, not one per feature.
      ['gcp', false, [['app/Jobs', 'PD200', 'profile'], ['app/Cache', 'PD200', 'version']]],
    ]);
    expect(report.errors).toBe(8);
    for (const p of report.profiles) for (const e of p.errors) expect(e.message).toMatch(new RegExp(`^${e.path}: invalid .*Fix: .* \\[${e.code}\\]$`, 's'));
    // Only the profile that synthesizes is written; the others leave nothing behind.
    expect(readdirSync(tmp)).toEqual(['in-cluster']);
    // Progress on stderr: each profile as it starts (the total once the app has registered its profiles) and ends.
    expect(r.err.filter((l) => l.includes('synthesizing'))).toEqual([
      'check: synthesizing in-cluster (1/?)', 'check: synthesizing aws (2/4)', 'check: synthesizing crossplane (3/4)', 'check: synthesizing gcp (4/4)',
    ]);
    expect(r.err.filter((l) => !l.includes('synthesizing')).map((l) => l.replace(/ in \d+\.\d s$/, ''))).toEqual([
      'check: in-cluster: ok', 'check: aws: 3 error(s)', 'check: crossplane: 3 error(s)', 'check: gcp: 2 error(s)',
    ]);
  }, SLOW);

  test('text: one block per profile, each error with its code, and the totals', async () => {
    const r = await run(['check', '--app', join(FIXTURES, 'three-failing'), '--profile', 'gcp', '--profile', 'in-cluster']);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('gcp: 2 errors');
    expect(lines[1]).toMatch(/^ {2}PD200 app\/Jobs: invalid profile "gcp": allowed: not a queue on the gcp-none backend/);
    expect(lines[2]).toMatch(/^ {2}PD200 app\/Cache: invalid version "8.0": /);
    expect(lines.slice(3)).toEqual(['in-cluster: ok', `check: ${join(FIXTURES, 'three-failing')}: 2 errors in 1 of 2 profiles (gcp)`]);
  }, SLOW);

  test('a normal synth still stops at the first error: only check collects', () => {
    const app = new App();
    Profile.register(app, new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'], brokerSubnetIds: ['subnet-0a1b2c3d4e5f60718'] }));
    Profile.use(app, Profile.named(app, 'aws'));
    const chart = new Chart(app, 'app');
    expect(() => new PortableQueue(chart, 'Jobs', { queues: ['jobs'], storage: Size.gibibytes(5) })).toThrow(/^app\/Jobs: invalid storage "5 GiB": .* \[PD200\]$/s);
  });

  test('an app run by node: once per profile in one process; its own errors reported without a code; output like cdk8s synth', async () => {
    mkdirSync(join(tmp, 'broken'));
    writeFileSync(join(tmp, 'broken', 'stale.k8s.yaml'), 'stale');
    const r = await run(['check', '--app', join(FIXTURES, 'node-app'), '--profile', 'one', '--profile', 'broken', '--profile', 'two', '--output', tmp, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.profiles.map((p: any) => [p.profile, p.errors])).toEqual([
      ['one', []],
      ['broken', [{ path: '', code: null, message: 'the app itself failed' }]],
      ['two', []],
    ]);
    // The third run of the module in the same process; the stale folder of the failing profile is gone.
    expect(readdirSync(tmp).sort()).toEqual(['one', 'two']);
    expect(readFileSync(join(tmp, 'two', 'app.k8s.yaml'), 'utf8')).toMatch(/runs: "3"\n/);
    expect(readFileSync(join(tmp, 'one', 'app.k8s.yaml'), 'utf8')).toMatch(/runs: "1"\n/);
  }, SLOW);

  test('fails with exit 2 when the app stops the process before every profile ran, with what it printed', async () => {
    const app = join(tmp, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'cdk8s.yaml'), 'app: node main.js\n');
    writeFileSync(join(app, 'main.js'), 'console.error("leaving now"); process.exit(7);\n');
    const r = await run(['check', '--app', app, '--profile', 'a']);
    expect(r.code).toBe(2);
    expect(r.err[r.err.length - 1]).toBe(`check: the app in ${app} stopped (exit code 7) before every profile was synthesized:\nleaving now`);
  }, SLOW);

  test('fails with exit 2 when --app is missing or not a cdk8s app folder', async () => {
    expect((await run(['check'])).code).toBe(2);
    const r = await run(['check', '--app', tmp]);
    expect(r).toEqual({ code: 2, out: '', err: [`check: no cdk8s app in ${tmp}: it has no cdk8s.yaml; pass --app <the folder of the cdk8s app>, or --dir <a synth output folder>`] });
  });

  test('an app command that does not run in Node.js: npx cdk8s synth per --profile; without --profile, exit 2 naming the fix', async () => {
    writeFileSync(join(tmp, 'cdk8s.yaml'), 'app: python3 main.py\n');
    const r = await run(['check', '--app', tmp]);
    expect(r.code).toBe(2);
    expect(r.err[r.err.length - 1]).toBe('check: the app\'s command (python3 main.py) does not run in Node.js, so its registered profiles cannot be listed: name them with --profile');
    const calls: Array<string | undefined> = [];
    const synth = async (_app: string, profile: string | undefined, out: string) => {
      calls.push(profile);
      if (profile === 'bad') throw new Error('app/Db: invalid storage "1 GiB": allowed: more. Fix: more [PD100]');
      writeFileSync(join(out, 'app.k8s.yaml'), 'kind: ConfigMap\n');
    };
    const r2 = await run(['check', '--app', tmp, '--profile', 'good', '--profile', 'bad', '--format', 'json'], { synth });
    expect(calls).toEqual(['good', 'bad']);
    expect(JSON.parse(r2.out).profiles.map((p: any) => [p.profile, p.errors])).toEqual([
      ['good', []], ['bad', [{ path: 'app/Db', code: 'PD100', message: 'app/Db: invalid storage "1 GiB": allowed: more. Fix: more [PD100]' }]],
    ]);
  });
});

describe('check --output writes what separate cdk8s synth runs write, byte for byte', () => {
  // test/golden holds what `npx cdk8s synth` writes for each example under each profile (test/examples compares them).
  const examples = ['worker', 'photos', 'wordpress', 'platform'];
  test.each(examples)('examples/%s: every registered profile, each file identical to its golden YAML', async (example) => {
    const r = await run(['check', '--app', join(ROOT, 'examples', example), '--output', tmp]);
    expect(r.code).toBe(0);
    if (example === 'platform') {
      // No profile registered: the built-in default only.
      expect(readdirSync(tmp)).toEqual(['in-cluster']);
      expect(readFileSync(join(tmp, 'in-cluster', 'platform.k8s.yaml'), 'utf8')).toEqual(readFileSync(join(GOLDEN, 'platform', 'platform.k8s.yaml'), 'utf8'));
      return;
    }
    const golden = readdirSync(join(GOLDEN, example)).map((f) => f.replace(/\.k8s\.yaml$/, '')).sort();
    expect(readdirSync(tmp).sort()).toEqual(golden);
    for (const profile of golden) {
      expect(readdirSync(join(tmp, profile))).toEqual([`${example}.k8s.yaml`]);
      expect(readFileSync(join(tmp, profile, `${example}.k8s.yaml`), 'utf8')).toEqual(readFileSync(join(GOLDEN, example, `${profile}.k8s.yaml`), 'utf8'));
    }
  }, SLOW);
});

describe('plan --app: the same engine', () => {
  test('reports every error of every profile asked, then exit 1', async () => {
    const r = await run(['plan', '--app', join(FIXTURES, 'three-failing'), '--profile', 'aws', '--profile', 'gcp']);
    expect(r.code).toBe(1);
    const errors = r.err[r.err.length - 1].split('\n');
    expect(errors.map((l) => /^plan: (\S+): (\S+): invalid (\S+)/.exec(l)?.slice(1))).toEqual([
      ['aws', 'app/Jobs', 'storage'], ['aws', 'app/Jobs', 'queues'], ['aws', 'app/Cache', 'cacheSubnetGroupName'],
      ['gcp', 'app/Jobs', 'profile'], ['gcp', 'app/Cache', 'version'],
    ]);
    expect(r.err.filter((l) => l.startsWith('plan: synthesizing'))).toEqual(['plan: synthesizing aws (1/2)', 'plan: synthesizing gcp (2/2)']);
  }, SLOW);

  test('plans each profile from one process', async () => {
    const r = await run(['plan', '--app', join(FIXTURES, 'three-failing'), '--profile', 'in-cluster', '--format', 'json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.profiles.map((p: any) => [p.profile, p.synthesizedFor, p.services.map((s: any) => [s.service, s.backend])])).toEqual([
      ['in-cluster', ['in-cluster'], [['jobs', 'in-cluster'], ['cache', 'in-cluster']]],
    ]);
  }, SLOW);
});

describe('nodeAppOf: the app commands check runs in its own process', () => {
  test.each([
    ['npx ts-node --transpile-only main.ts', { entry: 'main.ts', args: [], typescript: { transpileOnly: true, project: undefined } }],
    ['ts-node -T -P tsconfig.app.json src/main.ts --flag', { entry: 'src/main.ts', args: ['--flag'], typescript: { transpileOnly: true, project: 'tsconfig.app.json' } }],
    ['npx ts-node main.ts', { entry: 'main.ts', args: [], typescript: { transpileOnly: false, project: undefined } }],
    ['node main.js', { entry: 'main.js', args: [] }],
  ])('%s', (command, expected) => {
    expect(nodeAppOf(command)).toEqual(expected);
  });

  test.each(['python3 main.py', 'go run .', 'node --inspect main.js', 'npx ts-node --swc main.ts', 'npm run synth && node main.js', 'node "my app.js"', 'ts-node'])(
    'none for %s (synthesized by npx cdk8s synth per profile)', (command) => {
      expect(nodeAppOf(command)).toBeUndefined();
    });
});

