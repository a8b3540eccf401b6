import { IConstruct } from 'constructs';
import { defaultEnvironment, Environment, environmentOf } from './environment';
import { BINDER_IMAGE } from './images';
import { ServiceKind } from './kind';
import { kindExample } from './kind-module';
import { IServiceBackend, ProfileBackend } from './profile-backend';
import { ProfileFileEntry, readProfileFile } from './profile-file';
import { BinderProfileOptions, CommonProfileOptions, GuardProfileOptions } from './profile-options';
import { ERROR_CODES, invalid } from '../private/errors';
import { checkDnsLabel } from '../private/names';
import { rootOf } from '../private/root';
import { checkSession } from '../private/synth-errors';
import { checkBoolean, checkImage, checkInstance, checkLabels, checkOptionsObject } from '../private/validate';

/** Default image of the binder Job (Python standard library only): the image table's, with its digest once recorded. */
export const DEFAULT_BINDER_IMAGE: string = BINDER_IMAGE.render();

/**
 * Properties of a custom profile.
 */
export interface ProfileProps extends BinderProfileOptions, GuardProfileOptions {
  /** Profile name, used to select it with `PORTABLE_PROFILE=<name>`. */
  readonly name: string;
  /**
   * Labels added to every object the services create in this environment.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * The backend of each kind of service this profile serves; using a kind it has no backend for fails at synth.
   * Take backends from other profiles with `backendFor()` to mix environments.
   * @default - none
   */
  readonly backends?: ProfileBackend[];
  /**
   * What kind of environment the profile is for, as its `environment` says.
   * @default 'custom'
   */
  readonly environment?: string;
}

const attached = new WeakMap<IConstruct, Profile>();
const registries = new WeakMap<IConstruct, Map<string, Profile>>();
const resolved = new WeakMap<IConstruct, Profile>();

/**
 * An environment profile: which backend serves each kind of data service, and the options that environment
 * needs. Services never name a cloud; they ask `Profile.of(this)`.
 *
 * Selection, from the nearest to the farthest:
 * 1. a profile attached to the construct or one of its scopes with `Profile.use(scope, profile)`;
 * 2. the profile named by the `PORTABLE_PROFILE` environment variable at synth time, among the profiles
 *    registered on the app with `Profile.register()` / `Profile.registerFile()` and the built-in default;
 * 3. the built-in default profile (in-cluster).
 *
 * Each environment has a profile class (`InClusterProfile`, `AwsProfile`, `GcpProfile`, `CrossplaneProfile`);
 * `Profile.custom()` mixes backends of several.
 *
 * @exampleMetadata fixture=imports
 * @example
 *
 * const app = new App();
 * Profile.register(app,
 *   new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] }),
 *   new GcpProfile({ projectId: 'my-project', region: 'europe-west1' }));
 * // PORTABLE_PROFILE=aws npx cdk8s synth
 */
export class Profile {
  /** The environment variable that names the profile at synth time. */
  public static readonly ENV_VAR = 'PORTABLE_PROFILE';

  /**
   * A profile with backends of your choice, e.g. in-cluster MySQL next to cloud object storage:
   *
   * ```ts
   * const cloud = new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] });
   * Profile.register(app, Profile.custom({
   *   name: 'hybrid',
   *   backends: [
   *     { kind: PortableMySQL.KIND, backend: new InClusterProfile().backendFor(PortableMySQL.KIND) },
   *     { kind: PortableObjectStore.KIND, backend: cloud.backendFor(PortableObjectStore.KIND) },
   *   ],
   * }));
   * ```
   */
  public static custom(props: ProfileProps): Profile {
    return new Profile(props);
  }

  /** Attaches a profile to a scope: every service under it uses this profile, whatever `PORTABLE_PROFILE` says. */
  public static use(scope: IConstruct, profile: Profile): void {
    checkInstance(scope.node.path || 'app', 'Profile.use profile', profile, Profile, 'new InClusterProfile()');
    attached.set(scope, profile);
  }

