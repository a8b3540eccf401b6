/**
 * Options of the AWS backends (AWS Controllers for Kubernetes).
 */
export interface AwsBackendOptions {
  /** AWS region, e.g. `eu-west-1`. Set on every resource with the `services.k8s.aws/region` annotation. */
  readonly region: string;
  /** Name of the RDS DB subnet group the databases are placed in (private subnets). */
  readonly dbSubnetGroupName: string;
  /** IDs of the VPC security groups attached to the databases (`sg-…`), at least one. */
  readonly vpcSecurityGroupIds: string[];
  /**
   * KMS key (ARN) for storage encryption.
   * @default - the AWS managed key `aws/rds` (storage is always encrypted)
   */
  readonly kmsKeyArn?: string;
  /**
   * Prefix of cloud identifiers (e.g. `prod-`), to keep environments apart in one account.
   * @default - no prefix
   */
  readonly namePrefix?: string;
}
