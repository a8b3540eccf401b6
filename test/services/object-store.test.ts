import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DeletionPolicy, GcpProfile, PortableObjectStore, PortableObjectStoreProps, Profile } from '../../src';
import { PROFILES } from '../profiles.fixture';
import { newChart, oneOf, synth } from '../util/synth';

function make(props: PortableObjectStoreProps, namespace = 'shop') {
  const { chart } = newChart(namespace);
  return new PortableObjectStore(chart, 'Uploads', props);
}

describe('PortableObjectStore defaults', () => {
  test('versioned, noncurrent versions kept 30 days, objects never expire, retained', () => {
    const store = make({});
    expect(store._spec.versioned).toBe(true);
    expect(store._spec.noncurrentVersionExpiration?.toDays()).toBe(30);
    expect(store._spec.expiration).toBeUndefined();
    expect(store._spec.deletionPolicy).toBe(DeletionPolicy.RETAIN);
    expect(store._spec.credentialsSecretName).toBe(`${store.name}-credentials`);
  });

  test('the name is a DNS label from the construct path; the bucket name adds a hash', () => {
    const store = make({});
    expect(store.name).toMatch(/^test-uploads-[a-f0-9]{8}$/);
    expect(store.bucketName).toMatch(new RegExp(`^${store.name}-[a-f0-9]{8}$`));
  });

  test('the generated bucket name is stable, and differs per namespace and per profile name prefix', () => {
    const a = make({ name: 'uploads' }).bucketName;
    expect(make({ name: 'uploads' }).bucketName).toBe(a);
    expect(make({ name: 'uploads' }, 'other').bucketName).not.toBe(a);
    const { chart } = newChart('shop');
    Profile.use(chart, new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1', namePrefix: 'prod-' }));
    const prefixed = new PortableObjectStore(chart, 'Uploads', { name: 'uploads' }).bucketName;
    expect(prefixed).toMatch(/^prod-uploads-[a-f0-9]{8}$/);
    expect(prefixed.slice(-8)).not.toBe(a.slice(-8));
  });

  test('a long prefix and name are shortened to 63 characters', () => {
    const { chart } = newChart('shop');
    Profile.use(chart, new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1', namePrefix: 'a-very-long-environment-pre' }));
    const store = new PortableObjectStore(chart, 'Uploads', { name: 'b'.repeat(40) });
    expect(store.bucketName).toHaveLength(63);
    expect(store.bucketName).toMatch(/^a-very-long-environment-preb+-[a-f0-9]{8}$/);
  });

  test('an explicit bucket name, expirations and an unversioned bucket are passed on as given', () => {
    const store = make({ bucketName: 'acme-uploads', versioned: false, expiration: Duration.days(7), deletionPolicy: DeletionPolicy.DELETE });
    expect(store.bucketName).toBe('acme-uploads');
    expect(store._spec).toMatchObject({ bucketName: 'acme-uploads', versioned: false, deletionPolicy: 'delete' });
    expect(store._spec.expiration?.toDays()).toBe(7);
    expect(store._spec.noncurrentVersionExpiration).toBeUndefined();
  });

  test('awsSdkEnv also sets the AWS SDK variables from the connection Secret', () => {
    const { chart } = newChart();
    const store = new PortableObjectStore(chart, 'Uploads', { name: 'uploads' });
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ name: 'app', image: 'example/shop:1.0.0' }] });
    store.bind(web, { awsSdkEnv: true, env: false });
    const env = oneOf(synth(chart), 'Deployment').spec.template.spec.containers[0].env;
    expect([...env].sort((x: any, y: any) => x.name.localeCompare(y.name))).toEqual([
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'uploads-connection', key: 'access-key-id' } } },
      { name: 'AWS_ENDPOINT_URL_S3', valueFrom: { secretKeyRef: { name: 'uploads-connection', key: 'endpoint' } } },
      { name: 'AWS_REGION', valueFrom: { secretKeyRef: { name: 'uploads-connection', key: 'region' } } },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'uploads-connection', key: 'secret-access-key' } } },
    ]);
  });

  test('awsSdkEnv sets no key variables where the contract has no keys (AWS Pod Identity)', () => {
    const { chart } = newChart();
    Profile.use(chart, PROFILES.aws());
    const store = new PortableObjectStore(chart, 'Uploads', { name: 'uploads' });
    const sa = new kplus.ServiceAccount(chart, 'Sa', { metadata: { name: 'web' } });
    const web = new kplus.Deployment(chart, 'Web', { serviceAccount: sa, containers: [{ name: 'app', image: 'example/shop:1.0.0' }] });
    store.bind(web, { awsSdkEnv: true, env: false });
    const names = oneOf(synth(chart), 'Deployment').spec.template.spec.containers[0].env.map((e: any) => e.name);
    expect(names.sort()).toEqual(['AWS_ENDPOINT_URL_S3', 'AWS_REGION']);
  });
});

