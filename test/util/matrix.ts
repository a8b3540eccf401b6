import { Cron, Duration, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct, IConstruct } from 'constructs';
import { registerPortableApis } from './portable-apis';
import { expectValid } from './schema';
import { byKind, newChart, synth } from './synth';
import {
  Backup, BindOptions, CachePersistence, Credentials, DataSource, DeletionPolicy, EvictionPolicy, HighAvailability, InstanceSize, MySqlVersion,
  PortableCache, PortableMySQL, PortableObjectStore, PortablePostgres, PortableQueue, PortableService, PostgresVersion, Profile,
  ServiceKind, ValkeyVersion,
} from '../../src';

import * as portable from '../../src';
import { answerOf, BIND_FEATURES, COMMON_FEATURES, Feature } from '../../src/core/features';
import { IKindBackend, kindModuleOf } from '../../src/core/kind-module';
import { Support } from '../../src/core/support';

/**
 * The contract and feature matrices: every service kind × every profile. Both are functions of their lists, so a
 * test can add a kind or an environment of its own (test/extension.test.ts) and the same matrices check it.
 */

/** Props, or props that depend on what the backend honours (e.g. HA with backups where the backend has backups). */
export type Props = { [key: string]: unknown } | ((honours: (row: string) => boolean, scope: Construct) => { [key: string]: unknown });

/** Props as `build` takes them: resolved, or a function of the chart the service is made in (e.g. to find a source). */
type PropsIn = { [key: string]: unknown } | ((scope: Construct) => { [key: string]: unknown });

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
   * The row of the kind's feature table the variant asks (with the row's sample); refused ⇒ synth fails with the
   * backend's reason and fix.
   * @default - a core prop every backend must honour
   */
  readonly feature?: string;
  /**
   * What the variant asks of the feature, where known without building it (the row's sample, for the default props).
   * @default - what its props ask, read from the spec they resolve to on a profile that honours them
   */
  readonly asked?: unknown;
  /**
   * A requirement, not a setting (`requireTls`): where the backend honours the row, the output is the same
   * as without it (the requirement is already met); where it refuses it, synth fails with its reason and fix.
   * A function of the backend's name where some backends meet it as they are and others change their output for it.
   * @default false - honoured ⇒ the output changes
   */
  readonly requirement?: boolean | ((backend: string) => boolean);
  /**
   * Objects made in the chart before the service, for the variant and its baseline alike (e.g. the source database of
   * a restore, which the variant's props find in the chart).
   * @default - none
   */
  readonly setup?: (scope: Construct, honours: (row: string) => boolean) => void;
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
  /** Base props: valid on every profile of the list (with `baseFor`'s overrides). */
  readonly base: { [key: string]: unknown };
  /**
   * Base props of a profile that cannot take `base` as is (Azure takes backups always: `Backup.disabled()` is refused
   * there), merged over `base`.
   * @default - `base` on every profile
   */
  readonly baseFor?: { [profile: string]: { [key: string]: unknown } };
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
      walArchivePath: 's3://acme-pg-archive/prod',
      walArchiveSecretName: 'pg-archive-connection',
      walArchiveEndpoint: 'http://rook-ceph-rgw-store.rook-ceph.svc:80',
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
    'azure': () => new lib.AzureProfile({
      location: 'westeurope',
      resourceGroupId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod',
      mysqlSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/mysql',
      mysqlPrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/prod.mysql.database.azure.com',
      postgresSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/postgres',
      postgresPrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/prod.postgres.database.azure.com',
      cacheSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/endpoints',
      cachePrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net',
      queuesInCluster: true,
      objectStoresInCluster: true,
    }),
    'crossplane': () => new lib.CrossplaneProfile({ compositionSelector: { provider: 'aws' } }),
    'crossplane-gcp-queues-in-cluster': () => new lib.CrossplaneProfile({
      name: 'crossplane-gcp',
      compositionSelector: { provider: 'gcp' },
      queuesInCluster: true,
      queueOperator: lib.QueueOperator.RABBITMQ_OPERATORS,
      queueStorageReclaimPolicy: lib.DeletionPolicy.RETAIN,
    }),
  };
}

