import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  DescribeDBEngineVersionsCommand, DescribeDBInstancesCommand, DescribeOrderableDBInstanceOptionsCommand, DBInstanceNotFoundFault, RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { App, Chart } from 'cdk8s';
import { dbInstanceYaml, manifestsDir, sqlInstanceYaml } from './fixtures';
import { AwsProfile, GcpProfile, PortableMySQL, Profile } from '../../src';
import { RdsSource } from '../../src/environments/aws/catalog/source';
import { findRdsInstances } from '../../src/environments/aws/preflight';
import { CloudSqlSource } from '../../src/environments/gcp/catalog/source';
import { findCloudSqlInstances } from '../../src/environments/gcp/preflight';
import { runPreflight } from '../../src/preflight';
import { readManifests } from '../../src/preflight/manifests';
import { DATABASE_VERSION_ENUM, stubListClient, throttlingError } from '../tools/mock-apis';

const ORDERABLE = ['db.m6g.large', 'db.m6g.xlarge', 'db.r6g.large', 'db.t4g.medium'];

/** Mocks RDS in eu-west-1: MySQL 8.4.5/8.4.6 (default 8.4.6), the ORDERABLE classes with gp2/gp3 20..65536 GiB. */
function mockRds() {
  const mock = mockClient(RDSClient);
  mock.on(DescribeDBEngineVersionsCommand).callsFake((input) => {
    const all = ['8.4.5', '8.4.6'].map((v) => ({ Engine: 'mysql', EngineVersion: v, DBParameterGroupFamily: 'mysql8.4', MajorEngineVersion: '8.4' }));
    if (input.DefaultOnly) return { DBEngineVersions: input.EngineVersion === '8.4' ? [all[1]] : [] };
    return { DBEngineVersions: input.EngineVersion ? all.filter((v) => v.EngineVersion === input.EngineVersion) : all };
  });
  mock.on(DescribeOrderableDBInstanceOptionsCommand).callsFake((input) => {
    const options = ORDERABLE.filter((c) => !input.DBInstanceClass || c === input.DBInstanceClass)
      .flatMap((c) => ['gp2', 'gp3'].map((t) => ({ Engine: 'mysql', EngineVersion: input.EngineVersion, DBInstanceClass: c, StorageType: t, MinStorageSize: 20, MaxStorageSize: 65536 })));
    const pageSize = 3;
    const start = input.Marker ? Number(input.Marker) : 0;
    const next = start + pageSize < options.length ? String(start + pageSize) : undefined;
    return { OrderableDBInstanceOptions: options.slice(start, start + pageSize), Marker: next };
  });
  mock.on(DescribeDBInstancesCommand).rejects(new DBInstanceNotFoundFault({ message: 'not found', $metadata: {} }));
  return mock;
}

