import { apiGroupOf, PrerequisiteRules } from '../../core/prerequisites';

/** The Azure resource provider each ASO group this environment's objects use needs registered in the subscription. */
const RESOURCE_PROVIDERS: { [group: string]: string } = {
  'dbformysql.azure.com': 'Microsoft.DBforMySQL',
  'dbforpostgresql.azure.com': 'Microsoft.DBforPostgreSQL',
  'cache.azure.com': 'Microsoft.Cache',
};

/**
 * What the Azure environment's objects need: Azure Service Operator v2 serving their CRDs (its `crdPattern`), the
 * resource providers registered, the existing resource group, the delegated subnets and private DNS zones.
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
  },
};
