import { readFileSync, readdirSync, statSync } from 'fs';
import { join, relative, sep } from 'path';

/**
 * CONTRIBUTING.md lists the files a new kind of service touches. This test holds the list to the tree: every file
 * outside a kind's folder that imports from it is a row of the list (its `<kind>` and `<env>` filled in), and the
 * rows every kind needs are there for every built-in kind.
 */
const ROOT = join(__dirname, '..');
const SRC = join(ROOT, 'src');

/** The built-in kinds' folders. */
const KINDS = readdirSync(join(SRC, 'services')).filter((name) => statSync(join(SRC, 'services', name)).isDirectory()).sort();
/** The environments' folders. */
const ENVS = readdirSync(join(SRC, 'environments')).filter((name) => statSync(join(SRC, 'environments', name)).isDirectory()).sort();
/** The in-cluster operators' folders (a second in-cluster implementation of a kind). */
const OPERATORS = readdirSync(join(SRC, 'environments', 'in-cluster')).filter((n) => statSync(join(SRC, 'environments', 'in-cluster', n)).isDirectory());

/**
 * The database kind's helpers beyond the list (engines, parameter groups, Cloud SQL settings), as CONTRIBUTING.md
 * says; any other file is a row of the list or a failure.
 */
const DATABASE_HELPERS = [
  'src/environments/aws/parameter-group.ts',
  'src/environments/aws/parameters.ts',
  'src/environments/gcp/engines.ts',
  'src/environments/gcp/parameters.ts',
  'src/environments/gcp/settings.ts',
  'src/environments/in-cluster/engine.ts',
  'src/environments/in-cluster/parameters.ts',
  'src/environments/in-cluster/postgres-engine.ts',
];
/** The object store's helper beyond the list: the in-cluster program that keeps a bucket's lifecycle rules. */
const OBJECT_STORE_HELPERS = ['src/environments/in-cluster/bucket-keeper.ts'];
const HELPERS: { [kind: string]: string[] } = { 'database': DATABASE_HELPERS, 'object-store': OBJECT_STORE_HELPERS };

/** The first column of the table under CONTRIBUTING.md's "A new kind" paragraph. */
function listedRows(): string[] {
  const text = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
  const table = text.slice(text.indexOf('A new kind ('), text.indexOf('A new environment ('));
  return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

/** A row's paths for one kind, as a test of a repository path. */
function rowMatches(row: string, kind: string): (path: string) => boolean {
  const choices = (text: string): string[] => {
    if (text.includes('<env>')) return ENVS.flatMap((env) => choices(text.replace(/<env>/g, env)));
    if (text.includes('<operator>')) return OPERATORS.flatMap((op) => choices(text.replace(/<operator>/g, op)));
    return [text.replace(/<kind>/g, kind)];
  };
  const paths = choices(row);
  return (path) => paths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'imports' ? [] : files(path);
    return name.endsWith('.ts') ? [relative(ROOT, path).split(sep).join('/')] : [];
  });
}

/** The files outside `src/services/<kind>/` (or another folder of src/) that import or re-export from it. */
function readersOf(kind: string, folder = `src/services/${kind}`): string[] {
  return files(SRC).filter((path) => !path.startsWith(`${folder}/`)).filter((path) => {
    const text = readFileSync(join(ROOT, path), 'utf8');
    return [...text.matchAll(/from '(\.[^']*)'/g)].some((m) => {
      const target = join(ROOT, path, '..', m[1]);
      const rel = relative(ROOT, target).split(sep).join('/');
      return rel === folder || rel.startsWith(`${folder}/`);
    });
  }).sort();
}

/** The readers of a kind that are no row of the list and no helper named above. */
function unlisted(kind: string, rows: readonly string[]): string[] {
  const tests = rows.map((row) => rowMatches(row, kind));
  return readersOf(kind).filter((path) => !tests.some((t) => t(path)) && !(HELPERS[kind] ?? []).includes(path));
}

describe('CONTRIBUTING.md: the files a new kind touches', () => {
  const rows = listedRows();

  test('the list has the rows', () => {
    expect(rows).toEqual(expect.arrayContaining(['src/services/<kind>/', 'src/index.ts', 'src/environments/<env>/<kind>.ts',
      'src/environments/<env>/profile.ts', 'src/environments/crossplane/<kind>/']));
  });

  test.each(KINDS)('every file outside src/services/%s/ that reads it is a row of the list', (kind) => {
    expect(unlisted(kind, rows)).toEqual([]);
  });

  test.each(KINDS)('the kind %s has its row in src/index.ts, each profile and the Crossplane folder', (kind) => {
    const readers = readersOf(kind);
    expect(readers).toContain('src/index.ts');
    for (const env of ENVS) expect(readers).toContain(`src/environments/${env}/profile.ts`);
    expect(readers.some((p) => p.startsWith(`src/environments/crossplane/${kind}/`))).toBe(true);
  });

  test('the helpers named here still read their kind (the list is not stale)', () => {
    for (const [kind, helpers] of Object.entries(HELPERS)) {
      expect(helpers.filter((h) => !readersOf(kind).includes(h))).toEqual([]);
    }
  });

  test('fails when a file outside the rows reads a kind', () => {
    expect(unlisted('cache', rows.filter((r) => r !== 'src/environments/in-cluster/images.ts'))).toEqual(['src/environments/in-cluster/images.ts']);
  });
});

describe('CONTRIBUTING.md: the files a new environment touches', () => {
  test.each(ENVS)('outside src/environments/, nothing reads src/environments/%s/ (the one list reads it)', (env) => {
    const outside = readersOf(env, `src/environments/${env}`).filter((p) => !p.startsWith('src/environments/'));
    expect(outside).toEqual([]);
    expect(readersOf(env, `src/environments/${env}`)).toContain('src/environments/index.ts');
  });
});
