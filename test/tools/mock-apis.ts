import {
  DescribeDBEngineVersionsCommand, DescribeDBInstancesCommand, DescribeEngineDefaultParametersCommand, DescribeOrderableDBInstanceOptionsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { RDS_ENGINE_CATALOG } from '../../src/environments/aws/catalog/data/rds-engines';
import { RDS_PARAMETER_CATALOG } from '../../src/environments/aws/catalog/data/rds-parameters';
import { CLOUD_SQL_CATALOG } from '../../src/environments/gcp/catalog/data/cloud-sql';
import { CLOUD_SQL_FLAG_CATALOG } from '../../src/environments/gcp/catalog/data/cloud-sql-flags';
import { CloudSqlListClient } from '../../src/environments/gcp/catalog/source';

/** An error shaped like the AWS SDK's throttling errors. */
export function throttlingError(): Error {
  return Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 }, $fault: 'client' });
}

/** Splits items into pages of `size`, with markers `p2`, `p3`, …; returns the page for `marker`. */
export function page<T>(items: T[], size: number, marker: string | undefined): { items: T[]; next?: string } {
  const index = marker ? Number(marker.slice(1)) - 1 : 0;
  const slice = items.slice(index * size, (index + 1) * size);
  return { items: slice, next: (index + 1) * size < items.length ? `p${index + 2}` : undefined };
}

/** What the mocked RDS API saw. */
export interface RdsMockLog {
  /** Calls by command name. */
  readonly calls: { [command: string]: Array<{ [k: string]: unknown }> };
  /** Calls answered with a throttling error. */
  throttled: number;
}

/**
 * Mocks the RDS API with pages built from the committed catalogs (plus noise the refresh must drop: other
 * majors, deprecated versions, untracked classes and storage types, non-modifiable parameters). The first call
 * of `throttleOn` is throttled.
 */
export function mockRdsFromCatalog(options: { pageSize?: number; throttleOn?: string } = {}) {
  const size = options.pageSize ?? 3;
  const mock = mockClient(RDSClient);
  const log: RdsMockLog = { calls: {}, throttled: 0 };
  let throttlePending = options.throttleOn !== undefined;
  const record = (command: string, input: { [k: string]: unknown }) => {
    (log.calls[command] ??= []).push(input);
    if (throttlePending && command === options.throttleOn && input.Marker !== undefined) {
      throttlePending = false;
      log.throttled++;
      throw throttlingError();
    }
  };

  mock.on(DescribeDBEngineVersionsCommand).callsFake((input) => {
    record('DescribeDBEngineVersions', input);
    const entry = RDS_ENGINE_CATALOG.engines[input.Engine];
    const versions = Object.entries(entry?.versions ?? {}).map(([v, e]) => ({
      Engine: input.Engine, EngineVersion: v, MajorEngineVersion: e.major, DBParameterGroupFamily: e.family, Status: 'available',
    }));
    const noise = input.Engine === 'mysql'
      ? [{ Engine: 'mysql', EngineVersion: '5.7.44-rds.20250818', MajorEngineVersion: '5.7', DBParameterGroupFamily: 'mysql5.7', Status: 'available' },
        { Engine: 'mysql', EngineVersion: '8.0.41', MajorEngineVersion: '8.0', DBParameterGroupFamily: 'mysql8.0', Status: 'deprecated' }]
      : [{ Engine: 'postgres', EngineVersion: '14.20', MajorEngineVersion: '14', DBParameterGroupFamily: 'postgres14', Status: 'available' }];
    const all = [noise[0], ...versions, ...noise.slice(1)].filter((v) => !input.EngineVersion || v.EngineVersion === input.EngineVersion);
    const p = page(all, size, input.Marker);
    return { DBEngineVersions: p.items, Marker: p.next };
  });

  mock.on(DescribeOrderableDBInstanceOptionsCommand).callsFake((input) => {
    record('DescribeOrderableDBInstanceOptions', input);
    const entry = RDS_ENGINE_CATALOG.engines[input.Engine];
    const group = entry?.orderable.find((g) => g.versions.includes(input.EngineVersion));
    const classes = [...(group?.classes ?? []), 'db.m5.8xlarge', 'db.x2g.large', 'db.m6gd.large']
      .filter((c) => !input.DBInstanceClass || c === input.DBInstanceClass);
    const storage = { ...entry?.storage, standard: { min: 5, max: 3072 } };
    const options1 = classes.flatMap((c) => Object.entries(storage).map(([type, r]) => ({
      Engine: input.Engine,
      EngineVersion: input.EngineVersion,
      DBInstanceClass: c,
      StorageType: type,
      MinStorageSize: r.min,
      MaxStorageSize: r.max,
      Vpc: true,
    })));
    const p = page(options1, size * 20, input.Marker);
    return { OrderableDBInstanceOptions: p.items, Marker: p.next };
  });

  mock.on(DescribeEngineDefaultParametersCommand).callsFake((input) => {
    record('DescribeEngineDefaultParameters', input);
    const params = Object.entries(RDS_PARAMETER_CATALOG.families[input.DBParameterGroupFamily] ?? {}).map(([name, p]) => ({
      ParameterName: name, DataType: p.type, AllowedValues: p.allowed, IsModifiable: true, ApplyType: 'dynamic', Source: 'engine-default',
    }));
    const all = [{ ParameterName: 'basedir', DataType: 'string', IsModifiable: false, Source: 'system' }, ...params.reverse()];
    const p = page(all, size * 4, input.Marker);
    return { EngineDefaults: { DBParameterGroupFamily: input.DBParameterGroupFamily, Parameters: p.items, Marker: p.next } };
  });

  mock.on(DescribeDBInstancesCommand).callsFake((input) => {
    record('DescribeDBInstances', input);
    return { DBInstances: [] };
  });
  return { mock, log, client: new RDSClient({ region: 'us-east-1' }) };
}

