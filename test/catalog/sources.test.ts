import { DBInstanceNotFoundFault, DescribeDBEngineVersionsCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { RdsSource } from '../../src/environments/aws/catalog/source';
import { CloudSqlSource } from '../../src/environments/gcp/catalog/source';
import { backoffDelay, isThrottling, withRetry } from '../../src/private/retry';
import { DATABASE_VERSION_ENUM, stubListClient, throttlingError } from '../tools/mock-apis';

const missing = (name: string) => () => {
  throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
};

describe('RdsSource', () => {
  const rdsMock = mockClient(RDSClient);
  afterEach(() => rdsMock.reset());
  afterAll(() => rdsMock.restore());
  const client = () => new RDSClient({ region: 'eu-west-1' });

  test('follows Marker through every page and passes the filters', async () => {
    rdsMock.on(DescribeDBEngineVersionsCommand, { Marker: undefined }).resolves({ DBEngineVersions: [{ EngineVersion: '8.4.5' }], Marker: 'm2' });
    rdsMock.on(DescribeDBEngineVersionsCommand, { Marker: 'm2' }).resolves({ DBEngineVersions: [{ EngineVersion: '8.4.6' }], Marker: 'm3' });
    rdsMock.on(DescribeDBEngineVersionsCommand, { Marker: 'm3' }).resolves({ DBEngineVersions: [{ EngineVersion: '8.4.7' }] });
    const versions = await new RdsSource({ client: client() }).engineVersions('mysql', { version: '8.4', defaultOnly: true });
    expect(versions.map((v) => v.EngineVersion)).toEqual(['8.4.5', '8.4.6', '8.4.7']);
    const inputs = rdsMock.commandCalls(DescribeDBEngineVersionsCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => i.Marker)).toEqual([undefined, 'm2', 'm3']);
    expect(inputs[0]).toMatchObject({ Engine: 'mysql', EngineVersion: '8.4', DefaultOnly: true, MaxRecords: 100 });
  });

  test('retries a throttled page with exponential backoff, then succeeds', async () => {
    rdsMock.on(DescribeDBEngineVersionsCommand)
      .rejectsOnce(throttlingError())
      .rejectsOnce(throttlingError())
      .resolves({ DBEngineVersions: [{ EngineVersion: '16.9' }] });
    const waits: number[] = [];
    const source = new RdsSource({ client: client(), retry: { baseDelayMs: 10, sleep: async (ms) => { waits.push(ms); } } });
    expect((await source.engineVersions('postgres')).map((v) => v.EngineVersion)).toEqual(['16.9']);
    expect(waits).toEqual([10, 20]);
  });

  test('fails when throttling outlasts the attempts', async () => {
    rdsMock.on(DescribeDBEngineVersionsCommand).rejects(throttlingError());
    const waits: number[] = [];
    const source = new RdsSource({ client: client(), retry: { attempts: 4, baseDelayMs: 1, sleep: async (ms) => { waits.push(ms); } } });
    await expect(source.engineVersions('mysql')).rejects.toThrow(/Rate exceeded/);
    expect(waits).toEqual([1, 2, 4]);
    expect(rdsMock.commandCalls(DescribeDBEngineVersionsCommand)).toHaveLength(4);
  });

  test('does not retry other errors', async () => {
    rdsMock.on(DescribeDBEngineVersionsCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const sleep = jest.fn();
    await expect(new RdsSource({ client: client(), retry: { sleep } }).engineVersions('mysql')).rejects.toThrow(/denied/);
    expect(sleep).not.toHaveBeenCalled();
  });

  test('returns no instance when DescribeDBInstances says DBInstanceNotFound', async () => {
    rdsMock.on(DescribeDBInstancesCommand).rejects(new DBInstanceNotFoundFault({ message: 'DBInstance orders not found.', $metadata: {} }));
    expect(await new RdsSource({ client: client() }).dbInstances('orders')).toEqual([]);
  });

  test('fails when the API repeats a page marker', async () => {
    rdsMock.on(DescribeDBEngineVersionsCommand).resolves({ DBEngineVersions: [], Marker: 'same' });
    await expect(new RdsSource({ client: client() }).engineVersions('mysql')).rejects.toThrow(/same page marker twice/);
  });

  test('fails with an install instruction when @aws-sdk/client-rds is missing', async () => {
    await expect(new RdsSource({ load: missing('@aws-sdk/client-rds') }).engineVersions('mysql'))
      .rejects.toThrow(/needs @aws-sdk\/client-rds, which is not installed: install it with `npm install --save-dev @aws-sdk\/client-rds`/);
  });

  test('fails with "no AWS credentials" when the SDK finds none', async () => {
    rdsMock.on(DescribeDBEngineVersionsCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    await expect(new RdsSource({ client: client() }).engineVersions('mysql')).rejects.toThrow(/^no AWS credentials: set AWS_PROFILE/);
  });
});

describe('CloudSqlSource', () => {
  test('normalizes numeric enums and Int64 wrappers', async () => {
    const flagsClient = stubListClient(() => ({
      items: [
        { name: 'max_connections', type: 3, appliesTo: [20, 398], minValue: { value: '1' }, maxValue: { value: '100000' }, allowedIntValues: ['5'] },
        { name: 'log_output', type: 'STRING', appliesTo: ['MYSQL_8_0'], allowedStringValues: ['FILE', 'TABLE'] },
      ],
    }));
    const source = new CloudSqlSource({ flagsClient, databaseVersionEnum: DATABASE_VERSION_ENUM });
    const flags = await source.flags('MYSQL_8_0');
    expect(flagsClient.requests).toEqual([{ databaseVersion: 'MYSQL_8_0' }]);
    expect(flags[0]).toEqual({
      name: 'max_connections', type: 'INTEGER', appliesTo: ['MYSQL_8_0', 'MYSQL_8_4'], minValue: 1, maxValue: 100000, allowedStringValues: [], allowedIntValues: [5],
    });
    expect(flags[1]).toMatchObject({ type: 'STRING', allowedStringValues: ['FILE', 'TABLE'], minValue: undefined });
  });

  test('lists the database versions of the enum and the tiers of a project', async () => {
    const tiersClient = stubListClient(() => ({ items: [{ tier: 'db-f1-micro', RAM: '644245094', region: ['us-central1'] }] }));
    const source = new CloudSqlSource({ tiersClient, databaseVersionEnum: DATABASE_VERSION_ENUM });
    expect(source.databaseVersions()).toContain('POSTGRES_17');
    expect(await source.tiers('acme')).toEqual([{ tier: 'db-f1-micro', ram: 644245094, regions: ['us-central1'] }]);
    expect(tiersClient.requests).toEqual([{ project: 'acme' }]);
  });

  test('reads the real SDK enum when none is injected', () => {
    expect(new CloudSqlSource().databaseVersions()).toEqual(expect.arrayContaining(['MYSQL_8_0', 'MYSQL_8_4', 'POSTGRES_15', 'POSTGRES_16', 'POSTGRES_17']));
  });

  test('fails with an install instruction when @google-cloud/sql is missing', async () => {
    const source = new CloudSqlSource({ load: missing('@google-cloud/sql') });
    await expect(source.flags()).rejects.toThrow(/needs @google-cloud\/sql, which is not installed: install it with `npm install --save-dev @google-cloud\/sql`/);
  });

  test('fails with "no Google Cloud credentials" when there are none', async () => {
    const flagsClient = { list: async () => { throw new Error('Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication'); } };
    await expect(new CloudSqlSource({ flagsClient, databaseVersionEnum: DATABASE_VERSION_ENUM }).flags())
      .rejects.toThrow(/^no Google Cloud credentials: run `gcloud auth application-default login`/);
  });
});

describe('retry', () => {
  test('recognizes AWS and Google throttling, and nothing else', () => {
    expect(isThrottling(throttlingError())).toBe(true);
    expect(isThrottling({ name: 'Throttling' })).toBe(true);
    expect(isThrottling({ name: 'X', $metadata: { httpStatusCode: 429 } })).toBe(true);
    expect(isThrottling({ code: 8 })).toBe(true);
    expect(isThrottling(new Error('boom'))).toBe(false);
    expect(isThrottling(undefined)).toBe(false);
  });

  test('backoff doubles from the base delay up to the cap', () => {
    expect([0, 1, 2, 10].map((r) => backoffDelay(r, { baseDelayMs: 500, maxDelayMs: 3000 }))).toEqual([500, 1000, 2000, 3000]);
  });

  test('withRetry returns the first successful result', async () => {
    let n = 0;
    const result = await withRetry(async () => {
      n++;
      if (n < 3) throw throttlingError();
      return 'ok';
    }, { sleep: async () => undefined });
    expect({ result, n }).toEqual({ result: 'ok', n: 3 });
  });
});
