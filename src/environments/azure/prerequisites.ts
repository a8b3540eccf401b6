import { apiGroupOf, PrerequisiteRules } from '../../core/prerequisites';

/** The Azure resource provider each ASO group this environment's objects use needs registered in the subscription. */
const RESOURCE_PROVIDERS: { [group: string]: string } = {
  'dbformysql.azure.com': 'Microsoft.DBforMySQL',
  'dbforpostgresql.azure.com': 'Microsoft.DBforPostgreSQL',
  'cache.azure.com': 'Microsoft.Cache',
  'network.azure.com': 'Microsoft.Network',
};

/**
 * What the Azure environment's objects need: Azure Service Operator v2 serving their CRDs (its `crdPattern`), the
 * resource providers registered, the existing resource group, the delegated subnets and private DNS zones, the
 * subnet and the `privatelink.redis.azure.net` zone of the caches' private endpoints, and the public access of a cache
 * cluster turned off (ASO v2.19.0 cannot write it).
 */
export const AZURE_PREREQUISITES: PrerequisiteRules = {
  groups: [{ group: '*.azure.com', requirement: (group) => `Azure Service Operator v2 (v2.19.0 or later) with ${group}/* in its crdPattern` }],
  inspect: (o, { add }) => {
    const group = apiGroupOf(o.apiVersion);
    if (!group.endsWith('.azure.com')) return;
    const provider = RESOURCE_PROVIDERS[group];
    if (provider) add('cloud', `resource provider ${provider} registered in the subscription`);
    const owner = o.spec?.owner?.armId;
    if (owner) add('cloud', `resource group ${owner} (existing; ASO's identity may create resources in it)`);
    const network = o.spec?.network;
    if (o.kind === 'FlexibleServer' && network?.delegatedSubnetResourceReference?.armId) {
      const zone = network.privateDnsZoneResourceReference?.armId ?? network.privateDnsZoneArmResourceReference?.armId;
      add('cloud', `subnet ${network.delegatedSubnetResourceReference.armId} delegated to ${provider}/flexibleServers, reachable from the cluster`);
      add('cloud', `private DNS zone ${zone} linked to that subnet's virtual network`);
    }
    if (o.kind === 'PrivateEndpoint') {
      const subnet = o.spec?.subnet?.reference?.armId;
      if (subnet) add('cloud', `subnet ${subnet} (private endpoint network policies allow endpoints), reachable from the cluster`);
      const target = o.spec?.privateLinkServiceConnections?.[0]?.privateLinkServiceReference?.name;
      if (target) {
        add('cloud', `public network access of the Azure Managed Redis cluster ${target} turned off once it exists: `
          + 'az redisenterprise update --public-network-access Disabled (ASO v2.19.0 serves API 2025-04-01, which cannot set it)');
      }
    }
    if (o.kind === 'PrivateEndpointsPrivateDnsZoneGroup') {
      for (const config of o.spec?.privateDnsZoneConfigs ?? []) {
        const zone = config?.privateDnsZoneReference?.armId;
        if (zone) add('cloud', `private DNS zone ${zone} linked to the cluster's virtual network`);
      }
    }
  },
};
