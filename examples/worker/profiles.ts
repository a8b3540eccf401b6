import { IConstruct } from 'constructs';
// In your app: import { CrossplaneProfile, … } from 'cdk8s-portable-data';
import { AwsProfile, CrossplaneProfile, DeletionPolicy, GcpProfile, InClusterProfile, PostgresOperator, Profile } from '../../src';

/**
 * The environments this app is synthesized for; `PORTABLE_PROFILE=<name> npx cdk8s synth` picks one.
 * `in-cluster` (a Valkey and a PostgreSQL StatefulSet, nothing to install) is built in and the default.
 */
export function registerProfiles(app: IConstruct): void {
  Profile.register(app,
    // In the cluster, PostgreSQL through CloudNativePG (HA); the cache stays a Valkey StatefulSet.
    new InClusterProfile({
      name: 'in-cluster-operators',
      storageClassName: 'ceph-block',
      postgresOperator: PostgresOperator.CLOUDNATIVE_PG,
      volumeSnapshotClassName: 'csi-snapclass',
      // CloudNativePG's claims go with the Cluster: the StorageClass must retain volumes for RETAIN to hold.
      storageReclaimPolicy: DeletionPolicy.RETAIN,
    }),
    // ElastiCache for Valkey and RDS through ACK. The cache subnet group and security groups must exist and admit
    // the worker pods on 6379.
    new AwsProfile({
      region: 'eu-west-1',
      dbSubnetGroupName: 'worker-private',
      vpcSecurityGroupIds: ['sg-0a1b2c3d4e5f60718'],
      cacheSubnetGroupName: 'worker-cache-private',
      eksClusterName: 'worker-prod',
      namePrefix: 'prod-',
    }),
    // Memorystore for Redis and Cloud SQL through Config Connector, on the private network.
    new GcpProfile({
      projectId: 'worker-prod-4711',
      region: 'europe-west1',
      privateNetwork: 'projects/worker-prod-4711/global/networks/default',
      namePrefix: 'prod-',
    }),
    // Claims answered by the platform team's Compositions (CrossplanePlatform, CrossplaneCachePlatform).
    new CrossplaneProfile({ compositionSelector: { provider: 'aws' }, namePrefix: 'prod-' }),
  );
}
