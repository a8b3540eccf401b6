import { IConstruct } from 'constructs';
// In your app: import { Profile } from 'cdk8s-portable-data';
import { AwsProfile, AzureProfile, CrossplaneProfile, GcpProfile, Profile } from '../../src';

/**
 * The environments this app is synthesized for; `PORTABLE_PROFILE=<name> npx cdk8s synth` picks one.
 * `in-cluster` is built in and the default.
 */
export function registerProfiles(app: IConstruct): void {
  Profile.register(app,
    new AwsProfile({
      region: 'eu-west-1',
      dbSubnetGroupName: 'wordpress-private',
      vpcSecurityGroupIds: ['sg-0a1b2c3d4e5f60718'],
      namePrefix: 'prod-',
    }),
    new GcpProfile({
      projectId: 'wordpress-prod-4711',
      region: 'europe-west1',
      privateNetwork: 'projects/wordpress-prod-4711/global/networks/default',
      namePrefix: 'prod-',
    }),
    new CrossplaneProfile({ compositionSelector: { provider: 'aws' }, namePrefix: 'prod-' }),
    new AzureProfile({
      location: 'westeurope',
      resourceGroupId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/wordpress-prod',
      mysqlSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/wordpress-prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/mysql',
      mysqlPrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/wordpress-prod/providers/Microsoft.Network/privateDnsZones/wordpress.mysql.database.azure.com',
      namePrefix: 'prod-',
    }),
  );
}
