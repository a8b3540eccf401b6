import { checkAzureLocation } from './catalog/checks';
import { AzureCacheOptions, AzureDatabaseOptions, AzureOptions } from './options';
import { invalid } from '../../private/errors';
import { checkBoolean, checkOptionsObject } from '../../private/validate';

/** Longest `namePrefix`: leaves 43 of the 63 characters of a server name to the service name. */
export const MAX_NAME_PREFIX_LENGTH = 20;

const NAME_PREFIX = /^[a-z][a-z0-9-]*$/;
const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const RESOURCE_GROUP_ID = new RegExp(`^/subscriptions/${GUID}/resourceGroups/[-\\w.()]{1,90}$`, 'i');
const SUBNET_ID = new RegExp(`^/subscriptions/${GUID}/resourceGroups/[-\\w.()]{1,90}/providers/Microsoft\\.Network/virtualNetworks/[-\\w.]{2,64}/subnets/[-\\w.]{1,80}$`, 'i');
const DNS_ZONE_ID = new RegExp(`^/subscriptions/${GUID}/resourceGroups/[-\\w.()]{1,90}/providers/Microsoft\\.Network/privateDnsZones/([a-z0-9.-]+)$`, 'i');

/** The options with defaults applied. */
export interface ResolvedAzureOptions {
  readonly location: string;
  readonly resourceGroupId: string;
  readonly namePrefix: string;
  /** By engine (`mysql`, `postgresql`): the delegated subnet and private DNS zone. */
  readonly networks: { readonly [engine: string]: { readonly subnetId: string; readonly privateDnsZoneId: string } | undefined };
  readonly storageAutoGrow: boolean;
  readonly geoRedundantBackup: boolean;
  /** The subnet of the caches' private endpoints and the `privatelink.redis.azure.net` zone, when set. */
  readonly cacheNetwork?: { readonly subnetId: string; readonly privateDnsZoneId: string };
  /** The profile says the caches may be reached on their public endpoint. */
  readonly cachePublicNetworkAccess: boolean;
}

function where(option: string): string {
  return `azure profile option ${option}`;
}

/** The private DNS zone suffix each engine's servers need. */
const ZONE_SUFFIX: { [engine: string]: string } = { mysql: '.mysql.database.azure.com', postgresql: '.postgres.database.azure.com' };

function checkNetwork(engine: string, subnetOption: string, zoneOption: string, subnet: unknown, zone: unknown) {
  if (subnet === undefined && zone === undefined) return undefined;
  if (typeof subnet !== 'string' || !SUBNET_ID.test(subnet)) {
    invalid(where(subnetOption), {
      prop: subnetOption,
      value: subnet,
      allowed: 'the ARM ID of a subnet: /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>',
      fix: `set ${subnetOption} to the ID of a subnet delegated to the ${engine === 'mysql' ? 'Microsoft.DBforMySQL' : 'Microsoft.DBforPostgreSQL'}/flexibleServers service (\`az network vnet subnet show --query id\`)`,
    });
  }
  const m = typeof zone === 'string' ? DNS_ZONE_ID.exec(zone) : null;
  if (!m || !m[1].toLowerCase().endsWith(ZONE_SUFFIX[engine])) {
    invalid(where(zoneOption), {
      prop: zoneOption,
      value: zone,
      allowed: `the ARM ID of a private DNS zone whose name ends in ${ZONE_SUFFIX[engine]}: /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/<name>`,
      fix: `create the zone (e.g. prod${ZONE_SUFFIX[engine]}), link it to the subnet's virtual network, and set ${zoneOption} to its ID`,
    });
  }
  return { subnetId: subnet, privateDnsZoneId: zone as string };
}

/** The private DNS zone of Azure Managed Redis private endpoints (learn.microsoft.com private-endpoint-dns). */
export const REDIS_PRIVATE_DNS_ZONE = 'privatelink.redis.azure.net';

