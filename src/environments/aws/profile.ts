import { AwsElastiCacheBackend } from './cache';
import { AWS_COSTS } from './cost';
import { AwsRdsDatabaseBackend } from './database';
import { AwsS3ObjectStoreBackend } from './object-store';
import { AwsObjectStoreOptions } from './object-store-options';
import { AwsCacheOptions, AwsDatabaseOptions, AwsOptions, AwsQueueOptions } from './options';
import { RDS_PREFLIGHT } from './preflight';
import { AWS_PREREQUISITES } from './prerequisites';
import { AwsAmazonMqQueueBackend } from './queue';
import { validateAwsOptions } from './validate-options';
import { Environment } from '../../core/environment';
import { serves } from '../../core/kind-module';
import { environmentProfileProps, Profile } from '../../core/profile';
import {
  COMMON_OPTIONS, NUMBER, OptionTable, REQUIRED_STRING, REQUIRED_STRING_LIST, STRING, STRING_LIST, STRING_MAP,
} from '../../core/profile-file-options';
import { CommonProfileOptions } from '../../core/profile-options';
import { CACHE } from '../../services/cache/kind';
import { MYSQL, POSTGRES } from '../../services/database/kind';
import { OBJECT_STORE } from '../../services/object-store/kind';
import { QUEUE } from '../../services/queue/kind';

/** Options of `AwsProfile`. */
export interface AwsProfileOptions
  extends CommonProfileOptions, AwsOptions, AwsDatabaseOptions, AwsObjectStoreOptions, AwsCacheOptions, AwsQueueOptions {}

/**
 * AWS through AWS Controllers for Kubernetes (ACK): RDS for MySQL and PostgreSQL, and S3 with EKS Pod Identity.
 *
 * @example
 * Profile.register(app, new AwsProfile({
 *   region: 'eu-west-1',
 *   dbSubnetGroupName: 'data-private',
 *   vpcSecurityGroupIds: ['sg-0123456789abcdef0'],
 *   eksClusterName: 'prod',
 * }));
 */
export class AwsProfile extends Profile {
  /** The environment's `type` in profiles files and the default profile name. */
  public static readonly TYPE = 'aws';

  constructor(options: AwsProfileOptions) {
    validateAwsOptions(options);
    const databases = new AwsRdsDatabaseBackend(options);
    super(environmentProfileProps(AwsProfile.TYPE, options, [
      serves(MYSQL, databases),
      serves(POSTGRES, databases),
      serves(OBJECT_STORE, new AwsS3ObjectStoreBackend(options)),
      serves(CACHE, new AwsElastiCacheBackend(options)),
      serves(QUEUE, new AwsAmazonMqQueueBackend(options)),
    ]));
  }
}

const OPTIONS: OptionTable<AwsProfileOptions> = {
  ...COMMON_OPTIONS,
  region: REQUIRED_STRING,
  dbSubnetGroupName: REQUIRED_STRING,
  vpcSecurityGroupIds: REQUIRED_STRING_LIST,
  kmsKeyArn: STRING,
  namePrefix: STRING,
  storageType: STRING,
  maxAllocatedStorageFactor: NUMBER,
  instanceClasses: STRING_MAP,
  maintenanceWindow: STRING,
  eksClusterName: STRING,
  cacheSubnetGroupName: STRING,
  cacheSecurityGroupIds: STRING_LIST,
  brokerSubnetIds: STRING_LIST,
  brokerSecurityGroupIds: STRING_LIST,
};

/** The AWS environment (ACK). */
export const AWS: Environment = {
  type: AwsProfile.TYPE,
  options: OPTIONS,
  create: (options: AwsProfileOptions) => new AwsProfile(options),
  preflight: RDS_PREFLIGHT,
  prerequisites: AWS_PREREQUISITES,
  costs: AWS_COSTS,
};
