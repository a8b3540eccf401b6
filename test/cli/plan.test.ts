import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, ChartProps } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import { PhotosChart } from '../../examples/photos/photos';
import { registerProfiles as photosProfiles } from '../../examples/photos/profiles';
import { registerProfiles as wordpressProfiles } from '../../examples/wordpress/profiles';
import { WordPressChart } from '../../examples/wordpress/wordpress';
import { registerProfiles as workerProfiles } from '../../examples/worker/profiles';
import { WorkerChart } from '../../examples/worker/worker';
import { CrossplaneDatabasePlatform, CrossplaneObjectStorePlatform } from '../../src';
import { main } from '../../src/cli/main';
import { connectionKeys, planObjects, ProfilePlan } from '../../src/cli/plan';
import { formatPlan } from '../../src/cli/plan-format';
import { bindingSpec, newChart, synth } from '../util/synth';

const INSTANCE = 'app.kubernetes.io/instance';
const BACKEND = 'portabledata.io/backend';

interface Example {
  readonly chart: new (scope: Construct, id: string, props: ChartProps) => Chart;
  readonly register: (app: IConstruct) => void;
  /** Per profile: the backend of each service. */
  readonly backends: { [profile: string]: { [service: string]: string } };
}

const EXAMPLES: { [name: string]: Example } = {
  wordpress: {
    chart: WordPressChart,
    register: wordpressProfiles,
    backends: {
      'in-cluster': { 'wordpress-db': 'in-cluster' },
      'aws': { 'wordpress-db': 'aws-ack' },
      'gcp': { 'wordpress-db': 'gcp-kcc' },
      'crossplane': { 'wordpress-db': 'crossplane' },
      'azure': { 'wordpress-db': 'azure-aso' },
    },
  },
  photos: {
    chart: PhotosChart,
    register: photosProfiles,
    backends: {
      'in-cluster': { 'photos-db': 'in-cluster', 'photos-images': 'in-cluster' },
      'in-cluster-operators': { 'photos-db': 'cloudnative-pg', 'photos-images': 'rook' },
      'aws': { 'photos-db': 'aws-ack', 'photos-images': 'aws-ack' },
      'gcp': { 'photos-db': 'gcp-kcc', 'photos-images': 'gcp-kcc' },
      'crossplane': { 'photos-db': 'crossplane', 'photos-images': 'crossplane' },
      'azure': { 'photos-db': 'azure-aso', 'photos-images': 'in-cluster' },
    },
  },
  worker: {
    chart: WorkerChart,
    register: workerProfiles,
    backends: {
      'in-cluster': { 'worker-jobs': 'in-cluster', 'worker-cache': 'in-cluster', 'worker-results': 'in-cluster' },
      'in-cluster-operators': { 'worker-jobs': 'rabbitmq-operators', 'worker-cache': 'in-cluster', 'worker-results': 'cloudnative-pg' },
      'aws': { 'worker-jobs': 'aws-mq', 'worker-cache': 'aws-elasticache', 'worker-results': 'aws-ack' },
      'gcp': { 'worker-jobs': 'rabbitmq-operators', 'worker-cache': 'gcp-memorystore', 'worker-results': 'gcp-kcc' },
      'crossplane': { 'worker-jobs': 'crossplane', 'worker-cache': 'crossplane', 'worker-results': 'crossplane' },
      'azure': { 'worker-jobs': 'in-cluster', 'worker-cache': 'azure-managed-redis', 'worker-results': 'azure-aso' },
    },
  },
};

