import { IConstruct } from 'constructs';
import { AwsRdsDatabaseBackend } from './backends/aws-ack/database';
import { AwsBackendOptions } from './backends/aws-ack/options';
import { CrossplaneDatabaseBackend } from './backends/crossplane/database';
import { CrossplaneBackendOptions } from './backends/crossplane/options';
import { CloudSqlDatabaseBackend } from './backends/gcp-kcc/database';
import { GcpBackendOptions } from './backends/gcp-kcc/options';
import { InClusterDatabaseBackend } from './backends/in-cluster/database';
import { InClusterBackendOptions } from './backends/in-cluster/options';
import { IDatabaseBackend } from './backend';
import { invalid } from './private/errors';
import { checkDnsLabel } from './private/names';

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
export interface InClusterProfileOptions extends CommonProfileOptions, InClusterBackendOptions {}

/** Options of `Profile.aws()`. */
export interface AwsProfileOptions extends CommonProfileOptions, AwsBackendOptions {}

/** Options of `Profile.gcp()`. */
export interface GcpProfileOptions extends CommonProfileOptions, GcpBackendOptions {}

/** Options of `Profile.crossplane()`. */
export interface CrossplaneProfileOptions extends CommonProfileOptions, CrossplaneBackendOptions {}

/**
 * Properties of a custom profile.
 */
export interface ProfileProps extends CommonProfileOptions {
  /** Profile name. */
  readonly name: string;
  /**
   * Backend of `PortableMySQL`.
   * @default - MySQL is not available in this profile (using it fails at synth)
   */
  readonly mysql?: IDatabaseBackend;
}

/** Kinds of data service a profile maps to backends. */
export enum ServiceKind {
  /** `PortableMySQL`. */
  MYSQL = 'mysql',
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

  /** In-cluster: StatefulSets of the official images. Needs nothing but a cluster. */
  public static inCluster(options: InClusterProfileOptions = {}): Profile {
    return new Profile(options.name ?? 'in-cluster', options, { mysql: new InClusterDatabaseBackend(options) });
  }

  /** AWS through AWS Controllers for Kubernetes (ACK): RDS. */
  public static aws(options: AwsProfileOptions): Profile {
    return new Profile(options.name ?? 'aws', options, { mysql: new AwsRdsDatabaseBackend(options) });
  }

  /** GCP through Config Connector: Cloud SQL. */
  public static gcp(options: GcpProfileOptions): Profile {
    return new Profile(options.name ?? 'gcp', options, { mysql: new CloudSqlDatabaseBackend(options) });
  }

  /** Crossplane: claims of the portable composite resources, served by the platform team's Compositions. */
  public static crossplane(options: CrossplaneProfileOptions): Profile {
    return new Profile(options.name ?? 'crossplane', options, { mysql: new CrossplaneDatabaseBackend(options) });
  }

  /** A profile with backends of your choice (e.g. in-cluster MySQL next to cloud object storage). */
  public static custom(props: ProfileProps): Profile {
    return new Profile(props.name, props, { mysql: props.mysql });
  }

  /** Attaches a profile to a scope: every service under it uses this profile, whatever `PORTABLE_PROFILE` says. */
  public static use(scope: IConstruct, profile: Profile): void {
    attached.set(scope, profile);
  }

  /**
   * Registers named profiles on the app (or any scope; the root is used), selectable with `PORTABLE_PROFILE`.
   * Registering two profiles with the same name fails.
   */
  public static register(scope: IConstruct, ...profiles: Profile[]): void {
    const root = scope.node.root;
    let registry = registries.get(root);
    if (!registry) {
      registry = new Map();
      registries.set(root, registry);
    }
    for (const profile of profiles) {
      if (registry.has(profile.name)) {
        invalid(root.node.path || 'app', {
          prop: 'profile name',
          value: profile.name,
          allowed: `a name not registered yet (registered: ${[...registry.keys()].sort().join(', ')})`,
          fix: 'give each registered profile its own `name`',
        });
      }
      registry.set(profile.name, profile);
    }
    resolved.delete(root);
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

  private constructor(
    /** Name of the profile. */
    public readonly name: string,
    options: CommonProfileOptions,
    backends: { mysql?: IDatabaseBackend },
  ) {
    checkDnsLabel('profile', 'name', name, 63);
    this.labels = { ...(options.labels ?? {}) };
    this.binderImage = options.binderImage ?? DEFAULT_BINDER_IMAGE;
    this.backends = { [ServiceKind.MYSQL]: backends.mysql };
  }

  /** The database backend for a kind of service; fails naming the profile when it has none. */
  public databaseBackend(kind: ServiceKind, scope: IConstruct): IDatabaseBackend {
    const backend = this.backends[kind];
    if (!backend) {
      const offered = Object.keys(this.backends).filter((k) => this.backends[k]);
      return invalid(scope, {
        prop: `profile "${this.name}" service kind`,
        value: kind,
        allowed: `the kinds this profile has backends for: ${offered.join(', ') || 'none'}`,
        fix: `give the profile a ${kind} backend (Profile.custom({ ${kind}: … })) or select another profile`,
      });
    }
    return backend;
  }
}
