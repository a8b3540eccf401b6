import { AzureProfile, AzureProfileOptions } from '../../../src';

export const SUB = '00000000-0000-0000-0000-000000000000';
export const RG = `/subscriptions/${SUB}/resourceGroups/prod`;
const NET = `${RG}/providers/Microsoft.Network`;

/** A realistic Azure profile: both engines' delegated subnets and private DNS zones, the caches' endpoint subnet and zone. */
export const AZURE_OPTIONS: AzureProfileOptions = {
  location: 'westeurope',
  resourceGroupId: RG,
  mysqlSubnetId: `${NET}/virtualNetworks/aks/subnets/mysql`,
  mysqlPrivateDnsZoneId: `${NET}/privateDnsZones/prod.mysql.database.azure.com`,
  postgresSubnetId: `${NET}/virtualNetworks/aks/subnets/postgres`,
  postgresPrivateDnsZoneId: `${NET}/privateDnsZones/prod.postgres.database.azure.com`,
  cacheSubnetId: `${NET}/virtualNetworks/aks/subnets/endpoints`,
  cachePrivateDnsZoneId: `${NET}/privateDnsZones/privatelink.redis.azure.net`,
};

export function azureProfile(options: Partial<AzureProfileOptions> = {}): AzureProfile {
  return new AzureProfile({ ...AZURE_OPTIONS, ...options });
}
