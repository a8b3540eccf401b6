import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PhotosChart } from '../../examples/photos/photos';
import { registerProfiles as photosProfiles } from '../../examples/photos/profiles';
import { registerProfiles as restoreProfiles } from '../../examples/restore/profiles';
import { RestoreChart } from '../../examples/restore/restore';
import { registerProfiles as wordpressProfiles } from '../../examples/wordpress/profiles';
import { WordPressChart } from '../../examples/wordpress/wordpress';
import { registerProfiles as workerProfiles } from '../../examples/worker/profiles';
import { WorkerChart } from '../../examples/worker/worker';

/**
 * Golden YAML: every example under every profile, synthesized in-process and compared byte for byte with the files
 * in test/golden/. Construct IDs and cloud names are API (a rename replaces a database), so every change to the
 * output must show up here as a diff of these files. `UPDATE_GOLDEN=1 npx jest test/golden` rewrites them.
 */
const GOLDEN = __dirname;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Example {
  readonly name: string;
  readonly profiles: string[];
  readonly build: (app: App) => Chart;
  readonly register: (app: IConstruct) => void;
}

const EXAMPLES: Example[] = [
  {
    name: 'wordpress',
    profiles: ['in-cluster', 'aws', 'gcp', 'crossplane', 'azure'],
    register: wordpressProfiles,
    build: (app) => new WordPressChart(app, 'wordpress', { namespace: 'wordpress' }),
  },
  {
    name: 'photos',
    profiles: ['in-cluster', 'in-cluster-operators', 'aws', 'gcp', 'crossplane', 'azure'],
    register: photosProfiles,
    build: (app) => new PhotosChart(app, 'photos', { namespace: 'photos' }),
  },
  {
    name: 'worker',
    profiles: ['in-cluster', 'in-cluster-operators', 'aws', 'gcp', 'crossplane', 'azure'],
    register: workerProfiles,
    build: (app) => new WorkerChart(app, 'worker', { namespace: 'worker' }),
  },
  {
    name: 'restore',
    // One profile per built-in environment (the built-in in-cluster StatefulSets refuse restores).
    profiles: ['in-cluster-operators', 'aws', 'gcp', 'crossplane', 'azure'],
    register: restoreProfiles,
    build: (app) => new RestoreChart(app, 'restore', { namespace: 'restore' }),
  },
];

/** What `cdk8s synth` writes for the example's chart under a profile. */
function synthYaml(example: Example, profile: string): string {
  const saved = process.env.PORTABLE_PROFILE;
  process.env.PORTABLE_PROFILE = profile;
  try {
    const app = new App({ outdir: join(GOLDEN, '.out') });
    example.register(app);
    example.build(app);
    return app.synthYaml();
  } finally {
    if (saved === undefined) delete process.env.PORTABLE_PROFILE;
    else process.env.PORTABLE_PROFILE = saved;
  }
}

const cases = EXAMPLES.flatMap((e) => e.profiles.map((p) => [e.name, p, e] as const));

test.each(cases)('examples/%s under PORTABLE_PROFILE=%s is byte-identical to its golden YAML', (name, profile, example) => {
  const file = join(GOLDEN, name, `${profile}.k8s.yaml`);
  const yaml = synthYaml(example, profile);
  if (UPDATE) {
    mkdirSync(join(GOLDEN, name), { recursive: true });
    writeFileSync(file, yaml);
  }
  expect(existsSync(file)).toBe(true);
  expect(yaml).toEqual(readFileSync(file, 'utf8'));
});
