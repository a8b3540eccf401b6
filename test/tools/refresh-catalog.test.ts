import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DATABASE_VERSION_ENUM, mockRdsFromCatalog, stubCloudSqlFromCatalog } from './mock-apis';
import { RDS_ENGINE_CATALOG } from '../../src/environments/aws/catalog/data/rds-engines';
import { RDS_PARAMETER_CATALOG } from '../../src/environments/aws/catalog/data/rds-parameters';
import { RdsSource } from '../../src/environments/aws/catalog/source';
import { CLOUD_SQL_CATALOG } from '../../src/environments/gcp/catalog/data/cloud-sql';
import { CLOUD_SQL_FLAG_CATALOG } from '../../src/environments/gcp/catalog/data/cloud-sql-flags';
import { CloudSqlSource } from '../../src/environments/gcp/catalog/source';
import { refreshCatalogs, writeCatalogs } from '../../tools/refresh-catalog';

const ENVIRONMENTS = join(__dirname, '..', '..', 'src', 'environments');
const COMMITTED = ['aws/catalog/data/rds-engines.ts', 'aws/catalog/data/rds-parameters.ts', 'gcp/catalog/data/cloud-sql-flags.ts', 'gcp/catalog/data/cloud-sql.ts'];
const SNAPSHOTS = {
  rdsEngines: RDS_ENGINE_CATALOG.snapshot,
  rdsParameters: RDS_PARAMETER_CATALOG.snapshot,
  cloudSql: CLOUD_SQL_CATALOG.snapshot,
  cloudSqlFlags: CLOUD_SQL_FLAG_CATALOG.snapshot,
};

describe('tools/refresh-catalog', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'catalog-'));
  });
  afterEach(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  test('regenerates byte-identical catalog files from paginated, throttled API pages that mirror the snapshot', async () => {
    const rds = mockRdsFromCatalog({ pageSize: 3, throttleOn: 'DescribeDBEngineVersions' });
    const cloud = stubCloudSqlFromCatalog({ throttleFirst: true });
    const waits: number[] = [];
    const retry = { sleep: async (ms: number) => { waits.push(ms); }, baseDelayMs: 100 };
    try {
      const files = await refreshCatalogs({
        rds: new RdsSource({ client: rds.client, retry }),
        cloudSql: new CloudSqlSource({
          flagsClient: cloud.flagsClient, tiersClient: cloud.tiersClient, databaseVersionEnum: DATABASE_VERSION_ENUM, retry,
        }),
        gcpProject: 'acme-catalog',
        snapshots: SNAPSHOTS,
      });
      writeCatalogs(tmp, files);

      for (const env of ['aws', 'gcp']) {
        const committed = readdirSync(join(ENVIRONMENTS, env, 'catalog', 'data')).filter((f) => f.endsWith('.ts')).sort();
        expect(readdirSync(join(tmp, env, 'catalog', 'data')).sort()).toEqual(committed);
      }
      expect(Object.keys(files).sort()).toEqual(COMMITTED);
      for (const name of COMMITTED) {
        expect({ name, bytes: readFileSync(join(tmp, name)) }).toEqual({ name, bytes: readFileSync(join(ENVIRONMENTS, name)) });
      }

      // Pagination: every engine's versions took several pages, and the parameters' marker came from EngineDefaults.
      const versionCalls = rds.log.calls.DescribeDBEngineVersions;
      expect(versionCalls.filter((c) => c.Marker !== undefined).length).toBeGreaterThan(4);
      expect(rds.log.calls.DescribeEngineDefaultParameters.some((c) => c.Marker === 'p2')).toBe(true);
      expect(rds.log.calls.DescribeOrderableDBInstanceOptions.every((c) => c.Vpc === true)).toBe(true);
      expect(new Set(rds.log.calls.DescribeOrderableDBInstanceOptions.map((c) => c.EngineVersion)))
        .toEqual(new Set(Object.values(RDS_ENGINE_CATALOG.engines).flatMap((e) => Object.keys(e.versions))));
      // Throttling: one RDS page and the first flags.list were throttled, retried after the injected backoff.
      expect(rds.log.throttled).toBe(1);
      expect(waits).toEqual([100, 100]);
      expect(cloud.flagsClient.requests).toHaveLength(2);
      expect(cloud.tiersClient.requests).toEqual([{ project: 'acme-catalog' }]);
    } finally {
      rds.mock.restore();
    }
  });

  test('drops what is out of scope: other majors, deprecated versions, untracked classes and storage types', async () => {
    const rds = mockRdsFromCatalog();
    try {
      const files = await refreshCatalogs({ rds: new RdsSource({ client: rds.client }), snapshots: SNAPSHOTS });
      const engines = files['aws/catalog/data/rds-engines.ts'];
      expect(engines).not.toMatch(/5\.7\.44|'8\.0\.41'|'14\.20'/);
      expect(engines).not.toMatch(/db\.m5\.8xlarge|db\.x2g|db\.m6gd|standard:/);
      expect(files['aws/catalog/data/rds-parameters.ts']).not.toMatch(/basedir|mysql5\.7|postgres14/);
      expect(Object.keys(files).sort()).toEqual(['aws/catalog/data/rds-engines.ts', 'aws/catalog/data/rds-parameters.ts']);
    } finally {
      rds.mock.restore();
    }
  });

  test('a changed API answer changes the output (the comparison can fail)', async () => {
    const rds = mockRdsFromCatalog();
    try {
      const files = await refreshCatalogs({
        rds: new RdsSource({ client: rds.client }),
        snapshots: { ...SNAPSHOTS, rdsEngines: { ...SNAPSHOTS.rdsEngines, date: '2030-01-01' } },
      });
      expect(files['aws/catalog/data/rds-engines.ts']).not.toEqual(readFileSync(join(ENVIRONMENTS, 'aws/catalog/data/rds-engines.ts'), 'utf8'));
      expect(files['aws/catalog/data/rds-engines.ts']).toMatch(/Snapshot: 2030-01-01/);
    } finally {
      rds.mock.restore();
    }
  });

  test('fails when the Cloud SQL refresh has no project for tiers.list', async () => {
    const cloud = stubCloudSqlFromCatalog();
    await expect(refreshCatalogs({
      cloudSql: new CloudSqlSource({ flagsClient: cloud.flagsClient, tiersClient: cloud.tiersClient, databaseVersionEnum: DATABASE_VERSION_ENUM }),
      snapshots: SNAPSHOTS,
    })).rejects.toThrow(/needs a project for tiers\.list: pass --project/);
  });
});
