import { Construct } from 'constructs';
import { serviceHost } from './cluster-domain';
import { valkeyImage } from './images';
import { InClusterOptions } from './options';
import { inClusterServer } from './server';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy } from '../../core/policies';
import { Support } from '../../core/support';
import * as k8s from '../../imports/k8s';
import { hardenedContainerSecurityContext } from '../../private/pods';
import { CacheAnswers, CacheBinding, ICacheBackend } from '../../services/cache/backend';
import { CachePersistence } from '../../services/cache/policies';
import { CacheSpec } from '../../services/cache/resolved-spec';
import { VALKEY_CATALOG } from '../../services/cache/version';

/** Port of the in-cluster cache server. */
export const CACHE_PORT = 6379;

/** The `valkey` user of the image. */
const UID = 999;
/** Where the `config` init container writes the server's configuration (an in-memory emptyDir). */
export const VALKEY_CONFIG_DIR = '/etc/valkey';
/** Grace period of a durable cache: the server fsyncs its append-only file before it exits. */
const DURABLE_GRACE_SECONDS = 60;

/**
 * Commands bound clients may not run (the `default` user's ACL): the server's configuration, debugging, shutdown,
 * persistence and replication control, ACL and module management, monitoring, and FLUSHALL (FLUSHDB stays: an
 * application may clear its own database).
 */
export const DENIED_COMMANDS = [
  'config', 'debug', 'shutdown', 'flushall', 'acl', 'module', 'replicaof', 'slaveof', 'sync', 'psync', 'failover',
  'save', 'bgsave', 'bgrewriteaof', 'monitor', 'cluster', 'migrate',
];

/** The server's configuration less its `user default` line (written with the password's hash at every start). */
export function valkeyConf(props: { port: number; dir: string; memoryMebibytes: number; evictionPolicy: string; durable: boolean }): string {
  return [
    '# Written by cdk8s-portable-data.',
    `port ${props.port}`,
    `dir ${props.dir}`,
    `maxmemory ${props.memoryMebibytes}mb`,
    `maxmemory-policy ${props.evictionPolicy}`,
    // No RDB snapshots in either mode: durable caches keep an append-only file only.
    'save ""',
    ...(props.durable ? ['appendonly yes', 'appendfsync everysec'] : ['appendonly no']),
    '',
  ].join('\n');
}

/**
 * The shell script of the `config` init container: the configuration (from `$VALKEY_CONF`) and the `default` user,
 * whose password is given as its SHA-256 (`#<hex>`), so neither the YAML, nor the file, nor any command line holds
 * the password, and no escaping is needed.
 */
export const VALKEY_CONFIG_SCRIPT = [
  'set -eu',
  'umask 077',
  'hash=$(printf \'%s\' "$PASSWORD" | sha256sum | cut -d\' \' -f1)',
  `{ printf '%s' "$VALKEY_CONF"; printf 'user default on #%s ~* &* +@all ${DENIED_COMMANDS.map((c) => `-${c}`).join(' ')}\\n' "$hash"; } > "$CONFIG_DIR/valkey.conf"`,
].join('\n');

/**
 * In-cluster caches: one Valkey server per cache (`valkey/valkey:<version>-alpine`) on the in-cluster server
 * skeleton (a client and a headless Service, a single-replica StatefulSet with a hardened pod
 * and a NetworkPolicy that admits only bound workloads; no PodDisruptionBudget).
 *
 * - AUTH: the binder generates the password once into `<name>-credentials`. At every start the `config` init
 *   container writes the server's configuration file into an in-memory emptyDir, with the `default` user's password
 *   as its SHA-256 hash: the password is in no command line and no file. The probes authenticate with it from the
 *   environment (`REDISCLI_AUTH`).
 * - ACL: bound clients (the `default` user, so the contract's keys stay `password` without `username`) run every
 *   command but the administrative ones: CONFIG, DEBUG, SHUTDOWN, FLUSHALL, ACL, MODULE, replication, SAVE/BGSAVE,
 *   BGREWRITEAOF, MONITOR, CLUSTER, MIGRATE (`-@all` of those; FLUSHDB stays).
 * - TLS: none: the server speaks plaintext inside the cluster (`ssl: false`, a `redis://` uri); the NetworkPolicy
 *   admits only bound workloads.
 * - Probes: readiness needs PONG; the startup and liveness probes also accept LOADING, so a durable cache whose
 *   append-only file takes minutes to load is not restarted while it loads (and serves once it answers PONG).
 * - Memory: `maxmemory` is the cache's memory; the container's limit adds a quarter and 128 MiB for the server itself,
 *   and half the memory for a durable cache (the copy-on-write pages of an append-only file rewrite's fork).
 * - Cache only: no claim, no persistence (`save ""`, `appendonly no`), an emptyDir working directory.
 * - Durable: an append-only file only (`appendfsync everysec`, no RDB snapshots: `save ""`) on a claim of twice the
 *   memory (room for rewrites), and a 60 s grace period for the final fsync.
 * - Deletion: with `RETAIN` a durable cache's claim outlives the StatefulSet.
 */
