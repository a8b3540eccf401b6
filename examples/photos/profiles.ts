import { IConstruct } from 'constructs';
// In your app: import { DeletionPolicy, ObjectStoreOperator, PostgresOperator, Profile } from 'cdk8s-portable-data';
import { AwsProfile, AzureProfile, CrossplaneProfile, DeletionPolicy, GcpProfile, InClusterProfile, ObjectStoreOperator, PostgresOperator, Profile } from '../../src';

/**
 * The environments this app is synthesized for; `PORTABLE_PROFILE=<name> npx cdk8s synth` picks one.
 * `in-cluster` (a PostgreSQL StatefulSet and an S3 server per bucket, nothing to install) is built in and the default.
 */
export function registerProfiles(app: IConstruct): void {
  Profile.register(app,
    // In the cluster, through operators: CloudNativePG for PostgreSQL (HA and volume-snapshot backups) and
    // Rook/Ceph for buckets. Both StorageClasses must have `reclaimPolicy: Retain`: deleting a CloudNativePG Cluster
    // deletes its claims and Rook applies the bucket class's policy, and the database and the photos are retained
    // (the services' default deletion policy).
    new InClusterProfile({
      name: 'in-cluster-operators',
      storageClassName: 'ceph-block',
      storageReclaimPolicy: DeletionPolicy.RETAIN,
      postgresOperator: PostgresOperator.CLOUDNATIVE_PG,
      volumeSnapshotClassName: 'csi-snapclass',
      objectStoreOperator: ObjectStoreOperator.ROOK,
      bucketStorageClassName: 'rook-ceph-bucket',
      bucketReclaimPolicy: DeletionPolicy.RETAIN,
    }),
    // RDS and S3 through ACK; the app reaches S3 as its ServiceAccount through EKS Pod Identity.
    new AwsProfile({
      region: 'eu-west-1',
      dbSubnetGroupName: 'photos-private',
      vpcSecurityGroupIds: ['sg-0a1b2c3d4e5f60718'],
      eksClusterName: 'photos-prod',
      namePrefix: 'prod-',
    }),
    // Cloud SQL and Cloud Storage through Config Connector; the app reaches GCS through GKE Workload Identity.
    new GcpProfile({
      projectId: 'photos-prod-4711',
      region: 'europe-west1',
      privateNetwork: 'projects/photos-prod-4711/global/networks/default',
      namePrefix: 'prod-',
    }),
    // Claims answered by the platform team's Compositions (CrossplaneDatabasePlatform, CrossplaneObjectStorePlatform).
    new CrossplaneProfile({ compositionSelector: { provider: 'aws' }, namePrefix: 'prod-' }),
    new AzureProfile({
      location: 'westeurope',
      resourceGroupId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/photos-prod',
      postgresSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/photos-prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/postgres',
      postgresPrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/photos-prod/providers/Microsoft.Network/privateDnsZones/photos.postgres.database.azure.com',
      namePrefix: 'prod-',
      objectStoresInCluster: true,
    }),
  );
}
