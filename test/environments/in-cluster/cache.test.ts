import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  CachePersistence, DeletionPolicy, EvictionPolicy, InClusterProfile, PortableCache, PortableCacheProps, Profile, ValkeyVersion,
} from '../../../src';
import { VALKEY_CONFIG_SCRIPT } from '../../../src/environments/in-cluster/cache';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, synth } from '../../util/synth';

function build(props: PortableCacheProps = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new InClusterProfile({ storageClassName: 'fast-ssd' }));
  const cache = new PortableCache(chart, 'Sessions', { name: 'sessions', ...props });
  return { chart, cache, objs: () => synth(chart) };
}

function bindingSpec(objs: any[], cache: PortableCache): any {
  const job = byKind(objs, 'Job').find((j) => j.metadata.name === cache.connection.binderJobName);
  return JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
}

/** The lines of the server configuration the init container writes (less the user line). */
function confOf(sts: any): string[] {
  const config = sts.spec.template.spec.initContainers.find((c: any) => c.name === 'config');
  return config.env.find((e: any) => e.name === 'VALKEY_CONF').value.split('\n');
}

describe('in-cluster cache (Valkey)', () => {
  test('a cache-only Valkey server: pinned image, AUTH from the generated Secret, maxmemory and eviction, no claim', () => {
    const { objs, cache } = build({ memory: Size.gibibytes(2) });
    const all = objs();
    expectValid(all);
    const sts = oneOf(all, 'StatefulSet');
    const pod = sts.spec.template.spec;
    const valkey = pod.containers[0];
    expect(valkey.image).toBe('docker.io/valkey/valkey:7.2.11-alpine');
    // The password is in no command line: the init container writes the configuration with its SHA-256.
    expect(valkey.args).toEqual(['valkey-server', '/etc/valkey/valkey.conf']);
    expect(JSON.stringify(sts)).not.toContain('requirepass');
    const config = pod.initContainers.find((c: any) => c.name === 'config');
    expect(config.command).toEqual(['sh', '-c', VALKEY_CONFIG_SCRIPT]);
    const env = Object.fromEntries(config.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env.PASSWORD).toEqual({ secretKeyRef: { name: 'sessions-credentials', key: 'password' } });
    expect(env.VALKEY_CONF.split('\n')).toEqual(expect.arrayContaining(['maxmemory 2048mb', 'maxmemory-policy allkeys-lru', 'save ""', 'appendonly no']));
    expect(config.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(valkey.env).toEqual([{ name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: 'sessions-credentials', key: 'password' } } }]);
    expect(valkey.resources).toEqual({ requests: { cpu: '100m', memory: '2688Mi' }, limits: { memory: '2688Mi' } });
    expect(valkey.readinessProbe.exec.command).toEqual(['sh', '-c', 'valkey-cli -p 6379 ping | grep -q -e PONG']);
    // A server loading its data answers LOADING: alive, not ready.
    expect(valkey.livenessProbe.exec.command).toEqual(['sh', '-c', 'valkey-cli -p 6379 ping | grep -q -e PONG -e LOADING']);
    expect(valkey.startupProbe.exec.command).toEqual(valkey.livenessProbe.exec.command);
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    expect(valkey.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999 });
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toBeUndefined();
    expect(pod.volumes).toEqual([{ name: 'config', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } }, { name: 'data', emptyDir: { sizeLimit: '64Mi' } }]);
    expect(byKind(all, 'PodDisruptionBudget')).toEqual([]);

    const spec = bindingSpec(all, cache);
    expect(spec.values).toEqual({ type: 'redis', provider: 'in-cluster', ssl: 'false', host: 'sessions.{namespace}.svc.cluster.local', port: '6379' });
    expect(spec.uriTemplate).toBe('redis://[{username}]:{password}@{host}:{port}');
    expect(spec.credentials).toEqual({ secret: 'sessions-credentials', generate: true, passwordKeys: ['password'], copy: { password: 'password' } });
    expect(cache.tls).toBe(false);
    expect(cache.connection.keys).toEqual(['type', 'provider', 'host', 'port', 'password', 'ssl', 'uri']);
  });

  test('durable: an append-only file on a claim of twice the memory, kept on deletion with RETAIN', () => {
    const { objs } = build({ persistence: CachePersistence.DURABLE, memory: Size.mebibytes(1536), version: ValkeyVersion.V8_1 });
    const all = objs();
    expectValid(all);
    const sts = oneOf(all, 'StatefulSet');
    expect(sts.spec.template.spec.containers[0].image).toBe('docker.io/valkey/valkey:8.1.10-alpine');
    const conf = confOf(sts);
    // An append-only file only: no RDB save points on top of it.
    expect(conf).toEqual(expect.arrayContaining(['maxmemory 1536mb', 'maxmemory-policy noeviction', 'save ""', 'appendonly yes', 'appendfsync everysec']));
    expect(conf.filter((l: string) => l.startsWith('save'))).toEqual(['save ""']);
    // Headroom for a rewrite's fork, and time for the final fsync.
    expect(sts.spec.template.spec.containers[0].resources.limits.memory).toBe(`${Math.ceil(1536 * 1.75) + 128}Mi`);
    expect(sts.spec.template.spec.terminationGracePeriodSeconds).toBe(60);
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'fast-ssd', resources: { requests: { storage: '3Gi' } } });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(sts.spec.template.spec.volumes).toEqual([{ name: 'config', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } }]);
  });

  test('DELETE deletes a durable cache\'s claim; a pinned full version picks the image tag; the eviction policy is the user\'s', () => {
    const { objs } = build({
      persistence: CachePersistence.DURABLE,
      deletionPolicy: DeletionPolicy.DELETE,
      version: ValkeyVersion.of('9.0', '9.0.0'),
      evictionPolicy: EvictionPolicy.VOLATILE_LFU,
    });
    const sts = oneOf(objs(), 'StatefulSet');
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Retain' });
    expect(sts.spec.template.spec.containers[0].image).toBe('docker.io/valkey/valkey:9.0.0-alpine');
    expect(confOf(sts)).toContain('maxmemory-policy volatile-lfu');
  });

  test('the NetworkPolicy admits bound workloads only, on the cache port', () => {
    const { chart, cache, objs } = build();
    expect(oneOf(objs(), 'NetworkPolicy').spec.ingress).toEqual([]);
    cache.bind(new kplus.Deployment(chart, 'Web', { containers: [{ name: 'app', image: 'example/shop:1.0.0' }] }));
    const policy = oneOf(objs(), 'NetworkPolicy');
    expect(policy.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'cache', 'app.kubernetes.io/instance': 'sessions', 'app.kubernetes.io/component': 'valkey' });
    expect(policy.spec.ingress).toHaveLength(1);
    expect(policy.spec.ingress[0].ports).toEqual([{ port: 6379, protocol: 'TCP' }]);
  });

  test('construct IDs of the server objects are stable', () => {
    const { cache } = build();
    expect(cache.node.children.map((c) => c.node.id).sort()).toEqual(
      ['BinderCronJob', 'BinderJob', 'HeadlessService', 'NetworkPolicy', 'Service', 'StatefulSet'].sort());
  });
});
