/**
 * The clouds `CrossplanePlatform` installs a Composition for. The Composition is labelled `provider: <value>`;
 * select it with `new CrossplaneProfile({ compositionSelector: { provider: 'aws' } })`.
 */
export enum CrossplaneCloud {
  /** AWS: RDS through provider-upjet-aws (`rds.aws.upbound.io`). */
  AWS = 'aws',
  /** GCP: Cloud SQL through provider-upjet-gcp (`sql.gcp.upbound.io`). */
  GCP = 'gcp',
}

/**
 * Options of the AWS Composition (crossplane-contrib provider-upjet-aws, `rds.aws.upbound.io`).
 */
export interface CrossplaneAwsOptions {
  /** AWS region of the databases, e.g. `eu-west-1`. */
  readonly region: string;
  /** Name of the RDS DB subnet group the databases are placed in (private subnets). `default` is refused. */
  readonly dbSubnetGroupName: string;
  /** IDs of the VPC security groups attached to the databases (`sg-…`), at least one. */
  readonly vpcSecurityGroupIds: string[];
  /**
   * KMS key (ARN) for storage encryption.
   * @default - the AWS managed key `aws/rds` (storage is always encrypted)
   */
  readonly kmsKeyArn?: string;
  /**
   * Name of the provider-upjet-aws ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/**
 * Options of the GCP Composition (crossplane-contrib provider-upjet-gcp, `sql.gcp.upbound.io`).
 */
export interface CrossplaneGcpOptions {
  /** Region of the instances, e.g. `europe-west1`. */
  readonly region: string;
  /**
   * GCP project of the instances.
   * @default - the project of the ProviderConfig
   */
  readonly project?: string;
  /**
   * VPC network for private IP (`projects/<project>/global/networks/<network>`, with private services access
   * configured). When set, instances get a private IP only and `host` is that IP.
   * @default - no private network: a public IPv4 without authorized networks (reachable only through the Cloud SQL
   * Auth Proxy or connectors), and `host` is the public IP
   */
  readonly privateNetwork?: string;
  /**
   * Name of the provider-upjet-gcp ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/**
 * Properties of `CrossplanePlatform`.
 */
export interface CrossplanePlatformProps {
  /**
   * The clouds to install a Composition for. Each needs its options (`aws`, `gcp`).
   * @default - AWS and GCP
   */
  readonly clouds?: CrossplaneCloud[];
  /**
   * Options of the AWS Composition; required when AWS is included.
   * @default - none (AWS must not be included)
   */
  readonly aws?: CrossplaneAwsOptions;
  /**
   * Options of the GCP Composition; required when GCP is included.
   * @default - none (GCP must not be included)
   */
  readonly gcp?: CrossplaneGcpOptions;
  /**
   * Name of the installed function-patch-and-transform `Function` the Compositions run.
   * @default 'function-patch-and-transform'
   */
  readonly functionName?: string;
  /**
   * Namespace where Crossplane keeps the composite resources' connection Secrets.
   * @default 'crossplane-system'
   */
  readonly connectionSecretNamespace?: string;
  /**
   * Labels added to the XRD and the Compositions.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}
