import { Duration } from 'cdk8s';
import { DeletionPolicy, InClusterProfile, InClusterProfileOptions, ObjectStoreOperator, PortableObjectStore, PortableObjectStoreProps, Profile } from '../../../../src';
import { expectValid } from '../../../util/schema';
import { byKind, newChart, oneOf, ownAnnotations, synth, withoutBinder } from '../../../util/synth';

const ROOK: InClusterProfileOptions = { objectStoreOperator: ObjectStoreOperator.ROOK, bucketStorageClassName: 'rook-ceph-bucket' };

function build(props: PortableObjectStoreProps = {}, options: InClusterProfileOptions = ROOK) {
  const { chart } = newChart('shop');
  Profile.use(chart, new InClusterProfile(options));
  const store = new PortableObjectStore(chart, 'Uploads', { name: 'uploads', deletionPolicy: DeletionPolicy.DELETE, ...props });
  return { store, objs: synth(chart) };
}

function bindingSpec(objs: any[]): any {
  const job = byKind(objs, 'Job').find((j) => j.metadata.name.startsWith('uploads-bind-'));
  return JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
}

describe('Rook object store (ObjectBucketClaim)', () => {
  test('an ObjectBucketClaim with the bucket name and the profile\'s StorageClass', () => {
    const { store, objs } = build();
    expectValid(objs);
    const obc = oneOf(objs, 'ObjectBucketClaim');
    expect(obc.metadata.name).toBe('uploads');
    expect(obc.spec).toEqual({ bucketName: store.bucketName, storageClassName: 'rook-ceph-bucket' });
    expect(ownAnnotations(obc)).toBeUndefined();
    expect(byKind(objs, 'StatefulSet')).toEqual([]);
  });

  test('the contract maps the claim\'s ConfigMap and Secret through deferred values, which the binder Role may read', () => {
    const { objs } = build();
    const spec = bindingSpec(objs);
    const cm = (key: string) => ({ apiGroup: '', apiVersion: 'v1', resource: 'configmaps', name: 'uploads', fieldPath: `data.${key}` });
    const secret = (key: string) => ({ apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: 'uploads', fieldPath: `data.${key}`, base64: true });
    expect(spec.values).toEqual({ type: 's3', provider: 'rook-ceph', region: 'us-east-1' });
    expect(spec.deferred).toEqual({ 'bucket': cm('BUCKET_NAME'), 'access-key-id': secret('AWS_ACCESS_KEY_ID'), 'secret-access-key': secret('AWS_SECRET_ACCESS_KEY') });
    expect(spec.endpoints).toEqual({ endpoint: { host: cm('BUCKET_HOST'), port: cm('BUCKET_PORT') } });
    expect(spec.credentials).toBeUndefined();
    const rules = oneOf(objs, 'Role').rules;
    expect(rules).toContainEqual({ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'watch'], resourceNames: ['uploads'] });
    expect(rules).toContainEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch'], resourceNames: ['uploads'] });
  });

  test('the bucket keeper sets versioning and the lifecycle rules RGW runs, with the claim\'s keys', () => {
    const { objs } = build({ expiration: Duration.days(30) });
    expect(byKind(withoutBinder(objs), 'CronJob')).toEqual([]);
    const setup = byKind(objs, 'Job').find((j) => j.metadata.name.startsWith('uploads-bucket-setup-'));
    const env = setup.spec.template.spec.containers[0].env;
    expect(JSON.parse(env.find((e: any) => e.name === 'KEEPER_SPEC').value)).toEqual({
      create: false, versioned: true, lifecycle: { expirationDays: 30, noncurrentDays: 30, abortIncompleteUploadDays: 7 },
    });
    expect(env).toEqual(expect.arrayContaining([
      { name: 'S3_HOST', valueFrom: { configMapKeyRef: { name: 'uploads', key: 'BUCKET_HOST' } } },
      { name: 'S3_PORT', valueFrom: { configMapKeyRef: { name: 'uploads', key: 'BUCKET_PORT' } } },
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'uploads', key: 'AWS_ACCESS_KEY_ID' } } },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'uploads', key: 'AWS_SECRET_ACCESS_KEY' } } },
    ]));
  });

  test('RETAIN with a retaining StorageClass also protects the claim from GitOps prunes', () => {
    const { objs } = build({ deletionPolicy: DeletionPolicy.RETAIN }, { ...ROOK, bucketReclaimPolicy: DeletionPolicy.RETAIN });
    expect(ownAnnotations(oneOf(objs, 'ObjectBucketClaim'))).toEqual({
      'argocd.argoproj.io/sync-options': 'Delete=false', 'kustomize.toolkit.fluxcd.io/prune': 'disabled',
    });
  });

  test('fails when the service retains but the StorageClass deletes (the default)', () => {
    expect(() => build({ deletionPolicy: DeletionPolicy.RETAIN })).toThrow(
      /test\/Uploads: invalid deletionPolicy "retain": allowed: not this value on the rook backend of profile "in-cluster": Rook applies the reclaimPolicy of the bucket StorageClass "rook-ceph-bucket" \(the profile's bucketReclaimPolicy: delete\), not the claim's\. Fix: use a bucket StorageClass with reclaimPolicy: Retain/);
  });

  test('fails when the service deletes but the StorageClass retains', () => {
    expect(() => build({}, { ...ROOK, bucketReclaimPolicy: DeletionPolicy.RETAIN })).toThrow(/invalid deletionPolicy "delete": allowed: not this value on the rook backend of profile "in-cluster": Rook applies the reclaimPolicy .*\(the profile's bucketReclaimPolicy: retain\)/);
  });

  test.each<[string, InClusterProfileOptions, RegExp]>([
    ['the bucket StorageClass is missing', { objectStoreOperator: ObjectStoreOperator.ROOK },
      /in-cluster profile option bucketStorageClassName: invalid bucketStorageClassName undefined: allowed: the name of a Rook bucket StorageClass/],
    ['the bucket StorageClass is not a name', { ...ROOK, bucketStorageClassName: 'Rook Bucket' }, /invalid bucketStorageClassName "Rook Bucket"/],
    ['the reclaim policy is unknown', { ...ROOK, bucketReclaimPolicy: 'keep' as DeletionPolicy }, /invalid bucketReclaimPolicy "keep": allowed: retain, delete/],
  ])('fails when %s', (_, options, message) => {
    expect(() => new InClusterProfile(options)).toThrow(message);
  });
});
