/**
 * The database flags are checked against the Cloud SQL flag catalog of the database version. The portable ranges
 * sit inside what the catalog allows today, so this file narrows the catalog (as a refresh might) to prove the
 * check is wired in.
 */
import { GcpProfile, PortablePostgres, Profile } from '../../../src';
import { newChart, synth } from '../../util/synth';

jest.mock('../../../src/environments/gcp/catalog/data/cloud-sql-flags', () => {
  const actual = jest.requireActual('../../../src/environments/gcp/catalog/data/cloud-sql-flags');
  const catalog = actual.CLOUD_SQL_FLAG_CATALOG;
  return {
    CLOUD_SQL_FLAG_CATALOG: {
      ...catalog,
      flags: catalog.flags.map((f: any) => (f.name === 'work_mem' ? { ...f, max: 1048576 } : f)),
    },
  };
});

function postgres(parameters: { [name: string]: string }): void {
  const { chart } = newChart();
  Profile.use(chart, new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1' }));
  new PortablePostgres(chart, 'Db', { name: 'orders', parameters });
  synth(chart);
}

test('accepts a value inside the flag\'s range', () => {
  expect(() => postgres({ work_mem: '1GB' })).not.toThrow();
});

test('fails when a portable value is outside what Cloud SQL allows for the version, naming the closest', () => {
  expect(() => postgres({ work_mem: '2GB' })).toThrow(
    /^test\/Db: invalid Cloud SQL flag work_mem "2097152": allowed: on Cloud SQL POSTGRES_17, an integer: 64 to 1048576\. Fix: did you mean "1048576"\?/,
  );
});
