/**
 * Options every AWS backend reads (AWS Controllers for Kubernetes).
 */
export interface AwsOptions {
  /** AWS region, e.g. `eu-west-1`. Set on every resource with the `services.k8s.aws/region` annotation. */
  readonly region: string;
  /**
   * IDs of the VPC security groups attached to the databases (`sg-…`), at least one; also the caches' and brokers'
   * unless `cacheSecurityGroupIds` / `brokerSecurityGroupIds` say otherwise.
   */
  readonly vpcSecurityGroupIds: string[];
  /**
   * Prefix of cloud identifiers (e.g. `prod-`), to keep environments apart in one account: lower-case letters,
   * digits and hyphens, starting with a letter, at most 23 characters (so that the prefix and a 40-character
   * service name fit the 63 characters of an RDS identifier).
   * @default - no prefix
   */
  readonly namePrefix?: string;
}

/**
 * Options of the AWS database backend (RDS through ACK).
 */
export interface AwsDatabaseOptions {
  /**
   * Name of the RDS DB subnet group the databases are placed in (private subnets). The subnet group `default`
   * (the default VPC's subnets, usually public) is refused.
   */
  readonly dbSubnetGroupName: string;
  /**
   * KMS key (ARN) for storage encryption, in the profile's region.
   * @default - the AWS managed key `aws/rds` (storage is always encrypted)
   */
  readonly kmsKeyArn?: string;
  /**
   * RDS storage type: `gp3` or `gp2` (provisioned-IOPS types need an IOPS figure this library does not model).
   * @default 'gp3'
   */
  readonly storageType?: string;
  /**
   * Storage autoscaling: `maxAllocatedStorage` is the allocated storage times this factor, capped at 65536 GiB.
   * `1` turns autoscaling off. Autoscaling is also off when the cap would not be at least 10% above the allocated
   * storage (RDS requires that margin).
   * @default 2
   */
  readonly maxAllocatedStorageFactor?: number;
  /**
   * RDS instance classes for the named sizes, replacing the defaults, keyed by size name: `small`, `medium`,
   * `large` (e.g. `{ small: 'db.t4g.medium' }`). Custom sizes are always mapped to the exact class with the same
   * vCPUs and memory.
   * @default - small `db.t4g.small`, medium `db.m6g.large`, large `db.m6g.xlarge`
   */
  readonly instanceClasses?: { [size: string]: string };
  /**
   * Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` in UTC (e.g. `sun:04:00-sun:04:30`), at least 30
   * minutes. It must not overlap the backup window of any database.
   * @default - a 30-minute window chosen by RDS
   */
  readonly maintenanceWindow?: string;
}

/**
 * Options of the AWS cache backend (ElastiCache for Valkey through ACK).
 */
export interface AwsCacheOptions {
  /**
   * Name of the ElastiCache cache subnet group the caches are placed in (private subnets, created by the platform
   * team). Required for caches; profiles without caches need not set it.
   * @default - none: a `PortableCache` fails at synth and names this option
   */
  readonly cacheSubnetGroupName?: string;
  /**
   * IDs of the VPC security groups attached to the caches (`sg-…`; they must admit the workloads on port 6379).
   * @default - the profile's `vpcSecurityGroupIds`
   */
  readonly cacheSecurityGroupIds?: string[];
}

/**
 * Options of the AWS queue backend (Amazon MQ for RabbitMQ through ACK).
 */
export interface AwsQueueOptions {
  /**
   * IDs of the private subnets the brokers are placed in (`subnet-…`): one for a single-instance broker (the first
   * is used), two or more in different zones for a highly available cluster. Required for queues; profiles without
   * queues need not set it.
   * @default - none: a `PortableQueue` fails at synth and names this option
   */
  readonly brokerSubnetIds?: string[];
  /**
   * IDs of the VPC security groups attached to the brokers (`sg-…`; they must admit the workloads on port 5671).
   * @default - the profile's `vpcSecurityGroupIds`
   */
  readonly brokerSecurityGroupIds?: string[];
}
