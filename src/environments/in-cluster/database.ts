import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { serviceHost } from './cluster-domain';
import { InClusterEngine } from './engine';
import { checkTag } from './images';
import { MYSQL_ENGINE } from './mysql-engine';
import { InClusterOptions } from './options';
import { serverOption } from './parameters';
import { POSTGRES_ENGINE } from './postgres-engine';
import { inClusterServer } from './server';
import { bindsEveryWorkload } from '../../core/features';
import { ImageRef } from '../../core/images';
import { DeletionPolicy } from '../../core/policies';
import { Support } from '../../core/support';
import * as k8s from '../../imports/k8s';
import { BinderClaim } from '../../private/binder';
import { invalid } from '../../private/errors';
import { BACKUP_DEADLINE_SECONDS, CRON_JOB_POLICY, guaranteedResources, hardenedContainerSecurityContext, hardenedPodSecurityContext } from '../../private/pods';
import { celImageTag, GuardedObject } from '../../private/upgrade-guard';
import { DatabaseBinding, IDatabaseBackend, DatabaseAnswers } from '../../services/database/backend';
import { STORAGE_RANGE_GIB } from '../../services/database/database';
import { checkParameters } from '../../services/database/parameters';
import { DatabaseSpec } from '../../services/database/resolved-spec';

/** The engines the in-cluster backend runs, by `DatabaseEngine.name`. */
const ENGINES: { [engine: string]: InClusterEngine } = { mysql: MYSQL_ENGINE, postgresql: POSTGRES_ENGINE };

/** The server options of the spec's parameters; undefined without parameters (the image's default command). */
function serverArgs(scope: Construct, spec: DatabaseSpec, engine: InClusterEngine): string[] | undefined {
  const args = engine.serverArgs(checkParameters(spec.engine.name, spec.parameters, scope).map(serverOption));
  return args.length > 0 ? args : undefined;
}

/**
 * What the upgrade guard compares on a database StatefulSet: the tag of the server container's image (MySQL
 * `8.4.7`: the major is `8.4`; PostgreSQL `17.7`: `17`, never upgraded in place). Its claim template is immutable:
 * the API server refuses any change of its size itself.
 */
function statefulSetGuard(scope: Construct, spec: DatabaseSpec): GuardedObject {
  const container = (o: string) => `${o}.spec.template.spec.containers.filter(c, c.name == '${spec.engine.name}')`;
  const postgres = spec.engine.name === 'postgresql';
  return {
    object: scope.node.findChild('StatefulSet') as ApiObject,
    version: {
      field: `spec.template.spec.containers[${spec.engine.name}].image tag`,
      present: (o) => `${container(o)}.size() == 1`,
      value: (o) => celImageTag(`${container(o)}[0].image`),
      majorParts: postgres ? 1 : 2,
      noMajorInPlace: postgres
        ? 'a PostgreSQL StatefulSet cannot upgrade its data directory in place; upgrade by clone (a new service loaded from the last dump) or run CloudNativePG'
        : undefined,
    },
  };
}

/**
 * In-cluster databases: a StatefulSet of the engine's official image (pinned tag) with its data on a volume claim
 * template, a headless and a client Service, probes, Guaranteed resources from the instance size, a hardened pod,
 * no PodDisruptionBudget (node drains never wait on one), a NetworkPolicy that admits only bound workloads, and daily logical backups to a volume.
 *
 * - Engines: MySQL (`mysql` image, `mysqldump`; the application user `MYSQL_USER` has every privilege on its
 *   database only, root has its own password) and PostgreSQL (`postgres` image, `pg_dumpall`; the application user
 *   owns its database and is not a superuser, see `POSTGRES_ENGINE`).
 * - TLS: none. The servers speak plaintext inside the cluster network, where the NetworkPolicy admits only bound
 *   workloads; the contract says `tls: false` and the `uri` has no TLS parameter. `requireTls: true` fails here.
 * - Host: `<name>.<namespace>.svc.<clusterDomain>` (the profile's `clusterDomain`, `cluster.local` by default), known at synth time.
 * - High availability: a single instance (`AUTO` gives one; `REQUIRED` fails: use a cloud profile, or for
 *   PostgreSQL `postgresOperator: PostgresOperator.CLOUDNATIVE_PG`).
 * - Deletion: with `RETAIN` the data claims outlive the StatefulSet (`persistentVolumeClaimRetentionPolicy`; they
 *   come from its claim template, so they are not in the YAML and `kubectl delete -f` does not delete them either),
 *   and the backup claim `<name>-backup` is not in the YAML: the binder creates it at deploy time when it is missing
 *   (and never changes or deletes it), so neither `kubectl delete -f` nor a GitOps prune deletes the backups. With
 *   `DELETE` the data claims go with the StatefulSet and the backup claim is in the YAML.
 * - Backups: a CronJob writes a compressed logical dump to the `<name>-backup` claim at the backup start time and
 *   deletes dumps older than the retention. They stay in the cluster: copy them off-cluster (e.g. Velero) for
 *   disaster recovery.
 * - Parameters: server options in the container's `args` (MySQL `--name=value`, PostgreSQL `-c name=value`, with
 *   `shared_preload_libraries=pg_stat_statements` when a `pg_stat_statements.*` setting is given), so changing
 *   them rolls the pod (a restart, which static settings need anyway).
 * - Resize: with the profile's `storageExpansion`, the claim template asks for `STORAGE_RANGE_GIB.min` whatever
 *   `storage` says (StatefulSet claim templates are immutable, so it never changes), and the binder grows the data
 *   claim `data-<name>-0` and the retained backup claim to `storage` once they are bound. Without it, grow the claim
 *   by hand on a StorageClass with `allowVolumeExpansion`, then re-create the StatefulSet (`--cascade=orphan`) with
 *   `storage` raised to match.
 */
