import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BUNDLE_MARKER } from '../scripts/bundle-lib';

/**
 * The other languages load the npm package into the jsii kernel (`@jsii/kernel`, inside the jsii runtime the Python,
 * Java, .NET and Go bindings start) and drive it by fully qualified names: `create`, `sinvoke`, `sget`, `invoke`.
 * This test does the same with the package as `npm pack` makes it (lib/index.js the bundle; the build runs the tests
 * after `compile`), with the packages it needs packed from node_modules, in a fresh process. No Python jsii runtime
 * is installable offline; the kernel is the part of it that loads and runs the package.
 */
const ROOT = join(__dirname, '..');

/** name → tarball, in dependency order. */
let tarballs: Array<{ name: string; version: string; tarball: string }>;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdk8s-portable-data-kernel-'));
  const packed = JSON.parse(execFileSync('npm', [
    'pack', '.', './node_modules/constructs', './node_modules/cdk8s',
    '--ignore-scripts', '--json', '--pack-destination', dir,
  ], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] }));
  // No cdk8s-plus: the library's assembly depends on none (an app brings the major it uses).
  const order = ['constructs', 'cdk8s', 'cdk8s-portable-data'];
  tarballs = order.map((name) => {
    const p = packed.find((x: any) => x.name === name);
    return { name, version: p.version, tarball: join(dir, p.filename) };
  });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the jsii kernel loads the packed bundle and synthesizes a PortableMySQL through the jsii API', () => {
  const script = `
    const { Kernel } = require('@jsii/kernel');
    const fs = require('fs');
    const kernel = new Kernel(() => { throw new Error('no callback expected'); });
    const loaded = ${JSON.stringify(tarballs)}.map((t) => kernel.load(t));
    const app = kernel.create({ fqn: 'cdk8s.App' });
    const chart = kernel.create({ fqn: 'cdk8s.Chart', args: [app, 'shop', { namespace: 'shop' }] });
    const profile = kernel.create({
      fqn: 'cdk8s-portable-data.InClusterProfile',
      args: [{ storageClassName: 'fast-ssd', storageReclaimPolicy: { '$jsii.enum': 'cdk8s-portable-data.DeletionPolicy/RETAIN' } }],
    });
    kernel.sinvoke({ fqn: 'cdk8s-portable-data.Profile', method: 'use', args: [chart, profile] });
    const version = kernel.sget({ fqn: 'cdk8s-portable-data.MySqlVersion', property: 'V8_0' }).value;
    const backup = kernel.sinvoke({ fqn: 'cdk8s-portable-data.Backup', method: 'disabled' }).result;
    const db = kernel.create({ fqn: 'cdk8s-portable-data.PortableMySQL', args: [chart, 'Orders', { name: 'orders-db', version, backup }] });
    const objects = kernel.invoke({ objref: chart, method: 'toJson' }).result;
    const entry = Object.keys(require.cache).find((p) => /node_modules[\\\\/]cdk8s-portable-data[\\\\/]lib[\\\\/]index\\.js$/.test(p));
    console.log(JSON.stringify({
      loaded,
      objects: objects.map((o) => o.kind + '/' + o.metadata.name),
      image: objects.find((o) => o.kind === 'StatefulSet').spec.template.spec.containers[0].image,
      reclaim: objects.find((o) => o.kind === 'StatefulSet').spec.persistentVolumeClaimRetentionPolicy,
      dbRef: db['$jsii.byref'],
      firstLine: fs.readFileSync(entry, 'utf8').split('\\n')[0],
      libFiles: Object.keys(require.cache).filter((p) => /node_modules[\\\\/]cdk8s-portable-data[\\\\/]lib[\\\\/]/.test(p)).length,
    }));`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  const result = JSON.parse(out.trim().split('\n').pop()!);

  expect(result.loaded).toEqual([
    { assembly: 'constructs', types: expect.any(Number) },
    { assembly: 'cdk8s', types: expect.any(Number) },
    { assembly: 'cdk8s-portable-data', types: expect.any(Number) },
  ]);
  // The kernel ran the bundle, and only the bundle, of the package.
  expect(result.firstLine).toBe(BUNDLE_MARKER);
  expect(result.libFiles).toBe(1);
  expect(result.dbRef).toMatch(/^cdk8s-portable-data\.PortableMySQL@\d+$/);
  expect(result.objects).toEqual(expect.arrayContaining(['StatefulSet/orders-db', 'Service/orders-db']));
  expect(result.image).toMatch(/^docker\.io\/library\/mysql:8\.0\./);
  expect(result.reclaim).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
});
