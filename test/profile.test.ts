import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { AwsProfile, CrossplaneProfile, GcpProfile, InClusterProfile, PortableMySQL, Profile } from '../src';
import { expectValid } from './util/schema';
import { newChart, synth } from './util/synth';
import { Support } from '../src/core/support';
import { DatabaseAnswers, DatabaseBinding, IDatabaseBackend } from '../src/services/database/backend';
import { DatabaseSpec } from '../src/services/database/resolved-spec';

const ENV = Profile.ENV_VAR;
let saved: string | undefined;
beforeEach(() => {
  saved = process.env[ENV];
  delete process.env[ENV];
});
afterEach(() => {
  if (saved === undefined) delete process.env[ENV];
  else process.env[ENV] = saved;
});

const aws = (name?: string) => new AwsProfile({ name, region: 'eu-west-1', dbSubnetGroupName: 'prod-data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] });
const gcp = (name?: string) => new GcpProfile({ name, projectId: 'acme-prod-123', region: 'europe-west1' });
const crossplane = (name?: string) => new CrossplaneProfile({ name, compositionSelector: { provider: 'aws' } });

/** A backend that creates nothing, to see which profile served a service without a cloud backend. */
class FakeBackend implements IDatabaseBackend {
  public readonly capabilities: DatabaseAnswers = {
    highAvailability: Support.refused('a fake', 'none'),
    backups: Support.honouredBy('pretends'),
    engineParameters: Support.refused('a fake', 'none'),
    transitEncryption: Support.refused('a fake', 'none'),
    deletionRetain: Support.honouredBy('pretends'),
    deletionDelete: Support.honouredBy('pretends'),
    bindDeployment: Support.honouredBy('pretends'),
    bindStatefulSet: Support.honouredBy('pretends'),
    bindJob: Support.honouredBy('pretends'),
    bindCronJob: Support.honouredBy('pretends'),
  };

  constructor(public readonly name: string) {}
  public bind(_scope: Construct, spec: DatabaseSpec): DatabaseBinding {
    return { provider: this.name, host: `${spec.name}.example.com`, port: spec.engine.port, tls: false, clientNegotiatesTls: false };
  }
}

/** The values of the `portabledata.io/backend` label of the synthesized objects. */
function backendLabels(objs: any[]): string[] {
  return [...new Set(objs.map((o) => o.metadata?.labels?.['portabledata.io/backend']).filter((v) => v !== undefined))];
}

describe('profile selection', () => {
  test('the factories name their profiles after their type', () => {
    expect([new InClusterProfile(), aws(), gcp(), crossplane()].map((p) => p.name)).toEqual(['in-cluster', 'aws', 'gcp', 'crossplane']);
  });

  test('without PORTABLE_PROFILE and without attached profiles, services are in-cluster', () => {
    const { chart } = newChart();
    const db = new PortableMySQL(chart, 'Db');
    expect(Profile.of(db).name).toBe('in-cluster');
    expect(db.profile.name).toBe('in-cluster');
    expect(db.backendName).toBe('in-cluster');
    const objs = synth(chart);
    expect(backendLabels(objs)).toEqual(['in-cluster']);
    expectValid(objs);
  });

  test('an empty PORTABLE_PROFILE is the same as unset', () => {
    process.env[ENV] = '';
    const { chart } = newChart();
    expect(Profile.of(chart).name).toBe('in-cluster');
  });

  test('PORTABLE_PROFILE=in-cluster works without registering anything', () => {
    process.env[ENV] = 'in-cluster';
    const { chart } = newChart();
    const db = new PortableMySQL(chart, 'Db');
    expect(Profile.of(db).name).toBe('in-cluster');
    expect(backendLabels(synth(chart))).toEqual(['in-cluster']);
  });

  test('PORTABLE_PROFILE picks a registered profile', () => {
    process.env[ENV] = 'gcp';
    const { app, chart } = newChart();
    Profile.register(app, aws(), gcp(), crossplane());
    const nested = new Construct(chart, 'Team');
    expect(Profile.of(chart).name).toBe('gcp');
    expect(Profile.of(nested).name).toBe('gcp');
  });

  test('PORTABLE_PROFILE picks the backend of the registered profile for every service', () => {
    process.env[ENV] = 'staging';
    const { app, chart } = newChart();
    Profile.register(app, aws(), Profile.custom({ name: 'staging', backends: [{ kind: PortableMySQL.KIND, backend: new FakeBackend('fake-staging') }] }));
    const db = new PortableMySQL(chart, 'Db');
    expect(db.backendName).toBe('fake-staging');
    expect(backendLabels(synth(chart))).toEqual(['fake-staging']);
  });

  test('profiles may be registered on any construct of the app (the root keeps them)', () => {
    process.env[ENV] = 'aws-prod';
    const { chart } = newChart();
    Profile.register(new Construct(chart, 'Deep'), aws('aws-prod'));
    expect(Profile.of(chart).name).toBe('aws-prod');
    expect(Profile.namesOf(chart)).toEqual(['aws-prod', 'in-cluster']);
  });

  test('a registered profile named in-cluster replaces the built-in one, also when PORTABLE_PROFILE is unset', () => {
    const { app, chart } = newChart();
    const local = new InClusterProfile({ labels: { team: 'data' } });
    Profile.register(app, local);
    expect(Profile.of(chart)).toBe(local);
    process.env[ENV] = 'in-cluster';
    const other = newChart();
    Profile.register(other.app, local);
    expect(Profile.of(other.chart)).toBe(local);
  });

  test('the nearest attached profile wins: chart vs a nested construct, and over PORTABLE_PROFILE', () => {
    process.env[ENV] = 'crossplane';
    const { app, chart } = newChart();
    Profile.register(app, crossplane());
    const team = new Construct(chart, 'Team');
    const deeper = new Construct(team, 'Service');
    const sibling = new Construct(chart, 'Other');
    Profile.use(chart, gcp());
    Profile.use(team, aws());
    expect(Profile.of(deeper).name).toBe('aws');
    expect(Profile.of(team).name).toBe('aws');
    expect(Profile.of(sibling).name).toBe('gcp');
    expect(Profile.of(chart).name).toBe('gcp');
    expect(Profile.of(app).name).toBe('crossplane');
  });

  test('an attached profile serves the services under it', () => {
    const { chart } = newChart();
    const team = new Construct(chart, 'Team');
    Profile.use(team, Profile.custom({ name: 'team', backends: [{ kind: PortableMySQL.KIND, backend: new FakeBackend('fake-team') }] }));
    const inTeam = new PortableMySQL(team, 'Db');
    const outside = new PortableMySQL(chart, 'Db');
    expect(inTeam.profile.name).toBe('team');
    expect(inTeam.backendName).toBe('fake-team');
    expect(outside.profile.name).toBe('in-cluster');
    expect(backendLabels(synth(chart)).sort()).toEqual(['fake-team', 'in-cluster']);
  });

  test('the profile\'s labels go on every object of its services', () => {
    const { chart } = newChart();
    Profile.use(chart, new InClusterProfile({ labels: { team: 'data' } }));
    new PortableMySQL(chart, 'Db');
    const labelled = synth(chart).filter((o) => o.metadata?.labels?.['portabledata.io/backend']);
    expect(labelled.length).toBeGreaterThan(0);
    for (const obj of labelled) expect(obj.metadata.labels.team).toBe('data');
  });

  test('namesOf lists the registered profiles and in-cluster, sorted', () => {
    const { app } = newChart();
    expect(Profile.namesOf(app)).toEqual(['in-cluster']);
    Profile.register(app, gcp('gcp-prod'), aws('aws-prod'));
    expect(Profile.namesOf(app)).toEqual(['aws-prod', 'gcp-prod', 'in-cluster']);
  });

  test('fails when PORTABLE_PROFILE names an unknown profile, listing the known names', () => {
    process.env[ENV] = 'azure';
    const { app, chart } = newChart();
    Profile.register(app, aws(), gcp());
    expect(() => Profile.of(chart)).toThrow(
      'PORTABLE_PROFILE: invalid profile name "azure": allowed: one of aws, gcp, in-cluster. '
      + 'Fix: set PORTABLE_PROFILE to a registered profile, or register "azure" with Profile.register(app, …)',
    );
    expect(() => new PortableMySQL(chart, 'Db')).toThrow(/PORTABLE_PROFILE: invalid profile name "azure"/);
  });

  test('fails when PORTABLE_PROFILE names a cloud profile that is not registered', () => {
    process.env[ENV] = 'aws';
    const { chart } = newChart();
    expect(() => Profile.of(chart)).toThrow(/PORTABLE_PROFILE: invalid profile name "aws": allowed: one of in-cluster\./);
  });

  test('fails when two profiles with the same name are registered, in one call or two', () => {
    const { app } = newChart();
    Profile.register(app, aws());
    expect(() => Profile.register(app, aws())).toThrow(
      'app: invalid profile name "aws": allowed: a name not registered yet (registered: aws). Fix: give each registered profile its own `name`',
    );
    const other = newChart();
    expect(() => Profile.register(other.app, gcp(), aws(), gcp())).toThrow(/invalid profile name "gcp": allowed: a name not registered yet \(registered: aws, gcp\)/);
    expect(Profile.namesOf(other.app)).toEqual(['in-cluster']);
  });

  test('fails when the profile has no backend for the service, naming the profile and the kind', () => {
    const { chart } = newChart();
    Profile.use(chart, Profile.custom({ name: 'empty' }));
    expect(() => new PortableMySQL(chart, 'Db')).toThrow(
      'test/Db: invalid profile "empty" service kind "mysql": allowed: the kinds this profile has backends for: none. '
      + 'Fix: give the profile a mysql backend (Profile.custom({ backends: [{ kind, backend }] })) or select another profile',
    );
  });

  test('fails when a profile name is not a DNS label', () => {
    expect(() => Profile.custom({ name: 'Prod_EU' })).toThrow(/profile: invalid name "Prod_EU": allowed: 1 to 63 lower-case letters/);
  });
});

describe('binder options of every profile', () => {
  function objectsWith(options: { binderRepair?: boolean; binderAdmissionPolicy?: boolean }): any[] {
    const { chart } = newChart();
    Profile.use(chart, new InClusterProfile(options));
    new PortableMySQL(chart, 'Db', { name: 'orders' });
    return synth(chart);
  }

  test('by default each service has a rebind CronJob, and the chart the admission policy, its binding and its parameters', () => {
    const objs = objectsWith({});
    expect(objs.filter((o) => o.kind === 'CronJob').map((o) => o.metadata.name)).toContain('orders-rebind');
    expect(objs.filter((o) => o.kind === 'ValidatingAdmissionPolicy')).toHaveLength(1);
    expect(objs.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding')).toHaveLength(1);
    expect(objs.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-admission'))).toHaveLength(1);
    expectValid(objs);
  });

  test('binderRepair: false leaves out the rebind CronJob; binderAdmissionPolicy: false (the opt-out) leaves out the policy', () => {
    const objs = objectsWith({ binderRepair: false, binderAdmissionPolicy: false });
    expect(objs.filter((o) => o.kind === 'CronJob').map((o) => o.metadata.name)).not.toContain('orders-rebind');
    expect(objs.filter((o) => o.kind.startsWith('ValidatingAdmissionPolicy'))).toEqual([]);
    expect(objs.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-admission'))).toEqual([]);
  });

  test('fails when binderRepair is not a boolean', () => {
    expect(() => new InClusterProfile({ binderRepair: 'yes' as any })).toThrow(
      'profile "in-cluster": invalid binderRepair "yes": allowed: true or false. Fix: write binderRepair: true or binderRepair: false');
  });
});

describe('every object names the profile it was synthesized for', () => {
  const profileOf = (o: any) => o.metadata.annotations?.['portabledata.io/profile'];

  test('the services\' objects and the app\'s own objects, per chart', () => {
    const app = Testing.app();
    Profile.register(app, new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] }));
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    Profile.use(shop, Profile.named(app, 'aws'));
    new PortableMySQL(shop, 'Db', { name: 'orders-db' });
    new ApiObject(shop, 'Own', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'own', annotations: { team: 'data' } } });
    const tools = new Chart(app, 'tools', { namespace: 'tools' });
    new PortableMySQL(tools, 'Db', { name: 'tools-db' });
    const shopObjs = Testing.synth(shop);
    expect(shopObjs.length).toBeGreaterThan(5);
    expect(new Set(shopObjs.map(profileOf))).toEqual(new Set(['aws']));
    expect(shopObjs.find((o) => o.metadata.name === 'own').metadata.annotations).toEqual({ 'team': 'data', 'portabledata.io/profile': 'aws' });
    const toolsObjs = Testing.synth(tools);
    expect(new Set(toolsObjs.map(profileOf))).toEqual(new Set(['in-cluster']));
    expectValid([...shopObjs, ...toolsObjs]);
  });

  test('an app without a portable service is left as it is', () => {
    const { chart } = newChart();
    new ApiObject(chart, 'Own', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'own' } });
    expect(synth(chart)[0].metadata).toEqual({ name: 'own', namespace: 'apps' });
  });
});
