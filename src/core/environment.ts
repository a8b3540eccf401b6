import type { ImageRef } from './images';
import type { Profile } from './profile';
import type { OptionSpec } from './profile-file-options';
import type { EnvironmentPreflight } from '../preflight/environment-preflight';

/**
 * An environment a profile can be made for (in-cluster, a cloud, a platform): its `type` in profiles files, the
 * table its profiles-file options are checked against, and the factory of its profiles. The environments are one
 * list, in `src/environments/index.ts`; nothing else in the core names one.
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
  /** Makes a profile from checked options. */
  create(options: any): Profile;
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

/** The registered environments, in the order of the list. */
export function environments(): Environment[] {
  loadList();
  return [...REGISTRY.values()];
}

/** The environment of a profiles-file `type`, if any. */
export function environmentOf(type: string): Environment | undefined {
  loadList();
  return REGISTRY.get(type);
}

/** The default environment: its profile serves apps that select none. */
export function defaultEnvironment(): Environment {
  loadList();
  return REGISTRY.get(defaultType!)!;
}

/** Loads the one list of environments (src/environments/index.ts) on first use. */
function loadList(): void {
  if (defaultType === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../environments');
  }
}
