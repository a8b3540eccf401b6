import { rmSync } from 'fs';
import { DescribeDBEngineVersionsCommand, DescribeDBInstancesCommand, DescribeOrderableDBInstanceOptionsCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../src/cli/main';
import { RdsSource } from '../../src/environments/aws/catalog/source';
import { dbInstanceYaml, manifestsDir } from '../preflight/fixtures';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('cdk8s-portable-data preflight', () => {
  const rds = mockClient(RDSClient);
  let dir: string;
  beforeEach(() => {
    rds.reset();
    dir = manifestsDir({ 'app.k8s.yaml': dbInstanceYaml({ cls: 'db.r7g.large' }) });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(() => rds.restore());

  test('exits 1 and prints the errors when the apply would fail', async () => {
    rds.on(DescribeDBEngineVersionsCommand).resolves({ DBEngineVersions: [{ EngineVersion: '8.4.6' }] });
    rds.on(DescribeOrderableDBInstanceOptionsCommand, { DBInstanceClass: 'db.r7g.large' }).resolves({ OrderableDBInstanceOptions: [] });
    rds.on(DescribeOrderableDBInstanceOptionsCommand, { DBInstanceClass: undefined }).resolves({ OrderableDBInstanceOptions: [{ DBInstanceClass: 'db.r6g.large' }] });
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    const t = io();
    expect(await main(['preflight', '--dir', dir, '--profile', 'aws'], t.io)).toBe(1);
    expect(t.out.join('\n')).toMatch(/^error {3}aws DBInstance\/orders \(app\.k8s\.yaml\): db\.r7g\.large is not orderable for mysql 8\.4\.6 in eu-west-1; did you mean "db\.r6g\.large"\?/);
    expect(t.out[t.out.length - 1]).toBe('preflight: 1 error(s): the apply would fail');
  });

  test('exits 0 when everything checks out', async () => {
    rds.on(DescribeDBEngineVersionsCommand).resolves({ DBEngineVersions: [{ EngineVersion: '8.4.6' }] });
    rds.on(DescribeOrderableDBInstanceOptionsCommand).resolves({ OrderableDBInstanceOptions: [{ DBInstanceClass: 'db.r7g.large', StorageType: 'gp3', MinStorageSize: 20, MaxStorageSize: 65536 }] });
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    const t = io();
    expect(await main(['preflight', `--dir=${dir}`], t.io)).toBe(0);
    expect(t.out[t.out.length - 1]).toBe('preflight: ok');
  });

  test('exits 2 with an install instruction when the SDK is missing', async () => {
    const t = io();
    const missing = () => {
      throw Object.assign(new Error("Cannot find module '@aws-sdk/client-rds'"), { code: 'MODULE_NOT_FOUND' });
    };
    const code = await main(['preflight', '--dir', dir], t.io, { aws: { sourceFor: (region) => new RdsSource({ region, load: missing }) } });
    expect(code).toBe(2);
    expect(t.err[0]).toMatch(/^preflight: reading the RDS APIs needs @aws-sdk\/client-rds, which is not installed: install it with `npm install --save-dev @aws-sdk\/client-rds`/);
  });

  test('exits 2 with "no AWS credentials" when there are none', async () => {
    rds.on(DescribeDBEngineVersionsCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const t = io();
    expect(await main(['preflight', '--dir', dir, '--region', 'eu-west-1'], t.io)).toBe(2);
    expect(t.err[0]).toMatch(/^preflight: no AWS credentials: set AWS_PROFILE/);
  });

  test('exits 2 with the usage for another command', async () => {
    const t = io();
    expect(await main(['deploy'], t.io)).toBe(2);
    expect(t.err[0]).toMatch(/^usage: cdk8s-portable-data preflight \[--profile aws\|gcp\|all\] \[--dir dist\]/);
  });
});
