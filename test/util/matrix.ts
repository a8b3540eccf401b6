import { Cron, Duration, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { registerPortableApis } from './portable-apis';
import { expectValid } from './schema';
import { byKind, newChart, synth } from './synth';
import {
  Backup, BindOptions, CachePersistence, Credentials, DeletionPolicy, EvictionPolicy, HighAvailability, InstanceSize, MySqlVersion,
  PortableCache, PortableMySQL, PortableObjectStore, PortablePostgres, PortableQueue, PortableService, PostgresVersion, Profile,
  RabbitMqVersion, ServiceKind, ValkeyVersion,
} from '../../src';

import * as portable from '../../src';
import { ICapableBackend, Support } from '../../src/core/capabilities';

/**
 * The contract and feature matrices: every service kind × every profile. Both are functions of their lists, so a
 * test can add a kind or an environment of its own (test/extension.test.ts) and the same matrices check it.
 */

/** Props, or props that depend on what the backend honours (e.g. HA with backups where the backend has backups). */
export type Props = { [key: string]: unknown } | ((honours: (capability: string) => boolean) => { [key: string]: unknown });

/** A prop of a service and a value different from the default. */
export interface PropVariant {
  /** The prop, as the error names it. */
  readonly prop: string;
  /** What the case is called. */
  readonly label: string;
  /** The props that set it (merged over the base props), or a function of what the backend honours. */
  readonly props: Props;
  /**
   * The props the variant is compared with, when not the service's base (e.g. `HighAvailability.NONE` for
   * `REQUIRED`, since `AUTO` already gives HA where the backend has it).
   * @default - the service's base props
   */
  readonly baseline?: Props;
  /**
   * The capability the backend answers for it; refused ⇒ synth fails with its reason and fix.
   * @default - a core prop every backend must honour
   */
  readonly capability?: string;
  /**
   * A requirement, not a setting (`requireTls`): where the backend honours the capability, the output is the same
   * as without it (the requirement is already met); where it refuses it, synth fails with its reason and fix.
   * @default false - honoured ⇒ the output changes
   */
  readonly requirement?: boolean;
}

/** A service with its kind's `bind()`. */
export type BindableService = PortableService & { bind(workload: IConstruct, options?: BindOptions): void };

/** A kind of service, how to make one, and the variants of each of its portable props. */
export interface MatrixService {
  readonly name: string;
  readonly kind: ServiceKind;
  /** The profiles this service runs on (name → factory). */
  readonly profiles: { [name: string]: () => Profile };
  readonly make: (scope: Construct, id: string, props: { [key: string]: unknown }) => BindableService;
  /** Base props: valid on every profile of the list. */
  readonly base: { [key: string]: unknown };
  /** One variant per portable prop (several for props with several features). */
  readonly variants: PropVariant[];
}

/**
 * The built-in profiles of the matrices, including the operator variants, built from the classes of `lib` (the
 * source, or the bundled `lib/index.js` in test/bundle.test.ts).
 */
export function matrixProfilesOf(lib: typeof portable): { [name: string]: () => Profile } {
  return {
    'in-cluster': () => new lib.InClusterProfile({ storageClassName: 'fast-ssd' }),
    'in-cluster-operators': () => new lib.InClusterProfile({
      name: 'in-cluster-operators',
      postgresOperator: lib.PostgresOperator.CLOUDNATIVE_PG,
      storageReclaimPolicy: lib.DeletionPolicy.RETAIN,
      volumeSnapshotClassName: 'csi-snapclass',
      objectStoreOperator: lib.ObjectStoreOperator.ROOK,
      bucketStorageClassName: 'rook-ceph-bucket',
      bucketReclaimPolicy: lib.DeletionPolicy.RETAIN,
      queueOperator: lib.QueueOperator.RABBITMQ_OPERATORS,
    }),
    'in-cluster-cnpg-no-snapshots': () => new lib.InClusterProfile({
      name: 'cnpg-no-snapshots', postgresOperator: lib.PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: lib.DeletionPolicy.RETAIN,
    }),
    'aws': () => new lib.AwsProfile({
      region: 'eu-west-1',
      dbSubnetGroupName: 'app-private',
      vpcSecurityGroupIds: ['sg-0123456789abcdef0'],
      eksClusterName: 'prod-eks',
      cacheSubnetGroupName: 'app-cache',
      brokerSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
    }),
    'gcp': () => new lib.GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1', queuesInCluster: true }),
    'crossplane': () => new lib.CrossplaneProfile({ compositionSelector: { provider: 'aws' } }),
    'crossplane-gcp-queues-in-cluster': () => new lib.CrossplaneProfile({
      name: 'crossplane-gcp', compositionSelector: { provider: 'gcp' }, queuesInCluster: true, queueOperator: lib.QueueOperator.RABBITMQ_OPERATORS,
    }),
  };
}

/** The built-in profiles of the matrices, including the operator variants. */
export const MATRIX_PROFILES: { [name: string]: () => Profile } = matrixProfilesOf(portable);

/** The variants every relational database has. */
function databaseVariants(otherVersion: unknown): PropVariant[] {
  return [
    { prop: 'name', label: 'name', props: { name: 'renamed-db' } },
    { prop: 'version', label: 'version', props: { version: otherVersion } },
    { prop: 'storage', label: 'storage', props: { storage: Size.gibibytes(37) } },
    { prop: 'instanceSize', label: 'instanceSize', props: { instanceSize: InstanceSize.MEDIUM } },
    { prop: 'databaseName', label: 'databaseName', props: { databaseName: 'orders' } },
    { prop: 'credentials', label: 'credentials (generated user)', props: { credentials: Credentials.generated({ username: 'svc' }) } },
    { prop: 'labels', label: 'labels', props: { labels: { 'example.com/team': 'data' } } },
    {
      // Against NONE (AUTO already gives HA where the backend has it), with backups where the backend takes them
      // (a regional Cloud SQL instance needs them).
      prop: 'highAvailability',
      label: 'highAvailability REQUIRED (against NONE)',
      props: (h) => ({ highAvailability: HighAvailability.REQUIRED, backup: h('backups') ? Backup.daily() : Backup.disabled() }),
      baseline: (h) => ({ highAvailability: HighAvailability.NONE, backup: h('backups') ? Backup.daily() : Backup.disabled() }),
      capability: 'highAvailability',
    },
    { prop: 'backup', label: 'backup daily', props: { backup: Backup.daily({ startTime: '05:00', retention: Duration.days(9) }) }, capability: 'backups' },
    { prop: 'parameters', label: 'parameters', props: { parameters: { max_connections: '200' } }, capability: 'engineParameters' },
    { prop: 'deletionPolicy', label: 'deletionPolicy DELETE', props: { deletionPolicy: DeletionPolicy.DELETE }, capability: 'deletionDelete' },
    { prop: 'requireTls', label: 'requireTls', props: { requireTls: true }, capability: 'encryptionInTransit', requirement: true },
  ];
}


/** The built-in services of the matrices. */
export const MATRIX_SERVICES: MatrixService[] = [
  {
    name: 'PortableMySQL',
    kind: ServiceKind.MYSQL,
    profiles: MATRIX_PROFILES,
    make: (scope, id, props) => new PortableMySQL(scope, id, props),
    // Backups off in the base: the variant turns them on (a backend that refuses them fails there, not everywhere).
    base: { name: 'orders-db', backup: Backup.disabled() },
    variants: databaseVariants(MySqlVersion.V8_0),
  },
  {
    name: 'PortablePostgres',
    kind: ServiceKind.POSTGRES,
    profiles: MATRIX_PROFILES,
    make: (scope, id, props) => new PortablePostgres(scope, id, props),
    base: { name: 'orders-db', backup: Backup.disabled() },
    variants: databaseVariants(PostgresVersion.V16),
  },
  {
    name: 'PortableObjectStore',
    kind: ServiceKind.OBJECT_STORE,
    profiles: MATRIX_PROFILES,
    make: (scope, id, props) => new PortableObjectStore(scope, id, props),
    base: { name: 'uploads', versioned: false },
    variants: [
      { prop: 'name', label: 'name', props: { name: 'renamed-store' } },
      { prop: 'bucketName', label: 'bucketName', props: { bucketName: 'acme-uploads-4711' } },
      { prop: 'labels', label: 'labels', props: { labels: { 'example.com/team': 'data' } } },
      { prop: 'versioned', label: 'versioned', props: { versioned: true }, capability: 'versioning' },
      { prop: 'noncurrentVersionExpiration', label: 'noncurrentVersionExpiration', props: { versioned: true, noncurrentVersionExpiration: Duration.days(7) }, capability: 'noncurrentVersionExpiration' },
      { prop: 'expiration', label: 'expiration', props: { expiration: Duration.days(90) }, capability: 'expiration' },
      { prop: 'deletionPolicy', label: 'deletionPolicy DELETE', props: { deletionPolicy: DeletionPolicy.DELETE }, capability: 'deletionDelete' },
    ],
  },
  {
    name: 'PortableCache',
    kind: ServiceKind.CACHE,
    profiles: MATRIX_PROFILES,
    make: (scope, id, props) => new PortableCache(scope, id, props),
    base: { name: 'sessions' },
    variants: [
      { prop: 'name', label: 'name', props: { name: 'renamed-cache' } },
      { prop: 'labels', label: 'labels', props: { labels: { 'example.com/team': 'data' } } },
      { prop: 'version', label: 'version 8.1', props: { version: ValkeyVersion.V8_1 }, capability: 'valkey8' },
      { prop: 'memory', label: 'memory', props: { memory: Size.gibibytes(6) } },
      {
        prop: 'highAvailability',
        label: 'highAvailability REQUIRED (against NONE)',
        props: { highAvailability: HighAvailability.REQUIRED },
        baseline: { highAvailability: HighAvailability.NONE },
        capability: 'highAvailability',
      },
      { prop: 'persistence', label: 'persistence DURABLE', props: { persistence: CachePersistence.DURABLE }, capability: 'durable' },
      { prop: 'evictionPolicy', label: 'evictionPolicy', props: { evictionPolicy: EvictionPolicy.ALLKEYS_LFU } },
      {
        // On durable data where the backend keeps it (a cache-only server in the cluster has nothing to delete).
        prop: 'deletionPolicy',
        label: 'deletionPolicy DELETE',
        props: (h) => ({ deletionPolicy: DeletionPolicy.DELETE, persistence: h('durable') ? CachePersistence.DURABLE : CachePersistence.CACHE_ONLY }),
        baseline: (h) => ({ persistence: h('durable') ? CachePersistence.DURABLE : CachePersistence.CACHE_ONLY }),
        capability: 'deletionDelete',
      },
    ],
  },
  {
    name: 'PortableQueue',
    kind: ServiceKind.QUEUE,
    profiles: MATRIX_PROFILES,
    make: (scope, id, props) => new PortableQueue(scope, id, props),
    base: { name: 'orders' },
    variants: [
      { prop: 'name', label: 'name', props: { name: 'renamed-queue' } },
      { prop: 'labels', label: 'labels', props: { labels: { 'example.com/team': 'data' } } },
      { prop: 'version', label: 'version 4.3', props: { version: RabbitMqVersion.V4_3 }, capability: 'rabbitMq43' },
      { prop: 'instanceSize', label: 'instanceSize', props: { instanceSize: InstanceSize.MEDIUM } },
      { prop: 'storage', label: 'storage', props: { storage: Size.gibibytes(20) }, capability: 'storageSize' },
      {
        prop: 'highAvailability',
        label: 'highAvailability REQUIRED (against NONE)',
        props: { highAvailability: HighAvailability.REQUIRED },
        baseline: { highAvailability: HighAvailability.NONE },
        capability: 'highAvailability',
      },
      { prop: 'queues', label: 'queues', props: { queues: ['orders', 'orders.retry'] }, capability: 'declaredQueues' },
      { prop: 'virtualHost', label: 'virtualHost', props: { virtualHost: 'shop' }, capability: 'virtualHost' },
      { prop: 'deletionPolicy', label: 'deletionPolicy DELETE', props: { deletionPolicy: DeletionPolicy.DELETE }, capability: 'deletionDelete' },
    ],
  },
];

/** The pod of every bound workload: one app container, and a ServiceAccount of its own (cloud identities bind to it). */
function pod(scope: Construct): kplus.WorkloadProps {
  return {
    containers: [{ image: 'example.com/app:1.0.0', name: 'app', ports: [{ number: 8080 }] }],
    serviceAccount: new kplus.ServiceAccount(scope, 'AppSa', { metadata: { name: 'app' } }),
  };
}

/** The workload kinds every service is bound to, and the capability that answers for each. */
export const WORKLOADS: { [kind: string]: { capability: string; what: string; make: (scope: Construct) => kplus.AbstractPod } } = {
  Deployment: { capability: 'bindDeployment', what: 'a Deployment', make: (s) => new kplus.Deployment(s, 'App', pod(s)) },
  StatefulSet: { capability: 'bindStatefulSet', what: 'a StatefulSet', make: (s) => new kplus.StatefulSet(s, 'App', pod(s)) },
  Job: { capability: 'bindJob', what: 'a Job', make: (s) => new kplus.Job(s, 'App', pod(s)) },
  CronJob: { capability: 'bindCronJob', what: 'a CronJob', make: (s) => new kplus.CronJob(s, 'App', { ...pod(s), schedule: Cron.daily() }) },
};

/** The synthesized YAML of one service under one profile (and its capabilities, from the backend that served it). */
function build(service: MatrixService, profile: () => Profile, props: { [key: string]: unknown }, bind?: string) {
  const { chart } = newChart();
  Profile.use(chart, profile());
  const s = service.make(chart, 'Svc', props);
  if (bind) s.bind(WORKLOADS[bind].make(chart));
  return { service: s, chart };
}

function capabilityOf(service: PortableService, capability: string): Support {
  const support = (service.profile.backendFor(service.kind) as ICapableBackend).capabilities as unknown as { [key: string]: Support };
  if (!(support[capability] instanceof Support)) throw new Error(`backend ${service.backendName} does not answer ${capability}`);
  return support[capability];
}

/** The message of a refusal, as the service renders it (the tail is the capability's own reason and fix). */
function refusal(service: PortableService, what: string, support: Support): string {
  return `allowed: not ${what} the ${service.backendName} backend of profile "${service.profile.name}": ${support.description}. Fix: ${support.fix}`;
}

/**
 * The feature × profile matrix: for every portable prop (and every workload kind) of every service on every
 * profile, either the backend honours it and the synthesized output changes, or it refuses it and synth fails with
 * the capability's exact reason and fix. No prop is ever silently ignored.
 */
export function featureMatrix(services: MatrixService[]): void {
  beforeAll(() => registerPortableApis());

  const propCases = services.flatMap((s) => Object.keys(s.profiles).flatMap((p) => s.variants.map((v) => [s.name, p, v.label, s, v] as const)));
  test.each(propCases)('%s on %s: %s is honoured (shows in the output, or is already met) or refused with the exact error', (_, profileName, __, service, variant) => {
    const profile = service.profiles[profileName];
    const probe = build(service, profile, service.base).service;
    const honours = (capability: string) => capabilityOf(probe, capability).honoured;
    const resolve = (p: Props | undefined) => (typeof p === 'function' ? p(honours) : p ?? {});
    const base = build(service, profile, { ...service.base, ...resolve(variant.baseline) });
    const baseYaml = Yaml.stringify(...synth(base.chart));
    const props = { ...service.base, ...resolve(variant.props) };
    const support = variant.capability ? capabilityOf(base.service, variant.capability) : undefined;
    if (support && !support.honoured) {
      expect(() => build(service, profile, props)).toThrow(`Svc: invalid ${variant.prop} `);
      expect(() => build(service, profile, props)).toThrow(refusal(base.service, 'this value on', support));
      return;
    }
    const changed = build(service, profile, props);
    const objs = synth(changed.chart);
    if (variant.requirement) expect(Yaml.stringify(...objs)).toEqual(baseYaml);
    else expect(Yaml.stringify(...objs)).not.toEqual(baseYaml);
    expectValid(objs);
  });

  const bindCases = services.flatMap((s) => Object.keys(s.profiles).flatMap((p) => Object.keys(WORKLOADS).map((w) => [s.name, p, w, s] as const)));
  test.each(bindCases)('%s on %s: binding a %s works (env in its containers) or fails with the exact error', (_, profileName, workload, service) => {
    const profile = service.profiles[profileName];
    const base = build(service, profile, service.base);
    const support = capabilityOf(base.service, WORKLOADS[workload].capability);
    if (!support.honoured) {
      expect(() => build(service, profile, service.base, workload)).toThrow(`Svc: invalid bind "test/App (${WORKLOADS[workload].what})": `);
      expect(() => build(service, profile, service.base, workload)).toThrow(refusal(base.service, `${WORKLOADS[workload].what} on`, support));
      return;
    }
    const { chart, service: bound } = build(service, profile, service.base, workload);
    const objs = synth(chart);
    expectValid(objs);
    const podSpec = workloadPod(objs, workload);
    const app = podSpec.containers.find((c: any) => c.name === 'app');
    const prefix = service.kind.contract.envPrefix;
    const env = (app.env ?? []).filter((e: any) => e.valueFrom?.secretKeyRef?.name === bound.connection.secretName).map((e: any) => e.name);
    expect(env).toEqual(bound.connection.keys.map((k) => `${prefix}${k.toUpperCase().replace(/[-.]/g, '_')}`));
  });
}

/** The pod spec of the bound workload of a kind. */
function workloadPod(objs: any[], kind: string): any {
  const [w] = byKind(objs, kind).filter((o) => o.metadata.name.startsWith('test-app'));
  return kind === 'CronJob' ? w.spec.jobTemplate.spec.template.spec : w.spec.template.spec;
}

/**
 * The contract matrix: what holds for every kind on every profile — the connection Secret's name and type, its keys
 * (the kind's contract), the binder Job filling exactly them, labels on every object, no Secret and no secret
 * material in the YAML, strict schema validity and byte-identical re-synthesis.
 */
export function contractMatrix(services: MatrixService[]): void {
  beforeAll(() => registerPortableApis());
  const cases = services.flatMap((s) => Object.keys(s.profiles).map((p) => [s.name, p, s] as const));

  test.each(cases)('%s on %s keeps the connection contract of its kind', (_, profileName, service) => {
    const { chart, service: s } = build(service, service.profiles[profileName], service.base);
    const objs = synth(chart);
    expectValid(objs);
    const contract = service.kind.contract;
    expect(s.connection.secretName).toBe(`${s.name}-connection`);
    expect(s.connection.secretType).toBe(`servicebinding.io/${contract.type}`);
    expect(s.connection.keys.slice(0, contract.keys.length)).toEqual(contract.keys);
    expect(s.connection.keys.slice(contract.keys.length).every((k) => (contract.optionalKeys ?? []).includes(k))).toBe(true);
    const jobs = byKind(objs, 'Job').filter((j) => j.metadata.name === s.connection.binderJobName);
    expect(jobs).toHaveLength(1);
    const spec = JSON.parse(jobs[0].spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec).toMatchObject({ connectionSecret: s.connection.secretName, secretType: s.connection.secretType, keys: s.connection.keys });
    // Every key has a source: a value known at synth, a deferred value, an endpoint, credentials or the uri.
    const sourced = new Set([
      ...Object.keys(spec.values), ...Object.keys(spec.deferred), ...Object.keys(spec.endpoints ?? {}),
      ...(spec.credentials ? Object.keys(spec.credentials.copy ?? { password: 'password' }) : []),
      ...(contract.uriTemplate ? ['uri'] : []),
    ]);
    expect(s.connection.keys.filter((k) => !sourced.has(k))).toEqual([]);
    expect(spec.values.type).toBe(contract.type);
    // A kind with a `tls` key: it says what the backend's encryptionInTransit capability says.
    if (contract.keys.includes('tls')) expect(spec.values.tls).toBe(String(capabilityOf(s, 'encryptionInTransit').honoured));
    // Labels: the service's objects carry its instance and backend labels.
    const mine = objs.filter((o) => o.metadata.labels?.['app.kubernetes.io/instance'] === s.name);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((o) => o.metadata.labels['portabledata.io/backend']))).toEqual(new Set([s.backendName]));
    // No Secret, no secret material.
    expect(byKind(objs, 'Secret')).toEqual([]);
    expect(Yaml.stringify(...objs)).not.toMatch(/stringData:|password: [^{\n]/);
    // Deterministic.
    const again = build(service, service.profiles[profileName], service.base);
    expect(Testing.synth(again.chart)).toEqual(objs);
  });
}
