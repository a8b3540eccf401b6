/**
 * Where the Crossplane render tools are cached, and under which key: the key is a hash of everything that decides the
 * binaries (the two Go modules' go.mod and go.sum, the fn-run client's source and the build flags), so the cache is
 * rebuilt exactly when a pin changes. The build (build.ts) and the tests (test/crossplane/render.ts) both read it here.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';

/** This folder: `crank/` (the crossplane CLI) and `function/` (function-patch-and-transform and fn-run). */
export const TOOLS_DIR = __dirname;

/** The files whose content decides the binaries, relative to TOOLS_DIR. */
export const PINNED_FILES = ['crank/go.mod', 'crank/go.sum', 'function/go.mod', 'function/go.sum', 'function/fnrun/main.go'];

/** The binaries, as named in the cache folder. */
export const BINARIES = {
  /** The crossplane CLI (github.com/crossplane/crossplane/v2/cmd/crank), for `crossplane render`. */
  crossplane: 'crossplane',
  /** The composition function the Compositions' pipelines run. */
  function: 'function-patch-and-transform',
  /** Sends one RunFunctionRequest to a running function (connection details, which render does not show). */
  fnRun: 'fn-run',
} as const;

/** Go build flags; part of the key. `-s -w`: no symbol table or DWARF (smaller binaries, faster links). */
export const GO_BUILD_FLAGS = ['-trimpath', '-ldflags=-s -w'];

/** The pinned module versions, read from the go.mod files. */
export interface Pins {
  /** github.com/crossplane/crossplane/v2 */
  readonly crossplane: string;
  /** github.com/crossplane-contrib/function-patch-and-transform */
  readonly function: string;
}

function required(goMod: string, module: string, file: string): string {
  const m = new RegExp(`^\\s*(?:require\\s+)?${module.replace(/[./]/g, '\\$&')}\\s+(v\\S+)`, 'm').exec(goMod);
  if (!m) throw new Error(`${file} does not require ${module}`);
  return m[1];
}

/** The versions pinned in crank/go.mod and function/go.mod. */
export function pins(dir: string = TOOLS_DIR): Pins {
  return {
    crossplane: required(readFileSync(join(dir, 'crank', 'go.mod'), 'utf8'), 'github.com/crossplane/crossplane/v2', 'crank/go.mod'),
    function: required(readFileSync(join(dir, 'function', 'go.mod'), 'utf8'), 'github.com/crossplane-contrib/function-patch-and-transform', 'function/go.mod'),
  };
}

/** The cache key: the first 16 hex digits of a SHA-256 over the pinned files (by name and content) and the flags. */
export function cacheKey(dir: string = TOOLS_DIR): string {
  const h = createHash('sha256');
  for (const f of PINNED_FILES) h.update(`${f}\0`).update(readFileSync(join(dir, f))).update('\0');
  h.update(GO_BUILD_FLAGS.join(' '));
  return h.digest('hex').slice(0, 16);
}

/** `${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-portable-data/crossplane`: one folder per key under it. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'cdk8s-portable-data', 'crossplane');
}

/** The folder of the binaries for the current pins. */
export function binDir(env: NodeJS.ProcessEnv = process.env, dir: string = TOOLS_DIR): string {
  return join(cacheRoot(env), cacheKey(dir));
}

/** The manifest a finished build writes last (a folder without it is not a build). */
export const MANIFEST = 'manifest.json';
