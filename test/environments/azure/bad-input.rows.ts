/**
 * Bad input on the Azure profile, as a JavaScript or jsii caller can pass it: each row fails with its exact message
 * and stable code (the style of test/bad-input.test.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import { AZURE_OPTIONS } from './fixture';
import {
  AzureProfile, Backup, Credentials, HighAvailability, InstanceSize, MySqlVersion, PortableCache, PortableMySQL, PortableObjectStore,
  PortablePostgres, PortableQueue, PostgresVersion, Profile, ValkeyVersion,
} from '../../../src';

const js = (v: unknown): any => v;
let chart: Chart;

export type Row = [name: string, thunk: () => unknown, expected: string];
export const rows: Row[] = [];

const azure = (over: object = {}) => new AzureProfile(js({ ...AZURE_OPTIONS, ...over }));
function on(profile: () => Profile, cases: Row[]): void {
  for (const [name, thunk, expected] of cases) {
    rows.push([name, () => {
      const app: App = Testing.app();
      chart = new Chart(app, 'test', { namespace: 'apps' });
      Profile.use(chart, profile());
      return thunk();
    }, expected]);
  }
}
const mysql = (props: object = {}) => new PortableMySQL(chart, 'Db', js({ name: 'orders', ...props }));
const postgres = (props: object = {}) => new PortablePostgres(chart, 'Pg', js({ name: 'orders', ...props }));

export const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'azure-bad-input-'));
function profilesFile(name: string, text: string): () => unknown {
  return () => {
    const p = path.join(dir, `${name}.yaml`);
    fs.writeFileSync(p, text);
    return Profile.fromFile(p);
  };
}
const RG = AZURE_OPTIONS.resourceGroupId;
const FILE_OK = `profiles:\n  - type: azure\n    options:\n      location: westeurope\n      resourceGroupId: ${RG}\n`;

// ------------------------------------------------------------------------------------------------------ AzureProfile
rows.push(
  ['fails when AzureProfile has no options', () => new AzureProfile(js(undefined)),
    'azure profile options: invalid options undefined: allowed: an object of AzureProfileOptions with location and resourceGroupId. Fix: write e.g. new AzureProfile({ location: \'westeurope\', resourceGroupId: \'/subscriptions/<id>/resourceGroups/prod\' }) [PD100]'],
  ['fails when the Azure location is missing', () => azure({ location: undefined }),
    'azure profile option location: invalid location undefined: allowed: an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (the catalog of 2026-12-06 lists 53). Fix: use the Name column of `az account list-locations -o table` [PD100]'],
  ['fails when the Azure location is a display name', () => azure({ location: 'West Europe' }),
    'azure profile option location: invalid location "West Europe": allowed: an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (the catalog of 2026-12-06 lists 53). Fix: did you mean "westeurope"? [PD100]'],
  ['fails when the Azure location is misspelled', () => azure({ location: 'westeurpoe' }),
    'azure profile option location: invalid location "westeurpoe": allowed: an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (the catalog of 2026-12-06 lists 53). Fix: did you mean "westeurope"? [PD100]'],
  ['fails when the Azure location is a number', () => azure({ location: 42 }),
    'azure profile option location: invalid location 42: allowed: an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (the catalog of 2026-12-06 lists 53). Fix: use the Name column of `az account list-locations -o table` [PD100]'],
  ['fails when the Azure location is an availability zone', () => azure({ location: 'westeurope-1' }),
    'azure profile option location: invalid location "westeurope-1": allowed: an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (the catalog of 2026-12-06 lists 53). Fix: did you mean "westeurope"? [PD100]'],
  ['fails when the Azure location has upper case', () => azure({ location: 'WestUS2' }),
    'azure profile option location: invalid location "WestUS2": allowed: an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (the catalog of 2026-12-06 lists 53). Fix: did you mean "westus2"? [PD100]'],
  ['fails when resourceGroupId is missing', () => azure({ resourceGroupId: undefined }),
    'azure profile option resourceGroupId: invalid resourceGroupId undefined: allowed: the ARM ID of an existing resource group: /subscriptions/<subscription ID (a GUID)>/resourceGroups/<name>. Fix: use the output of `az group show --name <group> --query id -o tsv` (the group is referenced, never created) [PD100]'],
  ['fails when resourceGroupId is a group name', () => azure({ resourceGroupId: 'prod' }),
    'azure profile option resourceGroupId: invalid resourceGroupId "prod": allowed: the ARM ID of an existing resource group: /subscriptions/<subscription ID (a GUID)>/resourceGroups/<name>. Fix: use the output of `az group show --name <group> --query id -o tsv` (the group is referenced, never created) [PD100]'],
  ['fails when resourceGroupId has no subscription GUID', () => azure({ resourceGroupId: '/subscriptions/acme/resourceGroups/prod' }),
    'azure profile option resourceGroupId: invalid resourceGroupId "/subscriptions/acme/resourceGroups/prod": allowed: the ARM ID of an existing resource group: /subscriptions/<subscription ID (a GUID)>/resourceGroups/<name>. Fix: use the output of `az group show --name <group> --query id -o tsv` (the group is referenced, never created) [PD100]'],
  ['fails when resourceGroupId is a subnet ID', () => azure({ resourceGroupId: AZURE_OPTIONS.mysqlSubnetId }),
    'azure profile option resourceGroupId: invalid resourceGroupId "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/mysql": allowed: the ARM ID of an existing resource group: /subscriptions/<subscription ID (a GUID)>/resourceGroups/<name>. Fix: use the output of `az group show --name <group> --query id -o tsv` (the group is referenced, never created) [PD100]'],
  ['fails when the Azure namePrefix has upper case', () => azure({ namePrefix: 'Prod-' }),
    'azure profile option namePrefix: invalid namePrefix "Prod-": allowed: 1 to 20 lower-case letters, digits and hyphens, starting with a letter (Azure server and cache names are DNS names). Fix: use e.g. "prod-" [PD100]'],
  ['fails when the Azure namePrefix is too long', () => azure({ namePrefix: `p${'a'.repeat(20)}` }),
    'azure profile option namePrefix: invalid namePrefix "paaaaaaaaaaaaaaaaaaaa": allowed: 1 to 20 lower-case letters, digits and hyphens, starting with a letter (Azure server and cache names are DNS names). Fix: use e.g. "prod-" [PD100]'],
  ['fails when the Azure namePrefix is a number', () => azure({ namePrefix: 7 }),
    'azure profile option namePrefix: invalid namePrefix 7: allowed: 1 to 20 lower-case letters, digits and hyphens, starting with a letter (Azure server and cache names are DNS names). Fix: use e.g. "prod-" [PD100]'],
  ['fails when mysqlSubnetId is a subnet name', () => azure({ mysqlSubnetId: 'mysql' }),
    'azure profile option mysqlSubnetId: invalid mysqlSubnetId "mysql": allowed: the ARM ID of a subnet: /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>. Fix: set mysqlSubnetId to the ID of a subnet delegated to the Microsoft.DBforMySQL/flexibleServers service (`az network vnet subnet show --query id`) [PD100]'],
  ['fails when mysqlSubnetId is set without mysqlPrivateDnsZoneId', () => azure({ mysqlPrivateDnsZoneId: undefined }),
    'azure profile option mysqlPrivateDnsZoneId: invalid mysqlPrivateDnsZoneId undefined: allowed: the ARM ID of a private DNS zone whose name ends in .mysql.database.azure.com: /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<name>. Fix: create the zone (e.g. prod.mysql.database.azure.com), link it to the subnet\'s virtual network, and set mysqlPrivateDnsZoneId to its ID [PD100]'],
  ['fails when mysqlPrivateDnsZoneId is a PostgreSQL zone', () => azure({ mysqlPrivateDnsZoneId: AZURE_OPTIONS.postgresPrivateDnsZoneId }),
    'azure profile option mysqlPrivateDnsZoneId: invalid mysqlPrivateDnsZoneId "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/prod.postgres.database.azure.com": allowed: the ARM ID of a private DNS zone whose name ends in .mysql.database.azure.com: /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<name>. Fix: create the zone (e.g. prod.mysql.database.azure.com), link it to the subnet\'s virtual network, and set mysqlPrivateDnsZoneId to its ID [PD100]'],
  ['fails when postgresPrivateDnsZoneId is set without postgresSubnetId', () => azure({ postgresSubnetId: undefined }),
    'azure profile option postgresSubnetId: invalid postgresSubnetId undefined: allowed: the ARM ID of a subnet: /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>. Fix: set postgresSubnetId to the ID of a subnet delegated to the Microsoft.DBforPostgreSQL/flexibleServers service (`az network vnet subnet show --query id`) [PD100]'],
  ['fails when postgresPrivateDnsZoneId is a zone name', () => azure({ postgresPrivateDnsZoneId: 'prod.postgres.database.azure.com' }),
    'azure profile option postgresPrivateDnsZoneId: invalid postgresPrivateDnsZoneId "prod.postgres.database.azure.com": allowed: the ARM ID of a private DNS zone whose name ends in .postgres.database.azure.com: /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<name>. Fix: create the zone (e.g. prod.postgres.database.azure.com), link it to the subnet\'s virtual network, and set postgresPrivateDnsZoneId to its ID [PD100]'],
  ['fails when storageAutoGrow is a string', () => azure({ storageAutoGrow: 'yes' }),
    'azure profile option storageAutoGrow: invalid storageAutoGrow "yes": allowed: true or false. Fix: write storageAutoGrow: true or storageAutoGrow: false [PD100]'],
  ['fails when geoRedundantBackup is a number', () => azure({ geoRedundantBackup: 1 }),
    'azure profile option geoRedundantBackup: invalid geoRedundantBackup 1: allowed: true or false. Fix: write geoRedundantBackup: true or geoRedundantBackup: false [PD100]'],
  ['fails when cacheSubnetId is a subnet name', () => azure({ cacheSubnetId: 'endpoints' }),
    'azure profile option cacheSubnetId: invalid cacheSubnetId "endpoints": allowed: the ARM ID of a subnet: /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>. Fix: set cacheSubnetId to the ID of a subnet of a virtual network the cluster reaches, where the caches\' private endpoints take their address (`az network vnet subnet show --query id`) [PD100]'],
  ['fails when cacheSubnetId is a virtual network ID', () => azure({ cacheSubnetId: `${RG}/providers/Microsoft.Network/virtualNetworks/aks` }),
    `azure profile option cacheSubnetId: invalid cacheSubnetId "${RG}/providers/Microsoft.Network/virtualNetworks/aks": allowed: the ARM ID of a subnet: /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>. Fix: set cacheSubnetId to the ID of a subnet of a virtual network the cluster reaches, where the caches\' private endpoints take their address (\`az network vnet subnet show --query id\`) [PD100]`],
  ['fails when cachePrivateDnsZoneId is set without cacheSubnetId', () => azure({ cacheSubnetId: undefined }),
    'azure profile option cacheSubnetId: invalid cacheSubnetId undefined: allowed: the ARM ID of a subnet: /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>. Fix: set cacheSubnetId to the ID of a subnet of a virtual network the cluster reaches, where the caches\' private endpoints take their address (`az network vnet subnet show --query id`) [PD100]'],
  ['fails when cacheSubnetId is set without cachePrivateDnsZoneId', () => azure({ cachePrivateDnsZoneId: undefined }),
    'azure profile option cachePrivateDnsZoneId: invalid cachePrivateDnsZoneId undefined: allowed: the ARM ID of the private DNS zone privatelink.redis.azure.net (Azure Managed Redis): /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net. Fix: create the zone privatelink.redis.azure.net (az network private-dns zone create), link it to the cluster\'s virtual network, and set cachePrivateDnsZoneId to its ID [PD100]'],
  ['fails when cachePrivateDnsZoneId is the Azure Cache for Redis zone', () => azure({ cachePrivateDnsZoneId: `${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net` }),
    `azure profile option cachePrivateDnsZoneId: invalid cachePrivateDnsZoneId "${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net": allowed: the ARM ID of the private DNS zone privatelink.redis.azure.net (Azure Managed Redis): /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net. Fix: create the zone privatelink.redis.azure.net (az network private-dns zone create), link it to the cluster\'s virtual network, and set cachePrivateDnsZoneId to its ID [PD100]`],
  ['fails when cachePrivateDnsZoneId is the Redis Enterprise zone', () => azure({ cachePrivateDnsZoneId: `${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.redisenterprise.cache.azure.net` }),
    `azure profile option cachePrivateDnsZoneId: invalid cachePrivateDnsZoneId "${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.redisenterprise.cache.azure.net": allowed: the ARM ID of the private DNS zone privatelink.redis.azure.net (Azure Managed Redis): /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net. Fix: create the zone privatelink.redis.azure.net (az network private-dns zone create), link it to the cluster\'s virtual network, and set cachePrivateDnsZoneId to its ID [PD100]`],
  ['fails when cachePrivateDnsZoneId is a zone name', () => azure({ cachePrivateDnsZoneId: 'privatelink.redis.azure.net' }),
    'azure profile option cachePrivateDnsZoneId: invalid cachePrivateDnsZoneId "privatelink.redis.azure.net": allowed: the ARM ID of the private DNS zone privatelink.redis.azure.net (Azure Managed Redis): /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net. Fix: create the zone privatelink.redis.azure.net (az network private-dns zone create), link it to the cluster\'s virtual network, and set cachePrivateDnsZoneId to its ID [PD100]'],
  ['fails when cachePublicNetworkAccess is a string', () => azure({ cachePublicNetworkAccess: 'Enabled' }),
    'azure profile option cachePublicNetworkAccess: invalid cachePublicNetworkAccess "Enabled": allowed: true or false. Fix: write cachePublicNetworkAccess: true or cachePublicNetworkAccess: false [PD100]'],
  ['fails when the Azure queuesInCluster is a string', () => azure({ queuesInCluster: 'true' }),
    'azure profile option queuesInCluster: invalid queuesInCluster "true": allowed: true or false. Fix: write queuesInCluster: true or queuesInCluster: false [PD100]'],
  ['fails when the Azure queueOperator is set without queuesInCluster', () => azure({ queueOperator: 'none' }),
    'azure profile option queueOperator: invalid queueOperator "none": allowed: queueOperator only together with queuesInCluster: true (it says how queues run in the cluster). Fix: add queuesInCluster: true, or remove queueOperator [PD100]'],
  ['fails when objectStoresInCluster is a string', () => azure({ objectStoresInCluster: 'yes' }),
    'azure profile option objectStoresInCluster: invalid objectStoresInCluster "yes": allowed: true or false. Fix: write objectStoresInCluster: true or objectStoresInCluster: false [PD100]'],
  ['fails when the Azure labels have a bad value', () => azure({ labels: { team: 'a/b' } }),
    'profile "azure": invalid labels["team"] "a/b": allowed: a string of at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (or empty). Fix: quote the value and remove other characters [PD100]'],
);

// --------------------------------------------------------------------------------------------- Flexible Server
on(() => azure(), [
  ['fails when MySQL asks for high availability on a Burstable SKU', () => mysql({ highAvailability: HighAvailability.REQUIRED }),
    'test/Db: invalid highAvailability "required with instanceSize small": allowed: on Azure Flexible Server, high availability on the GeneralPurpose and MemoryOptimized tiers only (not on Burstable SKUs). Fix: use InstanceSize.MEDIUM or larger, or HighAvailability.AUTO / NONE [PD100]'],
  ['fails when PostgreSQL asks for high availability on a custom Burstable size', () => postgres({ highAvailability: HighAvailability.REQUIRED, instanceSize: InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(4) }) }),
    'test/Pg: invalid highAvailability "required with instanceSize custom(2 vCPU, 4096 MiB)": allowed: on Azure Flexible Server, high availability on the GeneralPurpose and MemoryOptimized tiers only (not on Burstable SKUs). Fix: use InstanceSize.MEDIUM or larger, or HighAvailability.AUTO / NONE [PD100]'],
  ['fails when MySQL backups are disabled', () => mysql({ backup: Backup.disabled() }),
    'test/Db: invalid backup "Backup.disabled()": allowed: on Azure Flexible Server, daily backups: they are always on and cannot be turned off. Fix: use Backup.daily() (the default) on this profile [PD200]'],
  ['fails when PostgreSQL backups are disabled', () => postgres({ backup: Backup.disabled() }),
    'test/Pg: invalid backup "Backup.disabled()": allowed: on Azure Flexible Server, daily backups: they are always on and cannot be turned off. Fix: use Backup.daily() (the default) on this profile [PD200]'],
  ['fails when a MySQL backup start time is set', () => mysql({ backup: Backup.daily({ startTime: '02:00' }) }),
    'test/Db: invalid backup "daily at 02:00 UTC, kept 7 days": allowed: not this value on the azure-aso backend of profile "azure": Flexible Server takes backups at a time Azure chooses: there is no start time to set (asked: 02:00 UTC). Fix: remove startTime from Backup.daily(), or select a profile whose backend takes a backup window [PD200]'],
  ['fails when a PostgreSQL backup retention is below 7 days', () => postgres({ backup: Backup.daily({ retention: Duration.days(3) }) }),
    'test/Pg: invalid backup.retention "3 days": allowed: on Azure Database for PostgreSQL Flexible Server, 7 to 35 days. Fix: use Backup.daily({ retention: Duration.days(7) }) [PD100]'],
  ['fails when a PostgreSQL backup retention is 1 day', () => postgres({ backup: Backup.daily({ retention: Duration.days(1) }) }),
    'test/Pg: invalid backup.retention "1 days": allowed: on Azure Database for PostgreSQL Flexible Server, 7 to 35 days. Fix: use Backup.daily({ retention: Duration.days(7) }) [PD100]'],
  ['fails when the PostgreSQL version is pinned to a minor', () => postgres({ version: PostgresVersion.of('17', '17.2') }),
    'test/Pg: invalid version "17 (17.2)": allowed: on Azure Flexible Server, a major version only: Azure chooses and upgrades the minor version. Fix: use the catalog constant of 17 instead of of(major, fullVersion) [PD100]'],
  ['fails when the MySQL version is pinned to a minor', () => mysql({ version: MySqlVersion.of('8.4', '8.4.3') }),
    'test/Db: invalid version "8.4 (8.4.3)": allowed: on Azure Flexible Server, a major version only: Azure chooses and upgrades the minor version. Fix: use the catalog constant of 8.4 instead of of(major, fullVersion) [PD100]'],
  ['fails when a custom size matches no Flexible Server SKU', () => mysql({ instanceSize: InstanceSize.custom({ cpu: 3, memory: Size.gibibytes(12) }) }),
    'test/Db: invalid instanceSize "custom(3 vCPU, 12288 MiB)": allowed: on Azure Flexible Server, a custom size with the vCores and memory of a catalog SKU: Burstable (1 vCore 2 GiB, 2 vCores 4 or 8 GiB, …), GeneralPurpose (4 GiB per vCore), MemoryOptimized (8 GiB per vCore), 2 to 64 vCores. Fix: use e.g. InstanceSize.custom({ cpu: 4, memory: Size.gibibytes(16) }) (GeneralPurpose), or a named size [PD100]'],
  ['fails when MySQL storage exceeds 16 TiB', () => mysql({ storage: Size.gibibytes(20000) }),
    'test/Db: invalid storage "20000 GiB": allowed: on Azure Database for MySQL Flexible Server, a whole number of GiB from 20 to 16384. Fix: use Size.gibibytes(16384) [PD100]'],
  ['fails when PostgreSQL storage exceeds 32767 GiB', () => postgres({ storage: Size.gibibytes(40000) }),
    'test/Pg: invalid storage "40000 GiB": allowed: on Azure Database for PostgreSQL Flexible Server, at most 32767 GiB (rounded up to one of the sizes 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767 GiB). Fix: use Size.gibibytes(32767) [PD100]'],
  ['fails when the administrator would be admin', () => mysql({ credentials: Credentials.generated({ username: 'admin' }) }),
    'test/Db: invalid credentials.username "admin": allowed: on Azure Flexible Server the application user is the server administrator, whose name cannot be azure_superuser, azure_pg_admin, admin, administrator, root, guest, public, azuresu or start with pg_. Fix: use another user name, e.g. Credentials.generated({ username: \'app\' }) [PD100]'],
  ['fails when the PostgreSQL administrator starts with pg_', () => postgres({ credentials: Credentials.generated({ username: 'pg_app' }) }),
    'test/Pg: invalid credentials.username "pg_app": allowed: on Azure Flexible Server the application user is the server administrator, whose name cannot be azure_superuser, azure_pg_admin, admin, administrator, root, guest, public, azuresu or start with pg_. Fix: use another user name, e.g. Credentials.generated({ username: \'app\' }) [PD100]'],
  ['fails when the server name is shorter than 3 characters', () => mysql({ name: 'db' }),
    'test/Db: invalid name "db": allowed: an Azure server name (the profile\'s namePrefix and the service name): 3 to 63 lower-case letters, digits and hyphens, not starting or ending with a hyphen, unique in Azure. Fix: give the service a longer name, or the profile a namePrefix (e.g. "prod-") [PD100]'],
  ['fails when the cache name is shorter than 3 characters', () => new PortableCache(chart, 'Cache', { name: 'kv' }),
    'test/Cache: invalid name "kv": allowed: an Azure server name (the profile\'s namePrefix and the service name): 3 to 60 lower-case letters, digits and hyphens, not starting or ending with a hyphen, unique in Azure. Fix: give the service a longer name, or the profile a namePrefix (e.g. "prod-") [PD100]'],
  ['fails when more than 50 labels without a prefix would become Azure tags', () => mysql({ labels: Object.fromEntries([...Array(51).keys()].map((i) => [`l${i}`, 'x'])) }),
    'test/Db: invalid labels "51 labels without a prefix": allowed: at most 50 labels without a prefix (they become Azure tags). Fix: drop labels from the service or the profile, or give them a prefix [PD100]'],
  ['fails when engine parameters are set on Azure', () => mysql({ parameters: { max_connections: '200' } }),
    'test/Db: invalid parameters {"max_connections":"200"}: allowed: not this value on the azure-aso backend of profile "azure": the Azure backend does not map parameters to Flexible Server server parameters yet. Fix: remove parameters on this profile, or set the server parameters in Azure [PD200]'],
]);
on(() => azure({ mysqlSubnetId: undefined, mysqlPrivateDnsZoneId: undefined }), [
  ['fails when MySQL is declared without a delegated subnet', () => mysql(),
    'test/Db: invalid profile "azure": allowed: an azure profile with mysqlSubnetId and mysqlPrivateDnsZoneId: Flexible Servers get private access only (a delegated subnet and a private DNS zone), never public access. Fix: set mysqlSubnetId and mysqlPrivateDnsZoneId on the azure profile [PD200]'],
]);
on(() => azure({ postgresSubnetId: undefined, postgresPrivateDnsZoneId: undefined }), [
  ['fails when PostgreSQL is declared without a delegated subnet', () => postgres(),
    'test/Pg: invalid profile "azure": allowed: an azure profile with postgresSubnetId and postgresPrivateDnsZoneId: Flexible Servers get private access only (a delegated subnet and a private DNS zone), never public access. Fix: set postgresSubnetId and postgresPrivateDnsZoneId on the azure profile [PD200]'],
]);

on(() => azure({ cacheSubnetId: undefined, cachePrivateDnsZoneId: undefined }), [
  ['fails when a cache is declared without the cache subnet or cachePublicNetworkAccess', () => new PortableCache(chart, 'Cache', { name: 'sessions' }),
    'test/Cache: invalid profile "azure": allowed: an azure profile with cacheSubnetId and cachePrivateDnsZoneId: Azure Managed Redis is reached through a private endpoint, never on its public endpoint unless the profile says so. Fix: set cacheSubnetId and cachePrivateDnsZoneId on the azure profile, or cachePublicNetworkAccess: true to reach the cache on its public endpoint (TLS and the access key) [PD200]'],
]);
on(() => azure({ cacheSubnetId: undefined, cachePrivateDnsZoneId: undefined, cachePublicNetworkAccess: false }), [
  ['fails when a cache is declared with cachePublicNetworkAccess false and no cache subnet', () => new PortableCache(chart, 'Cache', { name: 'sessions' }),
    'test/Cache: invalid profile "azure": allowed: an azure profile with cacheSubnetId and cachePrivateDnsZoneId: Azure Managed Redis is reached through a private endpoint, never on its public endpoint unless the profile says so. Fix: set cacheSubnetId and cachePrivateDnsZoneId on the azure profile, or cachePublicNetworkAccess: true to reach the cache on its public endpoint (TLS and the access key) [PD200]'],
]);

// ------------------------------------------------------------------------------------------ cache, queue, object store
on(() => azure(), [
  ['fails when the cache asks for Valkey 8', () => new PortableCache(chart, 'Cache', { name: 'sessions', version: ValkeyVersion.V8_0 }),
    'test/Cache: invalid version "8.0": allowed: not this value on the azure-managed-redis backend of profile "azure": Azure Managed Redis runs Redis 7.4, not Valkey 8 or later. Fix: use ValkeyVersion.V7_2 on this profile, or a profile whose cache backend runs Valkey 8 [PD200]'],
  ['fails when a queue is declared without queuesInCluster', () => new PortableQueue(chart, 'Queue', { name: 'orders' }),
    'test/Queue: invalid profile "azure": allowed: not a queue on the azure-none backend of profile "azure": Azure has no managed AMQP 0-9-1 service (Service Bus speaks AMQP 1.0, a different protocol), and the profile does not say where queues run. Fix: set queuesInCluster: true on the azure profile to run each queue in the cluster (a RabbitMQ StatefulSet, or the RabbitMQ operators with queueOperator), or select another profile for the queue [PD200]'],
  ['fails when an object store is declared without objectStoresInCluster', () => new PortableObjectStore(chart, 'Bucket', { name: 'uploads' }),
    'test/Bucket: invalid profile "azure": allowed: not an object store on the azure-none backend of profile "azure": Azure Blob Storage does not speak S3, the portable object store\'s protocol, and the profile does not say where object stores run. Fix: set objectStoresInCluster: true on the azure profile to run each object store in the cluster (a Versity S3 Gateway StatefulSet), or select another profile for the object store [PD200]'],
]);

// ------------------------------------------------------------------------------------------------- profiles file
rows.push(
  ['fails when an azure profile in a file has no location', profilesFile('no-location', `profiles:\n  - type: azure\n    options:\n      resourceGroupId: ${RG}\n`),
    '<dir>/no-location.yaml: profiles[0]: invalid options.location undefined: allowed: a string; type "azure" requires it. Fix: add `location:` under `options:` [PD400]'],
  ['fails when an azure profile in a file has an unknown option', profilesFile('unknown-option', `${FILE_OK}      region: westeurope\n`),
    '<dir>/unknown-option.yaml: profiles[0]: invalid options key "region": allowed: the options of type "azure": name, labels, binderImage, binderRepair, binderAdmissionPolicy, upgradeGuard, location, resourceGroupId, namePrefix, mysqlSubnetId, mysqlPrivateDnsZoneId, postgresSubnetId, postgresPrivateDnsZoneId, storageAutoGrow, geoRedundantBackup, cacheSubnetId, cachePrivateDnsZoneId, cachePublicNetworkAccess, queuesInCluster, queueOperator, queueStorageReclaimPolicy, clusterDomain, objectStoresInCluster. Fix: `region` is an option of type aws, gcp: remove it or change the `type` [PD400]'],
  ['fails when an azure profile in a file has storageAutoGrow as a string', profilesFile('auto-grow', `${FILE_OK}      storageAutoGrow: "yes"\n`),
    '<dir>/auto-grow.yaml: profiles[0]: invalid options.storageAutoGrow "yes": allowed: true or false (got a string). Fix: write true or false; quote strings that YAML would read as another type (yes, no, on, off, numbers, dates) [PD400]'],
  ['fails when an azure profile in a file has cachePublicNetworkAccess as a string', profilesFile('cache-public', `${FILE_OK}      cachePublicNetworkAccess: "yes"\n`),
    '<dir>/cache-public.yaml: profiles[0]: invalid options.cachePublicNetworkAccess "yes": allowed: true or false (got a string). Fix: write true or false; quote strings that YAML would read as another type (yes, no, on, off, numbers, dates) [PD400]'],
  ['fails when an azure profile in a file has a cache DNS zone of another service', profilesFile('cache-zone', `${FILE_OK}      cacheSubnetId: ${RG}/providers/Microsoft.Network/virtualNetworks/aks/subnets/endpoints\n      cachePrivateDnsZoneId: ${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net\n`),
    `<dir>/cache-zone.yaml: profiles[0]: azure profile option cachePrivateDnsZoneId: invalid cachePrivateDnsZoneId "${RG}/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net": allowed: the ARM ID of the private DNS zone privatelink.redis.azure.net (Azure Managed Redis): /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net. Fix: create the zone privatelink.redis.azure.net (az network private-dns zone create), link it to the cluster\'s virtual network, and set cachePrivateDnsZoneId to its ID [PD100]`],
  ['fails when an azure profile in a file has a display-name location', profilesFile('display-name', `profiles:\n  - type: azure\n    options:\n      location: West Europe\n      resourceGroupId: ${RG}\n`),
    '<dir>/display-name.yaml: profiles[0]: azure profile option location: invalid location "West Europe": allowed: an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (the catalog of 2026-12-06 lists 53). Fix: did you mean "westeurope"? [PD100]'],
);
