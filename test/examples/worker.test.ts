import { execFile } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { parseAllDocuments } from 'yaml';

import { ServiceKind } from '../../src';
import { registerPortableApis } from '../util/portable-apis';
import { expectValid } from '../util/schema';
import { DATABASE_CONNECTION_KEYS, byKind, oneOf } from '../util/synth';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'worker');
const PROFILES = ['in-cluster', 'in-cluster-operators', 'aws', 'gcp', 'crossplane'];
/** Two synths at a time: each is a Node process that transpiles the library. */
const CONCURRENCY = 2;

/** Per profile: the backend and kind of each service, and whether the cache speaks TLS with a private CA (`ca.crt`). */
const EXPECTED: { [profile: string]: { queue: [string, string]; results: [string, string]; tls: boolean; caCrt: boolean; sslmode: boolean } } = {
  'in-cluster': { queue: ['in-cluster', 'StatefulSet'], results: ['in-cluster', 'StatefulSet'], tls: false, caCrt: false, sslmode: false },
  'in-cluster-operators': { queue: ['in-cluster', 'StatefulSet'], results: ['cloudnative-pg', 'Cluster'], tls: false, caCrt: false, sslmode: true },
  'aws': { queue: ['aws-elasticache', 'ReplicationGroup'], results: ['aws-ack', 'DBInstance'], tls: true, caCrt: false, sslmode: true },
  'gcp': { queue: ['gcp-memorystore', 'RedisInstance'], results: ['gcp-kcc', 'SQLInstance'], tls: true, caCrt: true, sslmode: false },
  'crossplane': { queue: ['crossplane', 'Cache'], results: ['crossplane', 'Database'], tls: true, caCrt: true, sslmode: true },
};

interface Synthesized { yaml: string; objs: any[] }

/** Runs `npx cdk8s synth` in the example's folder, as a user would, and returns the parsed objects. */
async function cdk8sSynth(profile: string | undefined): Promise<Synthesized> {
  const out = mkdtempSync(join(tmpdir(), 'worker-'));
  try {
    const env = { ...process.env, PORTABLE_PROFILE: profile ?? '' };
    await promisify(execFile)('npx', ['cdk8s', 'synth', '--output', out], { cwd: EXAMPLE, env, timeout: 120_000 });
    const files = readdirSync(out).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(['worker.k8s.yaml']);
    const yaml = readFileSync(join(out, files[0]), 'utf8');
    return { yaml, objs: parseAllDocuments(yaml).map((d) => d.toJSON()).filter((o) => o) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Synthesizes every profile, `CONCURRENCY` at a time. */
async function synthAll(profiles: Array<string | undefined>): Promise<Synthesized[]> {
  const results: Synthesized[] = new Array(profiles.length);
  let next = 0;
  const worker = async () => {
    while (next < profiles.length) {
      const i = next++;
      results[i] = await cdk8sSynth(profiles[i]);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

function serviceObjects(objs: any[], instance: string): any[] {
  return objs.filter((o) => o.metadata.labels?.['app.kubernetes.io/instance'] === instance);
}

function workerContainer(objs: any[]): any {
  return oneOf(objs, 'Deployment').spec.template.spec.containers.find((c: any) => c.name === 'worker');
}

beforeAll(() => registerPortableApis());

const results: { [profile: string]: Synthesized } = {};
beforeAll(async () => {
  const synthesized = await synthAll(PROFILES);
  PROFILES.forEach((p, i) => results[p] = synthesized[i]);
}, 600_000);

describe.each(PROFILES)('examples/worker with PORTABLE_PROFILE=%s', (profile) => {
  test('synthesizes with `npx cdk8s synth`, and every object validates strictly', () => {
    const { objs } = results[profile];
    expect(objs.length).toBeGreaterThan(8);
    expectValid(objs);
  });

  test('the cache and PostgreSQL are served by the profile\'s backend', () => {
    const { objs } = results[profile];
    for (const [instance, [backend, kind]] of [['worker-queue', EXPECTED[profile].queue], ['worker-results', EXPECTED[profile].results]] as const) {
      const mine = serviceObjects(objs, instance);
      expect(new Set(mine.map((o) => o.metadata.labels['portabledata.io/backend']))).toEqual(new Set([backend]));
      expect(byKind(mine, kind).map((o) => o.metadata.name)).toEqual([instance]);
      expect(byKind(mine, 'Job').filter((j) => j.metadata.name.startsWith(`${instance}-bind-`))).toHaveLength(1);
    }
  });

  test('the worker reads both connection Secrets, with the contract keys', () => {
    const container = workerContainer(results[profile].objs);
    const fromSecret = container.env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => [e.name, e.valueFrom.secretKeyRef]);
    const envName = (prefix: string, key: string) => `${prefix}${key.toUpperCase().replace(/[-.]/g, '_')}`;
    const cacheKeys = [...ServiceKind.CACHE.contract.keys, ...(EXPECTED[profile].caCrt ? ['ca.crt'] : [])];
    expect(fromSecret).toEqual([
      ...cacheKeys.map((key) => [envName('REDIS_', key), { name: 'worker-queue-connection', key }]),
      ...[...DATABASE_CONNECTION_KEYS, ...(EXPECTED[profile].sslmode ? ['sslmode'] : [])].map((key) => [envName('DB_', key), { name: 'worker-results-connection', key }]),
    ]);
  });

  test('the cache is durable, never evicts, and speaks TLS where the backend has it', () => {
    const { objs } = results[profile];
    const job = byKind(objs, 'Job').find((j) => j.metadata.name.startsWith('worker-queue-bind-'));
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.values.ssl).toBe(String(EXPECTED[profile].tls));
    const queue = oneOf(serviceObjects(objs, 'worker-queue'), EXPECTED[profile].queue[1]);
    if (profile === 'aws') {
      expect(queue.spec).toMatchObject({ engine: 'valkey', transitEncryptionEnabled: true, snapshotRetentionLimit: 7 });
      expect(oneOf(objs, 'CacheParameterGroup').spec.parameterNameValues).toEqual([{ parameterName: 'maxmemory-policy', parameterValue: 'noeviction' }]);
    } else if (profile === 'gcp') {
      expect(queue.spec).toMatchObject({ authEnabled: true, transitEncryptionMode: 'SERVER_AUTHENTICATION', persistenceConfig: { persistenceMode: 'RDB' } });
      expect(queue.spec.redisConfigs).toEqual({ 'maxmemory-policy': 'noeviction' });
    } else if (profile === 'crossplane') {
      expect(queue.spec.parameters).toMatchObject({ durable: true, evictionPolicy: 'noeviction', highAvailability: true, version: '7.2' });
    } else {
      expect(queue.spec.volumeClaimTemplates).toHaveLength(1);
    }
  });

  test('no Secret and no secret material in the YAML', () => {
    const { objs, yaml } = results[profile];
    expect(byKind(objs, 'Secret')).toEqual([]);
    expect(yaml).not.toMatch(/stringData:/);
  });
});

test('a second synth gives byte-identical YAML for every profile (in-cluster without PORTABLE_PROFILE: the default)', async () => {
  const again = await synthAll(PROFILES.map((p) => p === 'in-cluster' ? undefined : p));
  PROFILES.forEach((p, i) => expect(again[i].yaml).toEqual(results[p].yaml));
}, 600_000);
