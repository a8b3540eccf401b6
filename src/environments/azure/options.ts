import { ObjectStoresInClusterOptions, QueuesInClusterOptions } from '../in-cluster/base-layer';

/**
 * Options every Azure backend reads (Azure Service Operator v2).
 */
export interface AzureOptions {
  /** Azure region of every resource, its name as `az account list-locations` prints it, e.g. `westeurope`. */
  readonly location: string;
  /**
   * ARM ID of an existing resource group that owns every resource, e.g.
   * `/subscriptions/<subscription ID>/resourceGroups/<name>`. Referenced by `owner.armId`, never created: ASO
   * deletes the children of an owner it deletes, so a composed group would take the databases with it.
   */
  readonly resourceGroupId: string;
  /**
   * Prefix of Azure resource names (e.g. `prod-`); server and cache names are global to Azure (they are DNS names).
   * Lower-case letters, digits and hyphens, starting with a letter, at most 20 characters.
   * @default - no prefix
   */
  readonly namePrefix?: string;
}

/**
 * Options of the Azure database backend (Azure Database for MySQL and PostgreSQL Flexible Server). The servers get
 * private access only (VNet integration: a delegated subnet and a private DNS zone); public access is never
 * implied, so a database fails at synth when its engine's subnet is not set.
 */
export interface AzureDatabaseOptions {
  /**
   * ARM ID of the subnet delegated to `Microsoft.DBforMySQL/flexibleServers`, in a virtual network the cluster reaches.
   * @default - none: every `PortableMySQL` fails at synth, naming this option
   */
  readonly mysqlSubnetId?: string;
  /**
   * ARM ID of the private DNS zone of the MySQL servers (a name ending in `.mysql.database.azure.com`), linked to the
   * virtual network. Required with `mysqlSubnetId`.
   * @default - none
   */
  readonly mysqlPrivateDnsZoneId?: string;
  /**
   * ARM ID of the subnet delegated to `Microsoft.DBforPostgreSQL/flexibleServers`.
   * @default - none: every `PortablePostgres` fails at synth, naming this option
   */
  readonly postgresSubnetId?: string;
  /**
   * ARM ID of the private DNS zone of the PostgreSQL servers (a name ending in `.postgres.database.azure.com`).
   * Required with `postgresSubnetId`.
   * @default - none
   */
  readonly postgresPrivateDnsZoneId?: string;
  /**
   * Let Azure grow the storage when it fills up (`storage.autoGrow: Enabled`). ASO sends the whole spec on every
   * reconcile, and Azure refuses a size below the current one: once Azure has grown the disk, the server stops
   * reconciling until `storage` is raised to at least the new size. Off, `storage` is the exact size (no drift) and a
   * full disk stops writes.
   * @default false
   */
  readonly storageAutoGrow?: boolean;
  /**
   * Keep backups in the paired region (`backup.geoRedundantBackup: Enabled`). Azure reads it only when the server is
   * created: changing it later has no effect on an existing server.
   * @default false
   */
  readonly geoRedundantBackup?: boolean;
}

/**
 * Options of the Azure cache backend (Azure Managed Redis). A cache is reached through a private endpoint in the
 * profile's subnet, with its host name resolved to the endpoint's address by the profile's private DNS zone; public
 * access is never implied, so a cache fails at synth when neither the subnet nor `cachePublicNetworkAccess` is set.
 */
export interface AzureCacheOptions {
  /**
   * ARM ID of the subnet the caches' private endpoints take their address in (a subnet of a virtual network the
   * cluster reaches; no delegation), e.g. `/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>`.
   * @default - none: every `PortableCache` fails at synth, naming this option, unless `cachePublicNetworkAccess` is true
   */
  readonly cacheSubnetId?: string;
  /**
   * ARM ID of the private DNS zone `privatelink.redis.azure.net` (Azure Managed Redis), linked to the virtual network
   * the cluster resolves names in. Required with `cacheSubnetId`: each private endpoint's DNS zone group writes the
   * cache's A record there, so its host name resolves to the private address.
   * @default - none
   */
  readonly cachePrivateDnsZoneId?: string;
  /**
   * Reach the caches on their public endpoint (TLS and the access key) instead of a private endpoint: no subnet and no
   * DNS zone needed. With `cacheSubnetId` too, a private endpoint is composed as well and the public endpoint is
   * accepted beside it.
   * @default false
   */
  readonly cachePublicNetworkAccess?: boolean;
}

/**
 * Options of the Azure queue backend. Azure has no managed AMQP 0-9-1 service (Service Bus speaks AMQP 1.0), so the
 * profile says where queues run: in the AKS cluster (`queuesInCluster`), or nowhere (every `PortableQueue` fails at
 * synth, naming the option).
 */
export interface AzureQueueOptions extends QueuesInClusterOptions {}

/**
 * Options of the Azure object store backend. Azure Blob Storage does not speak S3, the portable object store's
 * protocol, so the profile says where object stores run: in the AKS cluster (`objectStoresInCluster`), or nowhere.
 */
export interface AzureObjectStoreOptions extends ObjectStoresInClusterOptions {}
