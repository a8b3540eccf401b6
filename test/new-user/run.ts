/**
 * `npx projen test:new-user`: the README's user quick start, run as a new user would, as written.
 *
 * 1. the packed package (`dist/js/*.tgz`; `npx projen package:js` makes it, and this run does when it is missing or
 *    older than the compiled assembly);
 * 2. a fresh folder, the README's set-up commands (`cdk8s init typescript-app`, `npm install cdk8s-portable-data`,
 *    with the tarball in place of the registry's package; the npm registry must be reachable);
 * 3. the README's quick-start app (the ```ts block of the "Quick start" section that calls `app.synth()`) as
 *    `main.ts`, so the two cannot drift;
 * 4. `npx cdk8s synth` under every built-in profile (`PORTABLE_PROFILE=<name>`, as the README's synth lines);
 * 5. `kubectl apply --dry-run=server` of each profile's YAML on the test API server (test/cluster/cluster.ts; the
 *    binaries of `npx projen cluster:build`), with every pinned CRD and the platform's claim CRDs installed, after
 *    `kubectl create namespace` of the app's namespaces (as the README's apply step).
 *
 * Prints how long each step took and the total; exits non-zero at the first failure, with its output. The folder is
 * kept when it fails (its path is printed), removed otherwise (KEEP_NEW_USER_DIR=1 keeps it).
 */
import { execFileSync, ExecFileSyncOptions } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { parseAllDocuments } from 'yaml';
import { Cluster, startCluster } from '../cluster/cluster';
import { installCrdsAndPlatform } from '../cluster/install';
import { kubectlSync } from '../cluster/kube';

const ROOT = join(__dirname, '..', '..');
const started = Date.now();

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function log(msg: string): void {
  process.stdout.write(`new-user: ${msg}\n`);
}

/** Runs a step, printing its name and duration. */
function step<T>(name: string, run: () => T): T {
  const t = Date.now();
  log(`${name} …`);
  const result = run();
  log(`${name}: done [${seconds(t)}]`);
  return result;
}

