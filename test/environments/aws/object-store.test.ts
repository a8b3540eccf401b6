import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AwsProfile, AwsProfileOptions, DeletionPolicy, PortableObjectStore, PortableObjectStoreProps, Profile } from '../../../src';
import { expectValid } from '../../util/schema';
import { byKind, newChart, oneOf, ownAnnotations, synth } from '../../util/synth';

const AWS: AwsProfileOptions = {
  region: 'eu-west-1', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'], eksClusterName: 'prod-eks', namePrefix: 'prod-',
};

function build(props: PortableObjectStoreProps = {}, options: AwsProfileOptions = AWS, namespace: string | null = 'shop') {
  const chart = namespace === null ? new Chart(Testing.app(), 'test') : newChart(namespace).chart;
  Profile.use(chart, new AwsProfile(options));
  const store = new PortableObjectStore(chart, 'Uploads', { name: 'uploads', labels: { team: 'shop' }, ...props });
  return { chart, store };
}

function workload(chart: any, id: string, serviceAccount?: kplus.IServiceAccount) {
  return new kplus.Deployment(chart, id, { serviceAccount, containers: [{ image: 'example/shop:1.0.0' }] });
}

describe('AWS object store (ACK S3, IAM, EKS Pod Identity)', () => {
  test('a private, encrypted, versioned Bucket with lifecycle rules and tags, retained', () => {
    const { chart, store } = build({ expiration: Duration.days(365) });
    const objs = synth(chart);
    expectValid(objs);
    const bucket = oneOf(objs, 'Bucket');
    expect(bucket.apiVersion).toBe('s3.services.k8s.aws/v1alpha1');
    expect(store.bucketName).toMatch(/^prod-uploads-[0-9a-f]{8}$/);
    // Retained, and adopted by name when the object is applied again after `kubectl delete -f`.
    expect(ownAnnotations(bucket)).toEqual({
      'services.k8s.aws/region': 'eu-west-1',
      'services.k8s.aws/deletion-policy': 'retain',
      'services.k8s.aws/adoption-policy': 'adopt-or-create',
      'services.k8s.aws/adoption-fields': JSON.stringify({ name: store.bucketName }),
    });
    const all = { filter: { prefix: '' }, status: 'Enabled' };
    expect(bucket.spec).toEqual({
      name: store.bucketName,
      createBucketConfiguration: { locationConstraint: 'eu-west-1' },
      encryption: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
      publicAccessBlock: { blockPublicACLs: true, ignorePublicACLs: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
      policy: expect.any(String),
      versioning: { status: 'Enabled' },
      lifecycle: {
        rules: [
          { ...all, id: 'abort-incomplete-uploads', abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
          { ...all, id: 'expiration', expiration: { days: 365 } },
          { ...all, id: 'noncurrent-version-expiration', noncurrentVersionExpiration: { noncurrentDays: 30 } },
        ],
      },
      tagging: { tagSet: expect.arrayContaining([{ key: 'team', value: 'shop' }, { key: 'app.kubernetes.io/instance', value: 'uploads' }]) },
    });
  });

  test('an unversioned bucket is Suspended explicitly; us-east-1 has no location constraint; DELETE deletes', () => {
    const { chart } = build({ versioned: false, deletionPolicy: DeletionPolicy.DELETE }, { ...AWS, region: 'us-east-1' });
    const bucket = oneOf(synth(chart), 'Bucket');
    expect(bucket.spec.versioning).toEqual({ status: 'Suspended' });
    expect(bucket.spec.createBucketConfiguration).toBeUndefined();
    expect(bucket.spec.lifecycle.rules.map((r: any) => r.id)).toEqual(['abort-incomplete-uploads']);
    expect(ownAnnotations(bucket)).toEqual({ 'services.k8s.aws/region': 'us-east-1', 'services.k8s.aws/deletion-policy': 'delete' });
  });

  test('the bucket policy denies every request over plain HTTP, to the bucket and its objects', () => {
    const { chart, store } = build({}, { ...AWS, region: 'cn-north-1' });
    const arn = `arn:aws-cn:s3:::${store.bucketName}`;
    expect(JSON.parse(oneOf(synth(chart), 'Bucket').spec.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }],
    });
  });

  test('bound workloads may delete objects but not object versions', () => {
    const { chart } = build();
    const doc = JSON.parse(oneOf(synth(chart), 'Policy').spec.policyDocument);
    const actions = doc.Statement.flatMap((s: any) => s.Action);
    expect(actions).toContain('s3:DeleteObject');
    expect(actions).not.toContain('s3:DeleteObjectVersion');
    expect(actions.filter((a: string) => a.includes('*'))).toEqual([]);
  });

  test('the access Policy grants exactly this bucket; the contract has no keys', () => {
    const { chart, store } = build();
    const objs = synth(chart);
    const policy = oneOf(objs, 'Policy');
    expect(policy.spec.name).toBe(`${store.bucketName}-access`);
    const doc = JSON.parse(policy.spec.policyDocument);
    const arn = `arn:aws:s3:::${store.bucketName}`;
    expect(doc.Statement.map((s: any) => s.Resource)).toEqual([arn, `${arn}/*`]);
    expect(doc.Statement.every((s: any) => s.Effect === 'Allow' && s.Action.every((a: string) => a.startsWith('s3:')))).toBe(true);
    expect(store.connection.keys).toEqual(['type', 'provider', 'endpoint', 'bucket', 'region']);
    const job = byKind(objs, 'Job').find((j) => j.metadata.name.startsWith('uploads-bind-'));
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.values).toEqual({ type: 's3', provider: 'aws-s3', endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1', bucket: store.bucketName });
    expect(spec.credentials).toBeUndefined();
  });

  test('binding gives the workload\'s ServiceAccount a Pod Identity role with the bucket\'s policy; one role per ServiceAccount', () => {
    const { chart, store } = build();
    const other = new PortableObjectStore(chart, 'Media', { name: 'media' });
    const sa = new kplus.ServiceAccount(chart, 'Sa', { metadata: { name: 'web' } });
    store.bind(workload(chart, 'Web', sa));
    other.bind(workload(chart, 'Worker', sa));
    store.bind(workload(chart, 'Api', sa));
    const objs = synth(chart);
    expectValid(objs);
    const role = oneOf(objs, 'Role', 'iam.services.k8s.aws/v1alpha1');
    expect(role.spec.name).toMatch(/^prod-shop-web-[0-9a-f]{8}$/);
    expect(JSON.parse(role.spec.assumeRolePolicyDocument)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
    });
    expect(role.spec.policyRefs).toEqual([{ from: { name: 'media-access' } }, { from: { name: 'uploads-access' } }]);
    const association = oneOf(objs, 'PodIdentityAssociation');
    expect(association.spec).toEqual({ clusterName: 'prod-eks', namespace: 'shop', serviceAccount: 'web', roleRef: { from: { name: role.metadata.name } } });
    expect(chart.node.findChild('PortableDataPodIdentity').node.findChild('web').node.children.map((c) => c.node.id).sort()).toEqual(['PodIdentityAssociation', 'Role']);
  });

  test('two ServiceAccounts get two roles', () => {
    const { chart, store } = build();
    store.bind(workload(chart, 'Web', new kplus.ServiceAccount(chart, 'A', { metadata: { name: 'web' } })));
    store.bind(workload(chart, 'Worker', new kplus.ServiceAccount(chart, 'B', { metadata: { name: 'worker' } })));
    expect(byKind(synth(chart), 'PodIdentityAssociation').map((p) => p.spec.serviceAccount).sort()).toEqual(['web', 'worker']);
  });

  test('fails when the workload has no ServiceAccount of its own', () => {
    const { chart, store } = build();
    expect(() => store.bind(workload(chart, 'Web'))).toThrow(
      /test\/Web: invalid serviceAccount "none \(the namespace's default ServiceAccount\)": allowed: a ServiceAccount of the workload's own.*Fix: create one/);
    expect(() => store.bind(workload(chart, 'Def', kplus.ServiceAccount.fromServiceAccountName(chart, 'D', 'default')))).toThrow(/invalid serviceAccount "default"/);
  });

  test('fails when the profile has no EKS cluster name', () => {
    const { chart, store } = build({}, { ...AWS, eksClusterName: undefined });
    const sa = new kplus.ServiceAccount(chart, 'Sa', { metadata: { name: 'web' } });
    expect(() => store.bind(workload(chart, 'Web', sa))).toThrow(/test\/Web: invalid aws profile option eksClusterName undefined: .*Fix: set eksClusterName in new AwsProfile\(\)/);
  });

  test('fails when the chart has no namespace', () => {
    const { chart, store } = build({}, AWS, null);
    const sa = new kplus.ServiceAccount(chart, 'Sa', { metadata: { name: 'web' } });
    expect(() => store.bind(workload(chart, 'Web', sa))).toThrow(/invalid chart namespace undefined: allowed: a chart with a namespace/);
  });

  test('fails when more than 10 buckets are bound to one ServiceAccount', () => {
    const { chart } = build();
    const sa = new kplus.ServiceAccount(chart, 'Sa', { metadata: { name: 'web' } });
    const web = workload(chart, 'Web', sa);
    for (let i = 0; i < 10; i++) new PortableObjectStore(chart, `S${i}`, { name: `s${i}` }).bind(web, { envPrefix: `S${i}_` });
    expect(() => new PortableObjectStore(chart, 'S10', { name: 's10' }).bind(web, { envPrefix: 'S10_' })).toThrow(
      /invalid bound buckets of one ServiceAccount "web: 11 buckets": allowed: at most 10 buckets per ServiceAccount/);
  });

  test('fails when the EKS cluster name is invalid', () => {
    expect(() => new AwsProfile({ ...AWS, eksClusterName: 'prod eks' })).toThrow(/aws profile option eksClusterName: invalid eksClusterName "prod eks"/);
  });

  test('fails when the labels do not fit S3 tags (at most 50)', () => {
    const labels = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`label-${i}`, 'x']));
    expect(() => build({ labels })).toThrow(/test\/Uploads: invalid labels .*: allowed: at most 50 labels/);
  });
});
