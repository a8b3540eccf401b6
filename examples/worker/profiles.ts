import { IConstruct } from 'constructs';
// In your app: import { CrossplaneProfile, … } from 'cdk8s-portable-data';
import {
  AwsProfile, AzureProfile, CrossplaneProfile, DeletionPolicy, GcpProfile, InClusterProfile, PostgresOperator, Profile, QueueOperator,
} from '../../src';

/**
 * The environments this app is synthesized for; `PORTABLE_PROFILE=<name> npx cdk8s synth` picks one.
 * `in-cluster` (a RabbitMQ, a Valkey and a PostgreSQL StatefulSet, nothing to install) is built in and the default.
 */
export function registerProfiles(app: IConstruct): void {
  Profile.register(app,
    // In the cluster, PostgreSQL through CloudNativePG and RabbitMQ through the RabbitMQ operators (both HA); the
    // cache stays a Valkey StatefulSet.
    new InClusterProfile({
      name: 'in-cluster-operators',
      storageClassName: 'ceph-block',
      postgresOperator: PostgresOperator.CLOUDNATIVE_PG,
      volumeSnapshotClassName: 'csi-snapclass',
      // CloudNativePG's and the RabbitMQ operator's claims go with their Cluster and RabbitmqCluster: the StorageClass
      // must retain volumes for RETAIN to hold.
      storageReclaimPolicy: DeletionPolicy.RETAIN,
      queueOperator: QueueOperator.RABBITMQ_OPERATORS,
    }),
    // Amazon MQ for RabbitMQ, ElastiCache for Valkey and RDS through ACK. The subnets, subnet groups and security
    // groups must exist and admit the worker pods on 5671, 6379 and 5432.
    new AwsProfile({
      region: 'eu-west-1',
      dbSubnetGroupName: 'worker-private',
      vpcSecurityGroupIds: ['sg-0a1b2c3d4e5f60718'],
      cacheSubnetGroupName: 'worker-cache-private',
      brokerSubnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-08192a3b4c5d6e7f0'],
      eksClusterName: 'worker-prod',
      namePrefix: 'prod-',
    }),
    // Memorystore for Redis and Cloud SQL through Config Connector, on the private network. GCP has no managed AMQP
    // 0-9-1 service: the queue runs in the GKE cluster, through the RabbitMQ operators.
    new GcpProfile({
      projectId: 'worker-prod-4711',
      region: 'europe-west1',
      privateNetwork: 'projects/worker-prod-4711/global/networks/default',
      namePrefix: 'prod-',
      queuesInCluster: true,
      queueOperator: QueueOperator.RABBITMQ_OPERATORS,
      // The broker's claims go with the RabbitmqCluster: the cluster's default StorageClass must retain volumes
      // (reclaimPolicy: Retain) for the queue's RETAIN to hold.
      queueStorageReclaimPolicy: DeletionPolicy.RETAIN,
    }),
    // Claims answered by the platform team's Compositions (CrossplaneDatabasePlatform, CrossplaneCachePlatform,
    // CrossplaneQueuePlatform).
    new CrossplaneProfile({ compositionSelector: { provider: 'aws' }, namePrefix: 'prod-' }),
    new AzureProfile({
      location: 'westeurope',
      resourceGroupId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/worker-prod',
      postgresSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/worker-prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/postgres',
      postgresPrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/worker-prod/providers/Microsoft.Network/privateDnsZones/worker.postgres.database.azure.com',
      // The cache is reached through a private endpoint in this subnet, its name resolved by this zone.
      cacheSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/worker-prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/endpoints',
      cachePrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/worker-prod/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net',
      namePrefix: 'prod-',
      queuesInCluster: true,
    }),
  );
}