/** A shell command, its output shown only when it fails. */
function sh(command: string, options: ExecFileSyncOptions & { cwd: string }): string {
  try {
    return execFileSync('bash', ['-euo', 'pipefail', '-c', command], { stdio: 'pipe', maxBuffer: 64 * 1024 * 1024, ...options }).toString();
  } catch (e: any) {
    throw new Error(`\`${command}\` failed in ${options.cwd} (exit ${e.status}):\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** The sections of the README whose heading starts with "Quick start", in order. */
function quickStartSections(readme: string): string[] {
  const sections = readme.split(/^(?=## )/m);
  return sections.filter((s) => /^## Quick start/.test(s));
}

/** The fenced blocks of a section, with their info strings. */
function blocks(section: string): Array<{ info: string; body: string }> {
  return [...section.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({ info: m[1].trim(), body: m[2] }));
}

/** What the README's quick start says to run and to write. */
export function quickStart(readme: string): { setup: string[]; app: string; synth: string[] } {
  for (const section of quickStartSections(readme)) {
    const all = blocks(section);
    const app = all.find((b) => /^ts\b/.test(b.info) && b.body.includes('app.synth()'));
    const setup = all.find((b) => b.info === 'sh' && /cdk8s init typescript-app/.test(b.body));
    const synth = all.find((b) => b.info === 'sh' && /PORTABLE_PROFILE=\S+ npx cdk8s synth/.test(b.body));
    if (app && setup && synth) {
      return {
        setup: setup.body.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter((l) => l !== ''),
        app: app.body,
        synth: synth.body.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter((l) => l !== ''),
      };
    }
  }
  throw new Error('README.md: no "## Quick start" section with a `cdk8s init typescript-app` block, a ```ts app that calls app.synth() and the synth commands');
}

/** The packed package, made (again) when missing or older than the compiled assembly. */
function tarball(): string {
  const dir = join(ROOT, 'dist', 'js');
  const find = () => (existsSync(dir) ? readdirSync(dir).filter((f) => /^cdk8s-portable-data[-@].*\.tgz$/.test(f)).map((f) => join(dir, f)) : []);
  const assembly = join(ROOT, '.jsii');
  if (!existsSync(assembly)) throw new Error('no compiled library (.jsii): run `npx projen compile` first');
  let found = find();
  if (found.length !== 1 || statSync(found[0]).mtimeMs < statSync(assembly).mtimeMs) {
    step('npx projen package:js (the tarball is missing or older than the compiled library)', () => sh('npx projen package:js', { cwd: ROOT }));
    found = find();
  }
  if (found.length !== 1) throw new Error(`expected one cdk8s-portable-data tarball in dist/js, found ${found.length}`);
  return found[0];
}

/** The built-in profiles: the environments the library registers. */
function builtInProfiles(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../src');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { environments } = require('../../src/core/environment') as typeof import('../../src/core/environment');
  return environments().map((e) => e.type);
}

async function main(): Promise<void> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const qs = quickStart(readme);
  const profiles = builtInProfiles();
  const pkg = tarball();
  log(`tarball ${pkg}; profiles ${profiles.join(', ')}`);

  const base = mkdtempSync(join(tmpdir(), 'new-user-'));
  let ok = false;
  let cluster: Cluster | undefined;
  // The cdk8s CLI a user installs globally (`npm install -g cdk8s-cli`): this repository's copy, last on the PATH.
  const { PORTABLE_PROFILE: _ignored, ...inherited } = process.env;
  const env = { ...inherited, PATH: `${process.env.PATH}${delimiter}${join(ROOT, 'node_modules', '.bin')}` };
  try {
    // The README's set-up lines, in order, in one shell from the fresh folder (its `mkdir` and `cd` included); the
    // package comes from the tarball instead of the registry.
    // `cdk8s init` ends with `npm run import`, which downloads the k8s schema from raw.githubusercontent.com: where
    // GitHub is unreachable (the project's machines reach the npm registry only), the app is kept as the template
    // made it, its dependencies installed (the quick-start app does not use imports/), and the run says so.
    const setup = qs.setup.map((l) => l
      .replace(/^npm install cdk8s-portable-data$/, `npm install ${JSON.stringify(pkg)}`)
      .replace(/^cdk8s init typescript-app$/, 'cdk8s init typescript-app > .init.log 2>&1 || { grep -q raw.githubusercontent.com .init.log '
        + '&& test -d node_modules/cdk8s-plus-33 && echo "OFFLINE-IMPORT $(pwd)"; } || { cat .init.log; exit 1; }'));
    if (!setup.some((l) => l.includes(pkg))) throw new Error(`README.md: the set-up block has no line \`npm install cdk8s-portable-data\`: ${qs.setup.join('; ')}`);
    const output = step(`the README's set-up (${qs.setup.join('; ')})`,
      () => sh(`${setup.join('\n')}\npwd > ${JSON.stringify(join(base, 'app-dir'))}`, { cwd: base, env, timeout: 900_000 }));
    if (output.includes('OFFLINE-IMPORT')) {
      log('warning: cdk8s init could not reach raw.githubusercontent.com for its last step (npm run import of the k8s '
        + 'schema); the app is as the template made it, with its dependencies installed');
    }
    const app = readFileSync(join(base, 'app-dir'), 'utf8').trim();
    writeFileSync(join(app, 'main.ts'), qs.app);
    log(`main.ts is the README's quick-start app (${qs.app.split('\n').length} lines), in ${app}`);

    const out = join(base, 'yaml');
    mkdirSync(out);
    for (const profile of profiles) {
      const line = qs.synth.find((l) => l === `PORTABLE_PROFILE=${profile} npx cdk8s synth`)
        ?? (profile === profiles[0] ? qs.synth.find((l) => l === 'npx cdk8s synth') : undefined);
      if (line === undefined) throw new Error(`README.md: the quick start has no synth line for the built-in profile ${profile} (\`PORTABLE_PROFILE=${profile} npx cdk8s synth\`)`);
      step(`${line}`, () => sh(`rm -rf dist && ${line}`, { cwd: app, env, timeout: 300_000 }));
      const files = readdirSync(join(app, 'dist')).filter((f) => f.endsWith('.yaml'));
      for (const f of files) copyFileSync(join(app, 'dist', f), join(out, `${profile}--${f}`));
    }

    const t = Date.now();
    log('the test API server (test/cluster/cluster.ts) …');
    cluster = await startCluster(() => {});
    log(`the test API server: Kubernetes ${cluster.kubernetes} [${seconds(t)}]`);
    const { stop: _stop, ...info } = cluster;
    step('the pinned CRDs and the platform\'s claim CRDs', () => installCrdsAndPlatform(info, () => {}));
    for (const profile of profiles) {
      for (const f of readdirSync(out).filter((n) => n.startsWith(`${profile}--`))) {
        const yaml = readFileSync(join(out, f), 'utf8');
        const docs = parseAllDocuments(yaml).map((d) => d.toJS()).filter((d) => d);
        const namespaces = [...new Set(docs.map((d: any) => d.metadata?.namespace).filter((n: unknown) => typeof n === 'string'))] as string[];
        const existing = new Set(kubectlSync(info, ['get', 'namespaces', '-o', 'name']).split('\n').map((n) => n.replace(/^namespace\//, '')));
        for (const ns of namespaces.filter((n) => !existing.has(n))) kubectlSync(info, ['create', 'namespace', ns]);
        step(`kubectl apply --dry-run=server (${profile}: ${docs.length} objects)`, () => {
          try {
            return kubectlSync(info, ['apply', '--dry-run=server', '-f', '-'], yaml);
          } catch (e: any) {
            throw new Error(`kubectl apply --dry-run=server of the ${profile} YAML failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
          }
        });
      }
    }
    ok = true;
  } finally {
    cluster?.stop();
    if (ok && process.env.KEEP_NEW_USER_DIR !== '1') rmSync(base, { recursive: true, force: true });
    else log(`the folder is kept: ${base}`);
    log(`${ok ? 'passed' : 'FAILED'} in ${seconds(started)}`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`new-user: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
