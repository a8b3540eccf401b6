import { Construct } from 'constructs';
import { valkeyImage } from './images';
import { InClusterOptions } from './options';
import { inClusterServer } from './server';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy } from '../../core/policies';
import { Support } from '../../core/support';
import * as k8s from '../../imports/k8s';
import { CacheAnswers, CacheBinding, ICacheBackend } from '../../services/cache/backend';
import { CachePersistence } from '../../services/cache/policies';
import { CacheSpec } from '../../services/cache/resolved-spec';
import { VALKEY_CATALOG } from '../../services/cache/version';

/** Port of the in-cluster cache server. */
export const CACHE_PORT = 6379;

/** The `valkey` user of the image. */
const UID = 999;

/**
 * In-cluster caches: one Valkey server per cache (`valkey/valkey:<version>-alpine`) on the in-cluster server
 * skeleton (a client and a headless Service, a single-replica StatefulSet with a hardened pod, a PodDisruptionBudget
 * and a NetworkPolicy that admits only bound workloads).
 *
 * - AUTH: the binder generates the password once into `<name>-credentials`; the server reads it from there
 *   (`--requirepass $(PASSWORD)`, expanded by Kubernetes from the Secret), the probes too (`valkey-cli ping`).
 * - TLS: none: the server speaks plaintext inside the cluster (`ssl: false`, a `redis://` uri); the NetworkPolicy
 *   admits only bound workloads.
 * - Memory: `maxmemory` is the cache's memory; the container's limit adds a quarter and 128 MiB for the server itself.
 * - Cache only: no claim, no persistence (`--save ''`, `--appendonly no`), an emptyDir working directory.
 * - Durable: an append-only file (`appendfsync everysec`) on a claim of twice the memory (room for rewrites).
 * - Deletion: with `RETAIN` a durable cache's claim outlives the StatefulSet.
 */
export class InClusterCacheBackend implements ICacheBackend {
  public readonly name = 'in-cluster';
  public readonly capabilities: CacheAnswers = {
    highAvailability: Support.refused('the in-cluster cache is a single Valkey server (no replica, no failover)',
      'use HighAvailability.AUTO or NONE here, or a profile whose cache backend offers HA (ElastiCache, Memorystore)'),
    durable: Support.honouredBy('an append-only file (appendfsync everysec) on a volume claim'),
    version: Support.honouredBy('the valkey/valkey image of the version'),
    transitEncryption: Support.refused('the in-cluster server speaks plaintext (ssl: false, redis://); the NetworkPolicy admits bound workloads only',
      'use a profile whose cache backend has TLS in transit (ElastiCache, Memorystore)'),
    auth: Support.honouredBy('requirepass with the password the binder generates into <name>-credentials'),
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
    const limitMiB = Math.ceil(spec.memoryMebibytes * 1.25) + 128;
    const memory = k8s.Quantity.fromString(`${limitMiB}Mi`);
    const persistence = durable ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--save', '', '--appendonly', 'no'];
    const policy = inClusterServer(scope, {
      name: spec.name,
      labels,
      selector,
      port: CACHE_PORT,
      portName: 'redis',
      uid: UID,
      terminationGracePeriodSeconds: 30,
      probe: {
        exec: { command: ['sh', '-c', `valkey-cli --no-auth-warning -a "$PASSWORD" -p ${CACHE_PORT} ping | grep -q PONG`] },
        timeoutSeconds: 5,
      },
      startupPeriodSeconds: 2,
      container: {
        name: 'valkey',
        image,
        args: [
          'valkey-server', '--port', String(CACHE_PORT), '--dir', '/data', '--requirepass', '$(PASSWORD)',
          '--maxmemory', `${spec.memoryMebibytes}mb`, '--maxmemory-policy', spec.evictionPolicy, ...persistence,
        ],
        env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: spec.credentialsSecretName, key: 'password' } } }],
        resources: { requests: { cpu: k8s.Quantity.fromString('100m'), memory }, limits: { memory } },
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
      volumes: durable ? undefined : [{ name: 'data', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } }],
      storageGiB: durable ? Math.max(1, Math.ceil((2 * spec.memoryMebibytes) / 1024)) : undefined,
      storageClassName: this.options.storageClassName,
      retainClaims: spec.deletionPolicy === DeletionPolicy.RETAIN,
    });
    return {
      provider: 'in-cluster',
      host: `${spec.name}.{namespace}.svc.cluster.local`,
      port: CACHE_PORT,
      tls: false,
      generatedPassword: true,
      workloadBinder: policy,
    };
  }
}
