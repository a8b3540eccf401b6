/**
 * Crossplane for real: every claim the app examples write under their `crossplane` profile, turned into the composite
 * resource Crossplane creates for it, rendered by the real `crossplane render` with the real function-patch-and-transform
 * through the Composition of `examples/platform` it selects, and every composed resource validated strictly against
 * its provider's CRD (schemas/crds). Then the providers' answer, played by `observe()`: once every composed resource is
 * ready the XR is ready, the desired state stays the same, and the claim's connection Secret gets every key the
 * XRD promises and the binder waits for.
 *
 * Inputs are YAML only: test/golden/<app>/crossplane.k8s.yaml and test/golden/platform/platform.k8s.yaml, which
 * test/golden/golden.test.ts and test/examples/platform.test.ts prove byte-identical to what `cdk8s synth` writes.
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { agreement } from './model';
import {
  Observed, Platform, RenderedClaim, claimSecret, composedNamed, crossplaneRender, observe, parsePlatform, renderClaim, runFunction, stopFunction,
  tools,
} from './render';
import { pins } from '../../tools/crossplane-render/pins';
import { registerXrd, validateManifest } from '../util/schema';

jest.setTimeout(60_000);

const GOLDEN = join(__dirname, '..', 'golden');
const APPS = ['wordpress', 'photos', 'worker', 'restore'];
const CLAIM_NAME_ANNOTATION = 'crossplane.io/composition-resource-name';

const platform: Platform = parsePlatform(readFileSync(join(GOLDEN, 'platform', 'platform.k8s.yaml'), 'utf8'));
const claimKinds = new Set(platform.xrds.map((x) => `${x.spec.group}|${x.spec.claimNames.kind}`));

function objectsOf(app: string): any[] {
  return parseAllDocuments(readFileSync(join(GOLDEN, app, 'crossplane.k8s.yaml'), 'utf8')).map((d) => d.toJSON()).filter((o) => o);
}

/** Every claim of the examples under their crossplane profile, with the app's other objects. */
const CLAIMS: Array<[string, any, any[]]> = APPS.flatMap((app) => {
  const objs = objectsOf(app);
  return objs.filter((o) => claimKinds.has(`${o.apiVersion.split('/')[0]}|${o.kind}`))
    .map((claim) => [`${app}: ${claim.kind} ${claim.metadata.name}`, claim, objs] as [string, any, any[]]);
});