  /**
   * Registers named profiles on the app (or any scope; the root is used), selectable with `PORTABLE_PROFILE`.
   * Registering two profiles with the same name fails (and registers none of `profiles`).
   */
  public static register(scope: IConstruct, ...profiles: Profile[]): void {
    const root = rootOf(scope);
    const registry = registries.get(root) ?? new Map<string, Profile>();
    const added = new Map<string, Profile>();
    for (const profile of profiles) {
      checkInstance(root.node.path || 'app', 'Profile.register profile', profile, Profile, 'new InClusterProfile()');
      if (registry.has(profile.name) || added.has(profile.name)) {
        invalid(root.node.path || 'app', {
          prop: 'profile name',
          value: profile.name,
          allowed: `a name not registered yet (registered: ${[...registry.keys(), ...added.keys()].sort().join(', ')})`,
          fix: 'give each registered profile its own `name`',
          code: ERROR_CODES.PROFILE,
        });
      }
      added.set(profile.name, profile);
    }
    for (const [name, profile] of added) registry.set(name, profile);
    registries.set(root, registry);
    // `check` runs every profile the app registers.
    const session = checkSession();
    for (const name of added.keys()) session?.registered.add(name);
    resolved.delete(root);
  }

  /**
   * Loads the profiles of a profiles file kept by the platform team: YAML (read with cdk8s `Yaml.load`) or JSON
   * (a `.json` file). Relative paths are resolved from the working directory.
   *
   * ```yaml
   * # profiles.yaml
   * profiles:
   *   - name: aws-prod          # optional, defaults to the type
   *     type: aws               # in-cluster | aws | gcp | crossplane
   *     labels: { team: data }  # name, labels and binderImage may also go under options
   *     options:                # the options of new AwsProfile() (new InClusterProfile(), new GcpProfile(), …)
   *       region: eu-west-1
   *       dbSubnetGroupName: prod-data
   *       vpcSecurityGroupIds: [sg-0123456789abcdef0]
   *   - type: gcp               # named "gcp"
   *     options:
   *       projectId: acme-prod-123
   *       region: europe-west1
   *       maintenanceWindow: { day: 7, hour: 3, updateTrack: stable }   # enums by value
   * ```
   *
   * The file may also be a single profile (a mapping with `type`, without the `profiles:` list), or several YAML
   * documents separated by `---`, each a `profiles:` list or a single profile.
   *
   * The file is checked strictly: unknown types and keys, values of the wrong kind (quote strings YAML would
   * read as numbers, booleans or dates), missing required options and two profiles with the same name fail,
   * naming the file, the entry (`profiles[1]`, `documents[0].profiles[2]`) and the key. The factory of each
   * type then validates the values; its errors are prefixed with the file and the entry too.
   *
   * @param path path of the YAML or JSON file
   */
  public static fromFile(path: string): Profile[] {
    return loadProfiles(path).map((p) => p.profile);
  }

  /**
   * Registers every profile of a profiles file on the app (see `fromFile` for the format and `register`). A name
   * already registered fails naming the entry, and registers none of the file's profiles.
   *
   * @exampleMetadata fixture=imports
   * @example
   *
   * const app = new App();
   * Profile.registerFile(app, 'profiles.yaml');
   * // PORTABLE_PROFILE=aws-prod npx cdk8s synth
   *
   * @param scope the app, or any construct of it
   * @param path path of the YAML or JSON file
   */
  public static registerFile(scope: IConstruct, path: string): void {
    const loaded = loadProfiles(path);
    const registered = registries.get(rootOf(scope));
    for (const { where, profile } of loaded) {
      if (registered?.has(profile.name)) {
        invalid(where, {
          prop: 'name',
          value: profile.name,
          allowed: `a name not registered on the app yet (registered: ${[...registered.keys()].sort().join(', ')})`,
          fix: 'rename the profile in the file, or do not also register a profile of that name in code',
          code: ERROR_CODES.PROFILE,
        });
      }
    }
    Profile.register(scope, ...loaded.map((p) => p.profile));
  }

  /**
   * The profile attached to exactly this scope with `Profile.use`, if any (not its ancestors').
   * @internal
   */
  public static _attachedTo(scope: IConstruct): Profile | undefined {
    return attached.get(scope);
  }