/**
 * The StatefulSets do not restore: their dumps (`<source>-backup` claim, read-write-once) carry the source's accounts
 * and passwords (`--all-databases`, `pg_dumpall`), so a restore needs a Job on the claim's node and a reset of the new
 * database's own credentials afterwards, which the library does not build yet.
 */
const IN_CLUSTER_RESTORE_REFUSAL = Support.refused(
  'the StatefulSet backend does not load a dump into a new database: its daily dumps (claim <source>-backup) are restored by hand',
  'create the database empty, load the newest dump of the source\'s <source>-backup claim into it (gunzip -c <file> | mysql / psql) and set the '
    + 'application user\'s password again from its credentials Secret; or, for PostgreSQL, run CloudNativePG (postgresOperator: PostgresOperator.CLOUDNATIVE_PG)');
const IN_CLUSTER_RESTORES = {
  restoreFromBackup: IN_CLUSTER_RESTORE_REFUSAL,
  clone: IN_CLUSTER_RESTORE_REFUSAL,
  pointInTime: IN_CLUSTER_RESTORE_REFUSAL,
};

export class InClusterDatabaseBackend implements IDatabaseBackend {
  public readonly name = 'in-cluster';
  public readonly capabilities: DatabaseAnswers = {
    highAvailability: Support.refused(
      'the in-cluster backend runs a single instance',
      'use HighAvailability.AUTO or NONE here, or select a profile whose backend offers HA (a cloud profile, or for PostgreSQL postgresOperator: PostgresOperator.CLOUDNATIVE_PG)'),
    backups: Support.honouredBy('a CronJob writes a compressed logical dump to the <name>-backup claim daily and deletes dumps older than the retention'),
    pointInTimeRecovery: Support.refused(
      'the StatefulSet keeps a daily logical dump (mysqldump / pg_dumpall) and no binlog or WAL archive: it can go back to a dump, not to a point in time',
      'for PostgreSQL run CloudNativePG (postgresOperator: PostgresOperator.CLOUDNATIVE_PG with walArchivePath and walArchiveSecretName in new InClusterProfile()); for MySQL select a cloud profile; or remove pointInTimeWindow'),
    ...IN_CLUSTER_RESTORES,
    engineParameters: Support.honouredBy('server options in the container args (a change restarts the pod)'),
    transitEncryption: Support.refused(
      'the in-cluster StatefulSets serve plaintext inside the cluster network (their NetworkPolicy admits only bound workloads); the contract says tls=false',
      'leave requireTls unset here, or select a profile whose backend encrypts connections (a cloud profile, or for PostgreSQL postgresOperator: PostgresOperator.CLOUDNATIVE_PG)'),
    majorVersionUpgrade: (engine: string) => (engine === 'postgresql'
      ? Support.refused(
        'a PostgreSQL server of a new major cannot start on the data directory of the old one (pg_upgrade needs both majors\' binaries), so the StatefulSet cannot upgrade in place',
        'keep the major, or upgrade by clone: a new service of the new major loaded from the last dump of <name>-backup, then move the workloads to it; or run PostgreSQL with postgresOperator: PostgresOperator.CLOUDNATIVE_PG (1.26+ upgrades in place)')
      : Support.honouredBy('the new image tag: MySQL upgrades its data directory when it starts (irreversible; 8.0 to 8.4 is the supported in-place path)')),
    deletionRetain: Support.honouredBy('persistentVolumeClaimRetentionPolicy whenDeleted: Retain on the data claims (from the claim template, not listed in the YAML), found again by name when the YAML is applied again; the backup claim is created by the binder at deploy time, not listed in the YAML'),
    deletionDelete: Support.honouredBy('persistentVolumeClaimRetentionPolicy whenDeleted: Delete; the backup claim is in the YAML'),
    ...bindsEveryWorkload('environment variables or a mounted binding, and a NetworkPolicy rule admitting the workload\'s pods'),
  };

