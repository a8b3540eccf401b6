/**
 * `npx projen bundle` (the last step of every `compile`): replaces `lib/index.js`, the module
 * `require('cdk8s-portable-data')` loads, with one CommonJS bundle of the library's own modules (esbuild).
 *
 * Why: a cold `require` of the library read, compiled and linked ~170 files of its own; one file of the same code
 * loads in about half the time (README, "Performance"). Nothing else changes:
 *
 * - every package stays a runtime `require` (`cdk8s`, `constructs`, `cdk8s-plus-27`, the bundled `yaml`), so an app
 *   shares them with the library as before; the loader of the cloud SDKs (`src/core/catalog/sources/load.ts`,
 *   `require(name)`) stays a runtime `require` of a name;
 * - the input is tsc's CommonJS output, which esbuild wraps module by module in lazy initializers: a `require` made
 *   inside a function (`src/private/lazy-imports.ts`, `src/core/environment.ts`) still runs the module on first
 *   use only;
 * - not minified, names kept (`keepNames`): stack traces read like the source and `new.target.name` /
 *   `constructor.name` in messages stay right; `lib/index.js.map` maps back to the TypeScript sources, which it carries, for `--enable-source-maps`;
 * - the other files of `lib/` stay: the command line (`lib/cli/main.js`) runs in its own process from them, and the
 *   `.d.ts` files are the package's types.
 *
 * Idempotent: a `lib/index.js` that is already a bundle (marked by its first line) is left alone, so running the task
 * twice after one compile does not bundle the bundle. tsc rewrites `lib/index.js` on every compile (the tsconfig is
 * not incremental). Tests: test/bundle.test.ts, test/jsii-kernel.test.ts.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { buildSync } from 'esbuild'; // eslint-disable-line import/no-extraneous-dependencies -- build tooling, not shipped

const ROOT = join(__dirname, '..');
const LIB = join(ROOT, 'lib');
const ENTRY = join(LIB, 'index.js');

/** The first line of a bundled `lib/index.js` (tests and this script recognise the bundle by it). */
export const BUNDLE_MARKER = '// cdk8s-portable-data: bundled by scripts/bundle-lib.ts (esbuild)';

/** `node20.0.0` from package.json `engines.node` (`>= 20.0.0`). */
function nodeTarget(): string {
  const engines: string | undefined = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines?.node;
  const version = engines?.match(/\d+(\.\d+){0,2}/)?.[0];
  if (!version) throw new Error(`package.json engines.node ${JSON.stringify(engines)}: expected a minimum version such as ">= 20.0.0"`);
  return `node${version}`;
}

/** Bundles `lib/index.js` into itself; returns what was done. */
export function bundleLib(): string {
  let entry: string;
  try {
    entry = readFileSync(ENTRY, 'utf8');
  } catch {
    throw new Error(`${relative(ROOT, ENTRY)} not found: compile first (npx projen compile)`);
  }
  if (entry.startsWith(BUNDLE_MARKER)) return `${relative(ROOT, ENTRY)} is already a bundle (compile rewrites it)`;

  const tmp = `${ENTRY}.bundle-tmp`;
  const result = buildSync({
    entryPoints: [ENTRY],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: nodeTarget(),
    // Every package stays a `require` of the package: the app's copy of cdk8s is the library's.
    packages: 'external',
    minify: false,
    keepNames: true,
    charset: 'utf8',
    // For --enable-source-maps only (read on an error's stack trace, never on `require`). The map carries the
    // TypeScript sources (from tsc's inline maps): src/ does not ship, so a map that only named its files would point
    // at nothing in the installed package.
    sourcemap: 'linked',
    sourcesContent: true,
    banner: { js: BUNDLE_MARKER },
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  if (result.errors.length > 0) throw new Error(`esbuild failed: ${result.errors.map((e) => e.text).join('; ')}`);

  // Nothing of lib/ may remain a runtime `require` of a path: the bundle would depend on the files it replaces.
  const code = readFileSync(tmp, 'utf8');
  const relativeRequires = [...code.matchAll(/\brequire\(\s*["'](\.{1,2}\/[^"']*)["']\s*\)/g)].map((m) => m[1]);
  if (relativeRequires.length > 0) {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.map`, { force: true });
    throw new Error(`the bundle still requires files of lib/ at run time: ${[...new Set(relativeRequires)].join(', ')}`);
  }

  // The map names the output file it belongs to: move it with the bundle.
  const map = JSON.parse(readFileSync(`${tmp}.map`, 'utf8'));
  map.file = 'index.js';
  writeFileSync(`${ENTRY}.map`, JSON.stringify(map));
  rmSync(`${tmp}.map`);
  writeFileSync(tmp, code.replace(/\/\/# sourceMappingURL=index\.js\.bundle-tmp\.map\s*$/, '//# sourceMappingURL=index.js.map\n'));
  renameSync(tmp, ENTRY);
  const modules = Object.keys(result.metafile!.inputs).length;
  return `${relative(ROOT, ENTRY)}: ${modules} modules in one bundle (${Math.round(Buffer.byteLength(code) / 1024)} KiB)`;
}

if (require.main === module) {
  try {
    console.log(bundleLib());
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
