import { Size } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { CacheBinding } from './backend';
import { CACHE } from './kind';
import { CachePersistence, EvictionPolicy } from './policies';
import { CacheSpec } from './resolved-spec';
import { CacheSnapshot } from './snapshot';
import { VALKEY_CATALOG, ValkeyVersion } from './version';
import { BindOptions } from '../../core/connection-api';
import { ServiceKind } from '../../core/kind';
import { DeletionPolicy, HighAvailability } from '../../core/policies';
import { PortableService, PortableServiceProps } from '../../core/service';
import { invalid } from '../../private/errors';
import { checkEnum, checkInstance, describeSize } from '../../private/validate';

/** The memory every backend can give a cache, in MiB (256 MiB to 300 GiB). */
export const CACHE_MEMORY_RANGE_MIB = { min: 256, max: 300 * 1024 };
/** A snapshot's name: what ElastiCache accepts (automatic snapshots are named `automatic.<group>-<date>`). */
const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,254}$/;

/**
 * Properties of `PortableCache`.
 */
export interface PortableCacheProps extends PortableServiceProps {
  /**
   * The Valkey version. Never lower it on a running cache.
   * @default ValkeyVersion.V7_2 - the newest major every backend offers
   */
  readonly version?: ValkeyVersion;
  /**
   * Memory for data, whole MiB from 256 MiB to 300 GiB: the server's `maxmemory` in the cluster, the smallest node
   * type or instance size that holds it on managed services.
   * @default Size.gibibytes(1)
   */
  readonly memory?: Size;
  /**
   * High availability: a replica in another zone with automatic failover.
   * @default HighAvailability.AUTO
   */
  readonly highAvailability?: HighAvailability;
  /**
   * Whether the data survives a restart of the server.
   * @default CachePersistence.CACHE_ONLY
   */
  readonly persistence?: CachePersistence;
  /**
   * What the server does when its memory is full.
   * @default - EvictionPolicy.ALLKEYS_LRU for CACHE_ONLY, EvictionPolicy.NOEVICTION for DURABLE (a store never drops data)
   */
  readonly evictionPolicy?: EvictionPolicy;
  /**
   * A snapshot whose data the cache starts with, read only when the cache is created: ElastiCache creates the
   * replication group from it (`snapshotName`); backends that cannot create a cache from a snapshot refuse it at
   * synth. Changing it later restores nothing (`plan --diff` reports it).
   * @default - none: the cache starts empty
   */
  readonly restoreFrom?: CacheSnapshot;
  /**
   * What happens to the cache (its servers, claims and snapshots) when the objects are deleted from the cluster.
   * A cache-only cache holds nothing worth keeping, and a retained managed one keeps billing: it is deleted unless
   * this says `RETAIN`.
   * @default - DeletionPolicy.DELETE for CACHE_ONLY, DeletionPolicy.RETAIN for DURABLE
   */
  readonly deletionPolicy?: DeletionPolicy;
}

/**
 * A Redis-protocol (RESP) cache and key-value store, served by the backend the profile in scope chooses: a Valkey
 * StatefulSet in the cluster, Amazon ElastiCache for Valkey through ACK, or Memorystore for Redis through Config
 * Connector. AUTH is always on; TLS in transit wherever the backend has it (`ssl` says which). The application binds
 * to the same connection Secret (`<name>-connection`, type `servicebinding.io/redis`, `REDIS_*` variables) everywhere.
 *
 * @example
 *
 * const sessions = new PortableCache(chart, 'Sessions', { memory: Size.gibibytes(2) });
 * sessions.bind(web);
 */
export class PortableCache extends PortableService {
  /**
   * The cache kind (`cache`) and its connection contract: `type` `redis`, `provider`, `host`, `port`, `password`,
   * `ssl`, `uri`, and where the backend has them `username` (ACL users) and `ca.crt` (a private CA). `uri` is
   * `rediss://` (TLS); a backend without TLS in transit says so with `ssl: false` and a `redis://` uri. Variables
   * `REDIS_*`.
   */
  public static readonly KIND: ServiceKind = CACHE.kind;

  /** Whether clients connect with TLS. */
  public readonly tls: boolean;
  /** The resolved declaration the backend received. @internal */
  public readonly _spec: CacheSpec;

