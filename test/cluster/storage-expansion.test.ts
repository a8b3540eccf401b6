/**
 * Resizing an in-cluster database that holds (issue 22, item 4), on the real API server, StatefulSet controller,
 * persistent-volume binder and admission (PersistentVolumeClaimResize): with `storageExpansion: true` the StatefulSet's
 * claim template never changes, so applying a larger `storage` is accepted, and the binder (run as its own
 * ServiceAccount, under the Role of the YAML) grows the data and backup claims once they are bound; it never shrinks
 * one, and where the StorageClass does not allow expansion it fails naming the fix. Without the option the API
 * server refuses the larger claim template.
 */
import { App, Chart, Size } from 'cdk8s';
import { apply, ensureNamespace, FIELD_MANAGER, getObject, kubectl, parseYaml, toYaml } from './kube';
import { containerOf, resolveEnv, runAs, waitForRbac } from './programs';
import { InClusterProfile, PortableMySQL, Profile } from '../../src';
import { killPrograms } from '../util/programs';

const NAMESPACE = 'storage-expansion';
const EXPANDABLE = 'expandable';
const FIXED = 'fixed-size';

function synthesize(gib: number, options: { storageClassName: string; storageExpansion?: boolean }, name = 'orders'): any[] {
  const app = new App();
  const chart = new Chart(app, 'shop', { namespace: NAMESPACE });
  Profile.use(chart, new InClusterProfile(options));
  new PortableMySQL(chart, 'Db', { name, storage: Size.gibibytes(gib) });
  return parseYaml(app.synthYaml());
}

const binderOf = (objs: any[]) => objs.find((o) => o.kind === 'Job' && o.spec.template.spec.containers[0].name === 'binder');
const claim = async (name: string) => getObject('persistentvolumeclaim', name, NAMESPACE);
const requested = async (name: string) => (await claim(name))?.spec.resources.requests.storage;

/** A hostPath volume of a class, for the persistent-volume binder to bind a claim to (there is no provisioner). */
function volume(name: string, storageClassName: string, gib: number) {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: { capacity: { storage: `${gib}Gi` }, accessModes: ['ReadWriteOnce'], storageClassName, hostPath: { path: `/tmp/${name}` }, persistentVolumeReclaimPolicy: 'Retain' },
  };
}

/** Applies the YAML and runs its binder Job's program as the binder's ServiceAccount. */
async function applyAndBind(objs: any[]) {
  await apply(toYaml(objs));
  const job = binderOf(objs);
  const serviceAccount = job.spec.template.spec.serviceAccountName;
  await waitForRbac(NAMESPACE, serviceAccount, 'create', 'secrets');
  return runAs(NAMESPACE, serviceAccount, 'binder.py', [], { ...await resolveEnv(containerOf(job.spec.template.spec), NAMESPACE), TIMEOUT_SECONDS: '40' });
}

afterEach(() => killPrograms());

beforeAll(async () => {
  await ensureNamespace(NAMESPACE);
  await apply(toYaml([
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: EXPANDABLE }, provisioner: 'kubernetes.io/no-provisioner', allowVolumeExpansion: true, volumeBindingMode: 'Immediate' },
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: FIXED }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate' },
    volume('expansion-data', EXPANDABLE, 100), volume('expansion-backup', EXPANDABLE, 100), volume('fixed-data', FIXED, 100), volume('fixed-backup', FIXED, 100),
  ]));
});

