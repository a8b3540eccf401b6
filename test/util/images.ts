import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { baseOf, MATRIX_SERVICES, WORKLOADS } from './matrix';
import { PhotosChart } from '../../examples/photos/photos';
import { registerProfiles as photosProfiles } from '../../examples/photos/profiles';
import { registerProfiles as wordpressProfiles } from '../../examples/wordpress/profiles';
import { WordPressChart } from '../../examples/wordpress/wordpress';
import { Profile } from '../../src';

/** The images of the apps themselves (the examples' and the matrix workloads'), which are not the library's. */
export const APP_IMAGES = ['docker.io/library/wordpress:6.8.3-apache', 'ghcr.io/example/photos:1.4.2', 'example.com/app:1.0.0'];

/** Every image reference in the objects: each `image` (containers) and `imageName` (CloudNativePG) string, anywhere. */
export function imageReferences(objs: unknown[]): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if ((key === 'image' || key === 'imageName') && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(objs);
  return out;
}

/** The library's image references in the objects (those of the apps left out). */
export function libraryImages(objs: unknown[]): string[] {
  return imageReferences(objs).filter((image) => !APP_IMAGES.includes(image));
}

interface Example {
  readonly name: string;
  readonly register: (app: App) => void;
  readonly build: (app: App) => Chart;
}

const EXAMPLES: Example[] = [
  { name: 'wordpress', register: wordpressProfiles, build: (app) => new WordPressChart(app, 'wordpress', { namespace: 'wordpress' }) },
  { name: 'photos', register: photosProfiles, build: (app) => new PhotosChart(app, 'photos', { namespace: 'photos' }) },
];

/** Each example under each profile it registers (and the built-in default): `[example, profile, synth]`. */
export function exampleCases(): Array<readonly [string, string, () => unknown[]]> {
  return EXAMPLES.flatMap((example) => {
    const probe = Testing.app();
    example.register(probe);
    return Profile.namesOf(probe).map((profile) => [example.name, profile, () => synthExample(example, profile)] as const);
  });
}

function synthExample(example: Example, profile: string): unknown[] {
  const saved = process.env.PORTABLE_PROFILE;
  process.env.PORTABLE_PROFILE = profile;
  try {
    const app = Testing.app();
    example.register(app);
    return Testing.synth(example.build(app));
  } finally {
    if (saved === undefined) delete process.env.PORTABLE_PROFILE;
    else process.env.PORTABLE_PROFILE = saved;
  }
}

/**
 * One of each matrix service (base props) under a profile, each in a chart of its own and bound to a Deployment;
 * with `matrixProfile`, only the services the matrices run on that profile (the Crossplane platform has no cache).
 */
export function oneOfEachService(profile: () => Profile, matrixProfile?: string): unknown[] {
  return MATRIX_SERVICES.filter((s) => matrixProfile === undefined || matrixProfile in s.profiles).flatMap((service) => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'apps' });
    Profile.use(chart, profile());
    const scope = new Construct(chart, service.name);
    const s = service.make(scope, 'Svc', baseOf(service, matrixProfile));
    s.bind(WORKLOADS.Deployment.make(scope) as kplus.AbstractPod);
    return Testing.synth(chart);
  });
}
