import { AwsProfile, CrossplaneProfile, GcpProfile, InClusterProfile, Profile } from '../src';

/** One realistic profile of every built-in kind, by name: the contract tests run over all of them. */
export const PROFILES: { [name: string]: () => Profile } = {
  'in-cluster': () => new InClusterProfile({ storageClassName: 'fast-ssd' }),
  'aws': () => new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'], eksClusterName: 'prod-eks' }),
  'gcp': () => new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1' }),
  'crossplane': () => new CrossplaneProfile({ compositionSelector: { provider: 'aws' } }),
};

export const PROFILE_NAMES = Object.keys(PROFILES);
