import { GcpMemorystoreCacheBackend } from './cache';
import { GCP_COSTS } from './cost';
import { CloudSqlDatabaseBackend } from './database';
import { GCP_IMAGES } from './images';
import { GcsObjectStoreBackend } from './object-store';
import { CloudSqlUpdateTrack, GcpDatabaseOptions, GcpOptions, GcpQueueOptions } from './options';
import { CLOUD_SQL_PREFLIGHT } from './preflight';
import { GCP_PREREQUISITES } from './prerequisites';
import { resolveGcpOptions } from './validate';
import { Environment } from '../../core/environment';
import { serves } from '../../core/kind-module';
import { DeletionPolicy } from '../../core/policies';
import { environmentProfileProps, Profile } from '../../core/profile';
import {
  BOOLEAN, COMMON_OPTIONS, OptionTable, optionalEnum, REQUIRED_NUMBER, REQUIRED_STRING, STRING,
} from '../../core/profile-file-options';
import { CommonProfileOptions } from '../../core/profile-options';
import { CACHE } from '../../services/cache/kind';
import { MYSQL, POSTGRES } from '../../services/database/kind';
import { OBJECT_STORE } from '../../services/object-store/kind';
import { QUEUE } from '../../services/queue/kind';
import { noBrokerBackend, QueueOperator, queuesInClusterOr } from '../in-cluster/base-layer';

/** Options of `GcpProfile`. */
export interface GcpProfileOptions extends CommonProfileOptions, GcpOptions, GcpDatabaseOptions, GcpQueueOptions {}

/**
 * GCP through Config Connector: Cloud SQL for MySQL and PostgreSQL, and Cloud Storage with GKE Workload Identity.
 *
 * @example
 * Profile.register(app, new GcpProfile({
 *   projectId: 'acme-prod-123',
 *   region: 'europe-west1',
 *   privateNetwork: 'projects/acme-prod-123/global/networks/default',
 * }));
 */
export class GcpProfile extends Profile {
  /** The environment's `type` in profiles files and the default profile name. */
  public static readonly TYPE = 'gcp';

  constructor(options: GcpProfileOptions) {
    const resolved = resolveGcpOptions(options);
    const databases = new CloudSqlDatabaseBackend(resolved);
    // No managed AMQP 0-9-1 service on GCP: queues run in the cluster when the profile says so, else they are refused.
    const queues = queuesInClusterOr(GcpProfile.TYPE, options,
      () => noBrokerBackend(GcpProfile.TYPE, 'GCP has no managed AMQP 0-9-1 service (Pub/Sub speaks its own protocol)'));
    super(environmentProfileProps(GcpProfile.TYPE, options, [
      serves(MYSQL, databases),
      serves(POSTGRES, databases),
      serves(OBJECT_STORE, new GcsObjectStoreBackend(resolved)),
      serves(CACHE, new GcpMemorystoreCacheBackend(resolved)),
      serves(QUEUE, queues),
    ]));
  }
}

const OPTIONS: OptionTable<GcpProfileOptions> = {
  ...COMMON_OPTIONS,
  projectId: REQUIRED_STRING,
  region: REQUIRED_STRING,
  privateNetwork: STRING,
  namePrefix: STRING,
  proxyImage: STRING,
  maintenanceWindow: {
    kind: 'struct',
    required: false,
    fields: { day: REQUIRED_NUMBER, hour: REQUIRED_NUMBER, updateTrack: optionalEnum(CloudSqlUpdateTrack) },
  },
  requireConnectors: BOOLEAN,
  diskAutoresize: BOOLEAN,
  queuesInCluster: BOOLEAN,
  queueOperator: optionalEnum(QueueOperator),
  queueStorageReclaimPolicy: optionalEnum(DeletionPolicy),
  clusterDomain: STRING,
};

/** The GCP environment (Config Connector). */
export const GCP: Environment = {
  type: GcpProfile.TYPE,
  options: OPTIONS,
  images: GCP_IMAGES,
  create: (options: GcpProfileOptions) => new GcpProfile(options),
  preflight: CLOUD_SQL_PREFLIGHT,
  prerequisites: GCP_PREREQUISITES,
  costs: GCP_COSTS,
};
