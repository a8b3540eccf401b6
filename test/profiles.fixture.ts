import { AwsProfile, AzureProfile, CrossplaneProfile, GcpProfile, InClusterProfile, Profile } from '../src';

/** One realistic profile of every built-in kind, by name: the contract tests run over all of them. */
export const PROFILES: { [name: string]: () => Profile } = {
  'in-cluster': () => new InClusterProfile({ storageClassName: 'fast-ssd' }),
  'aws': () => new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'], eksClusterName: 'prod-eks' }),
  'gcp': () => new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1' }),
  'crossplane': () => new CrossplaneProfile({ compositionSelector: { provider: 'aws' } }),
  'azure': () => new AzureProfile({
    location: 'westeurope',
    resourceGroupId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod',
    mysqlSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/mysql',
    mysqlPrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/prod.mysql.database.azure.com',
    postgresSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/postgres',
    postgresPrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/prod.postgres.database.azure.com',
    cacheSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/endpoints',
    cachePrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net',
    // Blob Storage does not speak S3: the object stores of the tests run in the cluster.
    objectStoresInCluster: true,
  }),
};

export const PROFILE_NAMES = Object.keys(PROFILES);