/** The built-in profiles of the matrices, including the operator variants. */
export const MATRIX_PROFILES: { [name: string]: () => Profile } = matrixProfilesOf(portable);

/**
 * The variant of one row of a kind's feature table: by default its prop set to the row's sample (so the answer the
 * matrix expects is the answer to the sample); `props` and `baseline` where the prop needs more.
 */
export function featureVariant(kind: ServiceKind, row: string, shape: Partial<Pick<PropVariant, 'props' | 'baseline' | 'requirement' | 'label' | 'setup'>> = {}): PropVariant {
  const feature = featureOf(kind, row);
  return {
    prop: feature.prop,
    label: shape.label ?? row,
    props: shape.props ?? { [feature.prop]: feature.sample },
    baseline: shape.baseline,
    feature: row,
    asked: shape.props === undefined ? feature.sample : undefined,
    requirement: shape.requirement,
    setup: shape.setup,
  };
}

/** A row of a kind's feature table, or of the common ones. */
export function featureOf(kind: ServiceKind, row: string): Feature<any, any> {
  const feature = { ...kindModuleOf(kind).features, ...COMMON_FEATURES }[row] as Feature<any, any> | undefined;
  if (!feature) throw new Error(`kind ${kind.name} has no feature ${row}`);
  return feature;
}

/** The rows of a kind's table a declaration can ask: every row but statements and the defaults the base asks. */
export function askableRows(kind: ServiceKind): string[] {
  const table = { ...kindModuleOf(kind).features, ...COMMON_FEATURES } as { [row: string]: Feature<any, any> };
  return Object.keys(table).filter((row) => table[row].ask !== undefined && row !== 'deletionRetain');
}

/** The variants every relational database has. */
function databaseVariants(kind: ServiceKind, otherVersion: unknown): PropVariant[] {
  return [
    { prop: 'name', label: 'name', props: { name: 'renamed-db' } },
    { prop: 'version', label: 'version', props: { version: otherVersion } },
    { prop: 'storage', label: 'storage', props: { storage: Size.gibibytes(37) } },
    { prop: 'instanceSize', label: 'instanceSize', props: { instanceSize: InstanceSize.MEDIUM } },
    { prop: 'databaseName', label: 'databaseName', props: { databaseName: 'orders' } },
    { prop: 'credentials', label: 'credentials (generated user)', props: { credentials: Credentials.generated({ username: 'svc' }) } },
    { prop: 'labels', label: 'labels', props: { labels: { 'example.com/team': 'data' } } },
    // Against NONE (AUTO already gives HA where the backend has it), with backups where the backend takes them (a
    // regional Cloud SQL instance needs them).
    featureVariant(kind, 'highAvailability', {
      label: 'highAvailability REQUIRED (against NONE)',
      props: (h) => ({ highAvailability: HighAvailability.REQUIRED, backup: h('backups') ? Backup.daily() : Backup.disabled() }),
      baseline: (h) => ({ highAvailability: HighAvailability.NONE, backup: h('backups') ? Backup.daily() : Backup.disabled() }),
    }),
    featureVariant(kind, 'backups'),
    // A requirement where the backend keeps its logs for the retention anyway (RDS, Azure) and where the window is
    // its default (Cloud SQL's 7 days): the output stays the same; CloudNativePG archives WAL for it and the Crossplane claim carries it (the output
    // changes); refused elsewhere.
    featureVariant(kind, 'pointInTimeRecovery', {
      baseline: (h) => (h('backups') ? { backup: Backup.daily() } : {}),
      requirement: (backend) => !['cloudnative-pg', 'crossplane'].includes(backend),
    }),
    ...restoreVariants(kind),
    featureVariant(kind, 'engineParameters'),
    featureVariant(kind, 'deletionDelete'),
    // A requirement, not a setting: where honoured, the output is the same as without it.
    featureVariant(kind, 'transitEncryption', { requirement: true }),
    // Asked with the engine's name: the allowance annotation on the backend's object, or the backend's refusal.
    featureVariant(kind, 'majorVersionUpgrade', { props: { allowMajorVersionUpgrade: true } }),
  ];
}


