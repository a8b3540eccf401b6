import { RDS_INSTANCE_CLASSES } from '../../src/environments/aws/instance-classes';

/**
 * What the price snapshots keep: the regions the examples and the built-in profiles use (and the clouds' default
 * regions), and the classes the library maps its sizes to. Everything else the APIs return is dropped, so the
 * committed files stay small and reviewable.
 */
export interface PriceScope {
  readonly awsRegions: string[];
  readonly gcpRegions: string[];
  readonly azureRegions: string[];
  /** RDS DB instance classes kept. */
  readonly rdsClasses: string[];
  /** ElastiCache node types kept. */
  readonly cacheNodeTypes: string[];
  /** Amazon MQ host instance types kept. */
  readonly mqHostTypes: string[];
}

/** The scope of the committed snapshots. */
export const PRICE_SCOPE: PriceScope = {
  awsRegions: ['eu-west-1', 'us-east-1'],
  gcpRegions: ['europe-west1', 'us-central1'],
  azureRegions: ['eastus', 'westeurope'],
  rdsClasses: RDS_INSTANCE_CLASSES.map((c) => c.name),
  cacheNodeTypes: ['cache.t4g.micro', 'cache.t4g.small', 'cache.t4g.medium', 'cache.r7g.large', 'cache.r7g.xlarge', 'cache.r7g.2xlarge'],
  mqHostTypes: ['mq.m7g.medium', 'mq.m7g.large', 'mq.m7g.xlarge'],
};
