import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { registerProfiles } from '../../examples/wordpress/profiles';
import { WordPressChart } from '../../examples/wordpress/wordpress';
import { AwsProfile, CachePersistence, GcpProfile, PortableCache, PortableQueue, Profile } from '../../src';

/**
 * The TypeScript side of the language apps (test/languages/<lang>/): what each app must write byte for byte, and the
 * errors it must raise. The WordPress app under the four profiles of examples/wordpress is the golden files
 * (test/golden/wordpress); the rest is synthesized here, in the working directory the apps run in.
 */
export const LANGUAGES_DIR = __dirname;

/** Runs `fn` with the apps' working directory and `PORTABLE_PROFILE` as the apps get them; restores both. */
function asTheApps<T>(profile: string | undefined, fn: () => T): T {
  const cwd = process.cwd();
  const previous = process.env.PORTABLE_PROFILE;
  process.chdir(LANGUAGES_DIR);
  if (profile === undefined) delete process.env.PORTABLE_PROFILE;
  else process.env.PORTABLE_PROFILE = profile;
  try {
    return fn();
  } finally {
    process.chdir(cwd);
    if (previous === undefined) delete process.env.PORTABLE_PROFILE;
    else process.env.PORTABLE_PROFILE = previous;
  }
}

function synthOne(build: (app: App) => void, file: string): string {
  const outdir = mkdtempSync(join(tmpdir(), 'languages-reference-'));
  try {
    const app = new App({ outdir });
    build(app);
    app.synth();
    return readFileSync(join(outdir, file), 'utf8');
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** examples/wordpress with the apps' profiles file registered too: the reference for the file's profiles. */
export function wordpressYaml(profile: string): string {
  return asTheApps(profile, () => synthOne((app) => {
    registerProfiles(app);
    Profile.registerFile(app, 'profiles.yaml');
    new WordPressChart(app, 'wordpress', { namespace: 'wordpress' });
  }, 'wordpress.k8s.yaml'));
}

/** The apps' `shop` mode: a cache and a queue bound to a worker. */
export function shopYaml(profile: string | undefined): string {
  return asTheApps(profile, () => synthOne((app) => {
    Profile.register(app, new AwsProfile({
      region: 'eu-west-1',
      dbSubnetGroupName: 'shop-private',
      vpcSecurityGroupIds: ['sg-0a1b2c3d4e5f60718'],
      cacheSubnetGroupName: 'shop-cache-private',
      brokerSubnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-08192a3b4c5d6e7f0'],
    }));
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const sessions = new PortableCache(chart, 'Sessions', { name: 'sessions', persistence: CachePersistence.DURABLE });
    const orders = new PortableQueue(chart, 'Orders', { name: 'orders' });
    const worker = new kplus.Deployment(chart, 'Worker', {
      containers: [{ name: 'worker', image: 'docker.io/library/python:3.13-slim', command: ['python', '-m', 'worker'] }],
    });
    sessions.bind(worker);
    orders.bind(worker);
  }, 'shop.k8s.yaml'));
}

/** One error every app hits, as in its `errors` mode. */
export interface ErrorCase {
  readonly name: string;
  /** Thrown by a method call (the jsii kernel then prefixes the message with `Error: `), not by a constructor. */
  readonly fromMethod: boolean;
  readonly run: () => void;
}

/** The apps' `errors` mode, case by case. */
export const ERROR_CASES: ErrorCase[] = [
  {
    name: 'bad-value',
    fromMethod: false,
    run: () => new PortableQueue(new Chart(new App(), 'errors'), 'Orders', { queues: ['amq.orders'] }),
  },
  {
    name: 'backend-refusal',
    fromMethod: false,
    run: () => {
      const chart = new Chart(new App(), 'errors');
      Profile.use(chart, new GcpProfile({ projectId: 'shop-4711', region: 'europe-west1' }));
      new PortableQueue(chart, 'Orders');
    },
  },
  {
    name: 'bad-profiles-file',
    fromMethod: true,
    run: () => Profile.registerFile(new App(), 'bad-profiles.yaml'),
  },
];

/** The message TypeScript throws for a case, run where the apps run. */
export function typescriptError(c: ErrorCase): string {
  return asTheApps(undefined, () => {
    try {
      c.run();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error(`${c.name} did not fail in TypeScript`);
  });
}