function checkCacheNetwork(subnet: unknown, zone: unknown) {
  if (subnet === undefined && zone === undefined) return undefined;
  if (typeof subnet !== 'string' || !SUBNET_ID.test(subnet)) {
    invalid(where('cacheSubnetId'), {
      prop: 'cacheSubnetId',
      value: subnet,
      allowed: 'the ARM ID of a subnet: /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<network>/subnets/<subnet>',
      fix: 'set cacheSubnetId to the ID of a subnet of a virtual network the cluster reaches, where the caches\' private endpoints take their address (`az network vnet subnet show --query id`)',
    });
  }
  const m = typeof zone === 'string' ? DNS_ZONE_ID.exec(zone) : null;
  if (!m || m[1].toLowerCase() !== REDIS_PRIVATE_DNS_ZONE) {
    invalid(where('cachePrivateDnsZoneId'), {
      prop: 'cachePrivateDnsZoneId',
      value: zone,
      allowed: `the ARM ID of the private DNS zone ${REDIS_PRIVATE_DNS_ZONE} (Azure Managed Redis): /subscriptions/<subscription ID>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/${REDIS_PRIVATE_DNS_ZONE}`,
      fix: `create the zone ${REDIS_PRIVATE_DNS_ZONE} (az network private-dns zone create), link it to the cluster's virtual network, and set cachePrivateDnsZoneId to its ID`,
    });
  }
  return { subnetId: subnet, privateDnsZoneId: zone as string };
}

/** Validates the options of the Azure backends and applies defaults; fails naming the option. */
export function resolveAzureOptions(options: AzureOptions & AzureDatabaseOptions & AzureCacheOptions): ResolvedAzureOptions {
  checkOptionsObject('azure profile options', 'options', options, 'AzureProfileOptions with location and resourceGroupId',
    "write e.g. new AzureProfile({ location: 'westeurope', resourceGroupId: '/subscriptions/<id>/resourceGroups/prod' })");
  const location = checkAzureLocation(where('location'), 'location', options.location);
  if (typeof options.resourceGroupId !== 'string' || !RESOURCE_GROUP_ID.test(options.resourceGroupId)) {
    invalid(where('resourceGroupId'), {
      prop: 'resourceGroupId',
      value: options.resourceGroupId,
      allowed: 'the ARM ID of an existing resource group: /subscriptions/<subscription ID (a GUID)>/resourceGroups/<name>',
      fix: 'use the output of `az group show --name <group> --query id -o tsv` (the group is referenced, never created)',
    });
  }
  const namePrefix = options.namePrefix ?? '';
  if (namePrefix !== '' && (typeof namePrefix !== 'string' || !NAME_PREFIX.test(namePrefix) || namePrefix.length > MAX_NAME_PREFIX_LENGTH)) {
    invalid(where('namePrefix'), {
      prop: 'namePrefix',
      value: namePrefix,
      allowed: `1 to ${MAX_NAME_PREFIX_LENGTH} lower-case letters, digits and hyphens, starting with a letter (Azure server and cache names are DNS names)`,
      fix: 'use e.g. "prod-"',
    });
  }
  for (const option of ['storageAutoGrow', 'geoRedundantBackup', 'cachePublicNetworkAccess'] as const) {
    if (options[option] !== undefined) checkBoolean(where(option), option, options[option]);
  }
  return {
    location,
    resourceGroupId: options.resourceGroupId,
    namePrefix,
    networks: {
      mysql: checkNetwork('mysql', 'mysqlSubnetId', 'mysqlPrivateDnsZoneId', options.mysqlSubnetId, options.mysqlPrivateDnsZoneId),
      postgresql: checkNetwork('postgresql', 'postgresSubnetId', 'postgresPrivateDnsZoneId', options.postgresSubnetId, options.postgresPrivateDnsZoneId),
    },
    storageAutoGrow: options.storageAutoGrow ?? false,
    geoRedundantBackup: options.geoRedundantBackup ?? false,
    cacheNetwork: checkCacheNetwork(options.cacheSubnetId, options.cachePrivateDnsZoneId),
    cachePublicNetworkAccess: options.cachePublicNetworkAccess ?? false,
  };
}