  /**
   * The profile for a construct: the nearest attached one, else the one `PORTABLE_PROFILE` names, else in-cluster.
   */
  public static of(scope: IConstruct): Profile {
    for (let s: IConstruct | undefined = scope; s; s = s.node.scope) {
      const p = attached.get(s);
      if (p) return p;
    }
    const root = rootOf(scope);
    let profile = resolved.get(root);
    if (!profile) {
      profile = Profile.select(root, process.env[Profile.ENV_VAR]);
      resolved.set(root, profile);
    }
    return profile;
  }

  /**
   * Names selectable with `PORTABLE_PROFILE` for this app: the registered profiles and the default environment's
   * (`in-cluster`), which is built in.
   */
  public static namesOf(scope: IConstruct): string[] {
    const names = new Set(registries.get(rootOf(scope))?.keys() ?? []);
    names.add(defaultEnvironment().type);
    return [...names].sort();
  }

  /**
   * A profile registered on the app by name (or the built-in default profile by its name), whatever
   * `PORTABLE_PROFILE` selects; fails listing the names when there is none.
   */
  public static named(scope: IConstruct, name: string): Profile {
    return Profile.select(rootOf(scope), name, `${scope.node.path || 'app'}: Profile.named`);
  }

  private static select(root: IConstruct, name: string | undefined, where: string = Profile.ENV_VAR): Profile {
    const registry = registries.get(root);
    const builtIn = defaultEnvironment();
    if (name === undefined || name === '') {
      return registry?.get(builtIn.type) ?? created(builtIn, {});
    }
    const profile = registry?.get(name) ?? (name === builtIn.type ? created(builtIn, {}) : undefined);
    if (!profile) {
      invalid(where, {
        prop: 'profile name',
        value: name,
        allowed: `one of ${Profile.namesOf(root).join(', ')}`,
        fix: `set ${Profile.ENV_VAR} to a registered profile, or register "${name}" with Profile.register(app, …)`,
        code: ERROR_CODES.PROFILE,
      });
    }
    return profile;
  }

  /** Name of the profile. */
  public readonly name: string;
  /**
   * The kind of environment the profile is for: the `type` of its environment (`in-cluster`, `aws`, `gcp`,
   * `crossplane`, …) or `custom`. An app can decide from it, e.g. to add a platform chart.
   */
  public readonly environment: string;
  /** Labels added to every object of the services in this environment. */
  public readonly labels: { [key: string]: string };
  /** Image of the binder Job. */
  public readonly binderImage: string;
  /** Whether binders re-run hourly to repair connection Secrets. */
  public readonly binderRepair: boolean;
  /** Whether an admission policy narrows the Secrets the binder may create (names and types). */
  public readonly binderAdmissionPolicy: boolean;
  /** Whether an admission policy guards the database objects against downgrades, unallowed major upgrades and shrinks. */
  public readonly upgradeGuard: boolean;

  private readonly backends = new Map<string, IServiceBackend>();

  protected constructor(props: ProfileProps) {
    checkOptionsObject('profile', 'props', props, 'ProfileProps', "write e.g. Profile.custom({ name: 'hybrid', backends: [...] })");
    const where = `profile ${JSON.stringify(props.name)}`;
    this.name = checkDnsLabel('profile', 'name', props.name, 63, 'my-profile');
    this.environment = checkDnsLabel(where, 'environment', props.environment ?? 'custom', 63, 'custom');
    this.labels = checkLabels(where, 'labels', props.labels ?? {});
    this.binderImage = checkImage(where, 'binderImage', props.binderImage ?? DEFAULT_BINDER_IMAGE, BINDER_IMAGE.render());
    this.binderRepair = checkBoolean(where, 'binderRepair', props.binderRepair ?? true);
    this.binderAdmissionPolicy = checkBoolean(where, 'binderAdmissionPolicy', props.binderAdmissionPolicy ?? true);
    this.upgradeGuard = checkBoolean(where, 'upgradeGuard', props.upgradeGuard ?? false);
    const backends = props.backends ?? [];
    if (!Array.isArray(backends)) {
      invalid(where, {
        prop: 'backends',
        value: backends,
        allowed: 'a list of { kind, backend }',
        fix: `write backends: [{ kind: ${kindExample()}, backend: otherProfile.backendFor(${kindExample()}) }]`,
      });
    }
    for (const [i, entry] of backends.entries()) {
      if (!(entry?.kind instanceof ServiceKind) || !isLibraryBackend(entry.backend)) {
        invalid(where, {
          prop: `backends[${i}]`,
          value: entry === null || typeof entry !== 'object' ? entry : {
            kind: entry.kind instanceof ServiceKind ? `ServiceKind ${entry.kind.name}` : entry.kind,
            backend: isLibraryBackend(entry.backend) ? `backend ${entry.backend.name}` : entry.backend,
          },
          allowed: `a kind (${kindExample()}, …) and a backend (profile.backendFor(kind))`,
          fix: `write { kind: ${kindExample()}, backend: otherProfile.backendFor(${kindExample()}) }`,
        });
      }
      if (this.backends.has(entry.kind.name)) {
        invalid(where, {
          prop: `backends[${i}].kind`,
          value: entry.kind.name,
          allowed: 'each kind once',
          fix: 'remove one of the backends of this kind',
        });
      }
      this.backends.set(entry.kind.name, entry.backend);
    }
  }

