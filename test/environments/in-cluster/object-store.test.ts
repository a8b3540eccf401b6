import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DeletionPolicy, InClusterProfile, InClusterProfileOptions, PortableObjectStore, PortableObjectStoreProps, Profile } from '../../../src';
import { KEEPER_PY, KUBE_PY } from '../../../src/programs/embedded.generated';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, synth, withoutBinder } from '../../util/synth';

function build(props: PortableObjectStoreProps = {}, options: InClusterProfileOptions = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new InClusterProfile(options));
  const store = new PortableObjectStore(chart, 'Uploads', { name: 'uploads', ...props });
  const objs = () => synth(chart);
  return { chart, store, objs };
}

function keeperSpec(obj: any): any {
  const pod = obj.kind === 'CronJob' ? obj.spec.jobTemplate.spec.template.spec : obj.spec.template.spec;
  const env = pod.containers[0].env;
  return { spec: JSON.parse(env.find((e: any) => e.name === 'KEEPER_SPEC').value), env, command: pod.containers[0].command };
}

describe('in-cluster object store (Versity S3 Gateway)', () => {
  test('a StatefulSet of the pinned gateway image on a volume, reading its root keys from the generated credentials Secret', () => {
    const { objs } = build({}, { storageClassName: 'fast-ssd', objectStoreVolumeSize: Size.gibibytes(50) });
    const all = objs();
    expectValid(all);
    const sts = oneOf(all, 'StatefulSet');
    const pod = sts.spec.template.spec;
    const s3 = pod.containers[0];
    expect(s3.image).toBe('docker.io/versity/versitygw:v1.8.0');
    expect(s3.args).toEqual([
      '--port', ':7070', '--region', 'us-east-1', '--health', '/_health', '--quiet',
      'posix', '--versioning-dir', '/data/versions', '--sidecar', '/data/meta', '/data/buckets',
    ]);
    expect(s3.env).toEqual([
      { name: 'ROOT_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'uploads-credentials', key: 'access-key-id' } } },
      { name: 'ROOT_SECRET_KEY', valueFrom: { secretKeyRef: { name: 'uploads-credentials', key: 'secret-access-key' } } },
    ]);
    expect(s3.readinessProbe.httpGet).toEqual({ path: '/_health', port: 7070 });
    expect(s3.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(pod.initContainers[0].command).toEqual(['sh', '-c', 'mkdir -p /data/buckets /data/versions /data/meta']);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'fast-ssd', resources: { requests: { storage: '50Gi' } } });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
  });

  test('the contract: a cluster-local endpoint with {namespace}, us-east-1, keys generated once by the binder', () => {
    const { store, objs } = build();
    const job = byKind(objs(), 'Job').find((j) => j.metadata.name.startsWith('uploads-bind-'));
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.values).toEqual({
      type: 's3', provider: 'in-cluster', endpoint: 'http://uploads.{namespace}.svc.cluster.local:7070', region: 'us-east-1', bucket: store.bucketName,
    });
    expect(spec.credentials).toEqual({
      secret: 'uploads-credentials',
      generate: true,
      passwordKeys: ['access-key-id', 'secret-access-key'],
      copy: { 'access-key-id': 'access-key-id', 'secret-access-key': 'secret-access-key' },
    });
  });

  test('the bucket keeper creates the bucket and sets versioning; a daily CronJob expires objects and noncurrent versions', () => {
    const { store, objs } = build({ expiration: Duration.days(90), noncurrentVersionExpiration: Duration.days(7) });
    const all = objs();
    const setup = byKind(all, 'Job').find((j) => j.metadata.name.startsWith('uploads-bucket-setup-'));
    const { spec, env, command } = keeperSpec(setup);
    expect(command).toEqual(['python3', '/keeper/keeper.py', 'setup']);
    expect(spec).toEqual({ create: true, versioned: true });
    expect(env).toEqual(expect.arrayContaining([
      { name: 'S3_ENDPOINT', value: 'http://uploads:7070' },
      { name: 'S3_BUCKET', value: store.bucketName },
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'uploads-credentials', key: 'access-key-id' } } },
    ]));
    const cron = oneOf(withoutBinder(all), 'CronJob');
    expect(cron.spec.schedule).toBe('30 4 * * *');
    expect(keeperSpec(cron).spec).toEqual({ expirationDays: 90, noncurrentDays: 7 });
    expect(keeperSpec(cron).command[2]).toBe('expire');
    expect(byKind(all, 'ConfigMap').find((c) => c.metadata.name === 'uploads-bucket-keeper').data).toEqual({ 'keeper.py': KEEPER_PY, 'kube.py': KUBE_PY });
  });

  test('an unversioned bucket without expiration: versioning suspended, no CronJob', () => {
    const { objs } = build({ versioned: false });
    const all = objs();
    expect(byKind(withoutBinder(all), 'CronJob')).toEqual([]);
    const setup = byKind(all, 'Job').find((j) => j.metadata.name.startsWith('uploads-bucket-setup-'));
    expect(keeperSpec(setup).spec).toEqual({ create: true, versioned: false });
  });

  test('a changed setting runs a new setup Job (Job templates are immutable)', () => {
    const name = (props: PortableObjectStoreProps) => byKind(build(props).objs(), 'Job').find((j) => j.metadata.name.startsWith('uploads-bucket-setup-')).metadata.name;
    expect(name({})).toBe(name({}));
    expect(name({ versioned: false })).not.toBe(name({}));
  });

  test('the NetworkPolicy admits the bucket keeper and bound workloads only, on the S3 port', () => {
    const { chart, store, objs } = build();
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ image: 'example/shop:1.0.0' }] });
    store.bind(web);
    const policy = oneOf(objs(), 'NetworkPolicy');
    expect(policy.spec.podSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'object-store', 'app.kubernetes.io/instance': 'uploads', 'app.kubernetes.io/component': 's3-server' });
    expect(policy.spec.ingress).toEqual([{
      from: [
        { podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'uploads', 'app.kubernetes.io/component': 'bucket-keeper' } } },
        { podSelector: { matchLabels: web.matchLabels } },
      ],
      ports: [{ port: 7070, protocol: 'TCP' }],
    }]);
    const keeperPods = byKind(objs(), 'Job').find((j) => j.metadata.name.startsWith('uploads-bucket-setup-')).spec.template.metadata.labels;
    expect(keeperPods).toMatchObject({ 'app.kubernetes.io/instance': 'uploads', 'app.kubernetes.io/component': 'bucket-keeper' });
  });

  test('DELETE deletes the data claim with the StatefulSet', () => {
    const sts = oneOf(build({ deletionPolicy: DeletionPolicy.DELETE }).objs(), 'StatefulSet');
    expect(sts.spec.persistentVolumeClaimRetentionPolicy.whenDeleted).toBe('Delete');
  });

  test('a mirrored image is used as given', () => {
    const sts = oneOf(build({}, { objectStoreImage: 'registry.example.com/versity/versitygw:v1.8.0' }).objs(), 'StatefulSet');
    expect(sts.spec.template.spec.containers[0].image).toBe('registry.example.com/versity/versitygw:v1.8.0');
    expect(sts.spec.template.spec.initContainers[0].image).toBe('registry.example.com/versity/versitygw:v1.8.0');
  });

  test.each<[string, InClusterProfileOptions, RegExp]>([
    ['the image is not pinned', { objectStoreImage: 'versity/versitygw:latest' }, /in-cluster profile option objectStoreImage: invalid objectStoreImage "versity\/versitygw:latest": allowed: an image reference with a version tag other than latest/],
    ['the image has no tag', { objectStoreImage: 'versity/versitygw' }, /invalid objectStoreImage/],
    ['the volume size is zero', { objectStoreVolumeSize: Size.gibibytes(0) }, /invalid objectStoreVolumeSize "0 MiB": allowed: a whole number of GiB from 1 to 65536/],
    ['the volume size is not whole GiB', { objectStoreVolumeSize: Size.mebibytes(1536) }, /invalid objectStoreVolumeSize "1536 MiB"/],
    ['the volume size is above 64 TiB', { objectStoreVolumeSize: Size.tebibytes(65) }, /invalid objectStoreVolumeSize "68157440 MiB"/],
  ])('fails when %s', (_, options, message) => {
    expect(() => new InClusterProfile(options)).toThrow(message);
  });

  test('a bound workload with no pod selector (a Pod) is admitted by a label the binding puts on its pods', () => {
    const { chart, store } = build();
    const pod = new kplus.Pod(chart, 'Pod', { containers: [{ image: 'example/shop:1.0.0' }] });
    store.bind(pod);
    const objs = synth(chart);
    const policy = byKind(objs, 'NetworkPolicy').find((p) => p.metadata.name === 'uploads');
    const labels = oneOf(objs, 'Pod').metadata.labels;
    expect(labels['portabledata.io/workload']).toMatch(/^test-Pod-[0-9a-f]{8}$/);
    expect(policy.spec.ingress.flatMap((r: any) => r.from ?? [])).toContainEqual({ podSelector: { matchLabels: { 'portabledata.io/workload': labels['portabledata.io/workload'] } } });
  });
});
