import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { AwsProfile, GcpProfile, PortablePostgres, Profile } from '../../src';
import { planObjects, ProfilePlan } from '../../src/cli/plan';
import { costTotal, formatPlan } from '../../src/cli/plan-format';
import { AWS_PRICES } from '../../src/environments/aws/catalog/data/prices';
import { AZURE_PRICES } from '../../src/environments/azure/catalog/data/prices';
import { GCP_PRICES } from '../../src/environments/gcp/catalog/data/prices';
import { baseOf, MATRIX_SERVICES } from '../util/matrix';
import { registerPortableApis } from '../util/portable-apis';
import { newChart, synth } from '../util/synth';

/**
 * `plan` shows, for every service of every example under every profile, what it provisions (its shape) and either
 * a monthly estimate labelled with its snapshot date and region, or the explicit "no price" text; in-cluster, the
 * pods' requests and the claims' storage instead of money. Read from the golden YAML (byte for byte what each
 * example synthesizes: test/golden).
 */
const GOLDEN = join(__dirname, '..', 'golden');
const CASES: Array<[string, string]> = [
  ...['in-cluster', 'aws', 'gcp', 'crossplane', 'azure'].map((p) => ['wordpress', p] as [string, string]),
  ...['in-cluster', 'in-cluster-operators', 'aws', 'gcp', 'crossplane', 'azure'].flatMap((p) => [['photos', p], ['worker', p]] as Array<[string, string]>),
];

