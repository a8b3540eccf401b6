/**
 * The Crossplane object store API end to end on paper: claims written by CrossplaneObjectStoreBackend, turned into
 * composite resources, rendered by the model of function-patch-and-transform through each Composition of
 * CrossplaneObjectStorePlatform, and the composed managed resources validated against the pinned provider CRDs.
 */
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { compositeFor, compositionProblems, render } from './render';
import {
  CrossplaneCloud, CrossplaneObjectStorePlatform, CrossplaneObjectStorePlatformProps, CrossplaneProfile, DeletionPolicy, PortableObjectStore,
  PortableObjectStoreProps, Profile,
} from '../../../src';
import { registerPortableApis } from '../../util/portable-apis';
import { expectValid, validateEmbedded, validateManifest } from '../../util/schema';
import { byKind, newChart, oneOf, synth } from '../../util/synth';

function platform(props: CrossplaneObjectStorePlatformProps = { aws: { region: 'eu-west-1' }, gcp: { region: 'europe-west1', project: 'acme-prod-123' } }) {
  const { chart } = newChart('crossplane-system');
  new CrossplaneObjectStorePlatform(chart, 'ObjectStores', props);
  return synth(chart);
}

function claimFor(props: PortableObjectStoreProps = {}) {
  const { chart } = newChart('shop');
  Profile.use(chart, new CrossplaneProfile({ compositionSelector: { provider: 'aws' }, namePrefix: 'prod-' }));
  const store = new PortableObjectStore(chart, 'Uploads', { name: 'uploads', ...props });
  return { chart, store, claim: () => oneOf(synth(chart), 'ObjectStore') };
}

function composed(props: PortableObjectStoreProps, cloud: string): { [name: string]: any } {
  const composition = byKind(platform(), 'Composition').find((c) => c.metadata.labels.provider === cloud);
  const xr = compositeFor(claimFor(props).claim(), 'XObjectStore');
  expect(validateManifest(xr)).toEqual([]);
  const out: { [name: string]: any } = {};
  for (const r of render(composition, xr)) {
    expect({ name: r.name, skipped: r.skipped }).toEqual({ name: r.name, skipped: undefined });
    expect({ name: r.name, errors: validateManifest(r.resource) }).toEqual({ name: r.name, errors: [] });
    out[r.name] = { ...r.resource, connectionDetails: r.connectionDetails };
  }
  return out;
}

beforeAll(() => registerPortableApis());

describe('Crossplane object store claims', () => {
  test('the claim carries the portable parameters and the bound ServiceAccounts; the binder reads the connection Secret', () => {
    const { chart, store, claim } = claimFor({ expiration: Duration.days(90) });
    const sa = new kplus.ServiceAccount(chart, 'Sa', { metadata: { name: 'web' } });
    store.bind(new kplus.Deployment(chart, 'Web', { serviceAccount: sa, containers: [{ image: 'x/y:1' }] }));
    store.bind(new kplus.Deployment(chart, 'Api', { serviceAccount: sa, containers: [{ image: 'x/z:1' }] }));
    const c = claim();
    expect(c.apiVersion).toBe('portabledata.io/v1alpha1');
    expect(store.bucketName).toMatch(/^prod-uploads-[0-9a-f]{8}$/);
    expect(c.spec).toEqual({
      compositionSelector: { matchLabels: { provider: 'aws' } },
      parameters: {
        bucketName: store.bucketName,
        versioned: true,
        expiration: { enabled: true, days: 90 },
        noncurrentVersionExpiration: { enabled: true, days: 30 },
        deletionPolicy: 'Retain',
        serviceAccounts: ['web'],
      },
      writeConnectionSecretToRef: { name: 'uploads-crossplane' },
    });
    expectValid(synth(chart));
    const job = byKind(synth(chart), 'Job').find((j) => j.metadata.name.startsWith('uploads-bind-'));
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    const secret = (key: string) => ({ apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: 'uploads-crossplane', fieldPath: `data.${key}`, base64: true });
    expect(spec.deferred).toEqual({ endpoint: secret('endpoint'), region: secret('region'), bucket: secret('bucket') });
  });

  test('without bound workloads the claim lists no ServiceAccounts', () => {
    expect(claimFor().claim().spec.parameters.serviceAccounts).toBeUndefined();
  });

  test('fails when a bound workload has no ServiceAccount of its own', () => {
    const { chart, store } = claimFor();
    expect(() => store.bind(new kplus.Deployment(chart, 'Web', { containers: [{ image: 'x/y:1' }] }))).toThrow(/test\/Web: invalid serviceAccount/);
  });

  test.each([
    ['the selector is empty', { compositionSelector: {} }, /^crossplane profile options: invalid compositionSelector \{\}/],
    ['the prefix is invalid', { compositionSelector: { provider: 'aws' }, namePrefix: 'Prod_' }, /^crossplane profile options: invalid namePrefix "Prod_"/],
  ])('fails when %s, as the profile is created', (_, options, message) => {
    expect(() => new CrossplaneProfile(options)).toThrow(message);
  });
});