/** A point in time of the restore variants: an hour ago (a past time, within any window). */
const AN_HOUR_AGO = new Date(Math.floor(Date.now() / 3600000) * 3600000 - 3600000).toISOString().replace(/\.000Z$/, 'Z');

/**
 * The restore variants: a named backup, a clone and a point in time of a source database of the same kind made in
 * the chart first (with a recovery window where the backend keeps one), compared with the same chart without
 * `restoreFrom`.
 */
function restoreVariants(kind: ServiceKind): PropVariant[] {
  const setup = (scope: Construct, h: (row: string) => boolean) => {
    const props = {
      name: 'source-db',
      ...(h('backups') ? { backup: Backup.daily({ retention: Duration.days(10), pointInTimeWindow: h('pointInTimeRecovery') ? Duration.days(7) : undefined }) } : { backup: Backup.disabled() }),
    };
    if (kind === PortableMySQL.KIND) new PortableMySQL(scope, 'Source', props);
    else new PortablePostgres(scope, 'Source', props);
  };
  const source = (scope: Construct) => scope.node.findChild('Source') as PortableService;
  return [
    featureVariant(kind, 'restoreFromBackup', { setup, props: { restoreFrom: DataSource.backup('orders-db-20261201') } }),
    featureVariant(kind, 'clone', { setup, props: (_, scope) => ({ restoreFrom: DataSource.cloneOf(source(scope)) }) }),
    featureVariant(kind, 'pointInTime', { setup, props: (_, scope) => ({ restoreFrom: DataSource.pointInTime(source(scope), AN_HOUR_AGO) }) }),
  ];
}

/** The base props of a service on a profile of its matrix: `base` with the profile's overrides. */
export function baseOf(service: MatrixService, profileName: string | undefined): { [key: string]: unknown } {
  return { ...service.base, ...(profileName === undefined ? {} : service.baseFor?.[profileName] ?? {}) };
}

/**
 * Azure Flexible Server always takes backups: the base keeps them, 10 days, so the backups variant (7 days) still
 * changes the output; and has no high availability on Burstable SKUs (small): the base is large, so the
 * highAvailability and instanceSize (medium) variants are asked of a size that can answer them.
 */
const AZURE_DATABASE_BASE = { azure: { backup: Backup.daily({ retention: Duration.days(10) }), instanceSize: InstanceSize.LARGE } };

