/**
 * `npx projen crossplane:build` (tools/crossplane-render/): its cache key follows the pins and nothing else, its cache
 * folder follows XDG_CACHE_HOME, a warm run does nothing, and without Go it fails naming what to install.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { PINNED_FILES, TOOLS_DIR, binDir, cacheKey, cacheRoot, pins } from '../../tools/crossplane-render/pins';

const BUILD = join(TOOLS_DIR, 'build.ts');

function runBuild(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', BUILD], { env, encoding: 'utf8', timeout: 120_000 });
}

let tmp: string;
beforeEach(() => { tmp = mkdtempSync(join(tmpdir(), 'crossplane-build-')); });
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

test('the pins: crossplane v2.2.1 (the newest CLI the module proxy serves) and function-patch-and-transform v0.10.9', () => {
  expect(pins()).toEqual({ crossplane: 'v2.2.1', function: 'v0.10.9' });
});

test('the cache key changes with each pinned file, and with nothing else', () => {
  for (const f of PINNED_FILES) {
    mkdirSync(dirname(join(tmp, f)), { recursive: true });
    copyFileSync(join(TOOLS_DIR, f), join(tmp, f));
  }
  const key = cacheKey(tmp);
  expect(key).toBe(cacheKey());
  expect(key).toMatch(/^[0-9a-f]{16}$/);
  writeFileSync(join(tmp, 'crank', 'README'), 'not a pin');
  expect(cacheKey(tmp)).toBe(key);
  const keys = PINNED_FILES.map((f) => {
    appendFileSync(join(tmp, f), '\n');
    const changed = cacheKey(tmp);
    copyFileSync(join(TOOLS_DIR, f), join(tmp, f));
    return changed;
  });
  expect(new Set([key, ...keys]).size).toBe(PINNED_FILES.length + 1);
});

test('the cache folder is under XDG_CACHE_HOME, else ~/.cache', () => {
  expect(cacheRoot({ XDG_CACHE_HOME: '/xdg', HOME: '/home/dev' })).toBe('/xdg/cdk8s-portable-data/crossplane');
  expect(cacheRoot({ HOME: '/home/dev' })).toBe('/home/dev/.cache/cdk8s-portable-data/crossplane');
  expect(binDir({ XDG_CACHE_HOME: '/xdg' })).toBe(`/xdg/cdk8s-portable-data/crossplane/${cacheKey()}`);
});

test('a warm build does nothing', () => {
  const r = runBuild(process.env);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  expect(r.stdout).toBe(`crossplane:build: up to date: crossplane v2.2.1 (render), function-patch-and-transform v0.10.9, fn-run in ${binDir()}\n`);
});

test('fails when Go is missing, naming what to install', () => {
  // A PATH with node only, and an empty cache.
  const bin = join(tmp, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  const r = runBuild({ PATH: bin, HOME: tmp, XDG_CACHE_HOME: join(tmp, 'cache'), NODE_PATH: process.env.NODE_PATH });
  expect(r.status).toBe(1);
  expect(r.stderr).toBe('crossplane:build: Go is not installed: install Go 1.25.12 or newer and put `go` on the PATH, then run '
    + '`npx projen crossplane:build` again. It builds the crossplane CLI and function-patch-and-transform from the Go module proxy (see CONTRIBUTING.md).\n');
});