  /** @param options the profile's options, validated by the profile */
  constructor(private readonly options: InClusterOptions = {}) {}

  public bind(scope: Construct, spec: DatabaseSpec): DatabaseBinding {
    const engine = ENGINES[spec.engine.name];
    if (!engine) {
      invalid(scope, {
        prop: 'engine',
        value: spec.engine.name,
        allowed: `an engine the in-cluster backend runs: ${Object.keys(ENGINES).join(', ')}`,
        fix: 'give this kind of service another backend in the profile',
      });
    }
    engine.checkSpec(scope, spec);
    const official = ImageRef.of(engine.repository, checkTag(scope, engine.tag(scope, spec)));
    const image = (this.options.imageRegistry === undefined ? official : official.mirroredAt(this.options.imageRegistry)).render();
    const selector = {
      'app.kubernetes.io/name': spec.engine.name,
      'app.kubernetes.io/instance': spec.name,
      'app.kubernetes.io/component': 'database',
    };
    const labels = { ...spec.labels, ...selector };
    const port = spec.engine.port;
    const retain = spec.deletionPolicy === DeletionPolicy.RETAIN;
    const initScripts = this.initScripts(scope, spec, engine, labels);
    const policy = inClusterServer(scope, {
      name: spec.name,
      labels,
      selector,
      port,
      portName: spec.engine.name,
      uid: engine.uid,
      terminationGracePeriodSeconds: 60,
      probe: { exec: { command: engine.pingCommand }, timeoutSeconds: 5 },
      startupPeriodSeconds: 10,
      container: {
        name: spec.engine.name,
        image,
        args: serverArgs(scope, spec, engine),
        env: engine.env(spec),
        resources: guaranteedResources(spec.instanceSize.cpu, spec.instanceSize.memoryMebibytes),
        lifecycle: engine.stopCommand ? { preStop: { exec: { command: engine.stopCommand } } } : undefined,
        volumeMounts: [
          { name: 'data', mountPath: engine.dataPath },
          ...(initScripts ? [{ name: 'init', mountPath: engine.initScriptsPath!, readOnly: true }] : []),
          ...engine.scratchPaths.map((mountPath, i) => ({ name: `scratch-${i}`, mountPath })),
          ...(engine.sharedMemory ? [{ name: 'shm', mountPath: '/dev/shm' }] : []),
        ],
      },
      volumes: [
        ...(initScripts ? [{ name: 'init', configMap: { name: initScripts } }] : []),
        ...engine.scratchPaths.map((_, i) => ({ name: `scratch-${i}`, emptyDir: {} })),
        // Bounded by the container's memory limit (tmpfs pages are charged to the pod).
        ...(engine.sharedMemory ? [{ name: 'shm', emptyDir: { medium: 'Memory' } }] : []),
      ],
      // With expansion the template never changes: the binder grows the claims (`grownClaims`).
      storageGiB: this.options.storageExpansion ? STORAGE_RANGE_GIB.min : spec.storage.toGibibytes(),
      storageClassName: this.options.storageClassName,
      retainClaims: retain,
    });
    const claims: BinderClaim[] = [];
    if (spec.backup.enabled) {
      const backupLabels = this.backup(scope, spec, engine, image, labels, retain, claims);
      policy.allow(backupLabels);
    }

    return {
      provider: 'in-cluster',
      host: serviceHost(spec.name, this.options.clusterDomain),
      port,
      tls: false,
      clientNegotiatesTls: false,
      generatedPasswordKeys: spec.credentials.isGenerated ? engine.adminPasswordKeys(spec) : [],
      workloadBinder: policy,
      claims,
      grownClaims: this.options.storageExpansion ? [
        { name: `data-${spec.name}-0`, storage: `${spec.storage.toGibibytes()}Gi` },
        ...claims.map((c) => ({ name: c.name, storage: `${spec.storage.toGibibytes()}Gi` })),
      ] : undefined,
      guarded: statefulSetGuard(scope, spec),
    };
  }

