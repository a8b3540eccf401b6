import { IConstruct } from 'constructs';
import { IDatabaseBackend } from './backend';
import { ProfileFileEntry, readProfileFile } from './profile-file';
import { AwsRdsDatabaseBackend } from '../environments/aws/database';
import { AwsS3ObjectStoreBackend } from '../environments/aws/object-store';
import { AwsObjectStoreOptions } from '../environments/aws/object-store-options';
import { AwsBackendOptions } from '../environments/aws/options';
import { CrossplaneDatabaseBackend } from '../environments/crossplane/database';
import { CrossplaneObjectStoreBackend } from '../environments/crossplane/object-store';
import { CrossplaneBackendOptions } from '../environments/crossplane/options';
import { CloudSqlDatabaseBackend } from '../environments/gcp/database';
import { GcsObjectStoreBackend } from '../environments/gcp/object-store';
import { GcpBackendOptions } from '../environments/gcp/options';
import { CloudNativePgDatabaseBackend } from '../environments/in-cluster/cloudnative-pg/database';
import { InClusterDatabaseBackend } from '../environments/in-cluster/database';
import { InClusterObjectStoreBackend } from '../environments/in-cluster/object-store';
import { InClusterObjectStoreOptions, ObjectStoreOperator } from '../environments/in-cluster/object-store-options';
import { InClusterBackendOptions, PostgresOperator } from '../environments/in-cluster/options';
import { RookObjectStoreBackend } from '../environments/in-cluster/rook/object-store';
import { invalid } from '../private/errors';
import { checkDnsLabel } from '../private/names';
import { IObjectStoreBackend } from '../services/object-store/backend';

/** Default image of the binder Job (Python standard library only). */
export const DEFAULT_BINDER_IMAGE = 'docker.io/library/python:3.13.9-alpine3.22';

/**
 * Options every profile takes.
 */
export interface CommonProfileOptions {
  /**
   * Name of the profile, used to select it with `PORTABLE_PROFILE=<name>`.
   * @default - the factory's name: `in-cluster`, `aws`, `gcp` or `crossplane`
   */
  readonly name?: string;
  /**
   * Labels added to every object the services create in this environment.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Image of the binder Job that generates credentials and fills connection Secrets at deploy time.
   * Any image with Python 3.8+ works; point it at your registry mirror in air-gapped clusters.
   * @default 'docker.io/library/python:3.13.9-alpine3.22'
   */
  readonly binderImage?: string;
}

/** Options of `Profile.inCluster()`. */
export interface InClusterProfileOptions extends CommonProfileOptions, InClusterBackendOptions, InClusterObjectStoreOptions {}

/** Options of `Profile.aws()`. */
export interface AwsProfileOptions extends CommonProfileOptions, AwsBackendOptions, AwsObjectStoreOptions {}

/** Options of `Profile.gcp()`. */
export interface GcpProfileOptions extends CommonProfileOptions, GcpBackendOptions {}

/** Options of `Profile.crossplane()`. */
export interface CrossplaneProfileOptions extends CommonProfileOptions, CrossplaneBackendOptions {}

/**
 * Properties of a custom profile.
 */
export interface ProfileProps {
  /** Profile name, used to select it with `PORTABLE_PROFILE=<name>`. */
  readonly name: string;
  /**
   * Labels added to every object the services create in this environment.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Image of the binder Job that generates credentials and fills connection Secrets at deploy time.
   * @default 'docker.io/library/python:3.13.9-alpine3.22'
   */
  readonly binderImage?: string;
  /**
   * Backend of `PortableMySQL`.
   * @default - MySQL is not available in this profile (using it fails at synth)
   */
  readonly mysql?: IDatabaseBackend;
  /**
   * Backend of `PortablePostgres`.
   * @default - PostgreSQL is not available in this profile (using it fails at synth)
   */
  readonly postgres?: IDatabaseBackend;
  /**
   * Backend of `PortableObjectStore`.
   * @default - object stores are not available in this profile (using one fails at synth)
   */
  readonly objectStore?: IObjectStoreBackend;
}