/** The built-in services of the matrices. */
export const MATRIX_SERVICES: MatrixService[] = [
  {
    name: 'PortableMySQL',
    kind: PortableMySQL.KIND,
    profiles: MATRIX_PROFILES,
    make: (scope, id, props) => new PortableMySQL(scope, id, props),
    // Backups off in the base: the variant turns them on (a backend that refuses them fails there, not everywhere).
    base: { name: 'orders-db', backup: Backup.disabled() },
    baseFor: AZURE_DATABASE_BASE,
    variants: databaseVariants(PortableMySQL.KIND, MySqlVersion.V8_0),
  },
  {
    name: 'PortablePostgres',
    kind: PortablePostgres.KIND,
    profiles: MATRIX_PROFILES,
    make: (scope, id, props) => new PortablePostgres(scope, id, props),
    base: { name: 'orders-db', backup: Backup.disabled() },
    baseFor: AZURE_DATABASE_BASE,
    variants: databaseVariants(PortablePostgres.KIND, PostgresVersion.V16),
  },
  {
    name: 'PortableObjectStore',
    kind: PortableObjectStore.KIND,
    profiles: MATRIX_PROFILES,
    make: (scope, id, props) => new PortableObjectStore(scope, id, props),
    base: { name: 'uploads', versioned: false },
    variants: [
      { prop: 'name', label: 'name', props: { name: 'renamed-store' } },
      { prop: 'bucketName', label: 'bucketName', props: { bucketName: 'acme-uploads-4711' } },
      { prop: 'labels', label: 'labels', props: { labels: { 'example.com/team': 'data' } } },
      featureVariant(PortableObjectStore.KIND, 'versioning'),
      featureVariant(PortableObjectStore.KIND, 'noncurrentVersionExpiration', { props: { versioned: true, noncurrentVersionExpiration: featureOf(PortableObjectStore.KIND, 'noncurrentVersionExpiration').sample } }),
      featureVariant(PortableObjectStore.KIND, 'expiration'),
      featureVariant(PortableObjectStore.KIND, 'deletionDelete'),
    ],
  },
  {
    name: 'PortableCache',
    kind: PortableCache.KIND,
    profiles: MATRIX_PROFILES,
    make: (scope, id, props) => new PortableCache(scope, id, props),
    base: { name: 'sessions' },
    variants: [
      { prop: 'name', label: 'name', props: { name: 'renamed-cache' } },
      { prop: 'labels', label: 'labels', props: { labels: { 'example.com/team': 'data' } } },
      featureVariant(PortableCache.KIND, 'version'),
      { prop: 'version', label: 'version 8.1', props: { version: ValkeyVersion.V8_1 }, feature: 'version' },
      { prop: 'memory', label: 'memory', props: { memory: Size.gibibytes(6) } },
      featureVariant(PortableCache.KIND, 'highAvailability', {
        label: 'highAvailability REQUIRED (against NONE)', baseline: { highAvailability: HighAvailability.NONE },
      }),
      featureVariant(PortableCache.KIND, 'durable'),
      featureVariant(PortableCache.KIND, 'restoreFromSnapshot'),
      { prop: 'evictionPolicy', label: 'evictionPolicy', props: { evictionPolicy: EvictionPolicy.ALLKEYS_LFU } },
      // On durable data where the backend keeps it (a cache-only server in the cluster has nothing to delete).
      featureVariant(PortableCache.KIND, 'deletionDelete', {
        props: (h) => ({ deletionPolicy: DeletionPolicy.DELETE, persistence: h('durable') ? CachePersistence.DURABLE : CachePersistence.CACHE_ONLY }),
        baseline: (h) => ({ persistence: h('durable') ? CachePersistence.DURABLE : CachePersistence.CACHE_ONLY }),
      }),
    ],
  },
  {
    name: 'PortableQueue',
    kind: PortableQueue.KIND,
    profiles: MATRIX_PROFILES,
    make: (scope, id, props) => new PortableQueue(scope, id, props),
    base: { name: 'orders' },
    variants: [
      { prop: 'name', label: 'name', props: { name: 'renamed-queue' } },
      { prop: 'labels', label: 'labels', props: { labels: { 'example.com/team': 'data' } } },
      featureVariant(PortableQueue.KIND, 'version'),
      { prop: 'instanceSize', label: 'instanceSize', props: { instanceSize: InstanceSize.MEDIUM } },
      featureVariant(PortableQueue.KIND, 'storage', { props: { storage: Size.gibibytes(featureOf(PortableQueue.KIND, 'storage').sample) } }),
      featureVariant(PortableQueue.KIND, 'highAvailability', {
        label: 'highAvailability REQUIRED (against NONE)', baseline: { highAvailability: HighAvailability.NONE },
      }),
      featureVariant(PortableQueue.KIND, 'queues'),
      featureVariant(PortableQueue.KIND, 'virtualHost'),
      featureVariant(PortableQueue.KIND, 'deletionDelete'),
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

/** The workload kinds every service is bound to, and the row of `BIND_FEATURES` that answers for each. */
export const WORKLOADS: { [kind: string]: { feature: keyof typeof BIND_FEATURES; what: string; make: (scope: Construct) => kplus.AbstractPod } } = {
  Deployment: { feature: 'bindDeployment', what: 'a Deployment', make: (s) => new kplus.Deployment(s, 'App', pod(s)) },
  StatefulSet: { feature: 'bindStatefulSet', what: 'a StatefulSet', make: (s) => new kplus.StatefulSet(s, 'App', pod(s)) },
  Job: { feature: 'bindJob', what: 'a Job', make: (s) => new kplus.Job(s, 'App', pod(s)) },
  CronJob: { feature: 'bindCronJob', what: 'a CronJob', make: (s) => new kplus.CronJob(s, 'App', { ...pod(s), schedule: Cron.daily() }) },
};

/** The synthesized YAML of one service under one profile (and the backend that served it). */
function build(service: MatrixService, profile: () => Profile, props: PropsIn, bind?: string, setup?: (scope: Construct) => void) {
  const { chart } = newChart();
  Profile.use(chart, profile());
  setup?.(chart);
  const s = service.make(chart, 'Svc', typeof props === 'function' ? props(chart) : props);
  if (bind) s.bind(WORKLOADS[bind].make(chart));
  return { service: s, chart };
}

/** A backend's answer to a row of a feature table, for an asked value (the row's sample by default). */
export function answerFor(service: PortableService, row: string, asked?: unknown): Support {
  const answers = (service.profile.backendFor(service.kind) as IKindBackend<any, any, any>).capabilities as { [row: string]: any };
  if (answers[row] === undefined) throw new Error(`backend ${service.backendName} does not answer ${row}`);
  const feature = row in BIND_FEATURES ? (BIND_FEATURES as any)[row] : featureOf(service.kind, row);
  const support = answerOf(answers[row], asked ?? feature.sample);
  if (!(support instanceof Support)) throw new Error(`backend ${service.backendName} answers ${row} with no Support`);
  return support;
}

/**
 * The spec a declaration resolves to, whatever the backend: built under the profile that honours everything the
 * matrix asks (a probe), so that a refused variant's asked value is known before the refusal is expected.
 */
function specOf(service: MatrixService, variant: PropVariant, feature: Feature<any, any>): unknown {
  for (const [name, profile] of Object.entries(service.profiles)) {
    try {
      const { props, setup } = variantOn(service, name, variant);
      return (build(service, profile, props, undefined, setup).service as any)._spec;
    } catch {
      // refused here: another profile honours it
    }
  }
  throw new Error(`no profile of the matrix honours ${feature.prop} as asked by ${variant.label}: the matrix cannot know what it asks`);
}

/** A variant's props, baseline and setup on one profile: functions of what its backend honours. */
function variantOn(service: MatrixService, profileName: string, variant: PropVariant) {
  const profile = service.profiles[profileName];
  const probe = build(service, profile, baseOf(service, profileName)).service;
  const honours = (row: string) => answerFor(probe, row).honoured;
  const resolve = (p: Props | undefined) => (scope: Construct) => (typeof p === 'function' ? p(honours, scope) : p ?? {});
  return {
    setup: variant.setup ? (scope: Construct) => variant.setup!(scope, honours) : undefined,
    baseline: (scope: Construct) => ({ ...baseOf(service, profileName), ...resolve(variant.baseline)(scope) }),
    props: (scope: Construct) => ({ ...baseOf(service, profileName), ...resolve(variant.props)(scope) }),
  };
}

/** The message of a refusal, as the service renders it (the tail is the backend's own reason and fix). */
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

  test.each(services.map((s) => [s.name, s] as const))('%s has a variant for every row of its feature table', (_, service) => {
    expect(askableRows(service.kind).filter((row) => !service.variants.some((v) => v.feature === row))).toEqual([]);
  });

  const propCases = services.flatMap((s) => Object.keys(s.profiles).flatMap((p) => s.variants.map((v) => [s.name, p, v.label, s, v] as const)));
  test.each(propCases)('%s on %s: %s is honoured (shows in the output, or is already met) or refused with the exact error', (_, profileName, __, service, variant) => {
    const profile = service.profiles[profileName];
    const { setup, baseline, props } = variantOn(service, profileName, variant);
    const base = build(service, profile, baseline, undefined, setup);
    const baseYaml = Yaml.stringify(...synth(base.chart));
    const feature = variant.feature ? featureOf(service.kind, variant.feature) : undefined;
    // The value the variant asks: the row's sample, or what its props ask (a second value of the same row).
    const asked = !feature ? undefined : variant.asked !== undefined ? variant.asked : feature.ask!(specOf(service, variant, feature));
    const support = variant.feature ? answerFor(base.service, variant.feature, asked) : undefined;
    if (support && !support.honoured) {
      expect(() => build(service, profile, props, undefined, setup)).toThrow(`Svc: invalid ${variant.prop} `);
      expect(() => build(service, profile, props, undefined, setup)).toThrow(refusal(base.service, feature!.what ?? 'this value on', support));
      return;
    }
    const changed = build(service, profile, props, undefined, setup);
    if (feature) expect(feature.ask!((changed.service as any)._spec)).toEqual(asked);
    const objs = synth(changed.chart);
    const requirement = typeof variant.requirement === 'function' ? variant.requirement(changed.service.backendName) : variant.requirement;
    if (requirement) expect(Yaml.stringify(...objs)).toEqual(baseYaml);
    else expect(Yaml.stringify(...objs)).not.toEqual(baseYaml);
    expectValid(objs);
  });

  const bindCases = services.flatMap((s) => Object.keys(s.profiles).flatMap((p) => Object.keys(WORKLOADS).map((w) => [s.name, p, w, s] as const)));
  test.each(bindCases)('%s on %s: binding a %s works (env in its containers) or fails with the exact error', (_, profileName, workload, service) => {
    const profile = service.profiles[profileName];
    const base = build(service, profile, baseOf(service, profileName));
    const support = answerFor(base.service, WORKLOADS[workload].feature);
    if (!support.honoured) {
      expect(() => build(service, profile, baseOf(service, profileName), workload)).toThrow(`Svc: invalid bind "test/App (${WORKLOADS[workload].what})": `);
      expect(() => build(service, profile, baseOf(service, profileName), workload)).toThrow(refusal(base.service, `${WORKLOADS[workload].what} on`, support));
      return;
    }
    const { chart, service: bound } = build(service, profile, baseOf(service, profileName), workload);
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
    const { chart, service: s } = build(service, service.profiles[profileName], baseOf(service, profileName));
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
    // A kind with a `tls` or `ssl` key: it says what the backend's transitEncryption answer says.
    for (const key of ['tls', 'ssl'].filter((k) => contract.keys.includes(k))) expect(spec.values[key]).toBe(String(answerFor(s, 'transitEncryption').honoured));
    // Labels: the service's objects carry its instance and backend labels.
    const mine = objs.filter((o) => o.metadata.labels?.['app.kubernetes.io/instance'] === s.name);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((o) => o.metadata.labels['portabledata.io/backend']))).toEqual(new Set([s.backendName]));
    // No Secret, no secret material.
    expect(byKind(objs, 'Secret')).toEqual([]);
    expect(Yaml.stringify(...objs)).not.toMatch(/stringData:|password: [^{\n]/);
    // Deterministic.
    const again = build(service, service.profiles[profileName], baseOf(service, profileName));
    expect(Testing.synth(again.chart)).toEqual(objs);
  });
}
