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

test('requiring the library loads no cdk8s-plus, and binding a cdk8s-plus-33 workload does not load cdk8s-plus-27', () => {
  const script = `
    const plus = (major) => Object.keys(require.cache).filter((p) => p.includes('node_modules/cdk8s-plus-' + major + '/')).length > 0;
    require('./src');
    const before = { plus27: plus(27), plus33: plus(33) };
    const { Testing } = require('cdk8s');
    const kplus33 = require('cdk8s-plus-33');
    const { PortableMySQL } = require('./src');
    const chart = Testing.chart();
    const db = new PortableMySQL(chart, 'Db');
    db.bind(new kplus33.Deployment(chart, 'Web', { containers: [{ name: 'web', image: 'example.com/web:1.0.0' }] }));
    Testing.synth(chart);
    console.log(JSON.stringify({ before, after: { plus27: plus(27), plus33: plus(33) } }));
  `;
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ before: { plus27: false, plus33: false }, after: { plus27: false, plus33: true } });
});
