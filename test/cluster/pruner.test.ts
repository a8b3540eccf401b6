/**
 * The CloudNativePG backup pruner (src/programs/pruner.py) and the bucket keeper's Jobs on the real API server, from
 * the golden YAML of examples/photos under `in-cluster-operators`: the pruner lists and deletes `Backup` objects as its
 * CronJob's ServiceAccount under the Role of the YAML (any 403 fails), and deletes only what it may; the keeper's pods
 * get no Kubernetes credentials at all, and their environment resolves from what the binder and the operator wrote.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { ROOT, apply, ensureNamespace, getJson, inNamespace, kubectl, parseYaml, toYaml } from './kube';
import { PROGRAMS, containerOf, podSpecOf, resolveEnv, runAs, waitForRbac } from './programs';
import { killPrograms } from '../util/programs';

const NAMESPACE = 'prune-photos';
const objs = inNamespace(parseYaml(readFileSync(join(ROOT, 'test', 'golden', 'photos', 'in-cluster-operators.k8s.yaml'), 'utf8')), 'photos', NAMESPACE);
const cronJob = objs.find((o) => o.kind === 'CronJob' && o.metadata.name === 'photos-db-backup-prune');
const podSpec = podSpecOf(cronJob);

afterEach(() => killPrograms());

beforeAll(async () => {
  await ensureNamespace(NAMESPACE);
  await apply(toYaml(objs));
});

/** A Backup as CloudNativePG's ScheduledBackup controller creates it, with its phase written through the status subresource. */
async function backup(name: string, schedule: string, phase: string): Promise<void> {
  await apply(toYaml([{
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Backup',
    metadata: { name, namespace: NAMESPACE, labels: { 'cnpg.io/scheduled-backup': schedule, 'cnpg.io/cluster': 'photos-db' } },
    spec: { cluster: { name: 'photos-db' }, method: 'volumeSnapshot' },
  }]));
  await kubectl(['patch', 'backups.postgresql.cnpg.io', name, '-n', NAMESPACE, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { phase } })]);
}

test('the CronJob runs the program of src/programs/ (its ConfigMap embeds it byte for byte)', () => {
  const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === podSpec.volumes[0].configMap.name);
  expect(containerOf(podSpec).command).toEqual(['python3', '/program/pruner.py']);
  expect(cm.data['pruner.py']).toBe(readFileSync(join(PROGRAMS, 'pruner.py'), 'utf8'));
  expect(cm.data['kube.py']).toBe(readFileSync(join(PROGRAMS, 'kube.py'), 'utf8'));
});

test('the pruner deletes the expired Backups of its schedule as its ServiceAccount, keeps the newest completed one and every other schedule\'s', async () => {
  const env = await resolveEnv(containerOf(podSpec), NAMESPACE);
  const schedule = env.SCHEDULED_BACKUP;
  await backup('old-completed', schedule, 'completed');
  await backup('old-failed', schedule, 'failed');
  await backup('running', schedule, 'running');
  await backup('other-schedule', 'someone-else', 'completed');
  // creationTimestamp has a resolution of one second: the newest completed Backup is created a second later.
  await new Promise((r) => setTimeout(r, 1100));
  await backup('newest-completed', schedule, 'completed');
  await waitForRbac(NAMESPACE, podSpec.serviceAccountName, 'delete', 'backups.postgresql.cnpg.io');

  // RETENTION_DAYS=0 instead of the CronJob's 7: the API server sets creationTimestamp, so no Backup here is a week old.
  const run = await runAs(NAMESPACE, podSpec.serviceAccountName, 'pruner.py', [], { ...env, RETENTION_DAYS: '0' });
  expect(run.forbidden).toEqual([]);
  expect(run.code).toBe(0);
  const left = (await getJson(['get', 'backups.postgresql.cnpg.io', '-n', NAMESPACE])).items.map((b: any) => b.metadata.name).sort();
  expect(left).toEqual(['newest-completed', 'other-schedule', 'running']);
});

test('the pruner\'s ServiceAccount may list and delete Backups, and nothing else', async () => {
  const sa = `system:serviceaccount:${NAMESPACE}:${podSpec.serviceAccountName}`;
  const can = async (verb: string, resource: string) => (await kubectl(['auth', 'can-i', verb, resource, '-n', NAMESPACE, `--as=${sa}`], { allowFailure: true })).stdout.trim();
  expect(await can('list', 'backups.postgresql.cnpg.io')).toBe('yes');
  expect(await can('delete', 'backups.postgresql.cnpg.io')).toBe('yes');
  expect(await can('create', 'backups.postgresql.cnpg.io')).toBe('no');
  expect(await can('delete', 'clusters.postgresql.cnpg.io')).toBe('no');
  expect(await can('get', 'secrets')).toBe('no');
});

test('the bucket keeper\'s pods get no Kubernetes credentials, and their environment resolves from the claim\'s Secret and ConfigMap', async () => {
  const keepers = objs.filter((o) => (o.kind === 'Job' || o.kind === 'CronJob') && o.metadata.labels['app.kubernetes.io/component'] === 'bucket-keeper');
  expect(keepers.length).toBeGreaterThan(0);
  // What Rook's bucket provisioner writes for the ObjectBucketClaim (a Secret and a ConfigMap of the claim's name).
  await apply(toYaml([
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'photos-images', namespace: NAMESPACE }, stringData: { AWS_ACCESS_KEY_ID: 'AKIATEST', AWS_SECRET_ACCESS_KEY: 'secret' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'photos-images', namespace: NAMESPACE }, data: { BUCKET_HOST: 'rgw.rook-ceph.svc', BUCKET_PORT: '80', BUCKET_NAME: 'photos-images-0a1b', BUCKET_REGION: 'us-east-1' } },
  ]));
  for (const keeper of keepers) {
    const spec = podSpecOf(keeper);
    expect(spec.automountServiceAccountToken).toBe(false);
    const env = await resolveEnv(containerOf(spec), NAMESPACE);
    expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: 'AKIATEST', AWS_SECRET_ACCESS_KEY: 'secret' });
    expect(containerOf(spec).command).toEqual(['python3', '/keeper/keeper.py', expect.stringMatching(/^(setup|expire)$/)]);
  }
});