describe('CrossplaneObjectStorePlatform', () => {
  test('an XRD (XObjectStore / ObjectStore) and one Composition per cloud, cluster-scoped, valid', () => {
    const objs = platform();
    expectValid(objs);
    const xrd = oneOf(objs, 'CompositeResourceDefinition');
    expect(xrd.metadata).toEqual({ name: 'xobjectstores.portabledata.io' });
    expect(xrd.spec).toMatchObject({
      group: 'portabledata.io',
      names: { kind: 'XObjectStore', plural: 'xobjectstores' },
      claimNames: { kind: 'ObjectStore', plural: 'objectstores' },
      connectionSecretKeys: ['endpoint', 'bucket', 'region'],
    });
    expect(byKind(objs, 'Composition').map((c) => [c.metadata.name, c.metadata.labels.provider, c.metadata.namespace])).toEqual([
      ['xobjectstores.aws.portabledata.io', 'aws', undefined],
      ['xobjectstores.gcp.portabledata.io', 'gcp', undefined],
    ]);
  });

  test.each<[string, CrossplaneObjectStorePlatformProps]>([
    ['defaults', { aws: { region: 'eu-west-1' }, gcp: { region: 'europe-west1' } }],
    ['every option', { aws: { region: 'cn-north-1', providerConfigName: 'aws-prod' }, gcp: { region: 'europe-west1', project: 'acme-prod-123', providerConfigName: 'gcp-prod' } }],
  ])('%s: nothing the providers or the function would reject (input, bases, every patch target)', (_, props) => {
    for (const c of byKind(platform(props), 'Composition')) {
      expect({ cloud: c.metadata.labels.provider, problems: compositionProblems(c, validateManifest, validateEmbedded) })
        .toEqual({ cloud: c.metadata.labels.provider, problems: [] });
    }
  });

  test.each<[string, CrossplaneObjectStorePlatformProps, RegExp]>([
    ['AWS is included without options', { gcp: { region: 'europe-west1' } }, /invalid aws\.region undefined/],
    ['the AWS region is invalid', { clouds: [CrossplaneCloud.AWS], aws: { region: 'eu-west' } }, /invalid aws\.region "eu-west"/],
    ['the GCP region is a zone', { clouds: [CrossplaneCloud.GCP], gcp: { region: 'europe-west1-b' } }, /invalid gcp\.region "europe-west1-b"/],
    ['the GCP project is invalid', { clouds: [CrossplaneCloud.GCP], gcp: { region: 'europe-west1', project: 'X' } }, /invalid gcp\.project "X"/],
    ['no cloud is given', { clouds: [] }, /invalid clouds \[\]/],
    ['the function name is invalid', { clouds: [CrossplaneCloud.AWS], aws: { region: 'eu-west-1' }, functionName: 'Bad Name' }, /invalid functionName "Bad Name"/],
  ])('fails when %s', (_, props, message) => {
    expect(() => platform(props)).toThrow(message);
  });
});

describe.each(['aws', 'gcp'])('%s composition renders valid managed resources', (cloud) => {
  test.each<[string, PortableObjectStoreProps]>([
    ['defaults', {}],
    ['expiration', { expiration: Duration.days(90) }],
    ['unversioned', { versioned: false }],
    ['delete', { deletionPolicy: DeletionPolicy.DELETE }],
  ])('%s', (_, props) => {
    expect(Object.keys(composed(props, cloud)).length).toBeGreaterThan(0);
  });
});