  /** The kinds of service this profile has backends for. */
  public get kinds(): ServiceKind[] {
    return ServiceKind.all().filter((k) => this.backends.has(k.name));
  }

  /**
   * The backend of a kind of service; fails at synth naming the profile and the kinds it serves when it has none.
   * @param kind the kind of service
   * @param scope the construct asking, for the error message
   * @default scope - the profile
   */
  public backendFor(kind: ServiceKind, scope?: IConstruct): IServiceBackend {
    checkInstance(scope ?? `profile "${this.name}"`, 'backendFor kind', kind, ServiceKind, kindExample());
    const backend = this.backends.get(kind.name);
    if (!backend) {
      invalid(scope ?? `profile "${this.name}"`, {
        prop: `profile "${this.name}" service kind`,
        value: kind.name,
        allowed: `the kinds this profile has backends for: ${this.kinds.map((k) => k.name).join(', ') || 'none'}`,
        fix: `give the profile a ${kind.name} backend (Profile.custom({ backends: [{ kind, backend }] })) or select another profile`,
        code: ERROR_CODES.PROFILE,
      });
    }
    return backend;
  }
}

/**
 * The props of an environment's profile: its type as `environment` and default name, the common options, and its
 * backends. Every environment's profile class passes these to `Profile`.
 */
export function environmentProfileProps(type: string, options: CommonProfileOptions | undefined, backends: ProfileBackend[]): ProfileProps {
  return {
    name: options?.name ?? type,
    environment: type,
    labels: options?.labels,
    binderImage: options?.binderImage,
    binderRepair: options?.binderRepair,
    binderAdmissionPolicy: options?.binderAdmissionPolicy,
    upgradeGuard: options?.upgradeGuard,
    backends,
  };
}

/** Builds the profiles of a file, prefixing the factories' errors with the entry's location. */
function loadProfiles(file: string): { where: string; profile: Profile }[] {
  if (typeof file !== 'string' || file === '') {
    invalid('profiles file', {
      prop: 'path', value: file, allowed: 'the path of a YAML or JSON file', fix: "pass a path, e.g. Profile.fromFile('profiles.yaml')", code: ERROR_CODES.PROFILES_FILE,
    });
  }
  return readProfileFile(file).map((entry) => {
    try {
      return { where: entry.where, profile: build(entry) };
    } catch (e) {
      throw new Error(`${entry.where}: ${(e as Error).message}`);
    }
  });
}

/** The factory of the entry's environment. */
function build(entry: ProfileFileEntry): Profile {
  return created(environmentOf(entry.type)!, entry.options);
}

/** The profile an environment's factory makes (every environment's factory makes a `Profile`). */
function created(environment: Environment, options: object): Profile {
  const profile = environment.create(options);
  if (!(profile instanceof Profile)) throw new Error(`environment "${environment.type}" made something other than a Profile`);
  return profile;
}

/**
 * Whether an object is a backend of this library (from a profile's `backendFor()`): kinds and backends are added in
 * this library's repository, so an object that only has a `name` cannot serve a kind.
 */
function isLibraryBackend(backend: unknown): backend is IServiceBackend {
  const b = backend as { name?: unknown; bind?: unknown; capabilities?: unknown } | undefined;
  return typeof b?.name === 'string' && typeof b.bind === 'function' && typeof b.capabilities === 'object' && b.capabilities !== null;
}
