import { execFileSync } from 'child_process';
import { join } from 'path';

/**
 * The large generated CRD types load on first use only: an app that does not synthesize CloudNativePG or S3 buckets
 * never pays for them when it requires the library (startup cost of every `cdk8s synth`).
 */
test('requiring the library loads neither the CloudNativePG nor the ACK S3 generated types until a backend needs them', () => {
  const script = `
    require('./src');
    const loaded = () => Object.keys(require.cache).filter((p) => /imports[\\\\/](postgresql\\.cnpg\\.io|s3\\.services\\.k8s\\.aws)/.test(p)).length;
    const before = loaded();
    const { Testing } = require('cdk8s');
    const { DeletionPolicy, InClusterProfile, PortablePostgres, Profile, PostgresOperator } = require('./src');
    const chart = Testing.chart();
    Profile.use(chart, new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: DeletionPolicy.RETAIN, volumeSnapshotClassName: 'snap' }));
    new PortablePostgres(chart, 'Db');
    console.log(JSON.stringify({ before, after: loaded() }));
  `;
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ before: 0, after: 1 });
});