test('storageExpansion: a larger storage is applied as is, and the binder grows the data and backup claims; a smaller one shrinks nothing', async () => {
  const options = { storageClassName: EXPANDABLE, storageExpansion: true };
  const first = synthesize(40, options);
  const sts = first.find((o) => o.kind === 'StatefulSet');
  // The claim template asks for the smallest storage a database can declare, whatever `storage` says.
  expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
  const run = await applyAndBind(first);
  expect(run.forbidden).toEqual([]);
  expect({ code: run.code, output: run.output }).toEqual({ code: 0, output: expect.stringContaining('grew PersistentVolumeClaim data-orders-0 from 20Gi to 40Gi') });
  expect(await requested('data-orders-0')).toBe('40Gi');
  // The backup claim, created by the binder at the declared size, is already large enough.
  expect(run.output).toContain('PersistentVolumeClaim orders-backup requests 40Gi, at least 40Gi: left as it is');

  const larger = synthesize(60, options);
  // The StatefulSet is unchanged, so the apply goes through (no immutable claim template).
  expect(larger.find((o) => o.kind === 'StatefulSet').spec.volumeClaimTemplates).toEqual(sts.spec.volumeClaimTemplates);
  const grown = await applyAndBind(larger);
  expect(grown.forbidden).toEqual([]);
  expect(grown.code).toBe(0);
  expect(grown.output).toContain('grew PersistentVolumeClaim data-orders-0 from 40Gi to 60Gi');
  expect(grown.output).toContain('grew PersistentVolumeClaim orders-backup from 40Gi to 60Gi');
  expect([await requested('data-orders-0'), await requested('orders-backup')]).toEqual(['60Gi', '60Gi']);
  // Least privilege: the binder may patch those claims by name, and no other.
  const as = `--as=system:serviceaccount:${NAMESPACE}:${binderOf(larger).spec.template.spec.serviceAccountName}`;
  const canI = async (what: string) => (await kubectl(['auth', 'can-i', 'patch', what, '-n', NAMESPACE, as], { allowFailure: true })).stdout.trim();
  expect([await canI('persistentvolumeclaims/data-orders-0'), await canI('persistentvolumeclaims/orders-backup'), await canI('persistentvolumeclaims/other')])
    .toEqual(['yes', 'yes', 'no']);

  const smaller = await applyAndBind(synthesize(30, options));
  expect(smaller.code).toBe(0);
  expect(smaller.output).toContain('PersistentVolumeClaim data-orders-0 requests 60Gi, at least 30Gi: left as it is');
  expect([await requested('data-orders-0'), await requested('orders-backup')]).toEqual(['60Gi', '60Gi']);
});

test('storageExpansion on a StorageClass that does not allow expansion: the API server refuses the larger claim, and the binder fails naming the fix', async () => {
  const objs = synthesize(40, { storageClassName: FIXED, storageExpansion: true }, 'fixed');
  const run = await applyAndBind(objs);
  // The one refusal is admission's (PersistentVolumeClaimResize), not RBAC's.
  expect(run.forbidden).toEqual([expect.stringMatching(/growing PersistentVolumeClaim data-fixed-0 .*HTTP 403 .*only dynamically provisioned pvc can be resized/)]);
  expect(run.code).toBe(1);
  expect(run.output).toContain('growing PersistentVolumeClaim data-fixed-0 from 20Gi to 40Gi (its StorageClass must allow expansion: allowVolumeExpansion: true)');
  expect(run.output).toMatch(/only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize/);
  expect(await requested('data-fixed-0')).toBe('20Gi');
  // The connection Secret was written before: the service is bound all the same.
  expect(await getObject('secret', 'fixed-connection', NAMESPACE)).toBeDefined();
});

test('without storageExpansion a larger storage changes the claim template, which the API server refuses', async () => {
  const before = synthesize(20, { storageClassName: EXPANDABLE }, 'plain').find((o) => o.kind === 'StatefulSet');
  const after = synthesize(40, { storageClassName: EXPANDABLE }, 'plain').find((o) => o.kind === 'StatefulSet');
  expect(binderOf(synthesize(40, { storageClassName: EXPANDABLE }, 'plain')).spec.template.spec.containers[0].env
    .find((e: any) => e.name === 'BINDING_SPEC').value).not.toContain('"grow"');
  await apply(toYaml([before]));
  const res = await kubectl(['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '-f', '-'], { input: toYaml([after]), allowFailure: true });
  expect(res.code).not.toBe(0);
  expect(res.stderr).toMatch(/spec\.volumeClaimTemplates: Invalid value: .*field is immutable|updates to statefulset spec for fields other than/);
});
