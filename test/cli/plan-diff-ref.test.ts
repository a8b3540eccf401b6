import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { EXIT_BLOCKING } from '../../src/cli/plan-diff';

jest.setTimeout(240_000);

const REPO = join(__dirname, '..', '..');
const SRC = join(REPO, 'src');

/** A cdk8s app (TypeScript, run with ts-node as `cdk8s init` makes it) with one PostgreSQL of this storage and version. */
function appSource(storageGiB: number, version: string): string {
  return [
    "import { App, Chart, Size } from 'cdk8s';",
    `import { PortablePostgres, PostgresVersion } from ${JSON.stringify(SRC)};`,
    'const app = new App();',
    "const chart = new Chart(app, 'orders', { namespace: 'orders' });",
    `new PortablePostgres(chart, 'Db', { name: 'orders-db', databaseName: 'orders', storage: Size.gibibytes(${storageGiB}), version: PostgresVersion.${version} });`,
    'app.synth();',
    '',
  ].join('\n');
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/**
 * A git repository whose app (in `app/`) was committed with 40 GiB of PostgreSQL 16; its working tree has the
 * working tree's `node_modules` linked in (ignored by git), as an installed app has.
 */
function repoWithApp(): { repo: string; app: string } {
  const repo = mkdtempSync(join(tmpdir(), 'plan-diff-ref-'));
  const app = join(repo, 'app');
  mkdirSync(app);
  git(repo, 'init', '--quiet', '--initial-branch=main');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'test');
  writeFileSync(join(repo, '.gitignore'), 'node_modules\ndist\n');
  writeFileSync(join(app, 'cdk8s.yaml'), 'language: typescript\napp: npx ts-node --transpile-only main.ts\noutput: dist\n');
  writeFileSync(join(app, 'main.ts'), appSource(40, 'V16'));
  symlinkSync(join(REPO, 'node_modules'), join(repo, 'node_modules'), 'dir');
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'orders-db');
  git(repo, 'tag', 'v1');
  return { repo, app };
}

const run = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('plan --diff-ref: the app at a git ref against the working tree', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('classifies each change of the working tree against the tag, exits 3 on a refusal, and leaves no worktree behind', async () => {
    const { repo, app } = repoWithApp();
    made.push(repo);
    // The working tree: PostgreSQL 17 (a major the plain StatefulSet cannot run on its data) and 80 GiB (a larger claim
    // template): both refused in the cluster.
    writeFileSync(join(app, 'main.ts'), appSource(80, 'V17'));
    const r = await run(['plan', '--diff-ref', 'v1', '--app', app, '--format', 'json']);
    expect(r.err).not.toMatch(/error/i);
    expect(r.code).toBe(EXIT_BLOCKING);
    const d = JSON.parse(r.out);
    const commit = git(repo, 'rev-parse', 'v1').slice(0, 12);
    expect(d).toMatchObject({ oldSource: `${app} at v1 (${commit})`, newSource: `${app} (working tree)`, consequence: 'refused', blocking: true });
    const changes = d.services.find((s: any) => s.service === 'orders-db').changes;
    expect(changes).toContainEqual(expect.objectContaining({
      object: 'StatefulSet/orders-db', path: 'spec.template.spec.containers[0].image', consequence: 'refused', reason: expect.stringMatching(/16\.\d+ → 17\.\d+ is a major upgrade/),
    }));
    expect(changes).toContainEqual(expect.objectContaining({
      object: 'StatefulSet/orders-db', path: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage', old: '"40Gi"', new: '"80Gi"', consequence: 'refused',
    }));
    // The app at the ref ran with the working tree's dependencies, and its checkout is gone.
    expect(r.err).toMatch(/synthesizing .* at v1 \([0-9a-f]{12}\) with the working tree's node_modules/);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('cdk8s-portable-data-ref-'))).toEqual([]);

    // The same against HEAD once the change is committed: nothing changes (exit 0).
    git(repo, 'commit', '--quiet', '-am', 'upgrade');
    const same = await run(['plan', '--diff-ref', 'HEAD', '--app', app]);
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/service orders-db: backend in-cluster: none\n {4}no change/);
    expect(same.out).toMatch(/plan --diff: no change$/);
  });

  test('fails when the working tree does not synthesize (exit 1, naming the side and the error)', async () => {
    const { repo, app } = repoWithApp();
    made.push(repo);
    writeFileSync(join(app, 'main.ts'), appSource(40, 'V16').replace("name: 'orders-db'", "name: 'Orders_DB'"));
    const r = await run(['plan', '--diff-ref', 'v1', '--app', app]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^plan --diff-ref: the working tree: .*invalid name "Orders_DB"/m);
    expect(r.out).toBe('');
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  test('fails when the ref names no commit (exit 2, naming the ref)', async () => {
    const { repo, app } = repoWithApp();
    made.push(repo);
    const r = await run(['plan', '--diff-ref', 'no-such-branch', '--app', app]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plan --diff-ref: no-such-branch names no commit of .*: pass a branch, tag or commit/);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  test('fails when the app folder is in no git repository (exit 2, pointing to --diff)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-diff-ref-nogit-'));
    made.push(dir);
    writeFileSync(join(dir, 'cdk8s.yaml'), 'app: node main.js\n');
    const r = await run(['plan', '--diff-ref', 'main', '--app', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plan --diff-ref: .* is not in a git repository .*compare two synth outputs with --diff <folder> instead/);
  });

  test('fails when the app did not exist at the ref (exit 2)', async () => {
    const { repo } = repoWithApp();
    made.push(repo);
    const later = join(repo, 'later');
    mkdirSync(later);
    writeFileSync(join(later, 'cdk8s.yaml'), 'app: node main.js\n');
    const r = await run(['plan', '--diff-ref', 'v1', '--app', later]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plan --diff-ref: later has no cdk8s.yaml at v1 \([0-9a-f]{12}\): the app did not exist there/);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  test.each([
    [['--diff', 'old'], /'--diff-ref <git ref>' cannot be used with option '--diff <folder>'/],
    [['--dir', 'dist'], /'--diff-ref <git ref>' cannot be used with option '--dir <folder>'/],
  ])('fails when --diff-ref is given with %s (a usage error, exit 2)', async (extra, pattern) => {
    const r = await run(['plan', '--diff-ref', 'main', ...extra]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(pattern);
  });

  test('fails when --diff-ref is given two profiles (exit 2)', async () => {
    const { repo, app } = repoWithApp();
    made.push(repo);
    const r = await run(['plan', '--diff-ref', 'v1', '--app', app, '--profile', 'aws', '--profile', 'gcp']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plan --diff-ref: give at most one --profile/);
  });
});
