import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
// In your platform app: import { CrossplaneDatabasePlatform, … } from 'cdk8s-portable-data';
import { CrossplaneCachePlatform, CrossplaneDatabasePlatform, CrossplaneObjectStorePlatform, CrossplaneQueuePlatform } from '../../src';

const REGION = 'eu-west-1';
const PROJECT = 'acme-prod-4711';
const GCP_REGION = 'europe-west1';
const NETWORK = `projects/${PROJECT}/global/networks/default`;

/**
 * The platform side of the portable Crossplane APIs, applied once per cluster by the platform team: the
 * CompositeResourceDefinitions of the `Database`, `ObjectStore`, `Cache` and `Queue` claims and their Compositions,
 * one per cloud (labelled `provider: aws` / `provider: gcp`). The apps (`examples/wordpress`, `examples/photos`,
 * `examples/worker`) synthesized with their `crossplane` profile (`compositionSelector: { provider: 'aws' }`) write
 * the claims these definitions serve. Every object is cluster-scoped: the chart has no namespace.
 *
 * The network identifiers below are made up: replace them with the private subnets, subnet groups and security
 * groups of your VPC (and your GCP project and network), which must exist before the claims are made.
 */
export class DataPlatformChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // PortableMySQL and PortablePostgres: RDS (provider-aws-rds) or Cloud SQL (provider-gcp-sql).
    new CrossplaneDatabasePlatform(this, 'Databases', {
      aws: { region: REGION, dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0a1b2c3d4e5f60718'] },
      gcp: { region: GCP_REGION, project: PROJECT, privateNetwork: NETWORK },
    });

    // PortableObjectStore: S3 (provider-aws-s3) or Cloud Storage (provider-gcp-storage).
    new CrossplaneObjectStorePlatform(this, 'ObjectStores', {
      aws: { region: REGION },
      gcp: { region: GCP_REGION, project: PROJECT },
    });

    // PortableCache: ElastiCache for Valkey (provider-aws-elasticache) or Memorystore for Redis (provider-gcp-redis).
    new CrossplaneCachePlatform(this, 'Caches', {
      aws: { region: REGION, cacheSubnetGroupName: 'cache-private', securityGroupIds: ['sg-0a1b2c3d4e5f60718'] },
      gcp: { region: GCP_REGION, project: PROJECT, authorizedNetwork: NETWORK },
    });

    // PortableQueue: Amazon MQ for RabbitMQ (provider-aws-mq). GCP has no managed AMQP 0-9-1 service, so there is no
    // GCP Composition: a CrossplaneProfile that selects provider: gcp runs queues in the cluster (queuesInCluster).
    new CrossplaneQueuePlatform(this, 'Queues', {
      aws: {
        region: REGION,
        subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-08192a3b4c5d6e7f0'],
        securityGroupIds: ['sg-0a1b2c3d4e5f60718'],
      },
    });
  }
}