/** The connection Secret keys the claim's binder Job waits for (BINDING_SPEC `deferred`, from `<claim>-crossplane`). */
function binderKeys(claim: any, objs: any[]): string[] {
  const secret = claim.spec.writeConnectionSecretToRef.name;
  return objs.filter((o) => o.kind === 'Job').flatMap((job) => {
    const env = job.spec.template.spec.containers[0].env ?? [];
    const spec = env.find((e: any) => e.name === 'BINDING_SPEC');
    if (!spec) return [];
    return Object.values(JSON.parse(spec.value).deferred ?? {}).filter((d: any) => d.resource === 'secrets' && d.name === secret)
      .map((d: any) => /^data(?:\.([\w-]+)|\["([^"]+)"\])$/.exec(d.fieldPath)!.slice(1).find((k) => k !== undefined)!);
  });
}

beforeAll(() => {
  for (const xrd of platform.xrds) registerXrd(xrd);
});
afterAll(() => stopFunction());

describe('the tools', () => {
  test('are the pinned crossplane CLI and function-patch-and-transform', async () => {
    const t = tools();
    const p = pins();
    expect({ crossplane: t.manifest.crossplane, function: t.manifest.function }).toEqual(p);
    expect(execFileSync(t.crossplane, ['version', '--client'], { encoding: 'utf8' }).trim()).toBe(`Client Version: ${p.crossplane}`);
  });

  test('the examples write a claim of every kind the platform defines, and both database engines', () => {
    expect(new Set(CLAIMS.map(([, c]) => `${c.apiVersion.split('/')[0]}|${c.kind}`))).toEqual(claimKinds);
    expect(new Set(CLAIMS.filter(([, c]) => c.kind === 'Database').map(([, c]) => c.spec.parameters.engine))).toEqual(new Set(['mysql', 'postgresql']));
  });
});

describe.each(CLAIMS)('%s', (_label, claim, objs) => {
  let r: RenderedClaim;
  let observed: { [name: string]: Observed };
  beforeAll(async () => {
    r = await renderClaim(claim, platform);
    observed = observe(r.composed, r.composition);
  }, 60_000);

  test('is valid against its XRD, and so is the composite resource Crossplane creates for it', () => {
    expect(validateManifest(claim)).toEqual([]);
    expect(validateManifest(r.composite)).toEqual([]);
    const { namespace, name } = claim.metadata;
    expect(r.composite.spec.claimRef).toEqual({ apiVersion: claim.apiVersion, kind: claim.kind, namespace, name });
    expect(r.composite.spec.parameters).toEqual(claim.spec.parameters);
    expect(r.composite.spec.writeConnectionSecretToRef).toEqual({ namespace: 'crossplane-system', name: r.composite.metadata.uid });
  });

  test('selects the one Composition of its type labelled like its selector', () => {
    expect(r.composition.spec.compositeTypeRef).toEqual({ apiVersion: claim.apiVersion, kind: r.xrd.spec.names.kind });
    expect(r.composition.metadata.labels).toMatchObject(claim.spec.compositionSelector.matchLabels);
  });

  test('renders every template of the Composition, each valid strictly against its provider CRD and owned by the XR', () => {
    const templates = r.composition.spec.pipeline.flatMap((s: any) => s.input.resources.map((t: any) => t.name)).sort();
    expect(r.composed.map((c) => c.metadata.annotations[CLAIM_NAME_ANNOTATION])).toEqual(templates);
    expect(r.results.filter((x) => x.severity !== 'SEVERITY_NORMAL')).toEqual([]);
    for (const c of r.composed) {
      const name = c.metadata.annotations[CLAIM_NAME_ANNOTATION];
      expect({ name, errors: validateManifest(c) }).toEqual({ name, errors: [] });
      expect(c.metadata.generateName).toBe(`${r.composite.metadata.name}-`);
      expect(c.metadata.labels).toEqual({
        'crossplane.io/composite': r.composite.metadata.name,
        'crossplane.io/claim-name': claim.metadata.name,
        'crossplane.io/claim-namespace': claim.metadata.namespace,
      });
      expect(c.metadata.ownerReferences).toEqual([{
        apiVersion: r.composite.apiVersion,
        kind: r.composite.kind,
        name: r.composite.metadata.name,
        uid: r.composite.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      }]);
    }
    // Created, not yet ready.
    expect(r.compositeStatus.status.conditions).toEqual([expect.objectContaining({ type: 'Ready', status: 'False', reason: 'Creating' })]);
  });

  test('the observed resources (the providers\' answer) are valid against the provider CRDs: every status field a connection detail reads exists', () => {
    for (const [name, o] of Object.entries(observed)) expect({ name, errors: validateManifest(o.resource) }).toEqual({ name, errors: [] });
  });

  test('once every composed resource is ready, the XR is ready and the desired state does not change', async () => {
    const again = await crossplaneRender(r.composite, r.composition, r.xrd, Object.values(observed).map((o) => o.resource));
    expect(again.compositeStatus.status.conditions).toEqual([expect.objectContaining({ type: 'Ready', status: 'True', reason: 'Available' })]);
    expect(again.results.filter((x) => x.severity !== 'SEVERITY_NORMAL')).toEqual([]);
    const strip = ({ metadata: { name: _n, generateName: _g, ...meta }, ...rest }: any) => ({ ...rest, metadata: meta });
    expect(again.composed.map(strip)).toEqual(r.composed.map(strip));
    expect(again.composed.map((c) => c.metadata.name)).toEqual(Object.values(observed).map((o) => o.resource.metadata.name));
  });

  test('publishes exactly the XRD\'s connection keys to the claim\'s Secret, among them every key the binder waits for', async () => {
    const rsp = await runFunction(r.composite, r.composition, observed);
    expect(rsp.results.filter((x) => x.severity !== 'SEVERITY_NORMAL')).toEqual([]);
    expect(Object.keys(rsp.connectionDetails).sort()).toEqual([...r.xrd.spec.connectionSecretKeys].sort());
    const secret = claimSecret(r.xrd, rsp.connectionDetails);
    const waited = binderKeys(claim, objs);
    expect(waited.length).toBeGreaterThan(0);
    for (const key of waited) expect({ key, value: typeof secret[key] }).toEqual({ key, value: 'string' });
    expect(secret).toEqual(EXPECTED_CONNECTION[claim.kind](observed, r.composition));
  });

  test('the model of function-patch-and-transform that the unit tests use composes the same resources and connection details', async () => {
    expect((await agreement(claim, platform)).differences).toEqual([]);
  });

  test('composes what the README promises for it', () => {
    EXPECTED[claim.metadata.name](r.composed, claim, r.composite);
  });
});

/** What each claim kind's connection Secret holds, from the observed state (AWS Compositions: the examples select aws). */
const EXPECTED_CONNECTION: { [kind: string]: (o: { [name: string]: Observed }, composition: any) => { [key: string]: string } } = {
  Database: (o) => ({ host: o['rds-instance'].resource.status.atProvider.address, port: '4711' }),
  ObjectStore: (o) => ({ endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1', bucket: o['s3-bucket'].resource.status.atProvider.id }),
  Cache: (_o, composition) => ({
    'host': 'primary_endpoint_address-of-elasticache-replication-group',
    'port': 'port-of-elasticache-replication-group',
    'password': 'attribute.auth_token-of-elasticache-replication-group',
    'ca.crt': composition.spec.pipeline[0].input.resources[0].connectionDetails.find((d: any) => d.name === 'ca.crt').value,
  }),
  Queue: (o) => ({ endpoint: o['amazonmq-broker'].resource.status.atProvider.instances[0].endpoints[0] }),
};

function rdsDatabase(composed: any[], claim: any, engine: string, port: number, family: string, tlsParameter: string): void {
  const p = claim.spec.parameters;
  const instance = composedNamed(composed, 'rds-instance');
  expect(instance.spec.forProvider).toMatchObject({
    identifier: p.identifier,
    engine,
    engineVersion: p.majorVersion,
    port,
    dbName: p.databaseName,
    username: p.username,
    passwordSecretRef: { ...p.passwordSecretRef, namespace: claim.metadata.namespace },
    storageEncrypted: true,
    publiclyAccessible: false,
    multiAz: true,
    deletionProtection: true,
    skipFinalSnapshot: false,
    backupRetentionPeriod: p.backup.retentionDays,
    backupWindow: `${p.backup.startTime}-${p.backup.endTime}`,
    parameterGroupNameSelector: { matchControllerRef: true },
  });
  expect(instance.spec.deletionPolicy).toBe('Orphan');
  const group = composedNamed(composed, 'rds-parameter-group');
  expect(group.metadata.annotations['crossplane.io/external-name']).toBe(p.identifier);
  expect(group.spec.forProvider).toMatchObject({ family, parameter: [{ name: tlsParameter, value: '1', applyMethod: 'immediate' }] });
}

/** Per example claim: the fields the README states (TLS only, retained, the claim's parameters), on the real output. */
const EXPECTED: { [claim: string]: (composed: any[], claim: any, composite: any) => void } = {
  'wordpress-db': (composed, claim) => rdsDatabase(composed, claim, 'mysql', 3306, 'mysql8.4', 'require_secure_transport'),
  'photos-db': (composed, claim) => rdsDatabase(composed, claim, 'postgres', 5432, 'postgres17', 'rds.force_ssl'),
  'worker-results': (composed, claim) => rdsDatabase(composed, claim, 'postgres', 5432, `postgres${claim.spec.parameters.majorVersion}`, 'rds.force_ssl'),
  // The source: empty, its recovery window within the retention RDS keeps transaction logs for.
  'orders': (composed, claim) => {
    rdsDatabase(composed, claim, 'postgres', 5432, 'postgres17', 'rds.force_ssl');
    expect(claim.spec.parameters.backup).toMatchObject({ retentionDays: 14, pointInTimeWindowDays: 7 });
    expect(composedNamed(composed, 'rds-instance').spec.forProvider.restoreToPointInTime).toBeUndefined();
  },
  // The copy: created from the source's instance at the time (read by RDS at creation only).
  'orders-copy': (composed, claim) => {
    rdsDatabase(composed, claim, 'postgres', 5432, 'postgres17', 'rds.force_ssl');
    expect(composedNamed(composed, 'rds-instance').spec.forProvider.restoreToPointInTime).toEqual({
      sourceDbInstanceIdentifier: 'prod-orders', restoreTime: '2026-12-01T09:00:00Z',
    });
  },
  'photos-images': (composed, claim) => {
    const bucket = composedNamed(composed, 's3-bucket');
    expect(bucket.metadata.annotations['crossplane.io/external-name']).toBe(claim.spec.parameters.bucketName);
    expect(bucket.spec).toMatchObject({ deletionPolicy: 'Orphan', forProvider: { region: 'eu-west-1', forceDestroy: false } });
    expect(composedNamed(composed, 's3-versioning').spec.forProvider.versioningConfiguration).toEqual({ status: 'Enabled' });
    expect(composedNamed(composed, 's3-public-access-block').spec.forProvider).toMatchObject({ blockPublicAcls: true, restrictPublicBuckets: true });
    expect(composedNamed(composed, 's3-encryption').spec.forProvider.rule).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }]);
    for (const c of composed) expect(c.spec.deletionPolicy).toBe('Orphan');
  },
  'worker-cache': (composed, claim, composite) => {
    const group = composedNamed(composed, 'elasticache-replication-group');
    // The provider writes the auth token it generates to a Secret of the connection Secret namespace.
    expect(group.spec.forProvider.authTokenSecretRef).toEqual({ namespace: 'crossplane-system', name: `${composite.metadata.uid}-auth-token`, key: 'auth-token' });
    expect(group.metadata.annotations['crossplane.io/external-name']).toBe(claim.spec.parameters.identifier);
    expect(group.spec.forProvider).toMatchObject({
      engine: 'valkey',
      engineVersion: '7.2',
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: 'true',
      autoGenerateAuthToken: true,
      multiAzEnabled: true,
      numCacheClusters: 2,
      parameterGroupName: claim.spec.parameters.identifier,
    });
    expect(composedNamed(composed, 'elasticache-parameter-group').spec.forProvider)
      .toMatchObject({ family: 'valkey7', parameter: [{ name: 'maxmemory-policy', value: claim.spec.parameters.evictionPolicy }] });
  },
  'worker-jobs': (composed, claim) => {
    const broker = composedNamed(composed, 'amazonmq-broker');
    expect(broker.spec.forProvider).toMatchObject({
      brokerName: claim.spec.parameters.brokerName, engineType: 'RabbitMQ', publiclyAccessible: false, deploymentMode: 'CLUSTER_MULTI_AZ',
    });
    expect(broker.spec.deletionPolicy).toBe('Orphan');
    // One user, whose password the provider reads from the credentials Secret the binder generates in the claim's namespace.
    const p = claim.spec.parameters;
    expect(broker.spec.forProvider.user).toEqual([{ username: p.username, passwordSecretRef: { name: p.credentialsSecretName, key: 'password', namespace: claim.metadata.namespace } }]);
    expect(broker.spec.forProvider.subnetIds).toHaveLength(2);
  },
};
