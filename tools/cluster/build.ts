/**
 * `npx projen cluster:build`: builds the test cluster's binaries (see pins.ts) from the Go modules pinned in this
 * folder into the user's cache, once per set of pins: kube-apiserver, kube-controller-manager and kubectl from
 * k8s.io/kubernetes, etcd (etcdmain), and xcrd (Crossplane's XRD → CRD conversion). A second run with the same pins
 * only checks the cache. Prints each step and how long it took. Never downloads a prebuilt binary: the Go command
 * fetches module sources from the module proxy and compiles them.
 *
 * Options: `--force` builds again even when the cache is complete.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { BINARIES, GO_BUILD_FLAGS, MODULES, TOOLS_DIR, binDir, cacheKey, cacheRoot, pins } from './pins';

/** The oldest Go that builds the pinned modules (k8s.io/kubernetes v1.37 says `go 1.26.0`). */
const MIN_GO = [1, 26];
const STAMP = '.complete';

function seconds(since: bigint): string {
  return `${(Number(process.hrtime.bigint() - since) / 1e9).toFixed(1)}s`;
}

function fail(message: string): never {
  console.error(`cluster:build: ${message}`);
  process.exit(1);
}

function goVersion(): string {
  const res = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    fail('the `go` command was not found. The test cluster (test/cluster/) is built from Go modules: install Go '
      + `${MIN_GO.join('.')} or newer (Debian: a golang package of that version, or the Go distribution) and put \`go\` on PATH, `
      + 'then run `npx projen cluster:build` again.');
  }
  const version = res.stdout.trim();
  const m = /^go(\d+)\.(\d+)/.exec(version);
  if (!m || Number(m[1]) < MIN_GO[0] || (Number(m[1]) === MIN_GO[0] && Number(m[2]) < MIN_GO[1])) {
    fail(`${version} is too old: the pinned k8s.io/kubernetes needs Go ${MIN_GO.join('.')} or newer. Install it and run again.`);
  }
  return version;
}

function main(): void {
  const force = process.argv.includes('--force');
  const started = process.hrtime.bigint();
  const key = cacheKey();
  const out = binDir();
  const p = pins();
  console.log(`cluster:build: kubernetes ${p.kubernetes}, etcd ${p.etcd}, crossplane ${p.crossplane} (xcrd); cache ${out}`);
  if (!force && existsSync(join(out, STAMP)) && BINARIES.every((b) => existsSync(join(out, b)))) {
    console.log(`cluster:build: up to date (key ${key}): nothing to build [${seconds(started)}]`);
    return;
  }
  const version = goVersion();
  console.log(`cluster:build: building with ${version} into a fresh folder (key ${key})`);
  mkdirSync(cacheRoot(), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    for (const mod of MODULES) {
      const step = process.hrtime.bigint();
      const cwd = join(TOOLS_DIR, mod.dir);
      console.log(`cluster:build: go build ${mod.packages.join(' ')} (in tools/cluster/${mod.dir === '.' ? '' : mod.dir})`);
      const res = spawnSync('go', ['build', '-buildvcs=false', ...GO_BUILD_FLAGS, '-o', tmp + '/', ...mod.packages], {
        cwd, stdio: 'inherit',
      });
      if (res.status !== 0) fail(`go build failed in tools/cluster/${mod.dir} (exit ${res.status ?? res.signal})`);
      console.log(`cluster:build:   done [${seconds(step)}]`);
    }
    const missing = BINARIES.filter((b) => !readdirSync(tmp).includes(b));
    if (missing.length > 0) fail(`the build did not produce ${missing.join(', ')}`);
    writeFileSync(join(tmp, STAMP), JSON.stringify({ key, go: version, ...p }, null, 2) + '\n');
    rmSync(out, { recursive: true, force: true });
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`cluster:build: built ${BINARIES.join(', ')} into ${out} [${seconds(started)}]`);
}

main();
