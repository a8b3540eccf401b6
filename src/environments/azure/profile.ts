import { AzureManagedRedisCacheBackend } from './cache';
import { AZURE_COSTS } from './cost';
import { AzureFlexibleServerDatabaseBackend } from './database';
import { AzureCacheOptions, AzureDatabaseOptions, AzureObjectStoreOptions, AzureOptions, AzureQueueOptions } from './options';
import { AZURE_PREFLIGHT } from './preflight';
import { AZURE_PREREQUISITES } from './prerequisites';
import { resolveAzureOptions } from './validate';
import { Environment } from '../../core/environment';
import { serves } from '../../core/kind-module';
import { DeletionPolicy } from '../../core/policies';
import { environmentProfileProps, Profile } from '../../core/profile';
import { BOOLEAN, COMMON_OPTIONS, OptionTable, optionalEnum, REQUIRED_STRING, STRING } from '../../core/profile-file-options';
import { CommonProfileOptions } from '../../core/profile-options';
import { CACHE } from '../../services/cache/kind';
import { MYSQL, POSTGRES } from '../../services/database/kind';
import { OBJECT_STORE } from '../../services/object-store/kind';
import { QUEUE } from '../../services/queue/kind';
import { noBrokerBackend, objectStoresInClusterOr, QueueOperator, queuesInClusterOr } from '../in-cluster/base-layer';

/** Options of `AzureProfile`. */
export interface AzureProfileOptions extends CommonProfileOptions, AzureOptions, AzureDatabaseOptions, AzureCacheOptions, AzureQueueOptions,
  AzureObjectStoreOptions {}

/**
 * Azure through Azure Service Operator v2: Azure Database for MySQL and PostgreSQL Flexible Server (private access),
 * and Azure Managed Redis (through a private endpoint). Queues and object stores run in the cluster when the profile says so (Azure has no AMQP
 * 0-9-1 broker, and Blob Storage does not speak S3).
 *
 * @example
 * Profile.register(app, new AzureProfile({
 *   location: 'westeurope',
 *   resourceGroupId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod',
 *   postgresSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/postgres',
 *   postgresPrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/prod.postgres.database.azure.com',
 *   cacheSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/endpoints',
 *   cachePrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net',
 * }));
 */
export class AzureProfile extends Profile {
  /** The environment's `type` in profiles files and the default profile name. */
  public static readonly TYPE = 'azure';

  constructor(options: AzureProfileOptions) {
    const resolved = resolveAzureOptions(options);
    const databases = new AzureFlexibleServerDatabaseBackend(resolved);
    const queues = queuesInClusterOr(AzureProfile.TYPE, options,
      () => noBrokerBackend(AzureProfile.TYPE, 'Azure has no managed AMQP 0-9-1 service (Service Bus speaks AMQP 1.0, a different protocol)'));
    const objectStores = objectStoresInClusterOr(AzureProfile.TYPE, options,
      'Azure Blob Storage does not speak S3, the portable object store\'s protocol');
    super(environmentProfileProps(AzureProfile.TYPE, options, [
      serves(MYSQL, databases),
      serves(POSTGRES, databases),
      serves(OBJECT_STORE, objectStores),
      serves(CACHE, new AzureManagedRedisCacheBackend(resolved)),
      serves(QUEUE, queues),
    ]));
  }
}

const OPTIONS: OptionTable<AzureProfileOptions> = {
  ...COMMON_OPTIONS,
  location: REQUIRED_STRING,
  resourceGroupId: REQUIRED_STRING,
  namePrefix: STRING,
  mysqlSubnetId: STRING,
  mysqlPrivateDnsZoneId: STRING,
  postgresSubnetId: STRING,
  postgresPrivateDnsZoneId: STRING,
  storageAutoGrow: BOOLEAN,
  geoRedundantBackup: BOOLEAN,
  cacheSubnetId: STRING,
  cachePrivateDnsZoneId: STRING,
  cachePublicNetworkAccess: BOOLEAN,
  queuesInCluster: BOOLEAN,
  queueOperator: optionalEnum(QueueOperator),
  queueStorageReclaimPolicy: optionalEnum(DeletionPolicy),
  clusterDomain: STRING,
  objectStoresInCluster: BOOLEAN,
};

/** The Azure environment (Azure Service Operator v2). */
export const AZURE: Environment = {
  type: AzureProfile.TYPE,
  options: OPTIONS,
  create: (options: AzureProfileOptions) => new AzureProfile(options),
  prerequisites: AZURE_PREREQUISITES,
  costs: AZURE_COSTS,
  preflight: AZURE_PREFLIGHT,
};
