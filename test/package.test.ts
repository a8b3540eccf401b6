import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import * as semver from 'semver';

/**
 * The npm package says what it is: experimental until 1.0, the five kinds in its description, keywords and README
 * intro; it installs without engine warnings on the Node.js version the README names (its own dependencies and the
 * repository's, which the README's commands install); and its source maps point at sources that ship.
 */
const ROOT = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

const CONSTRUCTS = ['PortableMySQL', 'PortablePostgres', 'PortableObjectStore', 'PortableCache', 'PortableQueue'];

test('stability is experimental before 1.0', () => {
  expect(pkg.stability).toBe('experimental');
  if (existsSync(join(ROOT, '.jsii'))) expect(JSON.parse(readFileSync(join(ROOT, '.jsii'), 'utf8')).docs?.stability).toBe('experimental');
});

test('the description and the README\'s first paragraph name all five kinds', () => {
  const intro = readme.split('\n\n')[1];
  expect(CONSTRUCTS.filter((c) => !pkg.description.includes(c))).toEqual([]);
  expect(CONSTRUCTS.filter((c) => !intro.includes(`\`${c}\``))).toEqual([]);
});

test('the keywords name the kinds', () => {
  // Databases, object stores, caches, queues: each by its kind and the protocol it speaks.
  for (const keyword of ['database', 'mysql', 'postgresql', 'object-storage', 's3', 'cache', 'redis', 'queue', 'amqp']) {
    expect([keyword, pkg.keywords.includes(keyword)]).toEqual([keyword, true]);
  }
});

describe('engines', () => {
  /** The Node.js version the README names: "Node.js <version> or newer". */
  const named = /Node\.js (\d+(?:\.\d+)*) or newer/.exec(readme)?.[1];
  const version = semver.coerce(named ?? '')?.version;

  test('the README names a Node.js version that the package accepts', () => {
    expect(named).toBeDefined();
    expect(semver.satisfies(version!, pkg.engines.node)).toBe(true);
  });

  test('no package the README\'s commands install asks for a newer Node.js (no EBADENGINE warning)', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    const newer = Object.entries(lock.packages as { [path: string]: any })
      .filter(([, p]) => p.engines?.node && !semver.satisfies(version!, p.engines.node, { includePrerelease: true }))
      .map(([path, p]) => `${path.replace(/^.*node_modules\//, '')}@${p.version} wants node ${p.engines.node}`);
    expect(newer).toEqual([]);
  });
});

describe('source maps', () => {
  /** The files `npm pack` ships (after `npx projen compile`). */
  function packed(): string[] {
    expect(existsSync(join(ROOT, 'lib', 'index.js'))).toBe(true);
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return (JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path);
  }

  /** A map's sources that the package does not carry: neither in the map (`sourcesContent`) nor as a shipped file. */
  function missing(map: any, mapDir: string, files: Set<string>): string[] {
    return (map.sources as string[]).filter((source, i) => {
      if (typeof map.sourcesContent?.[i] === 'string') return false;
      const path = join(mapDir, map.sourceRoot ?? '', source);
      return !files.has(path.split('\\').join('/'));
    });
  }

  test('every map shipped (linked or inline) carries its sources or points at shipped files', () => {
    const files = packed();
    const shipped = new Set(files);
    const problems: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.js') || f.endsWith('.js.map'))) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const dir = file.split('/').slice(0, -1).join('/');
      if (file.endsWith('.map')) {
        problems.push(...missing(JSON.parse(text), dir, shipped).map((s) => `${file}: ${s}`));
        continue;
      }
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
      if (url === undefined) continue;
      if (url.startsWith('data:')) {
        const map = JSON.parse(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8'));
        problems.push(...missing(map, dir, shipped).map((s) => `${file} (inline): ${s}`));
      } else if (!shipped.has(join(dir, url))) {
        problems.push(`${file}: its map ${url} does not ship`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});

test('jsii-rosetta compiles the snippets against the cdk8s-plus-33 the tests use (its example dependency is the installed version)', () => {
  const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'cdk8s-plus-33', 'package.json'), 'utf8')).version;
  expect(pkg.jsiiRosetta.exampleDependencies).toEqual({ 'cdk8s-plus-33': installed });
  expect(Object.keys(pkg.peerDependencies ?? {})).not.toContain('cdk8s-plus-33');
});
