import { IConstruct } from 'constructs';
// In your app: import { AwsProfile, …, Profile } from 'cdk8s-portable-data';
import { AwsProfile, AzureProfile, CrossplaneProfile, DeletionPolicy, GcpProfile, InClusterProfile, PostgresOperator, Profile } from '../../src';

/**
 * One profile per built-in environment; `PORTABLE_PROFILE=<name> npx cdk8s synth` picks one. The built-in
 * `in-cluster` profile (StatefulSets) refuses a recovery window and restores: in the cluster, the example runs
 * PostgreSQL through CloudNativePG with a WAL archive.
 */
export function registerProfiles(app: IConstruct): void {
  Profile.register(app,
    // CloudNativePG archives WAL and base backups to an S3 bucket; the Secret `pg-archive-keys` (keys access-key-id
    // and secret-access-key) is the platform team's, or the connection Secret of a PortableObjectStore.
    new InClusterProfile({
      name: 'in-cluster-operators',
      storageClassName: 'ceph-block',
      storageReclaimPolicy: DeletionPolicy.RETAIN,
      postgresOperator: PostgresOperator.CLOUDNATIVE_PG,
      volumeSnapshotClassName: 'csi-snapclass',
      walArchivePath: 's3://acme-orders-pg-archive/prod',
      walArchiveSecretName: 'pg-archive-keys',
    }),
    // RDS through ACK: it restores snapshots, not points in time.
    new AwsProfile({
      region: 'eu-west-1',
      dbSubnetGroupName: 'orders-private',
      vpcSecurityGroupIds: ['sg-0a1b2c3d4e5f60718'],
      eksClusterName: 'orders-prod',
      namePrefix: 'prod-',
    }),
    // Cloud SQL through Config Connector: a clone of the source at the time.
    new GcpProfile({ projectId: 'orders-prod-4711', region: 'europe-west1', namePrefix: 'prod-' }),
    // Claims answered by the platform team's Compositions: RDS restoreToPointInTime.
    new CrossplaneProfile({ compositionSelector: { provider: 'aws' }, namePrefix: 'prod-' }),
    // Flexible Server: createMode PointInTimeRestore.
    new AzureProfile({
      location: 'westeurope',
      resourceGroupId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/orders-prod',
      postgresSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/orders-prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/postgres',
      postgresPrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/orders-prod/providers/Microsoft.Network/privateDnsZones/orders.postgres.database.azure.com',
      namePrefix: 'prod-',
    }),
  );
}