describe('PortableObjectStore bad input fails at synth with the path, the value, what is allowed and the fix', () => {
  test.each<[string, PortableObjectStoreProps, RegExp]>([
    ['the name is not a DNS label', { name: 'Uploads_Bucket' }, /test\/Uploads: invalid name "Uploads_Bucket": allowed: 1 to 40 lower-case letters.*Fix: choose a name such as "uploads-bucket"/],
    ['the name is too long', { name: 'a'.repeat(41) }, /invalid name/],
    ['the bucket name has upper case', { bucketName: 'Acme-Uploads' }, /test\/Uploads: invalid bucketName "Acme-Uploads": allowed: 3 to 63 lower-case letters, digits and hyphens.*Fix: choose a name such as "acme-orders-uploads"/],
    ['the bucket name has dots', { bucketName: 'acme.uploads' }, /invalid bucketName "acme\.uploads".*\(no dots\)/],
    ['the bucket name is too short', { bucketName: 'ab' }, /invalid bucketName "ab"/],
    ['the bucket name is too long', { bucketName: 'a'.repeat(64) }, /invalid bucketName/],
    ['the bucket name ends with a hyphen', { bucketName: 'acme-' }, /invalid bucketName "acme-"/],
    ['the bucket name has a reserved S3 prefix', { bucketName: 'xn--uploads' }, /invalid bucketName "xn--uploads".*not starting with xn--/],
    ['the bucket name has a reserved S3 suffix', { bucketName: 'uploads-s3alias' }, /invalid bucketName "uploads-s3alias"/],
    ['the bucket name starts with goog', { bucketName: 'google-uploads' }, /invalid bucketName "google-uploads"/],
    ['the bucket name contains google', { bucketName: 'my-g00gle-files' }, /invalid bucketName "my-g00gle-files".*not containing "google"/],
    ['the expiration is not whole days', { expiration: Duration.hours(36) }, /test\/Uploads: invalid expiration "1 day 12 hours": allowed: a whole number of days from 1 to 36500.*Fix: use e\.g\. Duration\.days\(30\)/],
    ['the expiration is zero', { expiration: Duration.days(0) }, /invalid expiration "0 days"/],
    ['the expiration is longer than 100 years', { expiration: Duration.days(36501) }, /invalid expiration/],
    ['the noncurrent expiration is not whole days', { noncurrentVersionExpiration: Duration.minutes(90) }, /invalid noncurrentVersionExpiration "1 hour 30 minutes"/],
    ['a noncurrent expiration is asked for an unversioned bucket', { versioned: false, noncurrentVersionExpiration: Duration.days(7) },
      /test\/Uploads: invalid noncurrentVersionExpiration "7 days": allowed: only with versioned: true.*Fix: remove noncurrentVersionExpiration, or set versioned: true/],
  ])('fails when %s', (_, props, message) => {
    expect(() => make(props)).toThrow(message);
  });

  test('fails when a second object store with awsSdkEnv is bound to the same container (at synth)', () => {
    const chart = Testing.chart();
    const a = new PortableObjectStore(chart, 'A', { name: 'a' });
    const b = new PortableObjectStore(chart, 'B', { name: 'b' });
    const web = new kplus.Deployment(chart, 'Web', { containers: [{ name: 'app', image: 'example/shop:1.0.0' }] });
    a.bind(web, { awsSdkEnv: true });
    b.bind(web, { awsSdkEnv: true, envPrefix: 'B_' });
    expect(() => Testing.synth(chart)).toThrow('test/Web: invalid awsSdkEnv "container app already has AWS_REGION": allowed: one object store per container '
      + 'with awsSdkEnv (the AWS variables apply to the whole process). Fix: use awsSdkEnv for one object store only and the S3_* variables (envPrefix) for the others');
  });

  test('fails when a connection key is not part of the object store contract', () => {
    const store = make({ name: 'uploads' });
    expect(() => store.connection.envValue('password')).toThrow(
      /test\/Uploads: invalid connection key "password": allowed: type, provider, endpoint, bucket, region, access-key-id, secret-access-key/);
  });
});
