/**
 * Profile options of every kind are checked when the profile is created (and when a profiles file is loaded), as the
 * README says, not when the first service of a kind is declared: a bad cache or broker option fails at once, naming
 * the option, in an app that declares no cache or queue.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AwsProfile, CrossplaneProfile, InClusterProfile, Profile } from '../src';

const AWS = { region: 'eu-west-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] };

describe('fails when the profile is created with a bad option of a kind it has not served yet', () => {
  test.each<[string, () => unknown, string]>([
    ['aws brokerSecurityGroupIds', () => new AwsProfile({ ...AWS, brokerSecurityGroupIds: ['sg-nope'] }),
      'aws profile option brokerSecurityGroupIds: invalid brokerSecurityGroupIds "sg-nope": allowed: VPC security group IDs (sg-…; they must admit the workloads on port 5671)'],
    ['aws brokerSecurityGroupIds, empty', () => new AwsProfile({ ...AWS, brokerSecurityGroupIds: [] }),
      'aws profile option brokerSecurityGroupIds: invalid brokerSecurityGroupIds []: allowed: a list of one or more VPC security group IDs'],
    ['aws brokerSubnetIds', () => new AwsProfile({ ...AWS, brokerSubnetIds: ['subnet-0123456789abcdef0', 'sn-1'] }),
      'aws profile option brokerSubnetIds: invalid brokerSubnetIds "sn-1": allowed: private subnet IDs (subnet-…)'],
    ['aws brokerSubnetIds, twice the same', () => new AwsProfile({ ...AWS, brokerSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef0'] }),
      'aws profile option brokerSubnetIds: invalid brokerSubnetIds ["subnet-0123456789abcdef0"]: allowed: each ID once'],
    ['aws cacheSubnetGroupName', () => new AwsProfile({ ...AWS, cacheSubnetGroupName: 'default' }),
      'aws profile option cacheSubnetGroupName: invalid cacheSubnetGroupName "default": allowed: the name of an ElastiCache cache subnet group of private subnets'],
    ['aws cacheSecurityGroupIds', () => new AwsProfile({ ...AWS, cacheSecurityGroupIds: ['default'] }),
      'aws profile option cacheSecurityGroupIds: invalid cacheSecurityGroupIds "default": allowed: VPC security group IDs (sg-…; they must admit the workloads on port 6379)'],
    ['crossplane compositionSelector', () => new CrossplaneProfile({ compositionSelector: {} }),
      'crossplane profile options: invalid compositionSelector {}: allowed: at least one label of the Composition to use'],
    ['crossplane namePrefix', () => new CrossplaneProfile({ compositionSelector: { provider: 'aws' }, namePrefix: 'Prod-' }),
      'crossplane profile options: invalid namePrefix "Prod-": allowed: 1 to 23 lower-case letters'],
    ['in-cluster bucketStorageClassName without Rook', () => new InClusterProfile({ bucketStorageClassName: 'Rook Bucket' }),
      'in-cluster profile option bucketStorageClassName: invalid bucketStorageClassName "Rook Bucket"'],
  ])('%s', (_name, create, message) => {
    expect(create).toThrow(message);
  });

  test('and when a profiles file is loaded, naming the file and the entry', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'profile-options-')), 'profiles.yaml');
    fs.writeFileSync(file, [
      'profiles:',
      '  - type: aws',
      '    options:',
      '      region: eu-west-1',
      '      dbSubnetGroupName: data',
      '      vpcSecurityGroupIds: [sg-0123456789abcdef0]',
      '      brokerSecurityGroupIds: [sg-broker]',
      '',
    ].join('\n'));
    expect(() => Profile.fromFile(file)).toThrow(`${file}: profiles[0]: aws profile option brokerSecurityGroupIds: invalid brokerSecurityGroupIds "sg-broker"`);
  });

  test('good options of every kind pass', () => {
    expect(() => new AwsProfile({
      ...AWS,
      cacheSubnetGroupName: 'cache-private',
      cacheSecurityGroupIds: ['sg-0123456789abcdef0'],
      brokerSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
      brokerSecurityGroupIds: ['sg-0fedcba9876543210'],
    })).not.toThrow();
    expect(() => new CrossplaneProfile({ compositionSelector: { provider: 'aws' }, namePrefix: 'prod-' })).not.toThrow();
    expect(() => new InClusterProfile({ bucketStorageClassName: 'rook-ceph-bucket' })).not.toThrow();
  });
});
