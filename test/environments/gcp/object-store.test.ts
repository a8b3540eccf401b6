import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DeletionPolicy, GcpProfile, PortableObjectStore, PortableObjectStoreProps, Profile } from '../../../src';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

function build(props: PortableObjectStoreProps = {}, namespace: string | null = 'shop') {
  const chart = namespace === null ? new Chart(Testing.app(), 'test') : newChart(namespace).chart;
  Profile.use(chart, new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1' }));
  const store = new PortableObjectStore(chart, 'Uploads', { name: 'uploads', ...props });
  return { chart, store };
}

describe('GCP object store (Config Connector StorageBucket, Workload Identity)', () => {
  test('a StorageBucket with uniform access, public access prevention, versioning and lifecycle rules, abandoned on delete', () => {
    const { chart, store } = build({ expiration: Duration.days(90), noncurrentVersionExpiration: Duration.days(14) });
    const objs = synth(chart);
    expectValid(objs);
    const bucket = oneOf(objs, 'StorageBucket');
    expect(ownAnnotations(bucket)).toEqual({ 'cnrm.cloud.google.com/project-id': 'acme-prod-123', 'cnrm.cloud.google.com/deletion-policy': 'abandon' });
    expect(bucket.spec).toEqual({
      resourceID: store.bucketName,
      location: 'EUROPE-WEST1',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      versioning: { enabled: true },
      lifecycleRule: [
        { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } },
        { action: { type: 'Delete' }, condition: { age: 90, withState: 'LIVE' } },
        { action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: 14, withState: 'ARCHIVED' } },
      ],
    });
  });

  test('DELETE force-destroys the bucket with its objects; unversioned buckets have no noncurrent rule', () => {
    const bucket = oneOf(synth(build({ deletionPolicy: DeletionPolicy.DELETE, versioned: false }).chart), 'StorageBucket');
    expect(ownAnnotations(bucket)).toEqual({ 'cnrm.cloud.google.com/project-id': 'acme-prod-123', 'cnrm.cloud.google.com/force-destroy': 'true' });
    expect(bucket.spec.versioning).toEqual({ enabled: false });
    expect(bucket.spec.lifecycleRule).toHaveLength(1);
  });

  test('binding: a Google service account per KSA, workloadIdentityUser for the KSA, objectUser on the bucket, the KSA annotation', () => {
    const { chart, store } = build();
    const media = new PortableObjectStore(chart, 'Media', { name: 'media' });
    const sa = new kplus.ServiceAccount(chart, 'Sa', { metadata: { name: 'web' } });
    const web = new kplus.Deployment(chart, 'Web', { serviceAccount: sa, containers: [{ image: 'example/shop:1.0.0' }] });
    store.bind(web);
    media.bind(web, { envPrefix: 'MEDIA_' });
    store.bind(new kplus.Deployment(chart, 'Api', { serviceAccount: sa, containers: [{ image: 'example/api:1.0.0' }] }));
    const objs = synth(chart);
    expectValid(objs);
    const gsa = oneOf(objs, 'IAMServiceAccount');
    expect(gsa.spec.resourceID).toMatch(/^web-[0-9a-f]{8}$/);
    const email = `${gsa.spec.resourceID}@acme-prod-123.iam.gserviceaccount.com`;
    const ksa = byKind(objs, 'ServiceAccount').find((s) => s.metadata.name === 'web');
    expect(ownAnnotations(ksa)).toEqual({ 'iam.gke.io/gcp-service-account': email });
    const members = byKind(objs, 'IAMPolicyMember');
    expect(members.map((m) => m.spec).sort((a, b) => a.role.localeCompare(b.role) || a.resourceRef.name.localeCompare(b.resourceRef.name))).toEqual([
      { resourceRef: { kind: 'IAMServiceAccount', name: gsa.metadata.name }, role: 'roles/iam.workloadIdentityUser', member: 'serviceAccount:acme-prod-123.svc.id.goog[shop/web]' },
      { resourceRef: { kind: 'StorageBucket', name: 'media' }, role: 'roles/storage.objectUser', memberFrom: { serviceAccountRef: { name: gsa.metadata.name } } },
      { resourceRef: { kind: 'StorageBucket', name: 'uploads' }, role: 'roles/storage.objectUser', memberFrom: { serviceAccountRef: { name: gsa.metadata.name } } },
    ]);
    expect(store.connection.keys).toEqual(['type', 'provider', 'endpoint', 'bucket', 'region']);
  });

  test('the contract: the Cloud Storage endpoint and the region, no keys', () => {
    const { chart, store } = build();
    const job = byKind(synth(chart), 'Job').find((j) => j.metadata.name.startsWith('uploads-bind-'));
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.values).toEqual({ type: 's3', provider: 'gcp-gcs', endpoint: 'https://storage.googleapis.com', region: 'europe-west1', bucket: store.bucketName });
  });

  test('fails when the ServiceAccount is imported by name (it cannot be annotated)', () => {
    const { chart, store } = build();
    const web = new kplus.Deployment(chart, 'Web', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'Sa', 'web'), containers: [{ image: 'x/y:1' }] });
    expect(() => store.bind(web)).toThrow(/test\/Web: invalid serviceAccount "web": allowed: a ServiceAccount created in this app/);
  });

  test('fails when the ServiceAccount already acts as another Google service account', () => {
    const { chart, store } = build();
    const sa = new kplus.ServiceAccount(chart, 'Sa', { metadata: { name: 'web', annotations: { 'iam.gke.io/gcp-service-account': 'other@acme-prod-123.iam.gserviceaccount.com' } } });
    const web = new kplus.Deployment(chart, 'Web', { serviceAccount: sa, containers: [{ image: 'x/y:1' }] });
    expect(() => store.bind(web)).toThrow(/invalid ServiceAccount annotation iam\.gke\.io\/gcp-service-account "other@acme-prod-123\.iam\.gserviceaccount\.com"/);
  });

  test('fails when the workload has no ServiceAccount of its own, or the chart no namespace', () => {
    const { chart, store } = build();
    expect(() => store.bind(new kplus.Deployment(chart, 'Web', { containers: [{ image: 'x/y:1' }] }))).toThrow(/invalid serviceAccount/);
    const other = build({}, null);
    const sa = new kplus.ServiceAccount(other.chart, 'Sa', { metadata: { name: 'web' } });
    expect(() => other.store.bind(new kplus.Deployment(other.chart, 'Web', { serviceAccount: sa, containers: [{ image: 'x/y:1' }] }))).toThrow(/invalid chart namespace/);
  });

  test('fails when an unprefixed label is not a valid GCP label', () => {
    expect(() => build({ labels: { Team: 'Shop' } })).toThrow(/test\/Uploads: invalid label Team "Shop": allowed: on GCP/);
  });
});
