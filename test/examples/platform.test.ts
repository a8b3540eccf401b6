/**
 * examples/platform: the platform side of the portable Crossplane APIs, as a platform team applies it. It must
 * synthesize with `npx cdk8s synth` as a user runs it, validate strictly, match its golden YAML, and define the claims
 * the app examples write under their `crossplane` profile: each claim validates against the XRD of the platform.
 * test/crossplane/examples.test.ts renders each of them with the real `crossplane render` and
 * function-patch-and-transform, through the Composition it selects, into managed resources the providers accept.
 */
import { execFile } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { App, Chart, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { PhotosChart } from '../../examples/photos/photos';
import { registerProfiles as photosProfiles } from '../../examples/photos/profiles';
import { registerProfiles as wordpressProfiles } from '../../examples/wordpress/profiles';
import { WordPressChart } from '../../examples/wordpress/wordpress';
import { registerProfiles as workerProfiles } from '../../examples/worker/profiles';
import { WorkerChart } from '../../examples/worker/worker';
import { expectValid, registerXrd, validateManifest } from '../util/schema';
import { byKind } from '../util/synth';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'platform');
const GOLDEN = join(__dirname, '..', 'golden', 'platform', 'platform.k8s.yaml');

let yaml: string;
let objs: any[];
beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'platform-'));
  try {
    await promisify(execFile)('npx', ['cdk8s', 'synth', '--output', out], { cwd: EXAMPLE, timeout: 120_000 });
    yaml = readFileSync(join(out, 'platform.k8s.yaml'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  objs = parseAllDocuments(yaml).map((d) => d.toJSON()).filter((o) => o);
  for (const xrd of byKind(objs, 'CompositeResourceDefinition')) registerXrd(xrd);
}, 120_000);

test('synthesizes with `npx cdk8s synth`: four XRDs and their Compositions, cluster-scoped, valid', () => {
  expectValid(objs);
  expect(byKind(objs, 'CompositeResourceDefinition').map((x) => [x.spec.claimNames.kind, x.spec.names.kind])).toEqual([
    ['Database', 'XDatabase'], ['ObjectStore', 'XObjectStore'], ['Cache', 'XCache'], ['Queue', 'XQueue'],
  ]);
  expect(byKind(objs, 'Composition').map((c) => c.metadata.name)).toEqual([
    'xdatabases.aws.portabledata.io', 'xdatabases.gcp.portabledata.io',
    'xobjectstores.aws.portabledata.io', 'xobjectstores.gcp.portabledata.io',
    'xcaches.aws.portabledata.io', 'xcaches.gcp.portabledata.io',
    'xqueues.aws.portabledata.io',
  ]);
  expect(objs.filter((o) => o.metadata.namespace !== undefined)).toEqual([]);
});

test('matches its golden YAML (UPDATE_GOLDEN=1 rewrites it)', () => {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, yaml);
  expect(existsSync(GOLDEN)).toBe(true);
  expect(yaml).toEqual(readFileSync(GOLDEN, 'utf8'));
});

const APPS: Array<[string, (app: IConstruct) => void, (app: App) => Chart]> = [
  ['wordpress', wordpressProfiles, (app) => new WordPressChart(app, 'wordpress', { namespace: 'wordpress' })],
  ['photos', photosProfiles, (app) => new PhotosChart(app, 'photos', { namespace: 'photos' })],
  ['worker', workerProfiles, (app) => new WorkerChart(app, 'worker', { namespace: 'worker' })],
];

describe.each(APPS)('the claims of examples/%s under PORTABLE_PROFILE=crossplane', (_name, register, build) => {
  let claims: any[];
  beforeAll(() => {
    const saved = process.env.PORTABLE_PROFILE;
    process.env.PORTABLE_PROFILE = 'crossplane';
    try {
      const app = Testing.app();
      register(app);
      const apiVersions = new Set(byKind(objs, 'CompositeResourceDefinition').map((x) => `${x.spec.group}/${x.spec.versions[0].name}`));
      claims = Testing.synth(build(app)).filter((o) => apiVersions.has(o.apiVersion));
    } finally {
      if (saved === undefined) delete process.env.PORTABLE_PROFILE;
      else process.env.PORTABLE_PROFILE = saved;
    }
  });

  test('every claim is of an API the platform defines, and validates against its XRD', () => {
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) {
      expect({ claim: claim.metadata.name, errors: validateManifest(claim) }).toEqual({ claim: claim.metadata.name, errors: [] });
    }
  });
});
