import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { MATRIX_PROFILES, matrixProfilesOf } from './util/matrix';
import { BUNDLE_MARKER } from '../scripts/bundle-lib';
import * as src from '../src';

/**
 * `lib/index.js` is one esbuild bundle of the library (scripts/bundle-lib.ts, the last step of `compile`; the build
 * runs the tests after it). These tests hold it to the unbundled library: same exports, same YAML, same laziness,
 * nothing of `lib/` loaded beside it. test/jsii-kernel.test.ts loads the packed bundle into the jsii kernel.
 */
const ROOT = join(__dirname, '..');
const ENTRY = join(ROOT, 'lib', 'index.js');

type Lib = typeof src;

function bundle(): Lib {
  expect(existsSync(ENTRY)).toBe(true);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(ENTRY);
}

/** Runs `script` in a fresh `node` (no ts-node) in the repository root; returns the JSON of its last line. */
function inFreshNode(script: string): any {
  const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** The module paths in `require.cache`, relative to the repository root, that match `pattern` (a string of JS). */
const LOADED = (pattern: string) =>
  `Object.keys(require.cache).map((p) => require('path').relative(process.cwd(), p).split(require('path').sep).join('/')).filter((p) => ${pattern}.test(p))`;

test('lib/index.js is the bundle', () => {
  expect(readFileSync(ENTRY, 'utf8').split('\n')[0]).toBe(BUNDLE_MARKER);
});

test('requiring the bundle loads no other file of lib/, no cdk8s-plus and no cloud SDK', () => {
  const result = inFreshNode(`
    require('./lib');
    console.log(JSON.stringify({
      lib: ${LOADED('/^lib\\//')},
      plus: ${LOADED('/node_modules\\/cdk8s-plus-/')},
      sdks: ${LOADED('/node_modules\\/(@aws-sdk|@google-cloud)\\//')},
    }));`);
  expect(result).toEqual({ lib: ['lib/index.js'], plus: [], sdks: [] });
});

test('the modules of the bundle run on first use: the CloudNativePG types run only when a backend needs them, cdk8s-plus-27 only for its workloads', () => {
  // Which module initializers of the bundle ran (esbuild names each one after its module: `lib/imports/….js`).
  const result = inFreshNode(`
    const inspector = require('inspector');
    const session = new inspector.Session();
    session.connect();
    const post = (method, params) => { let r; session.post(method, params, (e, v) => { if (e) throw e; r = v; }); return r; };
    post('Profiler.enable');
    post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    const ran = () => post('Profiler.takePreciseCoverage').result
      .filter((s) => s.url.endsWith('/lib/index.js'))
      .flatMap((s) => s.functions)
      .filter((f) => /^lib\\/imports\\//.test(f.functionName) && f.ranges[0].count > 0)
      .map((f) => f.functionName);
    const plus = (major) => ${LOADED("new RegExp('node_modules/cdk8s-plus-' + major + '/')")}.length > 0;
    const lib = require('./lib');
    const before = ran();
    const { Testing } = require('cdk8s');
    const kplus33 = require('cdk8s-plus-33');
    const chart = Testing.chart();
    lib.Profile.use(chart, new lib.InClusterProfile({ postgresOperator: lib.PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: lib.DeletionPolicy.RETAIN, volumeSnapshotClassName: 'snap' }));
    new lib.PortablePostgres(chart, 'Db').bind(new kplus33.Deployment(chart, 'Web', { containers: [{ name: 'web', image: 'example.com/web:1.0.0' }] }));
    Testing.synth(chart);
    console.log(JSON.stringify({
      before, after: ran(), plus27: plus(27), plus33: plus(33),
      lib: ${LOADED('/^lib\\//')},
    }));`);
  // The detection sees a module that ran (the Kubernetes types: every backend uses them).
  expect(result.before).toContain('lib/imports/k8s.js');
  expect(result.before).not.toContain('lib/imports/postgresql.cnpg.io.js');
  expect(result.before).not.toContain('lib/imports/s3.services.k8s.aws.js');
  expect(result.after).toContain('lib/imports/postgresql.cnpg.io.js');
  expect(result.after).not.toContain('lib/imports/s3.services.k8s.aws.js');
  expect(result).toMatchObject({ plus27: false, plus33: true, lib: ['lib/index.js'] });
});

test('the bundle exports the names of the unbundled entry point, and every class of the jsii assembly with its jsii type', () => {
  const lib = bundle();
  expect(Object.keys(lib).sort()).toEqual(Object.keys(src).sort());
  const assembly = JSON.parse(readFileSync(join(ROOT, '.jsii'), 'utf8'));
  const types = Object.values(assembly.types) as Array<{ fqn: string; name: string; kind: string }>;
  const exported = types.filter((t) => t.kind !== 'interface');
  expect(exported.length).toBeGreaterThanOrEqual(30);
  expect(exported.filter((t) => !(t.name in lib)).map((t) => t.name)).toEqual([]);
  const rtti = Symbol.for('jsii.rtti');
  const mismatched = exported
    .filter((t) => t.kind === 'class')
    .filter((t) => ((lib as any)[t.name] as any)[rtti]?.fqn !== t.fqn)
    .map((t) => t.name);
  expect(mismatched).toEqual([]);
});

test('messages that name a class (new.target.name) name it in the bundle as in the source', () => {
  const message = (lib: Lib) => {
    try {
      new lib.PortableMySQL(Testing.chart(), 'Db', 'orders' as any);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected PortableMySQL to fail');
  };
  expect(message(bundle())).toBe(message(src));
  expect(message(src)).toContain('an object of PortableMySQLProps');
});

/** An app with a service of every kind, each bound to a cdk8s-plus-27 Deployment: its objects as JSON and YAML, its kinds. */
function synthApp(lib: Lib, profile: () => src.Profile, name: string): { json: string; yaml: string; kinds: string[] } {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  lib.Profile.use(chart, profile());
  const workload = (id: string) => new kplus.Deployment(chart, id, {
    containers: [{ name: 'app', image: `example.com/${id.toLowerCase()}:1.0.0` }],
    // Cloud backends grant access to the workload's own ServiceAccount.
    serviceAccount: new kplus.ServiceAccount(chart, `${id}Sa`),
  });
  // Two databases: one per workload (a GCP workload's Cloud SQL Auth Proxy serves one instance).
  const web = workload('Web');
  // Azure Flexible Server always backs up (Backup.disabled() is refused there): the default on that profile.
  const backup = name === 'azure' ? undefined : lib.Backup.disabled();
  new lib.PortableMySQL(chart, 'Orders', { name: 'orders-db', backup }).bind(web);
  new lib.PortablePostgres(chart, 'Ledger', { name: 'ledger-db', backup }).bind(workload('Accounting'));
  new lib.PortableObjectStore(chart, 'Uploads', { name: 'uploads', versioned: false }).bind(web);
  new lib.PortableCache(chart, 'Sessions', { name: 'sessions' }).bind(web);
  new lib.PortableQueue(chart, 'Jobs', { name: 'jobs' }).bind(web);
  const objects = Testing.synth(chart);
  return { json: JSON.stringify(objects, undefined, 2), yaml: app.synthYaml(), kinds: [...new Set(objects.map((o: any) => o.kind as string))] };
}

describe('the bundle synthesizes the same YAML as the source, byte for byte', () => {
  test.each(Object.keys(MATRIX_PROFILES))('%s: a service of every kind bound to a cdk8s-plus-27 Deployment', (name) => {
    const fromSource = synthApp(src, MATRIX_PROFILES[name], name);
    const fromBundle = synthApp(bundle(), matrixProfilesOf(bundle())[name], name);
    expect(fromSource.kinds).toEqual(expect.arrayContaining(['Deployment', 'ServiceAccount', 'Job']));
    expect(fromSource.kinds.length).toBeGreaterThanOrEqual(6);
    expect(fromBundle.json).toEqual(fromSource.json);
    expect(fromBundle.yaml).toEqual(fromSource.yaml);
  });
});
