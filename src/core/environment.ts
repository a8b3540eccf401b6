import type { CostRules } from './cost';
import { BINDER_IMAGE, ImageRef } from './images';
import type { PrerequisiteRules } from './prerequisites';
import type { OptionSpec } from './profile-file-options';
import type { EnvironmentPreflight } from '../preflight/environment-preflight';

/**
 * An environment a profile can be made for (in-cluster, a cloud, a platform): its `type` in profiles files, the
 * table its profiles-file options are checked against, and the factory of its profiles. The environments are one
 * list, in `src/environments/index.ts`, which registers them when the entry point (`src/index.ts`) or the command
 * line loads it; the core never requires it (imports run one way: index → environments → services → core).
 */
export interface Environment {
  /** The `type` of its profiles in a profiles file, and the default name of its profiles, e.g. `aws`. */
  readonly type: string;
  /** The options its profiles take in a profiles file, key by key (checked by the compiler against the factory). */
  readonly options: { readonly [key: string]: OptionSpec };
  /**
   * Its live preflight: the `preflight` command checks the objects its profiles synthesize against the live
   * account, and `--profile <its type>` checks only those.
   * @default - none: its objects are never checked live
   */
  readonly preflight?: EnvironmentPreflight;
  /**
   * The images its backends run besides the binder's: its part of the one image table (src/core/images.ts), which
   * `npx projen images:resolve` pins by digest.
   * @default - none
   */
  readonly images?: readonly ImageRef[];
  /**
   * What its objects need before they can be applied (the operators serving its API groups, the classes and cloud
   * resources they name): its part of `plan`'s prerequisites.
   * @default - nothing beyond Kubernetes itself
   */
  readonly prerequisites?: PrerequisiteRules;
  /**
   * The shapes of the objects it writes that cost (class, high availability, nodes, storage; in-cluster the pods'
   * requests) and how it prices them: its part of `plan`'s shapes and estimates. Every environment answers (a test
   * holds every backend of every environment to it).
   */
  readonly costs: CostRules;
  /** Makes a profile from checked options (a `Profile`: the registry needs only its name). */
  create(options: any): EnvironmentProfile;
}

/** What the registry knows of the profiles an environment makes (they are `Profile`s). */
export interface EnvironmentProfile {
  /** Name of the profile. */
  readonly name: string;
}

const REGISTRY = new Map<string, Environment>();
let defaultType: string | undefined;

/** Adds an environment (the first one registered is the default, whose profile needs no options). */
export function registerEnvironment(environment: Environment): void {
  if (REGISTRY.has(environment.type) && REGISTRY.get(environment.type) !== environment) {
    throw new Error(`environment "${environment.type}" is registered twice`);
  }
  REGISTRY.set(environment.type, environment);
  defaultType ??= environment.type;
}

const NOT_LOADED = 'no environment is registered: load the library through its entry point (src/index.ts registers the list)';

/** The registered environments, in the order of the list. */
export function environments(): Environment[] {
  if (REGISTRY.size === 0) throw new Error(NOT_LOADED);
  return [...REGISTRY.values()];
}

/** The environment of a profiles-file `type`, if any. */
export function environmentOf(type: string): Environment | undefined {
  return REGISTRY.get(type);
}

/** The default environment: its profile serves apps that select none. */
export function defaultEnvironment(): Environment {
  if (defaultType === undefined) {
    throw new Error(NOT_LOADED);
  }
  return REGISTRY.get(defaultType)!;
}

/** The images every environment may run (the environments list their own in `Environment.images`). */
const LIBRARY_IMAGES: readonly ImageRef[] = [BINDER_IMAGE];

/**
 * The one table of images: the library's own and each registered environment's, in the order of the list, each
 * once. The output's image references are these (a test checks it) unless a profile option replaces one.
 */
export function imageTable(envs: readonly Environment[] = environments()): ImageRef[] {
  const all = [...LIBRARY_IMAGES, ...envs.flatMap((e) => e.images ?? [])];
  const seen = new Set<string>();
  for (const image of all) {
    if (seen.has(image.tagged)) throw new Error(`image ${image.tagged} is listed twice in the image table`);
    seen.add(image.tagged);
  }
  return all;
}