/** Kinds of data service a profile maps to backends. */
export enum ServiceKind {
  /** `PortableMySQL`. */
  MYSQL = 'mysql',
  /** `PortablePostgres`. */
  POSTGRES = 'postgres',
  /** `PortableObjectStore`. */
  OBJECT_STORE = 'object-store',
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
 *    registered on the app with `Profile.register()` / `Profile.registerFile()` and the built-in `in-cluster`;
 * 3. the built-in in-cluster profile.
 *
 * @example
 *
 * const app = new App();
 * Profile.register(app,
 *   Profile.aws({ region: 'eu-west-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] }),
 *   Profile.gcp({ projectId: 'my-project', region: 'europe-west1' }));
 * // PORTABLE_PROFILE=aws npx cdk8s synth
 */
export class Profile {
  /** The environment variable that names the profile at synth time. */
  public static readonly ENV_VAR = 'PORTABLE_PROFILE';

  /**
   * In-cluster: StatefulSets of the official images, and an S3 server (Versity S3 Gateway) per object store, or
   * Rook ObjectBucketClaims with `objectStoreOperator: ObjectStoreOperator.ROOK`. Needs nothing but a cluster.
   */
  public static inCluster(options: InClusterProfileOptions = {}): Profile {
    const inCluster = new InClusterDatabaseBackend(options);
    const postgres = options.postgresOperator === PostgresOperator.CLOUDNATIVE_PG ? new CloudNativePgDatabaseBackend(options) : inCluster;
    const objectStore = options.objectStoreOperator === ObjectStoreOperator.ROOK
      ? new RookObjectStoreBackend(options)
      : new InClusterObjectStoreBackend(options);
    return new Profile(options.name ?? 'in-cluster', options, { mysql: inCluster, postgres, objectStore });
  }

  /** AWS through AWS Controllers for Kubernetes (ACK): RDS, and S3 with EKS Pod Identity. */
  public static aws(options: AwsProfileOptions): Profile {
    const databases = new AwsRdsDatabaseBackend(options);
    const objectStore = new AwsS3ObjectStoreBackend(options);
    return new Profile(options.name ?? 'aws', options, { mysql: databases, postgres: databases, objectStore });
  }

  /** GCP through Config Connector: Cloud SQL, and Cloud Storage with GKE Workload Identity. */
  public static gcp(options: GcpProfileOptions): Profile {
    const databases = new CloudSqlDatabaseBackend(options);
    const objectStore = new GcsObjectStoreBackend(options);
    return new Profile(options.name ?? 'gcp', options, { mysql: databases, postgres: databases, objectStore });
  }

  /** Crossplane: claims of the portable composite resources, served by the platform team's Compositions. */
  public static crossplane(options: CrossplaneProfileOptions): Profile {
    const databases = new CrossplaneDatabaseBackend(options);
    const objectStore = new CrossplaneObjectStoreBackend(options);
    return new Profile(options.name ?? 'crossplane', options, { mysql: databases, postgres: databases, objectStore });
  }

  /** A profile with backends of your choice (e.g. in-cluster MySQL next to cloud object storage). */
  public static custom(props: ProfileProps): Profile {
    return new Profile(props.name, props, { mysql: props.mysql, postgres: props.postgres, objectStore: props.objectStore });
  }

  /** Attaches a profile to a scope: every service under it uses this profile, whatever `PORTABLE_PROFILE` says. */
  public static use(scope: IConstruct, profile: Profile): void {
    attached.set(scope, profile);
  }

  /**
   * Registers named profiles on the app (or any scope; the root is used), selectable with `PORTABLE_PROFILE`.
   * Registering two profiles with the same name fails (and registers none of `profiles`).
   */
  public static register(scope: IConstruct, ...profiles: Profile[]): void {
    const root = scope.node.root;
    const registry = registries.get(root) ?? new Map<string, Profile>();
    const added = new Map<string, Profile>();
    for (const profile of profiles) {
      if (registry.has(profile.name) || added.has(profile.name)) {
        invalid(root.node.path || 'app', {
          prop: 'profile name',
          value: profile.name,
          allowed: `a name not registered yet (registered: ${[...registry.keys(), ...added.keys()].sort().join(', ')})`,
          fix: 'give each registered profile its own `name`',
        });
      }
      added.set(profile.name, profile);
    }
    for (const [name, profile] of added) registry.set(name, profile);
    registries.set(root, registry);
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
   *     options:                # the options of Profile.aws() (Profile.inCluster(), Profile.gcp(), …)
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
    const registered = registries.get(scope.node.root);
    for (const { where, profile } of loaded) {
      if (registered?.has(profile.name)) {
        invalid(where, {
          prop: 'name',
          value: profile.name,
          allowed: `a name not registered on the app yet (registered: ${[...registered.keys()].sort().join(', ')})`,
          fix: 'rename the profile in the file, or do not also register a profile of that name in code',
        });
      }
    }
    Profile.register(scope, ...loaded.map((p) => p.profile));
  }

  /**
   * The profile for a construct: the nearest attached one, else the one `PORTABLE_PROFILE` names, else in-cluster.
   */
  public static of(scope: IConstruct): Profile {
    for (let s: IConstruct | undefined = scope; s; s = s.node.scope) {
      const p = attached.get(s);
      if (p) return p;
    }
    const root = scope.node.root;
    let profile = resolved.get(root);
    if (!profile) {
      profile = Profile.select(root, process.env[Profile.ENV_VAR]);
      resolved.set(root, profile);
    }
    return profile;
  }

  /** Names selectable with `PORTABLE_PROFILE` for this app: the registered profiles and `in-cluster`. */
  public static namesOf(scope: IConstruct): string[] {
    const names = new Set(registries.get(scope.node.root)?.keys() ?? []);
    names.add('in-cluster');
    return [...names].sort();
  }

  private static select(root: IConstruct, name: string | undefined): Profile {
    const registry = registries.get(root);
    if (name === undefined || name === '') {
      return registry?.get('in-cluster') ?? Profile.inCluster();
    }
    const profile = registry?.get(name) ?? (name === 'in-cluster' ? Profile.inCluster() : undefined);
    if (!profile) {
      invalid(`${Profile.ENV_VAR}`, {
        prop: 'profile name',
        value: name,
        allowed: `one of ${Profile.namesOf(root).join(', ')}`,
        fix: `set ${Profile.ENV_VAR} to a registered profile, or register "${name}" with Profile.register(app, …)`,
      });
    }
    return profile;
  }

  /** Labels added to every object of the services in this environment. */
  public readonly labels: { [key: string]: string };
  /** Image of the binder Job. */
  public readonly binderImage: string;

  private readonly backends: { [kind: string]: IDatabaseBackend | undefined };
  private readonly objectStore?: IObjectStoreBackend;

  private constructor(
    /** Name of the profile. */
    public readonly name: string,
    options: CommonProfileOptions,
    backends: { mysql?: IDatabaseBackend; postgres?: IDatabaseBackend; objectStore?: IObjectStoreBackend },
  ) {
    checkDnsLabel('profile', 'name', name, 63);
    this.labels = { ...(options.labels ?? {}) };
    this.binderImage = options.binderImage ?? DEFAULT_BINDER_IMAGE;
    this.backends = { [ServiceKind.MYSQL]: backends.mysql, [ServiceKind.POSTGRES]: backends.postgres };
    this.objectStore = backends.objectStore;
  }

  /** The database backend for a kind of service; fails naming the profile when it has none. */
  public databaseBackend(kind: ServiceKind, scope: IConstruct): IDatabaseBackend {
    const backend = this.backends[kind];
    return backend ?? this.missing(kind, kind, scope);
  }

  /** The object store backend; fails naming the profile when it has none. */
  public objectStoreBackend(scope: IConstruct): IObjectStoreBackend {
    return this.objectStore ?? this.missing(ServiceKind.OBJECT_STORE, 'objectStore', scope);
  }

  private missing(kind: ServiceKind, prop: string, scope: IConstruct): never {
    const offered = [...Object.keys(this.backends).filter((k) => this.backends[k]), ...(this.objectStore ? [ServiceKind.OBJECT_STORE] : [])];
    return invalid(scope, {
      prop: `profile "${this.name}" service kind`,
      value: kind,
      allowed: `the kinds this profile has backends for: ${offered.join(', ') || 'none'}`,
      fix: `give the profile a ${kind} backend (Profile.custom({ ${prop}: … })) or select another profile`,
    });
  }
}

/** Builds the profiles of a file, prefixing the factories' errors with the entry's location. */
function loadProfiles(file: string): { where: string; profile: Profile }[] {
  return readProfileFile(file).map((entry) => {
    try {
      return { where: entry.where, profile: build(entry) };
    } catch (e) {
      throw new Error(`${entry.where}: ${(e as Error).message}`);
    }
  });
}

/** The factory of each type of a profiles file. */
function build(entry: ProfileFileEntry): Profile {
  switch (entry.type) {
    case 'in-cluster': return Profile.inCluster(entry.options);
    case 'aws': return Profile.aws(entry.options);
    case 'gcp': return Profile.gcp(entry.options);
    case 'crossplane': return Profile.crossplane(entry.options);
  }
}