export class InClusterCacheBackend implements ICacheBackend {
  public readonly name = 'in-cluster';
  public readonly capabilities: CacheAnswers = {
    highAvailability: Support.refused('the in-cluster cache is a single Valkey server (no replica, no failover)',
      'use HighAvailability.AUTO or NONE here, or a profile whose cache backend offers HA (ElastiCache, Memorystore)'),
    durable: Support.honouredBy('an append-only file (appendfsync everysec) on a volume claim'),
    version: Support.honouredBy('the valkey/valkey image of the version'),
    restoreFromSnapshot: Support.refused('the in-cluster Valkey server takes no snapshots and restores none (a durable cache keeps an append-only file on its claim)',
      'create the cache without restoreFrom and load the data with a client (valkey-cli --pipe), or use a profile whose cache backend restores snapshots (ElastiCache)'),
    transitEncryption: Support.refused('the in-cluster server speaks plaintext (ssl: false, redis://); the NetworkPolicy admits bound workloads only',
      'use a profile whose cache backend has TLS in transit (ElastiCache, Memorystore)'),
    auth: Support.honouredBy('the default user\'s password (the one the binder generates into <name>-credentials), without administrative commands (ACL)'),
    deletionRetain: Support.honouredBy('persistentVolumeClaimRetentionPolicy whenDeleted: Retain on the claim of a durable cache (a cache-only one keeps nothing)'),
    deletionDelete: Support.honouredBy('persistentVolumeClaimRetentionPolicy whenDeleted: Delete on the claim of a durable cache'),
    ...bindsEveryWorkload('the password in the connection Secret, and a NetworkPolicy rule admitting the workload\'s pods'),
  };

  constructor(private readonly options: InClusterOptions = {}) {}

  public bind(scope: Construct, spec: CacheSpec): CacheBinding {
    const selector = { 'app.kubernetes.io/name': 'cache', 'app.kubernetes.io/instance': spec.name, 'app.kubernetes.io/component': 'valkey' };
    const labels = { ...spec.labels, ...selector };
    const durable = spec.persistence === CachePersistence.DURABLE;
    const full = spec.version.fullVersion ?? VALKEY_CATALOG[spec.version.major];
    const image = valkeyImage(full).render();
    const limitMiB = Math.ceil(spec.memoryMebibytes * (durable ? 1.75 : 1.25)) + 128;
    const memory = k8s.Quantity.fromString(`${limitMiB}Mi`);
    const password = { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: spec.credentialsSecretName, key: 'password' } } };
    const ping = (accept: string[]) => ({
      exec: { command: ['sh', '-c', `valkey-cli -p ${CACHE_PORT} ping | grep -q ${accept.map((a) => `-e ${a}`).join(' ')}`] },
      timeoutSeconds: 5,
    });
    const policy = inClusterServer(scope, {
      name: spec.name,
      labels,
      selector,
      port: CACHE_PORT,
      portName: 'redis',
      uid: UID,
      terminationGracePeriodSeconds: durable ? DURABLE_GRACE_SECONDS : 30,
      probe: ping(['PONG']),
      livenessProbe: ping(['PONG', 'LOADING']),
      startupPeriodSeconds: 2,
      initContainers: [{
        name: 'config',
        image,
        command: ['sh', '-c', VALKEY_CONFIG_SCRIPT],
        env: [
          { name: 'VALKEY_CONF', value: valkeyConf({ port: CACHE_PORT, dir: '/data', memoryMebibytes: spec.memoryMebibytes, evictionPolicy: spec.evictionPolicy, durable }) },
          { name: 'CONFIG_DIR', value: VALKEY_CONFIG_DIR },
          password,
        ],
        resources: {
          requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('16Mi') },
          limits: { memory: k8s.Quantity.fromString('64Mi') },
        },
        securityContext: hardenedContainerSecurityContext(),
        volumeMounts: [{ name: 'config', mountPath: VALKEY_CONFIG_DIR }],
      }],
      container: {
        name: 'valkey',
        image,
        args: ['valkey-server', `${VALKEY_CONFIG_DIR}/valkey.conf`],
        env: [{ name: 'REDISCLI_AUTH', valueFrom: password.valueFrom }],
        resources: { requests: { cpu: k8s.Quantity.fromString('100m'), memory }, limits: { memory } },
        volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'config', mountPath: VALKEY_CONFIG_DIR, readOnly: true }],
      },
      volumes: [
        { name: 'config', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('1Mi') } },
        ...(durable ? [] : [{ name: 'data', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } }]),
      ],
      storageGiB: durable ? Math.max(1, Math.ceil((2 * spec.memoryMebibytes) / 1024)) : undefined,
      storageClassName: this.options.storageClassName,
      retainClaims: spec.deletionPolicy === DeletionPolicy.RETAIN,
    });
    return {
      provider: 'in-cluster',
      host: serviceHost(spec.name, this.options.clusterDomain),
      port: CACHE_PORT,
      tls: false,
      generatedPassword: true,
      workloadBinder: policy,
    };
  }
}