/** A GAPIC-like list client answering `respond`, recording requests; the first call can be throttled. */
export function stubListClient(
  respond: (request: any) => object,
  options: { throttleFirst?: boolean } = {},
): CloudSqlListClient & { requests: any[] } {
  let throttle = options.throttleFirst ?? false;
  const requests: any[] = [];
  return {
    requests,
    async list(request: object) {
      requests.push(request);
      if (throttle) {
        throttle = false;
        throw Object.assign(new Error('8 RESOURCE_EXHAUSTED: Quota exceeded'), { code: 8 });
      }
      return [respond(request), request, {}];
    },
  };
}

/** The `SqlDatabaseVersion` enum as the SDK has it (name → number), trimmed to what the tests need plus noise. */
export const DATABASE_VERSION_ENUM: { [name: string]: number } = {
  SQL_DATABASE_VERSION_UNSPECIFIED: 0,
  MYSQL_5_7: 6,
  MYSQL_8_0: 20,
  MYSQL_8_0_41: 488,
  MYSQL_8_4: 398,
  MYSQL_9_7: 654,
  POSTGRES_14: 110,
  POSTGRES_15: 172,
  POSTGRES_16: 272,
  POSTGRES_17: 408,
  POSTGRES_18: 557,
  SQLSERVER_2022_STANDARD: 199,
};

/**
 * Cloud SQL stubs built from the committed catalogs: flags as GAPIC returns them (enum names, Int64 wrappers as
 * strings; one flag with numeric enums), with noise (untracked versions, a MySQL 5.7-only flag).
 */
export function stubCloudSqlFromCatalog(options: { throttleFirst?: boolean } = {}) {
  const widen = (versions: string[]) => versions.flatMap((v) => (v === 'MYSQL_8_0' ? ['MYSQL_5_7', v, 'MYSQL_8_0_41'] : v === 'POSTGRES_15' ? ['POSTGRES_14', v] : [v]));
  const flags = CLOUD_SQL_FLAG_CATALOG.flags.map((f, i) => ({
    kind: 'sql#flag',
    name: f.name,
    type: i === 0 ? { BOOLEAN: 1, STRING: 2, INTEGER: 3, NONE: 4, MYSQL_TIMEZONE_OFFSET: 5, FLOAT: 6, REPEATED_STRING: 7 }[f.type] : f.type,
    appliesTo: i === 0 ? widen(f.appliesTo).map((v) => DATABASE_VERSION_ENUM[v]) : widen(f.appliesTo),
    minValue: f.min === undefined ? null : { value: String(f.min) },
    maxValue: f.max === undefined ? null : { value: String(f.max) },
    allowedStringValues: [...(f.allowedStrings ?? [])].reverse(),
    allowedIntValues: (f.allowedInts ?? []).map(String),
    requiresRestart: { value: false },
  }));
  flags.push({
    kind: 'sql#flag',
    name: 'query_cache_type',
    type: 'STRING',
    appliesTo: ['MYSQL_5_7'],
    minValue: null,
    maxValue: null,
    allowedStringValues: ['0', '1', '2'],
    allowedIntValues: [],
    requiresRestart: { value: true },
  });
  const tiers = Object.entries(CLOUD_SQL_CATALOG.tiers).reverse().map(([tier, t]) => ({
    kind: 'sql#tier', tier, RAM: String(t.ramMib * 1024 * 1024), DiskQuota: '3221225472000', region: ['europe-west1', 'us-central1'],
  }));
  const flagsClient = stubListClient(() => ({ kind: 'sql#flagsList', items: flags }), options);
  const tiersClient = stubListClient(() => ({ kind: 'sql#tiersList', items: tiers }));
  return { flagsClient, tiersClient };
}
