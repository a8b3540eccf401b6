import { inClusterQueueBackend } from './base-layer';
import { InClusterCacheBackend } from './cache';
import { CloudNativePgDatabaseBackend } from './cloudnative-pg/database';
import { IN_CLUSTER_COSTS } from './cost';
import { InClusterDatabaseBackend } from './database';
import { IN_CLUSTER_IMAGES } from './images';
import { InClusterObjectStoreBackend } from './object-store';
import { InClusterObjectStoreOptions, ObjectStoreOperator } from './object-store-options';
import { InClusterOptions, PostgresOperator } from './options';
import { IN_CLUSTER_PREREQUISITES } from './prerequisites';
import { QueueOperator } from './queue-options';
import { checkBucketStorageClass, checkReclaimPolicy, RookObjectStoreBackend } from './rook/object-store';
import { validateInClusterOptions } from './validate-options';
import { Environment } from '../../core/environment';
import { serves } from '../../core/kind-module';
import { DeletionPolicy } from '../../core/policies';
import { environmentProfileProps, Profile } from '../../core/profile';
import { BOOLEAN, COMMON_OPTIONS, OptionTable, optionalEnum, SIZE, STRING } from '../../core/profile-file-options';
import { CommonProfileOptions } from '../../core/profile-options';
import { checkEnum, checkOptionsObject } from '../../private/validate';
import { CACHE } from '../../services/cache/kind';
import { MYSQL, POSTGRES } from '../../services/database/kind';
import { OBJECT_STORE } from '../../services/object-store/kind';
import { QUEUE } from '../../services/queue/kind';

/** Options of `InClusterProfile`. */
export interface InClusterProfileOptions extends CommonProfileOptions, InClusterOptions, InClusterObjectStoreOptions {}

/**
 * In-cluster: StatefulSets of the official images, and an S3 server (Versity S3 Gateway) per object store, or
 * the CloudNativePG and Rook operators. Needs nothing but a cluster; the default profile of every app.
 *
 * @example
 * Profile.register(app, new InClusterProfile({
 *   name: 'in-cluster-operators',
 *   postgresOperator: PostgresOperator.CLOUDNATIVE_PG,
 *   volumeSnapshotClassName: 'csi-snapclass',
 * }));
 */
export class InClusterProfile extends Profile {
  /** The environment's `type` in profiles files and the default profile name. */
  public static readonly TYPE = 'in-cluster';

  constructor(options: InClusterProfileOptions = {}) {
    checkOptionsObject('in-cluster profile options', 'options', options, 'InClusterProfileOptions', 'pass an object, e.g. new InClusterProfile({ storageClassName: \'fast-ssd\' })');
    const where = (option: string) => `in-cluster profile option ${option}`;
    if (options.postgresOperator !== undefined) checkEnum(where('postgresOperator'), 'postgresOperator', options.postgresOperator, PostgresOperator, 'PostgresOperator');
    if (options.objectStoreOperator !== undefined) checkEnum(where('objectStoreOperator'), 'objectStoreOperator', options.objectStoreOperator, ObjectStoreOperator, 'ObjectStoreOperator');
    if (options.bucketStorageClassName !== undefined) checkBucketStorageClass(options.bucketStorageClassName);
    if (options.bucketReclaimPolicy !== undefined) checkReclaimPolicy(options.bucketReclaimPolicy);
    if (options.queueOperator !== undefined) checkEnum(where('queueOperator'), 'queueOperator', options.queueOperator, QueueOperator, 'QueueOperator');
    validateInClusterOptions(options);
    const databases = new InClusterDatabaseBackend(options);
    const postgres = options.postgresOperator === PostgresOperator.CLOUDNATIVE_PG ? new CloudNativePgDatabaseBackend(options) : databases;
    const objectStore = options.objectStoreOperator === ObjectStoreOperator.ROOK
      ? new RookObjectStoreBackend(options)
      : new InClusterObjectStoreBackend(options);
    super(environmentProfileProps(InClusterProfile.TYPE, options, [
      serves(MYSQL, databases),
      serves(POSTGRES, postgres),
      serves(OBJECT_STORE, objectStore),
      serves(CACHE, new InClusterCacheBackend(options)),
      serves(QUEUE, inClusterQueueBackend(options)),
    ]));
  }
}

const OPTIONS: OptionTable<InClusterProfileOptions> = {
  ...COMMON_OPTIONS,
  storageClassName: STRING,
  storageReclaimPolicy: optionalEnum(DeletionPolicy),
  storageExpansion: BOOLEAN,
  imageRegistry: STRING,
  postgresOperator: optionalEnum(PostgresOperator),
  volumeSnapshotClassName: STRING,
  walArchivePath: STRING,
  walArchiveSecretName: STRING,
  walArchiveEndpoint: STRING,
  objectStoreOperator: optionalEnum(ObjectStoreOperator),
  bucketStorageClassName: STRING,
  bucketReclaimPolicy: optionalEnum(DeletionPolicy),
  objectStoreImage: STRING,
  objectStoreVolumeSize: SIZE,
  queueOperator: optionalEnum(QueueOperator),
  clusterDomain: STRING,
};

/** The in-cluster environment. */
export const IN_CLUSTER: Environment = {
  type: InClusterProfile.TYPE,
  options: OPTIONS,
  images: IN_CLUSTER_IMAGES,
  create: (options: InClusterProfileOptions) => new InClusterProfile(options),
  prerequisites: IN_CLUSTER_PREREQUISITES,
  costs: IN_CLUSTER_COSTS,
};