/** Builds an example's chart in-process with `PORTABLE_PROFILE=profile` and writes its YAML to a temp folder. */
function synthExample(name: string, profile: string): { dir: string; objs: any[] } {
  const example = EXAMPLES[name];
  const saved = process.env.PORTABLE_PROFILE;
  process.env.PORTABLE_PROFILE = profile;
  try {
    const app = new App();
    example.register(app);
    new example.chart(app, name, { namespace: name });
    const yaml = app.synthYaml();
    const dir = mkdtempSync(join(tmpdir(), `plan-${name}-`));
    writeFileSync(join(dir, `${name}.k8s.yaml`), yaml);
    return { dir, objs: parseAllDocuments(yaml).map((d) => d.toJS()).filter((o) => o) };
  } finally {
    if (saved === undefined) delete process.env.PORTABLE_PROFILE;
    else process.env.PORTABLE_PROFILE = saved;
  }
}

/** `plan --dir <dir> --format <format>` in-process. */
async function plan(dir: string, format: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['plan', '--dir', dir, '--format', format], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ref = (o: { apiVersion: string; kind: string; name?: string; metadata?: { name: string } }) => `${o.apiVersion} ${o.kind}/${o.name ?? o.metadata?.name}`;

const CASES = Object.entries(EXAMPLES).flatMap(([name, e]) => Object.keys(e.backends).map((profile) => [name, profile] as const));

describe.each(CASES)('plan of examples/%s with PORTABLE_PROFILE=%s', (name, profile) => {
  let dir: string;
  let objs: any[];
  let json: { profiles: ProfilePlan[] };
  beforeAll(async () => {
    ({ dir, objs } = synthExample(name, profile));
    const r = await plan(dir, 'json');
    expect(r).toMatchObject({ code: 0, err: '' });
    json = JSON.parse(r.out);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('one plan, for the folder read', () => {
    expect(json.profiles).toHaveLength(1);
    // The objects name the profile they were synthesized for (portabledata.io/profile).
    expect(json.profiles[0]).toMatchObject({ profile: null, source: dir, synthesizedFor: [profile] });
  });

  test('every synthesized object appears exactly once, in a service or among the other objects', () => {
    const p = json.profiles[0];
    const planned = [...p.services.flatMap((s) => s.objects), ...p.otherObjects].map(ref).sort();
    expect(planned).toEqual(objs.map(ref).sort());
  });

  test('each service holds exactly the objects labelled with its instance, in manifest order, with their backend', () => {
    const p = json.profiles[0];
    expect(Object.fromEntries(p.services.map((s) => [s.service, s.backend]))).toEqual(exampleOf(name).backends[profile]);
    for (const s of p.services) {
      const labelled = objs.filter((o) => o.metadata.labels?.[INSTANCE] === s.service);
      expect(s.objects.map(ref)).toEqual(labelled.map(ref));
      expect(new Set(labelled.map((o) => o.metadata.labels[BACKEND]))).toEqual(new Set([s.backend]));
    }
    expect(p.otherObjects.map(ref)).toEqual(objs.filter((o) => o.metadata.labels?.[BACKEND] === undefined).map(ref));
  });

  test('the connection keys split into set at synth and filled in at deploy time, each once, as the binder spec says', () => {
    for (const s of json.profiles[0].services) {
      const spec = bindingSpec(objs, s.service);
      expect(s.connectionSecret).toBe(spec.connectionSecret);
      const synthKeys = Object.keys(s.atSynth);
      const deployKeys = s.atDeploy.map((k) => k.key);
      expect([...synthKeys, ...deployKeys].sort()).toEqual([...spec.keys].sort());
      for (const k of synthKeys) expect(s.atSynth[k]).toBe(spec.values[k]);
      expect(deployKeys).toEqual(expect.arrayContaining([...Object.keys(spec.deferred), ...Object.keys(spec.endpoints ?? {})]));
      if (spec.uriTemplate) expect(deployKeys).toContain('uri');
    }
  });

  test('table and markdown name every service and its backend', async () => {
    const table = await plan(dir, 'table');
    const markdown = await plan(dir, 'markdown');
    expect(table).toMatchObject({ code: 0, err: '' });
    expect(markdown).toMatchObject({ code: 0, err: '' });
    expect(table.out.split('\n')[0]).toBe(`manifests in ${dir}, synthesized for profile ${profile}`);
    expect(markdown.out.split('\n')[0]).toBe(`## Manifests in \`${dir}\``);
    expect(markdown.out.split('\n')[2]).toBe(`Synthesized for profile \`${profile}\` (the objects' \`portabledata.io/profile\`).`);
    for (const [service, backend] of Object.entries(exampleOf(name).backends[profile])) {
      expect(table.out).toMatch(new RegExp(`^service ${service}: backend ${backend}, connection Secret ${service}-connection$`, 'm'));
      expect(markdown.out).toMatch(new RegExp(`^### \`${service}\`: backend \`${backend}\`$`, 'm'));
    }
  });
});

function exampleOf(name: string): Example {
  return EXAMPLES[name];
}

/** The prerequisites of one service as `scope: requirement`. */
function prerequisites(name: string, profile: string, service: string): Promise<string[]> {
  const { dir } = synthExample(name, profile);
  return plan(dir, 'json').then((r) => {
    rmSync(dir, { recursive: true, force: true });
    const s = (JSON.parse(r.out) as { profiles: ProfilePlan[] }).profiles[0].services.find((x) => x.service === service)!;
    return s.prerequisites.map((p) => `${p.scope}: ${p.requirement}`);
  });
}

describe('prerequisites derived from the objects', () => {
  test('AWS: the ACK controllers, the subnet group and the security groups', async () => {
    expect(await prerequisites('photos', 'aws', 'photos-db')).toEqual([
      'cluster: ACK RDS controller',
      'cloud: DB subnet group photos-private in eu-west-1',
      'cloud: security group sg-0a1b2c3d4e5f60718 in eu-west-1',
    ]);
    expect(await prerequisites('photos', 'aws', 'photos-images')).toEqual(['cluster: ACK S3 controller', 'cluster: ACK IAM controller']);
  });

  test('in-cluster operators: CloudNativePG, the StorageClass, the VolumeSnapshotClass; Rook and the bucket StorageClass', async () => {
    expect(await prerequisites('photos', 'in-cluster-operators', 'photos-db')).toEqual([
      'cluster: CloudNativePG operator',
      'cluster: StorageClass ceph-block',
      'cluster: VolumeSnapshotClass csi-snapclass',
      'cluster: CSI snapshot controller and the VolumeSnapshot CRDs',
      'cluster: a network plugin that enforces NetworkPolicy (e.g. Calico or Cilium; without one the policy is not applied)',
    ]);
    expect(await prerequisites('photos', 'in-cluster-operators', 'photos-images')).toEqual([
      'cluster: Rook/Ceph object store + bucket StorageClass',
      'cluster: bucket StorageClass rook-ceph-bucket',
    ]);
  });

  test('in-cluster: the default StorageClass when the claims name none', async () => {
    expect(await prerequisites('wordpress', 'in-cluster', 'wordpress-db')).toEqual([
      'cluster: a default StorageClass (a claim names none)',
      'cluster: a network plugin that enforces NetworkPolicy (e.g. Calico or Cilium; without one the policy is not applied)',
    ]);
  });

  test('GCP: Config Connector, the Cloud SQL Admin API and the private network', async () => {
    expect(await prerequisites('wordpress', 'gcp', 'wordpress-db')).toEqual([
      'cluster: Config Connector',
      'cloud: Cloud SQL Admin API (sqladmin.googleapis.com) enabled in project wordpress-prod-4711',
      'cluster: Config Connector 1.139 or later (cnrm.cloud.google.com/unmanaged: spec.settings.diskSize)',
      'cloud: VPC network projects/wordpress-prod-4711/global/networks/default with private services access (Cloud SQL private IP)',
    ]);
  });

  test('Azure: ASO with the group in its crdPattern, the resource provider, the resource group, the delegated subnet and DNS zone; the cache\'s endpoint subnet, zone and public access', async () => {
    const rg = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/wordpress-prod';
    expect(await prerequisites('wordpress', 'azure', 'wordpress-db')).toEqual([
      'cluster: Azure Service Operator v2 (v2.19.0 or later) with dbformysql.azure.com/* in its crdPattern',
      'cloud: resource provider Microsoft.DBforMySQL registered in the subscription',
      `cloud: resource group ${rg} (existing; ASO's identity may create resources in it)`,
      `cloud: subnet ${rg}/providers/Microsoft.Network/virtualNetworks/aks/subnets/mysql delegated to Microsoft.DBforMySQL/flexibleServers, reachable from the cluster`,
      `cloud: private DNS zone ${rg}/providers/Microsoft.Network/privateDnsZones/wordpress.mysql.database.azure.com linked to that subnet's virtual network`,
    ]);
    const worker = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/worker-prod';
    expect(await prerequisites('worker', 'azure', 'worker-cache')).toEqual([
      'cluster: Azure Service Operator v2 (v2.19.0 or later) with cache.azure.com/* in its crdPattern',
      'cloud: resource provider Microsoft.Cache registered in the subscription',
      `cloud: resource group ${worker} (existing; ASO's identity may create resources in it)`,
      'cluster: Azure Service Operator v2 (v2.19.0 or later) with network.azure.com/* in its crdPattern',
      'cloud: resource provider Microsoft.Network registered in the subscription',
      `cloud: subnet ${worker}/providers/Microsoft.Network/virtualNetworks/aks/subnets/endpoints (private endpoint network policies allow endpoints), reachable from the cluster`,
      'cloud: public network access of the Azure Managed Redis cluster worker-cache turned off once it exists: '
        + 'az redisenterprise update --public-network-access Disabled (ASO v2.19.0 serves API 2025-04-01, which cannot set it)',
      `cloud: private DNS zone ${worker}/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net linked to the cluster's virtual network`,
    ]);
  });

  test('Crossplane: the platform\'s XRD and a Composition matching the claim\'s selector', async () => {
    expect(await prerequisites('photos', 'crossplane', 'photos-images')).toEqual([
      'cluster: Crossplane with the platform\'s XRDs and Compositions (XRD xobjectstores.portabledata.io, a Composition labelled provider=aws)',
    ]);
  });

  test('the queue and the cache: the ACK MQ and ElastiCache controllers, the RabbitMQ operators, the portable XRDs', async () => {
    expect(await prerequisites('worker', 'aws', 'worker-jobs')).toEqual([
      'cluster: ACK MQ controller',
      'cloud: subnet subnet-0a1b2c3d4e5f60718 in eu-west-1',
      'cloud: subnet subnet-08192a3b4c5d6e7f0 in eu-west-1',
      'cloud: security group sg-0a1b2c3d4e5f60718 in eu-west-1',
    ]);
    expect(await prerequisites('worker', 'aws', 'worker-cache')).toEqual([
      'cluster: ACK ElastiCache controller',
      'cloud: ElastiCache subnet group worker-cache-private in eu-west-1',
      'cloud: security group sg-0a1b2c3d4e5f60718 in eu-west-1',
    ]);
    expect(await prerequisites('worker', 'in-cluster-operators', 'worker-jobs')).toEqual(expect.arrayContaining([
      'cluster: RabbitMQ Cluster Operator', 'cluster: RabbitMQ Messaging Topology Operator',
    ]));
    expect(await prerequisites('worker', 'crossplane', 'worker-jobs')).toEqual([
      'cluster: Crossplane with the platform\'s XRDs and Compositions (XRD xqueues.portabledata.io, a Composition labelled provider=aws)',
    ]);
    expect(await prerequisites('worker', 'crossplane', 'worker-cache')).toEqual([
      'cluster: Crossplane with the platform\'s XRDs and Compositions (XRD xcaches.portabledata.io, a Composition labelled provider=aws)',
    ]);
  });

  test('Crossplane platforms: Crossplane, the function and the Upbound provider of each Composition', () => {
    const { chart } = newChart();
    new CrossplaneDatabasePlatform(chart, 'Platform', { aws: { region: 'eu-west-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] }, gcp: { region: 'europe-west1' } });
    new CrossplaneObjectStorePlatform(chart, 'ObjectStores', { aws: { region: 'eu-west-1' }, gcp: { region: 'europe-west1' } });
    const p = planObjects(synth(chart), 'platform');
    expect(p.services).toEqual([]);
    expect(p.otherPrerequisites.map((x) => [x.requirement, x.neededBy])).toEqual([
      ['Crossplane', p.otherObjects.map((o) => `${o.kind}/${o.name}`)],
      ['Crossplane function function-patch-and-transform', p.otherObjects.filter((o) => o.kind === 'Composition').map((o) => `Composition/${o.name}`)],
      ['Crossplane provider upbound/provider-aws-rds', ['Composition/xdatabases.aws.portabledata.io']],
      ['Crossplane provider upbound/provider-gcp-sql', ['Composition/xdatabases.gcp.portabledata.io']],
      ['Crossplane provider upbound/provider-aws-s3', ['Composition/xobjectstores.aws.portabledata.io']],
      ['Crossplane provider upbound/provider-gcp-storage', ['Composition/xobjectstores.gcp.portabledata.io']],
    ]);
  });
});

describe('planObjects', () => {
  const obj = (kind: string, name: string, labels?: { [k: string]: string }) => ({ apiVersion: 'v1', kind, metadata: { name, labels } });

  test('a group of objects no backend labelled is the application\'s, not a service', () => {
    const p = planObjects([obj('ConfigMap', 'web', { [INSTANCE]: 'web' }), obj('Secret', 'db', { [INSTANCE]: 'db', [BACKEND]: 'in-cluster' })], 'dir');
    expect(p.services.map((s) => [s.service, s.backend, s.objects.map((o) => o.name)])).toEqual([['db', 'in-cluster', ['db']]]);
    expect(p.otherObjects.map((o) => o.name)).toEqual(['web']);
  });

  test('a service whose objects disagree on the backend shows every backend', () => {
    const p = planObjects([obj('Secret', 'a', { [INSTANCE]: 'db', [BACKEND]: 'aws-ack' }), obj('Secret', 'b', { [INSTANCE]: 'db', [BACKEND]: 'in-cluster' })], 'dir');
    expect(p.services.map((s) => s.backend)).toEqual(['aws-ack, in-cluster']);
  });

  test('a service without a binder Job has no connection keys', () => {
    const p = planObjects([obj('Secret', 'a', { [INSTANCE]: 'db', [BACKEND]: 'in-cluster' })], 'dir');
    expect(p.services[0]).toMatchObject({ connectionSecret: undefined, atSynth: {}, atDeploy: [] });
  });

  test('connection keys: a contract key with no value and no source is reported', () => {
    expect(connectionKeys({ keys: ['type', 'host'], values: { type: 'mysql' } })).toEqual({
      atSynth: { type: 'mysql' },
      atDeploy: [{ key: 'host', from: 'not set by the spec (the binder fails without it)' }],
    });
  });

  test('json keeps a folder\'s profile as null', () => {
    expect(JSON.parse(formatPlan([planObjects([obj('Secret', 'a')], 'dir')], 'json')).profiles[0].profile).toBeNull();
  });

  test('the profiles the objects were synthesized for: each name once, sorted; none when no object names one', () => {
    const named = (name: string, profile: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, annotations: { 'portabledata.io/profile': profile } } });
    expect(planObjects([named('a', 'gcp'), obj('Secret', 'c'), named('b', 'aws'), named('d', 'gcp')], 'dir').synthesizedFor).toEqual(['aws', 'gcp']);
    expect(planObjects([obj('Secret', 'a')], 'dir').synthesizedFor).toEqual([]);
  });
});
