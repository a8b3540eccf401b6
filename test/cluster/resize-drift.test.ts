/**
 * Resizing that holds on Cloud SQL (issue 22, item 4): with `diskAutoresize` (the GCP profile's default) Cloud SQL
 * grows the disk itself. The SQLInstance is applied with server-side apply, Cloud SQL grows the disk, Config
 * Connector reports the instance, and the user re-applies the library's object with an unrelated change: what
 * Config Connector then sends as the disk size is computed from the object the real API server stored (pinned CRD,
 * server-side apply field ownership), with Config Connector's own rule. It must be the grown size: a smaller one is
 * a shrink, which Cloud SQL refuses, and every later change of the instance would fail with it.
 */
import { App, Chart, Size } from 'cdk8s';
import { apply, ensureNamespace, FIELD_MANAGER, getJson, getObject, kubectl, parseYaml, toYaml } from './kube';
import { GcpProfile, InstanceSize, PortablePostgres, PortablePostgresProps, Profile } from '../../src';
import { diffObjects } from '../../src/cli/plan-diff';

const NAMESPACE = 'resize-drift';
/** The field manager Config Connector writes with. */
const KCC = 'cnrm-controller-manager';

function sqlInstance(props: Partial<PortablePostgresProps> = {}, diskAutoresize?: boolean): any {
  const app = new App();
  const chart = new Chart(app, 'shop', { namespace: NAMESPACE });
  Profile.use(chart, new GcpProfile({ projectId: 'shop-4711', region: 'europe-west1', diskAutoresize }));
  new PortablePostgres(chart, 'Db', { name: props.name ?? 'orders-db', storage: Size.gibibytes(20), ...props });
  return parseYaml(app.synthYaml()).find((o) => o.kind === 'SQLInstance');
}

/**
 * The `dataDiskSizeGb` Config Connector's direct SQLInstance controller sends on update, given the stored object and
 * the live instance: k8s-config-connector `pkg/controller/direct/sql/` (pinned commit cdb85ecf):
 * `SQLInstanceKRMToGCP` maps `spec.settings.diskSize`; `ApplySQLInstanceGCPDefaults` stage 1 takes the live size when
 * `diskSize` is unset and autoresize is on (the default), stage 2 takes it for every field listed in the
 * `cnrm.cloud.google.com/unmanaged` annotation (`supportedUnmanageableFields["spec.settings.diskSize"]`).
 */
function kccSendsDiskSize(stored: any, liveGb: number): number {
  const unmanaged = String(stored.metadata.annotations?.['cnrm.cloud.google.com/unmanaged'] ?? '').split(',');
  const settings = stored.spec.settings ?? {};
  if (unmanaged.includes('spec.settings.diskSize') || unmanaged.includes('spec.settings')) return liveGb;
  if (settings.diskSize === undefined && (settings.diskAutoresize ?? true)) return liveGb;
  return settings.diskSize;
}

/** What Config Connector writes after a reconcile: its status (the disk size is not part of the CRD's status). */
function kccStatus(o: any) {
  return toYaml([{
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: { name: o.metadata.name, namespace: NAMESPACE },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'UpToDate', message: 'The resource is up to date', lastTransitionTime: '2026-12-06T00:00:00Z' }], observedGeneration: 1 },
  }]);
}

beforeAll(async () => {
  await ensureNamespace(NAMESPACE);
});

test('with diskAutoresize, a grown Cloud SQL disk is kept when the library\'s object is applied again', async () => {
  const first = sqlInstance();
  await apply(toYaml([first]));
  const created = await getObject('sqlinstances.sql.cnrm.cloud.google.com', 'orders-db', NAMESPACE);
  // At creation the declared size is sent (stage 2 runs only when the instance exists).
  expect(created.spec.settings.diskSize).toBe(20);

  // Cloud SQL grows the disk to 25 GB; Config Connector reports the instance.
  const live = 25;
  await reportStatus(first);
  expect((await getObject('sqlinstances.sql.cnrm.cloud.google.com', 'orders-db', NAMESPACE)).status.conditions[0]).toMatchObject({ type: 'Ready', status: 'True' });

  // The user raises the instance size and applies the library's object again.
  const again = sqlInstance({ instanceSize: InstanceSize.MEDIUM });
  await apply(toYaml([again]));
  const stored = await getJson(['get', 'sqlinstances.sql.cnrm.cloud.google.com', 'orders-db', '-n', NAMESPACE, '--show-managed-fields']);
  expect(stored.spec.settings.tier).toBe(again.spec.settings.tier);
  // Config Connector sends the live size, not the declared 20 GB (a shrink Cloud SQL refuses).
  expect(kccSendsDiskSize(stored, live)).toBe(live);
  // The annotation is the user's (server-side apply ownership), so every apply of the library's object keeps it.
  const userFields = stored.metadata.managedFields.find((f: any) => f.manager === FIELD_MANAGER && f.operation === 'Apply').fieldsV1;
  expect(userFields['f:metadata']['f:annotations']).toHaveProperty(['f:cnrm.cloud.google.com/unmanaged']);
});

test('without diskAutoresize the declared size is the size (and a smaller one would be a shrink, refused by plan --diff)', async () => {
  const o = sqlInstance({ name: 'fixed-db' }, false);
  await apply(toYaml([o]));
  const stored = await getObject('sqlinstances.sql.cnrm.cloud.google.com', 'fixed-db', NAMESPACE);
  expect(stored.metadata.annotations['cnrm.cloud.google.com/unmanaged']).toBeUndefined();
  expect(kccSendsDiskSize(stored, 20)).toBe(20);
});

/** Config Connector's status write (server-side apply of the status subresource, as its own field manager). */
async function reportStatus(o: any) {
  await kubectl(['apply', '--server-side', '--force-conflicts', `--field-manager=${KCC}`, '--subresource=status', '-f', '-'], { input: kccStatus(o) });
}

test('a larger storage of an in-cluster StatefulSet is refused by the API server, as plan --diff says', async () => {
  const statefulSet = (gib: number) => {
    const app = new App();
    const chart = new Chart(app, 'shop', { namespace: NAMESPACE });
    new PortablePostgres(chart, 'Db', { name: 'local-db', storage: Size.gibibytes(gib) });
    return parseYaml(app.synthYaml()).find((o) => o.kind === 'StatefulSet');
  };
  const before = statefulSet(20);
  const after = statefulSet(40);
  await apply(toYaml([before]));
  const diff = diffObjects([before], [after], 'before', 'after');
  expect(diff.services[0].changes).toContainEqual(expect.objectContaining({ path: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage', consequence: 'refused' }));
  const res = await kubectl(['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '-f', '-'], { input: toYaml([after]), allowFailure: true });
  expect(res.code).not.toBe(0);
  expect(res.stderr).toMatch(/StatefulSet "local-db" is invalid: spec\.volumeClaimTemplates: Invalid value: .*"storage":"40Gi".*: field is immutable/);
});