function planOf(example: string, profile: string): ProfilePlan {
  const yaml = readFileSync(join(GOLDEN, example, `${profile}.k8s.yaml`), 'utf8');
  return planObjects(parseAllDocuments(yaml).map((d) => d.toJS()).filter((o) => o), `examples/${example}`, profile);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('plan: shape and estimate of every service of the examples under every profile', () => {
  test.each(CASES)('examples/%s under %s', (example, profile) => {
    const plan = planOf(example, profile);
    expect(plan.services.length).toBeGreaterThan(0);
    const table = formatPlan([plan], 'table');
    const json = JSON.parse(formatPlan([plan], 'json')).profiles[0];
    for (const s of plan.services) {
      expect({ service: s.service, shapes: s.cost.shape.length }).toEqual({ service: s.service, shapes: expect.any(Number) });
      expect(s.cost.shape.length).toBeGreaterThan(0);
      for (const shape of s.cost.shape) {
        expect(shape.summary.length).toBeGreaterThan(0);
        expect(table).toContain(shape.summary);
        if (shape.requestsPerPod) {
          // In-cluster: requests and storage, no money.
          expect(shape.requestsPerPod.cpu).toBeGreaterThan(0);
          expect(shape.requestsPerPod.memoryMiB).toBeGreaterThan(0);
          expect(s.cost.estimates.find((e) => e.object === shape.object)).toBeUndefined();
          continue;
        }
        if (shape.product.startsWith('ObjectBucketClaim')) continue;
        const estimate = s.cost.estimates.find((e) => e.object === shape.object);
        expect(estimate).toBeDefined();
        const labelled = DATE.test(estimate!.snapshot) && estimate!.region !== 'unknown';
        const noPrice = estimate!.missing.length > 0 && estimate!.missing.every((m) => /^no price/.test(m));
        expect({ object: shape.object, labelled, noPrice, priced: estimate!.lines.length > 0 || estimate!.notes.length > 0 })
          .toEqual({ object: shape.object, labelled: labelled, noPrice: noPrice, priced: expect.any(Boolean) });
        expect(labelled || noPrice).toBe(true);
        for (const m of estimate!.missing) expect(table).toContain(m);
      }
      expect(table).toContain(s.cost.estimates.length > 0 ? `    total: ${costTotal(s.cost)}` : `  monthly estimate: ${costTotal(s.cost)}`);
      const js = json.services.find((x: any) => x.service === s.service);
      expect(Object.keys(js.cost).sort()).toEqual(['complete', 'estimates', 'monthly', 'shape']);
      const anyString = expect.any(String);
      expect(js.cost.shape[0]).toEqual(expect.objectContaining({ object: anyString, product: anyString, summary: anyString }));
    }
  });

  test('aws: the RDS, ElastiCache and Amazon MQ shapes the cost depends on', () => {
    const db = planOf('photos', 'aws').services.find((s) => s.service === 'photos-db')!.cost;
    expect(db.shape).toEqual([expect.objectContaining({
      object: 'DBInstance/photos-db', instanceClass: 'db.t4g.small', highAvailability: 'Multi-AZ', nodes: 2, storageGiB: 50, region: 'eu-west-1',
    })]);
    const worker = planOf('worker', 'aws');
    expect(worker.services.find((s) => s.service === 'worker-cache')!.cost.shape).toEqual([expect.objectContaining({
      object: 'ReplicationGroup/worker-cache', instanceClass: 'cache.t4g.small', highAvailability: 'Multi-AZ', nodes: 2,
    })]);
    expect(worker.services.find((s) => s.service === 'worker-jobs')!.cost.shape).toEqual([expect.objectContaining({
      object: 'Broker/worker-jobs', instanceClass: 'mq.m7g.medium', highAvailability: 'CLUSTER_MULTI_AZ', nodes: 3,
    })]);
  });

  test('gcp, azure and crossplane: tier, SKU, availability, storage', () => {
    expect(planOf('photos', 'gcp').services.find((s) => s.service === 'photos-db')!.cost.shape).toEqual([expect.objectContaining({
      instanceClass: 'db-custom-1-3840', highAvailability: 'REGIONAL', nodes: 2, storageGiB: 50, region: 'europe-west1',
    })]);
    expect(planOf('worker', 'gcp').services.find((s) => s.service === 'worker-cache')!.cost.shape).toEqual([expect.objectContaining({
      instanceClass: 'STANDARD_HA', nodes: 2, storageGiB: 1, region: 'europe-west1',
    })]);
    expect(planOf('worker', 'azure').services.find((s) => s.service === 'worker-results')!.cost.shape).toEqual([expect.objectContaining({
      instanceClass: 'Standard_B1ms', highAvailability: 'Disabled', nodes: 1, storageGiB: 32, region: 'westeurope',
    })]);
    expect(planOf('worker', 'azure').services.find((s) => s.service === 'worker-cache')!.cost.shape).toEqual([expect.objectContaining({
      instanceClass: 'Balanced_B1', highAvailability: 'Enabled', region: 'westeurope',
    })]);
    const claim = planOf('photos', 'crossplane').services.find((s) => s.service === 'photos-db')!.cost;
    expect(claim.shape).toEqual([expect.objectContaining({ instanceClass: 'small', highAvailability: 'true', storageGiB: 50 })]);
    expect(claim.estimates[0].missing[0]).toMatch(/^no price: the class and the region of Database\/photos-db are chosen by the platform's Composition for provider aws/);
  });

  test('in-cluster: the pods\' requests × replicas and the claims\' storage instead of money', () => {
    const db = planOf('photos', 'in-cluster').services.find((s) => s.service === 'photos-db')!;
    expect(db.cost.shape).toEqual([expect.objectContaining({ object: 'StatefulSet/photos-db', nodes: 1, storageGiB: 50, requestsPerPod: { cpu: 1, memoryMiB: 2048 } })]);
    expect(db.cost.estimates).toEqual([]);
    expect(costTotal(db.cost)).toBe('not priced (in-cluster, on the cluster\'s nodes): requests 1 CPU, 2 GiB memory in all, 50 GiB of claims');
    // An init container's request counts when it is larger than the containers' sum (the scheduler's rule).
    const images = planOf('photos', 'in-cluster').services.find((s) => s.service === 'photos-images')!;
    expect(images.cost.shape[0].requestsPerPod).toEqual({ cpu: 0.1, memoryMiB: 128 });
    const cnpg = planOf('photos', 'in-cluster-operators').services.find((s) => s.service === 'photos-db')!;
    expect(cnpg.cost.shape).toEqual([expect.objectContaining({ object: 'Cluster/photos-db', nodes: 3, storageGiB: 50, requestsPerPod: { cpu: 1, memoryMiB: 2048 } })]);
    expect(costTotal(cnpg.cost)).toBe('not priced (in-cluster, on the cluster\'s nodes): requests 3 CPU, 6 GiB memory in all, 150 GiB of claims');
    const rabbit = planOf('worker', 'gcp').services.find((s) => s.service === 'worker-jobs')!;
    expect(rabbit.cost.shape).toEqual([expect.objectContaining({ object: 'RabbitmqCluster/worker-jobs', nodes: 3, storageGiB: 8 })]);
  });

  test('a profile in a region without prices says so, with the snapshot date and the region', () => {
    // Amazon MQ, RDS for MySQL, everything in europe-west1, the MySQL flexible server: no sourced price (see the data files).
    const mq = planOf('worker', 'aws').services.find((s) => s.service === 'worker-jobs')!.cost;
    expect(mq.estimates[0].missing).toEqual([
      `no price in the snapshot of ${AWS_PRICES.snapshot.date} for mq.m7g.medium broker-hours × 3 (mq:rabbitmq:mq.m7g.medium) in eu-west-1`,
    ]);
    expect(mq.monthly).toEqual({});
    expect(mq.complete).toBe(false);
    expect(costTotal(mq)).toBe(`no estimate: no price in the snapshot of ${AWS_PRICES.snapshot.date} for mq.m7g.medium broker-hours × 3 (mq:rabbitmq:mq.m7g.medium) in eu-west-1`);
    const gcpPlan = planOf('photos', 'gcp');
    const gcp = gcpPlan.services.find((s) => s.service === 'photos-db')!.cost;
    expect(gcp.estimates[0].missing).toEqual([
      `no price in the snapshot of ${GCP_PRICES.snapshot.date} for 1 vCPU × 2 (cloud-sql:ENTERPRISE:vcpu) in europe-west1`,
      `no price in the snapshot of ${GCP_PRICES.snapshot.date} for 3.75 GiB memory × 2 (cloud-sql:ENTERPRISE:memory) in europe-west1`,
      `no price in the snapshot of ${GCP_PRICES.snapshot.date} for PD_SSD storage, 50 GiB × 2 (cloud-sql-storage:PD_SSD) in europe-west1`,
    ]);
    expect(gcpPlan.cost).toEqual({ monthly: {}, complete: false });
    expect(formatPlan([gcpPlan], 'table')).toContain('monthly estimate of profile gcp: nothing priced (see each service)');
    const azure = planOf('wordpress', 'azure').services[0].cost;
    expect(azure.estimates[0].missing[0]).toBe(`no price in the snapshot of ${AZURE_PRICES.snapshot.date} for Standard_B1ms instance-hours (mysql-flexible:Standard_B1ms) in westeurope`);
  });

  /**
   * What the seeded snapshot prices in the examples' regions (eu-west-1, europe-west1, westeurope), object by object:
   * `priced` (every part), `partial` (some parts; the others say "no price") or `no price` (none). Each figure comes
   * from the source the data file names for it; what no checkable source gave stays unpriced.
   */
  const PRICED: { [exampleProfile: string]: { [object: string]: 'priced' | 'partial' | 'no price' } } = {
    'photos aws': { 'DBInstance/photos-db': 'priced' },
    'wordpress aws': { 'DBInstance/wordpress-db': 'partial' },
    'worker aws': { 'DBInstance/worker-results': 'priced', 'ReplicationGroup/worker-cache': 'priced', 'Broker/worker-jobs': 'no price' },
    'photos gcp': { 'SQLInstance/photos-db': 'no price' },
    'wordpress gcp': { 'SQLInstance/wordpress-db': 'no price' },
    'worker gcp': { 'SQLInstance/worker-results': 'no price', 'RedisInstance/worker-cache': 'no price' },
    'photos azure': { 'FlexibleServer/photos-db': 'priced' },
    'wordpress azure': { 'FlexibleServer/wordpress-db': 'no price' },
    'worker azure': { 'FlexibleServer/worker-results': 'priced', 'RedisEnterprise/worker-cache': 'no price' },
  };
  test.each(Object.keys(PRICED))('examples/%s: a money estimate for what the snapshot prices, "no price" for the rest', (key) => {
    const [example, profile] = key.split(' ');
    const plan = planOf(example, profile);
    const table = formatPlan([plan], 'table');
    const estimates = plan.services.flatMap((s) => s.cost.estimates).filter((e) => e.lines.length > 0 || e.missing.length > 0);
    const state = (e: { lines: unknown[]; missing: unknown[] }) => (e.missing.length === 0 ? 'priced' : e.lines.length === 0 ? 'no price' : 'partial');
    expect(Object.fromEntries(estimates.map((e) => [e.object, state(e)]))).toEqual(PRICED[key]);
    for (const e of estimates) {
      for (const l of e.lines) {
        expect(l.monthly).toBeGreaterThan(0);
        expect(table).toContain(`${l.item}`);
      }
      for (const m of e.missing) expect(table).toContain(m);
    }
    const priced = estimates.filter((e) => e.lines.length > 0);
    const sum = Math.round(priced.reduce((t, e) => t + e.monthly, 0) * 100) / 100;
    // Complete only when every part is priced and no service runs in-cluster (requests, not money).
    const complete = Object.values(PRICED[key]).every((v) => v === 'priced') && plan.services.every((s) => s.cost.estimates.length > 0);
    expect(plan.cost).toEqual({ monthly: priced.length > 0 ? { USD: sum } : {}, complete });
    expect(formatPlan([plan], 'table')).toContain(priced.length > 0
      ? `monthly estimate of profile ${profile}: ${sum.toFixed(2)} USD a month`
      : `monthly estimate of profile ${profile}: nothing priced (see each service)`);
  });

  test('the examples\' arithmetic, one case per cloud: instance-hours × 730 × instances, storage GiB-month × instances', () => {
    // aws, eu-west-1: RDS for PostgreSQL db.t4g.small Multi-AZ (2 instances) with 50 GiB gp3 each.
    const db = planOf('photos', 'aws').services.find((s) => s.service === 'photos-db')!.cost;
    expect(db.estimates[0]).toEqual(expect.objectContaining({
      snapshot: AWS_PRICES.snapshot.date,
      region: 'eu-west-1',
      missing: [],
      lines: [
        { item: 'db.t4g.small instance-hours × 2', quantity: 1460, unit: 'instance-hour', unitPrice: 0.035, monthly: 51.1 },
        { item: 'gp3 storage, 50 GiB × 2', quantity: 100, unit: 'GiB-month', unitPrice: 0.127, monthly: 12.7 },
      ],
    }));
    expect(db.monthly).toEqual({ USD: 63.8 });
    expect(costTotal(db)).toBe(`63.80 USD a month (prices of ${AWS_PRICES.snapshot.date}, eu-west-1, USD)`);
    // ElastiCache for Valkey: a primary and a replica, each a node-hour.
    const cache = planOf('worker', 'aws').services.find((s) => s.service === 'worker-cache')!.cost;
    expect(cache.estimates[0].lines).toEqual([{ item: 'cache.t4g.small node-hours × 2', quantity: 1460, unit: 'node-hour', unitPrice: 0.0272, monthly: 39.71 }]);
    // RDS for MySQL has no price: the storage is priced, the total says it is partial.
    const wp = planOf('wordpress', 'aws').services.find((s) => s.service === 'wordpress-db')!.cost;
    expect(wp.estimates[0].lines.map((l) => [l.item, l.monthly])).toEqual([[`gp3 storage, ${wp.shape[0].storageGiB} GiB × 2`, Math.round(wp.shape[0].storageGiB! * 2 * 0.127 * 100) / 100]]);
    expect(wp.complete).toBe(false);
    // S3 is billed by use: the note shows the snapshot's price per GiB-month as it is, not rounded to the cent.
    const bucket = planOf('photos', 'aws').services.find((s) => s.service === 'photos-images')!.cost;
    expect(bucket.estimates[0].notes).toEqual(['billed by use: S3 Standard 0.023 USD per GiB-month stored, plus requests: not estimated']);

    // azure, westeurope: a Burstable Standard_B1ms flexible server without high availability and its storage.
    const flex = planOf('photos', 'azure').services.find((s) => s.service === 'photos-db')!.cost;
    const gib = flex.shape[0].storageGiB!;
    expect(flex.estimates[0]).toEqual(expect.objectContaining({
      snapshot: AZURE_PRICES.snapshot.date,
      region: 'westeurope',
      missing: [],
      lines: [
        { item: 'Standard_B1ms instance-hours', quantity: 730, unit: 'instance-hour', unitPrice: 0.0199, monthly: 14.53 },
        { item: `storage, ${gib} GiB`, quantity: gib, unit: 'GiB-month', unitPrice: 0.1369, monthly: Math.round(gib * 0.1369 * 100) / 100 },
      ],
    }));
    expect(flex.monthly).toEqual({ USD: Math.round((14.53 + Math.round(gib * 0.1369 * 100) / 100) * 100) / 100 });

    // gcp: no price in europe-west1; in us-central1 the vCPU and memory of a db-custom tier (REGIONAL: 2 instances).
    const { chart } = newChart();
    Profile.use(chart, new GcpProfile({ projectId: 'acme-prod-123', region: 'us-central1' }));
    new PortablePostgres(chart, 'Db', { name: 'orders' });
    const sql = planObjects(synth(chart), 'app', 'gcp').services[0].cost;
    const shape = sql.shape[0];
    expect(shape).toEqual(expect.objectContaining({ instanceClass: 'db-custom-1-3840', highAvailability: 'REGIONAL', nodes: 2, region: 'us-central1' }));
    expect(sql.estimates[0].lines).toEqual([
      { item: '1 vCPU × 2', quantity: 1460, unit: 'vCPU-hour', unitPrice: 0.0413, monthly: 60.3 },
      { item: '3.75 GiB memory × 2', quantity: 5475, unit: 'GiB-hour', unitPrice: 0.007, monthly: 38.33 },
    ]);
    expect(sql.estimates[0].missing).toEqual([`no price in the snapshot of ${GCP_PRICES.snapshot.date} for PD_SSD storage, ${shape.storageGiB} GiB × 2 (cloud-sql-storage:PD_SSD) in us-central1`]);
    expect(sql.monthly).toEqual({ USD: 98.63 });
    expect(sql.complete).toBe(false);
  });

  test('a region with prices: instance-hours × 730 × instances and storage per GiB-month, labelled, in the table, Markdown and JSON', () => {
    const { chart } = newChart();
    Profile.use(chart, new AwsProfile({ region: 'us-east-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] }));
    new PortablePostgres(chart, 'Db', { name: 'orders' });
    const plan = planObjects(synth(chart), 'app', 'aws');
    const cost = plan.services[0].cost;
    const shape = cost.shape[0];
    expect(shape).toEqual(expect.objectContaining({ instanceClass: 'db.t4g.small', highAvailability: 'Multi-AZ', nodes: 2, region: 'us-east-1' }));
    const prices = AWS_PRICES.regions['us-east-1'];
    const instance = Math.round(730 * 2 * prices['rds:postgres:db.t4g.small'] * 100) / 100;
    const storage = Math.round(shape.storageGiB! * 2 * prices['rds-storage:gp3'] * 100) / 100;
    expect(cost.estimates).toEqual([expect.objectContaining({
      snapshot: AWS_PRICES.snapshot.date,
      region: 'us-east-1',
      currency: 'USD',
      missing: [],
      lines: [
        { item: 'db.t4g.small instance-hours × 2', quantity: 1460, unit: 'instance-hour', unitPrice: 0.032, monthly: instance },
        { item: `gp3 storage, ${shape.storageGiB} GiB × 2`, quantity: shape.storageGiB! * 2, unit: 'GiB-month', unitPrice: 0.115, monthly: storage },
      ],
    })]);
    expect(cost.monthly).toEqual({ USD: Math.round((instance + storage) * 100) / 100 });
    expect(cost.complete).toBe(true);
    const total = `${cost.monthly.USD.toFixed(2)} USD a month (prices of ${AWS_PRICES.snapshot.date}, us-east-1, USD)`;
    expect(formatPlan([plan], 'table')).toContain(`total: ${total}`);
    expect(formatPlan([plan], 'table')).toContain('1460 instance-hour × 0.032 = 46.72 USD');
    expect(formatPlan([plan], 'markdown')).toContain(`Monthly estimate: ${total}.`);
    expect(JSON.parse(formatPlan([plan], 'json')).profiles[0].services[0].cost.estimates[0]).toEqual(expect.objectContaining({ monthly: cost.monthly.USD, region: 'us-east-1' }));
    expect(plan.cost).toEqual({ monthly: cost.monthly, complete: true });
    expect(formatPlan([plan], 'table')).toContain(`monthly estimate of profile aws: ${cost.monthly.USD.toFixed(2)} USD a month`);
    expect(JSON.parse(formatPlan([plan], 'json')).profiles[0].cost).toEqual({ monthly: cost.monthly, complete: true });
  });
});

describe('every backend answers: every kind of the matrix on every built-in profile has a shape, and an estimate or "no price" or requests', () => {
  beforeAll(() => registerPortableApis());
  const cases = MATRIX_SERVICES.flatMap((s) => Object.keys(s.profiles).map((p) => [s.name, p, s] as const));
  test.each(cases)('%s on %s', (_, profileName, service) => {
    const { chart } = newChart();
    Profile.use(chart, service.profiles[profileName]());
    const made = service.make(chart, 'Svc', baseOf(service, profileName));
    const plan = planObjects(synth(chart), 'matrix', profileName);
    const s = plan.services.find((x) => x.service === made.name)!;
    expect({ backend: s.backend, shapes: s.cost.shape.length > 0 }).toEqual({ backend: made.backendName, shapes: true });
    for (const shape of s.cost.shape) {
      const estimate = s.cost.estimates.find((e) => e.object === shape.object);
      const answered = shape.requestsPerPod !== undefined || shape.product.startsWith('ObjectBucketClaim')
        || (estimate !== undefined && (estimate.lines.length > 0 || estimate.notes.length > 0 || estimate.missing.some((m) => /^no price/.test(m))));
      expect({ object: shape.object, answered }).toEqual({ object: shape.object, answered: true });
    }
  });
});

test('the price snapshots load with plan\'s estimates only: requiring the library and synthesizing load none', () => {
  const script = `
    const loaded = () => Object.keys(require.cache).filter((p) => /catalog[\\\\/]data[\\\\/]prices/.test(p)).length;
    const lib = require('./src');
    const { Testing } = require('cdk8s');
    const chart = Testing.chart();
    lib.Profile.use(chart, new lib.AwsProfile({ region: 'us-east-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] }));
    new lib.PortablePostgres(chart, 'Db');
    const objects = Testing.synth(chart);
    const afterSynth = loaded();
    require('./src/cli/plan').planObjects(objects, 'app');
    console.log(JSON.stringify({ afterSynth, afterPlan: loaded() }));
  `;
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8', timeout: 120_000 });
  expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ afterSynth: 0, afterPlan: 1 });
});
