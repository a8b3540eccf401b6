/**
 * `npx projen crossplane:build`: builds the real `crossplane` CLI (for `crossplane render`), the composition function
 * function-patch-and-transform and the small fn-run client from the Go modules pinned in crank/go.mod and
 * function/go.mod, into `${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-portable-data/crossplane/<key>` (pins.ts). A build
 * whose key is already there is a no-op; the tests in test/crossplane/ run what it built.
 *
 * Each binary is built in its own module, so that it gets exactly the dependency versions of its upstream release
 * (`-mod=readonly`: go.mod and go.sum are the pins, never rewritten by a build). After building, the function's input
 * CRD (shipped in its module) must be byte-identical to schemas/crds/crossplane-function-patch-and-transform/, the
 * schema the Compositions' inputs are validated against.
 */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { BINARIES, GO_BUILD_FLAGS, MANIFEST, TOOLS_DIR, binDir, cacheKey, pins } from './pins';

const REPO = resolve(TOOLS_DIR, '..', '..');
const FUNCTION_INPUT_CRD = 'crossplane-function-patch-and-transform/pt.fn.crossplane.io_resources.yaml';

interface Target {
  readonly binary: string;
  readonly module: 'crank' | 'function';
  readonly pkg: string;
  readonly ldflags?: string;
}

function fail(message: string): never {
  process.stderr.write(`crossplane:build: ${message}\n`);
  process.exit(1);
}

/** The newest `go` directive of the two modules: the oldest Go that builds them. */
function goNeeded(): string {
  const versions = ['crank', 'function'].map((m) => /^go\s+(\S+)/m.exec(readFileSync(join(TOOLS_DIR, m, 'go.mod'), 'utf8'))?.[1] ?? '0');
  const num = (v: string) => v.split('.').map(Number);
  return versions.sort((a, b) => {
    const [x, y] = [num(a), num(b)];
    for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  })[versions.length - 1];
}

function goVersion(needed: string): string {
  const r = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    fail(`Go is not installed: install Go ${needed} or newer and put \`go\` on the PATH, then run \`npx projen crossplane:build\` `
      + 'again. It builds the crossplane CLI and function-patch-and-transform from the Go module proxy (see CONTRIBUTING.md).');
  }
  if (r.status !== 0) fail(`\`go env GOVERSION\` failed: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

function seconds(since: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - since) / 1e8) / 10;
}

function main(): void {
  const key = cacheKey();
  const dir = binDir();
  const versions = pins();
  const what = `crossplane ${versions.crossplane} (render), function-patch-and-transform ${versions.function}, fn-run`;
  if (existsSync(join(dir, MANIFEST)) && Object.values(BINARIES).every((b) => existsSync(join(dir, b)))) {
    process.stdout.write(`crossplane:build: up to date: ${what} in ${dir}\n`);
    return;
  }

  const needed = goNeeded();
  const go = goVersion(needed);
  process.stdout.write(`crossplane:build: building ${what} with ${go} (pins changed or first build; key ${key})\n`);

  const targets: Target[] = [
    {
      binary: BINARIES.crossplane,
      module: 'crank',
      pkg: 'github.com/crossplane/crossplane/v2/cmd/crank',
      // What the upstream release sets: `crossplane version --client` prints the pinned version.
      ldflags: `-X github.com/crossplane/crossplane/v2/internal/version.version=${versions.crossplane}`,
    },
    { binary: BINARIES.function, module: 'function', pkg: 'github.com/crossplane-contrib/function-patch-and-transform' },
    { binary: BINARIES.fnRun, module: 'function', pkg: './fnrun' },
  ];

  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const timings: { [binary: string]: number } = {};
  const started = process.hrtime.bigint();
  try {
    for (const t of targets) {
      const t0 = process.hrtime.bigint();
      const flags = GO_BUILD_FLAGS.map((f) => (f.startsWith('-ldflags=') && t.ldflags ? `${f} ${t.ldflags}` : f));
      const r = spawnSync('go', ['build', '-mod=readonly', ...flags, '-o', join(tmp, t.binary), t.pkg], {
        cwd: join(TOOLS_DIR, t.module),
        env: { ...process.env, CGO_ENABLED: '0' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      if (r.status !== 0) fail(`go build ${t.pkg} (in tools/crossplane-render/${t.module}) failed`);
      timings[t.binary] = seconds(t0);
      process.stdout.write(`crossplane:build:   ${t.binary}: ${timings[t.binary]} s\n`);
    }

    // The function must take the input the Compositions are validated against.
    const fnDir = execFileSync('go', ['list', '-mod=readonly', '-m', '-f', '{{.Dir}}', 'github.com/crossplane-contrib/function-patch-and-transform'], {
      cwd: join(TOOLS_DIR, 'function'),
      encoding: 'utf8',
    }).trim();
    const shipped = readFileSync(join(fnDir, 'package', 'input', 'pt.fn.crossplane.io_resources.yaml'));
    const pinned = readFileSync(join(REPO, 'schemas', 'crds', FUNCTION_INPUT_CRD));
    if (!shipped.equals(pinned)) {
      fail(`function-patch-and-transform ${versions.function} ships another input CRD than schemas/crds/${FUNCTION_INPUT_CRD}: `
        + 'pin the version whose package/input CRD is that file, or update the file and schemas/crds/SOURCES.md');
    }

    const manifest = { key, ...versions, go, builtAt: new Date().toISOString(), seconds: { ...timings, total: seconds(started) } };
    writeFileSync(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(`crossplane:build: built in ${seconds(started)} s into ${dir}\n`);
}

main();
