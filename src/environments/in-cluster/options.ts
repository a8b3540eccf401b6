import { QueueOperator } from './queue-options';
import { DeletionPolicy } from '../../core/policies';

/**
 * The operator that runs PostgreSQL in the cluster.
 */
export enum PostgresOperator {
  /** None: a StatefulSet of the official `postgres` image (a single instance). */
  NONE = 'none',
  /**
   * CloudNativePG (`postgresql.cnpg.io`): real high availability (`instances`), failover and scheduled backups.
   * The CloudNativePG operator must be installed in the cluster.
   */
  CLOUDNATIVE_PG = 'cloudnative-pg',
}

/**
 * Options of the in-cluster backends.
 */
export interface InClusterOptions {
  /**
   * StorageClass of the data volumes.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * What the data volumes' StorageClass (`storageClassName`) does with a volume when its claim is deleted (its
   * `reclaimPolicy`). CloudNativePG owns its claims, so deleting a `Cluster` (e.g. `kubectl delete -f` of the YAML)
   * deletes them (cloudnative-pg/cloudnative-pg#8442), and the RabbitMQ Cluster Operator's claims go with their
   * `RabbitmqCluster` (owned by it up to v2.22.3): the class's policy then decides whether the data stays, and
   * CloudNativePG and RabbitMQ-operator services whose `deletionPolicy` differs fail at synth. The StatefulSets keep or delete their
   * claims themselves (`persistentVolumeClaimRetentionPolicy`) and do not use it.
   * @default DeletionPolicy.DELETE - the `reclaimPolicy` of dynamically provisioned volumes unless the class sets one
   */
  readonly storageReclaimPolicy?: DeletionPolicy;
  /**
   * Whether the data volumes' StorageClass (`storageClassName`) allows expansion (`allowVolumeExpansion: true`).
   * Then a larger `storage` of a database StatefulSet grows its claims: its claim template (immutable) asks for
   * 20 GiB, the smallest `storage` a database can declare, whatever `storage` says, and the binder grows the data
   * claim `data-<name>-0` (and the retained backup claim `<name>-backup`) to `storage` once it is bound, never
   * shrinking one (RBAC: `get` and `patch` of those claims by name). Without it, a larger `storage` changes the claim
   * template, which the API server refuses. Turning it on for a database whose `storage` is not 20 GiB changes its
   * claim template once: delete the StatefulSet alone first (`kubectl delete statefulset <name> --cascade=orphan`).
   * CloudNativePG grows its claims itself (`resizeInUseVolumes`).
   * @default false
   */
  readonly storageExpansion?: boolean;
  /**
   * Registry and repository prefix for the official images (`mysql`, `postgres`) of the StatefulSets, for clusters
   * that pull through a mirror (e.g. `mirror.gcr.io/library`). CloudNativePG clusters run the operator's own
   * operand images (`ghcr.io/cloudnative-pg/postgresql`), which this prefix does not apply to. A digest recorded in
   * the image table is kept, so the mirror must serve the same manifests (a pull-through cache does).
   * @default 'docker.io/library'
   */
  readonly imageRegistry?: string;
  /**
   * Run PostgreSQL through an operator.
   * @default PostgresOperator.NONE
   */
  readonly postgresOperator?: PostgresOperator;
  /**
   * VolumeSnapshotClass of the data volumes' CSI driver, for the backups of CloudNativePG clusters
   * (`postgresOperator: PostgresOperator.CLOUDNATIVE_PG`): daily volume snapshots taken by the operator. Without it,
   * CloudNativePG services must use `Backup.disabled()`, since CloudNativePG backs up only to an object store or to
   * volume snapshots. The StatefulSets do not use it (they dump to a backup volume).
   * @default - none: CloudNativePG services fail at synth unless their backups are disabled
   */
  readonly volumeSnapshotClassName?: string;
  /**
   * An S3 location for the WAL archive of CloudNativePG clusters (`postgresOperator: PostgresOperator.CLOUDNATIVE_PG`),
   * `s3://<bucket>[/<prefix>]`: a database with a recovery window (`Backup.daily({ pointInTimeWindow })`) archives its
   * WAL and takes its daily base backups there (`backup.barmanObjectStore`, one folder per database, kept the backup
   * retention), and can then be cloned or restored to a point in time (`DataSource.cloneOf()`,
   * `DataSource.pointInTime()`). E.g. the bucket of a `PortableObjectStore` of the app (`s3://${store.bucketName}`).
   * Needs `walArchiveSecretName`.
   * @default - none: CloudNativePG clusters back up to volume snapshots and refuse recovery windows
   */
  readonly walArchivePath?: string;
  /**
   * The Secret with the archive's access keys, under the keys `access-key-id` and `secret-access-key`: the keys of a
   * `PortableObjectStore`'s connection Secret (`<name>-connection`) whose backend gives access keys.
   * @default - none (required with `walArchivePath`)
   */
  readonly walArchiveSecretName?: string;
  /**
   * The S3 endpoint of the archive, for an S3-compatible store other than AWS S3 (the in-cluster object store, Rook).
   * @default - AWS S3
   */
  readonly walArchiveEndpoint?: string;
  /**
   * The cluster's DNS domain (the kubelet's `clusterDomain`): the in-cluster hosts of the connection Secrets are
   * `<service>.<namespace>.svc.<clusterDomain>`.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
  /**
   * Run the queue brokers (`PortableQueue`) through the RabbitMQ operators.
   * @default QueueOperator.NONE
   */
  readonly queueOperator?: QueueOperator;
}