describe('AWS object store composition', () => {
  test('a Bucket named by the claim, with SSE-S3, public access blocks, ownership controls, versioning and lifecycle', () => {
    const r = composed({ expiration: Duration.days(90) }, 'aws');
    const bucket = r['s3-bucket'];
    expect(bucket.metadata.annotations['crossplane.io/external-name']).toMatch(/^prod-uploads-[0-9a-f]{8}$/);
    expect(bucket.spec).toMatchObject({ deletionPolicy: 'Orphan', forProvider: { region: 'eu-west-1', forceDestroy: false } });
    expect(bucket.connectionDetails).toEqual([
      { name: 'endpoint', type: 'FromValue', value: 'https://s3.eu-west-1.amazonaws.com' },
      { name: 'region', type: 'FromValue', value: 'eu-west-1' },
      { name: 'bucket', type: 'FromFieldPath', fromFieldPath: 'status.atProvider.id' },
    ]);
    expect(r['s3-encryption'].spec.forProvider.rule).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }]);
    expect(r['s3-public-access-block'].spec.forProvider).toMatchObject({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true });
    expect(r['s3-ownership-controls'].spec.forProvider.rule).toEqual({ objectOwnership: 'BucketOwnerEnforced' });
    expect(r['s3-versioning'].spec.forProvider.versioningConfiguration).toEqual({ status: 'Enabled' });
    const rules = r['s3-lifecycle'].spec.forProvider.rule;
    expect(rules.map((x: any) => [x.id, x.status])).toEqual([['abort-incomplete-uploads', 'Enabled'], ['expiration', 'Enabled'], ['noncurrent-version-expiration', 'Enabled']]);
    expect(rules.map((x: any) => x.filter)).toEqual([[{ prefix: '' }], [{ prefix: '' }], [{ prefix: '' }]]);
    expect(rules[0].abortIncompleteMultipartUpload).toEqual([{ daysAfterInitiation: 7 }]);
    expect(rules[1].expiration).toEqual([{ days: 90 }]);
    expect(rules[2].noncurrentVersionExpiration).toEqual([{ noncurrentDays: 30 }]);
    for (const name of Object.keys(r)) expect(r[name].spec.deletionPolicy).toBe('Orphan');
    for (const name of Object.keys(r).filter((n) => n !== 's3-bucket')) expect(r[name].spec.forProvider.bucketSelector).toEqual({ matchControllerRef: true });
  });

  test('a BucketPolicy denies every request over plain HTTP, as the ACK backend\'s Bucket policy', () => {
    const r = composed({}, 'aws');
    const bucket = r['s3-bucket'].metadata.annotations['crossplane.io/external-name'];
    const arn = `arn:aws:s3:::${bucket}`;
    expect(r['s3-tls-only-policy'].apiVersion).toBe('s3.aws.upbound.io/v1beta1');
    expect(r['s3-tls-only-policy'].kind).toBe('BucketPolicy');
    expect(JSON.parse(r['s3-tls-only-policy'].spec.forProvider.policy)).toEqual({
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

  test('unversioned and Delete: versioning Suspended, rules Disabled, forceDestroy', () => {
    const r = composed({ versioned: false, deletionPolicy: DeletionPolicy.DELETE }, 'aws');
    expect(r['s3-versioning'].spec.forProvider.versioningConfiguration).toEqual({ status: 'Suspended' });
    expect(r['s3-lifecycle'].spec.forProvider.rule.map((x: any) => x.status)).toEqual(['Enabled', 'Disabled', 'Disabled']);
    expect(r['s3-bucket'].spec).toMatchObject({ deletionPolicy: 'Delete', forProvider: { forceDestroy: true } });
  });
});

describe('GCP object store composition', () => {
  test('a Bucket with uniform access, public access prevention, versioning and enabled lifecycle rules', () => {
    const bucket = composed({ expiration: Duration.days(90) }, 'gcp')['gcs-bucket'];
    expect(bucket.spec.forProvider).toMatchObject({
      location: 'EUROPE-WEST1', project: 'acme-prod-123', uniformBucketLevelAccess: true, publicAccessPrevention: 'enforced', versioning: { enabled: true },
    });
    expect(bucket.spec.forProvider.lifecycleRule).toEqual([
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } },
      { action: { type: 'Delete' }, condition: { age: 90, withState: 'LIVE', createdBefore: '9999-12-31' } },
      { action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: 30, withState: 'ARCHIVED', createdBefore: '9999-12-31' } },
    ]);
    expect(bucket.connectionDetails.map((d: any) => d.name)).toEqual(['endpoint', 'region', 'bucket']);
  });

  test('disabled rules match no object (created before 1970)', () => {
    const bucket = composed({ versioned: false }, 'gcp')['gcs-bucket'];
    expect(bucket.spec.forProvider.versioning).toEqual({ enabled: false });
    expect(bucket.spec.forProvider.lifecycleRule.slice(1).map((x: any) => x.condition.createdBefore)).toEqual(['1970-01-01', '1970-01-01']);
  });
});