describe('preflight', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('AWS (ACK DBInstance)', () => {
    let rds: ReturnType<typeof mockRds>;
    beforeEach(() => {
      rds = mockRds();
    });
    afterEach(() => rds.restore());

    test('passes an orderable engine version and class, resolving the major to the region default', async () => {
      dir = manifestsDir({ 'app.k8s.yaml': `${dbInstanceYaml()}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n` });
      const findings = await runPreflight({ dir, profile: 'aws' });
      expect(findings).toEqual([expect.objectContaining({ severity: 'info', provider: 'aws', message: 'mysql 8.4.6 on db.m6g.large is orderable in eu-west-1' })]);
      const orderable = rds.commandCalls(DescribeOrderableDBInstanceOptionsCommand).map((c) => c.args[0].input);
      expect(orderable[0]).toMatchObject({ Engine: 'mysql', EngineVersion: '8.4.6', DBInstanceClass: 'db.m6g.large', Vpc: true });
      expect(rds.commandCalls(DescribeDBInstancesCommand)[0].args[0].input).toEqual({ DBInstanceIdentifier: 'orders' });
    });

    test('fails when the class is not orderable in the region, suggesting the nearest orderable ones', async () => {
      dir = manifestsDir({ 'app.k8s.yaml': dbInstanceYaml({ cls: 'db.m6g.2xlarge' }) });
      const findings = await runPreflight({ dir });
      expect(findings).toEqual([expect.objectContaining({
        severity: 'error',
        resource: 'DBInstance/orders (app.k8s.yaml)',
        message: 'db.m6g.2xlarge is not orderable for mysql 8.4.6 in eu-west-1; did you mean "db.m6g.xlarge" or "db.m6g.large"?',
      })]);
    });

    test('fails when the engine version is not available, suggesting the nearest', async () => {
      dir = manifestsDir({ 'app.k8s.yaml': dbInstanceYaml({ version: '8.4.3' }) });
      const [finding] = await runPreflight({ dir });
      expect(finding).toMatchObject({ severity: 'error', message: 'mysql 8.4.3 is not available in eu-west-1; did you mean "8.4.5" or "8.4.6"?' });
    });

    test('fails when the storage is outside what the class offers', async () => {
      dir = manifestsDir({ 'app.k8s.yaml': dbInstanceYaml({ storage: 10 }) });
      const [finding] = await runPreflight({ dir });
      expect(finding).toMatchObject({ severity: 'error', message: 'allocated storage 10 GiB is outside 20 to 65536 GiB for gp3 on db.m6g.large in eu-west-1' });
    });

    test('fails when another instance has the identifier; reports its own instance as info', async () => {
      rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'taken' }).resolves({
        DBInstances: [{ DBInstanceIdentifier: 'taken', TagList: [{ Key: 'services.k8s.aws/namespace', Value: 'billing' }] }],
      });
      rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'mine' }).resolves({
        DBInstances: [{ DBInstanceIdentifier: 'mine', TagList: [{ Key: 'services.k8s.aws/namespace', Value: 'apps' }] }],
      });
      dir = manifestsDir({ 'a.yaml': dbInstanceYaml({ name: 'taken' }), 'b.yaml': dbInstanceYaml({ name: 'mine' }) });
      const findings = await runPreflight({ dir });
      expect(findings.find((f) => f.resource.startsWith('DBInstance/taken'))).toMatchObject({
        severity: 'error', message: expect.stringMatching(/^a DB instance named taken already exists in eu-west-1 \(managed by ACK from namespace billing\): the apply would fail with DBInstanceAlreadyExists/),
      });
      expect(findings.find((f) => f.resource.startsWith('DBInstance/mine'))).toMatchObject({ severity: 'info', message: expect.stringMatching(/managed by ACK from namespace apps: the apply updates it/) });
    });

    test('retries a throttled call', async () => {
      rds.on(DescribeDBEngineVersionsCommand).rejectsOnce(throttlingError()).resolves({ DBEngineVersions: [{ EngineVersion: '8.4.6' }] });
      dir = manifestsDir({ 'app.k8s.yaml': dbInstanceYaml() });
      const sourceFor = (region: string | undefined) => new RdsSource({ region, retry: { sleep: async () => undefined } });
      const findings = await runPreflight({ dir, environments: { aws: { sourceFor } } });
      expect(findings.map((f) => f.severity)).toEqual(['info']);
    });
  });

  describe('GCP (Config Connector SQLInstance)', () => {
    const flags = [
      { name: 'slow_query_log', type: 'BOOLEAN', appliesTo: ['MYSQL_8_0', 'MYSQL_8_4'] },
      { name: 'log_output', type: 'STRING', appliesTo: ['MYSQL_8_4'], allowedStringValues: ['FILE', 'NONE', 'TABLE'] },
      { name: 'max_connections', type: 'INTEGER', appliesTo: ['MYSQL_8_4'], minValue: { value: '1' }, maxValue: { value: '100000' } },
    ];
    const tiers = [
      { tier: 'db-f1-micro', RAM: '644245094', region: ['us-central1'] },
      { tier: 'db-n1-standard-2', RAM: '8053063680', region: ['europe-west1', 'us-central1'] },
    ];
    const source = () => new CloudSqlSource({
      flagsClient: stubListClient((req) => ({ items: flags.filter((f) => !req.databaseVersion || f.appliesTo.includes(req.databaseVersion)) })),
      tiersClient: stubListClient(() => ({ items: tiers })),
      databaseVersionEnum: DATABASE_VERSION_ENUM,
    });

    test('passes a valid custom tier and valid flags', async () => {
      dir = manifestsDir({ 'db.yaml': sqlInstanceYaml({ flags: [['slow_query_log', 'on'], ['log_output', 'FILE']] }) });
      const findings = await runPreflight({ dir, profile: 'gcp', environments: { gcp: { source: source() } } });
      expect(findings).toEqual([expect.objectContaining({ severity: 'info', provider: 'gcp', message: 'MYSQL_8_4 on db-custom-2-8192 with 2 flags checks out for project acme-prod-123' })]);
    });

    test('lists the project\'s tiers even when every check is local, so the credentials are always exercised', async () => {
      const tiersClient = stubListClient(() => ({ items: tiers }));
      dir = manifestsDir({ 'a.yaml': sqlInstanceYaml(), 'b.yaml': sqlInstanceYaml({ name: 'other' }) });
      const flagsClient = stubListClient(() => ({ items: [] }));
      const gcpSource = new CloudSqlSource({ flagsClient, tiersClient, databaseVersionEnum: DATABASE_VERSION_ENUM });
      const findings = await runPreflight({ dir, environments: { gcp: { source: gcpSource } } });
      expect(findings.map((f) => f.message)).toEqual([
        'MYSQL_8_4 on db-custom-2-8192 checks out for project acme-prod-123',
        'MYSQL_8_4 on db-custom-2-8192 checks out for project acme-prod-123',
      ]);
      expect(tiersClient.requests).toEqual([{ project: 'acme-prod-123' }]);
    });

    test('fails when the credentials are unusable, even for a custom tier without flags', async () => {
      const refused = { list: async () => { throw new Error('The incoming JSON object does not contain a client_email field'); } };
      dir = manifestsDir({ 'db.yaml': sqlInstanceYaml() });
      const gcpSource = new CloudSqlSource({ tiersClient: refused, databaseVersionEnum: DATABASE_VERSION_ENUM });
      await expect(runPreflight({ dir, environments: { gcp: { source: gcpSource } } })).rejects.toThrow('the Google Cloud credentials are unusable (a missing or invalid key file, '
        + 'or revoked credentials): run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS to a valid key file '
        + '(The incoming JSON object does not contain a client_email field)');
    });

    test('fails for unknown flags, bad values and tiers not offered in the region', async () => {
      dir = manifestsDir({ 'db.yaml': sqlInstanceYaml({ tier: 'db-f1-micro', flags: [['slow_querry_log', 'on'], ['max_connections', '0'], ['log_output', 'file']] }) });
      const messages = (await runPreflight({ dir, environments: { gcp: { source: source() } } })).map((f) => `${f.severity}: ${f.message}`);
      expect(messages).toEqual([
        'error: tier db-f1-micro is not available to project acme-prod-123 in europe-west1; did you mean "db-n1-standard-2"?',
        'error: database flag slow_querry_log does not exist for MYSQL_8_4; did you mean "slow_query_log"?',
        'error: database flag max_connections=0: an integer: 1 to 100000; did you mean "1"?',
      ]);
    });

    test('fails for an invalid custom machine and a missing project', async () => {
      dir = manifestsDir({ 'a.yaml': sqlInstanceYaml({ tier: 'db-custom-3-4096' }), 'b.yaml': sqlInstanceYaml({ name: 'other', project: null }) });
      const messages = (await runPreflight({ dir, environments: { gcp: { source: source() } } })).map((f) => f.message);
      expect(messages).toEqual([
        'tier db-custom-3-4096: 3 vCPUs: a custom machine has 1 or an even number of vCPUs up to 96; did you mean "db-custom-4-4096"?',
        'no project: annotate the SQLInstance with cnrm.cloud.google.com/project-id or pass --project',
      ]);
    });
  });

  test('fails when the manifests hold no database for the profile (nothing checked is never ok)', async () => {
    dir = manifestsDir({ 'db.yaml': sqlInstanceYaml() });
    await expect(runPreflight({ dir, profile: 'aws' })).rejects.toThrow(`nothing to check: the manifests in ${dir} hold no ACK DBInstance; `
      + 'synthesize with an AWS profile first (PORTABLE_PROFILE=<its name> npx cdk8s synth)');
  });

  test('fails when the manifests hold no cloud database at all', async () => {
    dir = manifestsDir({ 'app.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n' });
    await expect(runPreflight({ dir })).rejects.toThrow(`nothing to check: the manifests in ${dir} hold no ACK DBInstance, no Config Connector SQLInstance and no ASO FlexibleServer; `
      + 'synthesize with an AWS, a GCP or an Azure profile first (PORTABLE_PROFILE=<its name> npx cdk8s synth)');
  });

  test('fails when the folder holds no manifest', async () => {
    dir = manifestsDir({ 'notes.txt': 'not yaml', 'empty.yaml': '' });
    await expect(runPreflight({ dir })).rejects.toThrow(`no manifests in ${dir}: it holds no YAML file with a Kubernetes object; `
      + 'synthesize first (npx cdk8s synth) or pass --dir <the synth output folder>');
  });

  test('fails when the manifests directory does not exist', async () => {
    dir = manifestsDir({});
    await expect(runPreflight({ dir: join(dir, 'dist') })).rejects.toThrow(`no folder ${join(dir, 'dist')}: synthesize first (npx cdk8s synth) or pass --dir <the synth output folder>`);
  });

  test('fails when the profile is unknown', async () => {
    dir = manifestsDir({});
    await expect(runPreflight({ dir, profile: 'onprem' })).rejects.toThrow(/unknown --profile onprem: use aws, gcp, azure or all/);
  });

  test('reads the manifests the library synthesizes', () => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-synth-'));
    const app = new App({ outdir: dir });
    const aws = new Chart(app, 'aws', { namespace: 'apps' });
    Profile.use(aws, new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] }));
    new PortableMySQL(aws, 'Db', { name: 'orders' });
    const gcp = new Chart(app, 'gcp', { namespace: 'apps-gcp' });
    Profile.use(gcp, new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1' }));
    new PortableMySQL(gcp, 'Db', { name: 'orders' });
    app.synth();
    const objects = readManifests(dir);
    const rds = findRdsInstances(objects);
    const cloudSql = findCloudSqlInstances(objects);
    expect(rds).toEqual([expect.objectContaining({ region: 'eu-west-1', namespace: 'apps', identifier: 'orders', engine: 'mysql', storageType: 'gp3' })]);
    expect(rds[0].instanceClass).toMatch(/^db\./);
    expect(cloudSql).toEqual([expect.objectContaining({ project: 'acme-prod-123', instanceId: 'orders', edition: 'ENTERPRISE', region: 'europe-west1' })]);
    expect(cloudSql[0].tier).toMatch(/^db-custom-/);
  });
});