  /** The ConfigMap `<name>-init` of the engine's init scripts (construct ID `InitScripts`); its name, if any. */
  private initScripts(scope: Construct, spec: DatabaseSpec, engine: InClusterEngine, labels: { [key: string]: string }): string | undefined {
    if (!engine.initScripts || !engine.initScriptsPath) return undefined;
    const name = `${spec.name}-init`;
    new k8s.KubeConfigMap(scope, 'InitScripts', { metadata: { name, labels }, data: { ...engine.initScripts } });
    return name;
  }

  private backup(scope: Construct, spec: DatabaseSpec, engine: InClusterEngine, image: string,
    labels: { [key: string]: string }, retain: boolean, claims: BinderClaim[]): { [key: string]: string } {
    const name = `${spec.name}-backup`;
    const backupLabels = { ...labels, 'app.kubernetes.io/component': 'backup' };
    const podSelector = { 'app.kubernetes.io/instance': spec.name, 'app.kubernetes.io/component': 'backup' };
    const claimSpec: k8s.PersistentVolumeClaimSpec = {
      accessModes: ['ReadWriteOnce'],
      storageClassName: this.options.storageClassName,
      resources: { requests: { storage: k8s.Quantity.fromString(`${spec.storage.toGibibytes()}Gi`) } },
    };
    if (retain) {
      // Not in the YAML: the binder creates it at deploy time, so `kubectl delete -f` (and a GitOps prune) of the
      // YAML leaves the backups. Its pods wait for it (Pending) until then.
      claims.push({ name, labels: backupLabels, spec: k8s.toJson_PersistentVolumeClaimSpec(claimSpec)! });
    } else {
      new k8s.KubePersistentVolumeClaim(scope, 'BackupVolume', { metadata: { name, labels: backupLabels }, spec: claimSpec });
    }
    const [hh, mm] = spec.backup.startTime!.split(':').map(Number);
    const retentionMinutes = spec.backup.retention!.toDays() * 24 * 60;
    const script = [
      'set -eu -o pipefail',
      // Runs never overlap (concurrencyPolicy Forbid): a .partial file left by a killed run is stale.
      `find /backup -maxdepth 1 -name '${spec.name}-*.sql.gz.partial' -delete`,
      `BACKUP_FILE="/backup/${spec.name}-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"`,
      'trap \'rm -f "$BACKUP_FILE.partial"\' EXIT',
      engine.dumpScript.replace('"$BACKUP_FILE"', '"$BACKUP_FILE.partial"'),
      'mv "$BACKUP_FILE.partial" "$BACKUP_FILE"',
      `find /backup -name '${spec.name}-*.sql.gz' -mmin +${retentionMinutes} -delete`,
    ].join('\n');
    new k8s.KubeCronJob(scope, 'BackupCronJob', {
      metadata: { name, labels: backupLabels },
      spec: {
        schedule: `${mm} ${hh} * * *`,
        ...CRON_JOB_POLICY,
        jobTemplate: {
          metadata: { labels: backupLabels },
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: BACKUP_DEADLINE_SECONDS,
            template: {
              metadata: { labels: { ...backupLabels, ...podSelector } },
              spec: {
                restartPolicy: 'OnFailure',
                automountServiceAccountToken: false,
                enableServiceLinks: false,
                securityContext: hardenedPodSecurityContext(engine.uid),
                containers: [{
                  name: 'backup',
                  image,
                  command: ['bash', '-c', script],
                  env: [{ name: 'DB_HOST', value: spec.name }, ...engine.backupEnv(spec)],
                  resources: {
                    requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('256Mi') },
                    limits: { memory: k8s.Quantity.fromString('1Gi') },
                  },
                  securityContext: hardenedContainerSecurityContext(),
                  volumeMounts: [{ name: 'backup', mountPath: '/backup' }, { name: 'tmp', mountPath: '/tmp' }],
                }],
                volumes: [
                  { name: 'backup', persistentVolumeClaim: { claimName: name } },
                  { name: 'tmp', emptyDir: {} },
                ],
              },
            },
          },
        },
      },
    });
    return podSelector;
  }
}