  constructor(scope: Construct, id: string, props: PortableCacheProps = {}) {
    super(scope, id, CACHE.kind, props ?? {});
    props = props ?? {};
    const version = this.checkVersion(checkInstance(this, 'version', props.version ?? ValkeyVersion.V7_2, ValkeyVersion, 'ValkeyVersion.V7_2'));
    const memoryMebibytes = this.checkMemory(props.memory ?? Size.gibibytes(1));
    const highAvailability = checkEnum(this, 'highAvailability', props.highAvailability ?? HighAvailability.AUTO, HighAvailability, 'HighAvailability');
    const persistence = checkEnum(this, 'persistence', props.persistence ?? CachePersistence.CACHE_ONLY, CachePersistence, 'CachePersistence');
    const evictionPolicy = checkEnum(this, 'evictionPolicy',
      props.evictionPolicy ?? (persistence === CachePersistence.DURABLE ? EvictionPolicy.NOEVICTION : EvictionPolicy.ALLKEYS_LRU),
      EvictionPolicy, 'EvictionPolicy');
    const deletionPolicy = checkEnum(this, 'deletionPolicy',
      props.deletionPolicy ?? (persistence === CachePersistence.DURABLE ? DeletionPolicy.RETAIN : DeletionPolicy.DELETE),
      DeletionPolicy, 'DeletionPolicy');
    const restoreFrom = props.restoreFrom === undefined ? undefined : this.checkSnapshot(checkInstance(this, 'restoreFrom', props.restoreFrom, CacheSnapshot, "CacheSnapshot.named('…')"));
    this._spec = {
      name: this.name,
      version,
      restoreFrom,
      memoryMebibytes,
      highAvailability,
      persistence,
      evictionPolicy,
      deletionPolicy,
      credentialsSecretName: `${this.name}-credentials`,
      labels: this._serviceLabels('cache'),
    };

    const binding = this._serve<CacheSpec, CacheBinding>(this._spec, (b) => {
      if ((b.generatedPassword ?? false) === (b.passwordFrom !== undefined)) {
        invalid(this, {
          prop: 'backend binding password',
          value: { generatedPassword: b.generatedPassword },
          allowed: 'exactly one of generatedPassword or passwordFrom (AUTH is always on)',
          fix: 'fix the backend: it must say where each contract value comes from',
        });
      }
      const endpoint = this._endpoint(b);
      return {
        uriScheme: b.tls ? undefined : 'redis',
        optionalKeys: b.caCertificateFrom !== undefined ? ['ca.crt'] : [],
        values: { ...endpoint.values, ssl: String(b.tls) },
        deferred: {
          ...endpoint.deferred,
          ...(b.passwordFrom !== undefined ? { password: b.passwordFrom } : {}),
          ...(b.caCertificateFrom !== undefined ? { 'ca.crt': b.caCertificateFrom } : {}),
        },
        credentials: b.generatedPassword ? {
          secret: this._spec.credentialsSecretName,
          generate: true,
          passwordKeys: ['password'],
          copy: { password: 'password' },
        } : undefined,
      };
    });
    this.tls = binding.tls;
  }

  /**
   * Binds a workload to this cache: `REDIS_*` environment variables and/or a mounted binding in its containers, and
   * what the backend adds (a NetworkPolicy rule in the cluster).
   *
   * @param workload a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, or its ApiObject
   * (e.g. a `KubeDeployment` of `cdk8s import k8s`): anything whose ApiObject has a pod template
   */
  public bind(workload: IConstruct, options: BindOptions = {}): void {
    this._bindConnection(workload, options ?? {});
  }

  private checkVersion(version: ValkeyVersion): ValkeyVersion {
    const major = version.major;
    if (typeof major !== 'string' || !/^\d+\.\d+$/.test(major) || (VALKEY_CATALOG[major] === undefined && version.fullVersion === undefined)) {
      invalid(this, {
        prop: 'version',
        value: major,
        allowed: `one of the catalog's Valkey versions ${ValkeyVersion.knownMajors.join(', ')}`,
        fix: "use a catalog constant, or pin a version the catalog does not list with ValkeyVersion.of(major, fullVersion), e.g. ValkeyVersion.of('9.0', '9.0.0')",
      });
    }
    const full = version.fullVersion;
    if (full !== undefined && !(typeof full === 'string' && new RegExp(`^${major.replace('.', '\\.')}\\.\\d+$`).test(full))) {
      invalid(this, {
        prop: 'version',
        value: full,
        allowed: `a full version of major ${major} (e.g. ${major}.0)`,
        fix: 'make the full version the major followed by the patch release',
      });
    }
    return version;
  }

  private checkSnapshot(snapshot: CacheSnapshot): CacheSnapshot {
    const name = snapshot.name;
    if (typeof name !== 'string' || !SNAPSHOT_NAME.test(name)) {
      invalid(this, {
        prop: 'restoreFrom',
        value: name,
        allowed: 'a snapshot name of 1 to 255 letters, digits, hyphens, underscores, dots and colons',
        fix: "name the snapshot as the provider lists it, e.g. CacheSnapshot.named('sessions-before-migration')",
      });
    }
    return snapshot;
  }

  private checkMemory(memory: Size): number {
    let mib = NaN;
    try {
      mib = memory instanceof Size ? memory.toMebibytes() : NaN;
    } catch {
      mib = NaN;
    }
    if (!Number.isInteger(mib) || mib < CACHE_MEMORY_RANGE_MIB.min || mib > CACHE_MEMORY_RANGE_MIB.max) {
      invalid(this, {
        prop: 'memory',
        value: describeSize(memory),
        allowed: `a whole number of MiB from ${CACHE_MEMORY_RANGE_MIB.min} MiB to ${CACHE_MEMORY_RANGE_MIB.max / 1024} GiB`,
        fix: 'use e.g. Size.gibibytes(1)',
      });
    }
    return mib;
  }
}
