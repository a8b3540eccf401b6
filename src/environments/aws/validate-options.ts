import { AWS_REGIONS } from './catalog/data/regions';
import { partitionOf, SECURITY_GROUP_ID, SUBNET_ID } from './catalog/ids';
import { INSTANCE_CLASS_PATTERN, NAMED_SIZES } from './instance-classes';
import { AwsCacheOptions, AwsDatabaseOptions, AwsOptions, AwsQueueOptions } from './options';
import { parseMaintenanceWindow } from './windows';
import { closest, didYouMean } from '../../private/closest';
import { invalid, InvalidInput } from '../../private/errors';
import { checkOptionsObject } from '../../private/validate';

/** Longest name prefix: an RDS identifier has at most 63 characters and a service name up to 40. */
export const MAX_NAME_PREFIX_LENGTH = 63 - 40;

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[1-9][0-9]?$/;
const SUBNET_GROUP = /^[a-zA-Z][a-zA-Z0-9._ -]{0,254}$/;
const SECURITY_GROUP = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
/** An ElastiCache cache subnet group name. */
export const CACHE_SUBNET_GROUP = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,254}$/;
const KMS_KEY_ARN = /^arn:(aws[a-z-]*):kms:([a-z0-9-]+):([0-9]{12}):(key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})|alias\/[a-zA-Z0-9/_-]{1,250})$/;
const NAME_PREFIX = new RegExp(`^[a-z][a-z0-9-]{0,${MAX_NAME_PREFIX_LENGTH - 1}}$`);
const STORAGE_TYPES = ['gp3', 'gp2'];
const FACTOR_RANGE = { min: 1, max: 10 };

function fail(option: string, input: Omit<InvalidInput, 'prop'>): never {
  return invalid(`aws profile option ${option}`, { prop: option, ...input });
}

/**
 * Validates the options of `new AwsProfile()`, of every kind (databases, caches, brokers), when the profile is
 * created; throws an exact error for the first bad option. What depends on a service (a highly available broker needs
 * two subnets; a cache needs `cacheSubnetGroupName`) is checked when the service is declared.
 */
export function validateAwsOptions(options: AwsOptions & AwsDatabaseOptions & AwsCacheOptions & AwsQueueOptions): void {
  checkOptionsObject('aws profile options', 'options', options, 'AwsProfileOptions with region, dbSubnetGroupName and vpcSecurityGroupIds',
    "write e.g. new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] })");
  const { region } = options;
  if (typeof region !== 'string' || !REGION.test(region)) {
    fail('region', { value: region, allowed: 'an AWS region code such as eu-west-1 or us-gov-west-1', fix: 'set the region the ACK RDS controller manages' });
  }
  if (!AWS_REGIONS.includes(region)) {
    fail('region', {
      value: region,
      allowed: 'an AWS region that exists (the catalog lists every region code)',
      fix: didYouMean(closest(region, AWS_REGIONS)) || 'set the region the ACK RDS controller manages',
    });
  }

  const subnetGroup = options.dbSubnetGroupName;
  if (typeof subnetGroup !== 'string' || !SUBNET_GROUP.test(subnetGroup) || subnetGroup.toLowerCase() === 'default') {
    fail('dbSubnetGroupName', {
      value: subnetGroup,
      allowed: 'an RDS DB subnet group name: 1 to 255 letters, digits, periods, underscores, spaces or hyphens, starting with a letter, not "default" (the default VPC\'s subnets are usually public)',
      fix: 'create a DB subnet group of private subnets and name it here',
    });
  }

  const groups = options.vpcSecurityGroupIds;
  if (!Array.isArray(groups) || groups.length === 0) {
    fail('vpcSecurityGroupIds', { value: groups, allowed: 'at least one VPC security group ID', fix: "list the security groups that admit the cluster's pods, e.g. ['sg-0123456789abcdef0']" });
  }
  for (const id of groups) {
    if (typeof id !== 'string' || !SECURITY_GROUP.test(id)) {
      fail('vpcSecurityGroupIds', { value: id, allowed: 'security group IDs: "sg-" and 8 or 17 lower-case hex digits', fix: 'copy the GroupId from `aws ec2 describe-security-groups`' });
    }
  }
  const duplicates = groups.filter((id, i) => groups.indexOf(id) !== i);
  if (duplicates.length > 0) {
    fail('vpcSecurityGroupIds', { value: duplicates, allowed: 'each security group ID once', fix: 'remove the duplicates' });
  }

  if (options.kmsKeyArn !== undefined) checkKmsKey(options.kmsKeyArn, region);

  const prefix = options.namePrefix;
  if (prefix !== undefined && (typeof prefix !== 'string' || !NAME_PREFIX.test(prefix) || prefix.includes('--'))) {
    fail('namePrefix', {
      value: prefix,
      allowed: `1 to ${MAX_NAME_PREFIX_LENGTH} lower-case letters, digits and single hyphens, starting with a letter (prefix + a 40-character name must fit the 63 characters of an RDS identifier)`,
      fix: 'use e.g. "prod-"',
    });
  }

  if (options.storageType !== undefined && !STORAGE_TYPES.includes(options.storageType)) {
    fail('storageType', { value: options.storageType, allowed: STORAGE_TYPES.join(', '), fix: "use 'gp3' (the default)" });
  }

  const factor = options.maxAllocatedStorageFactor;
  if (factor !== undefined && (typeof factor !== 'number' || !Number.isFinite(factor) || factor < FACTOR_RANGE.min || factor > FACTOR_RANGE.max)) {
    fail('maxAllocatedStorageFactor', {
      value: factor,
      allowed: `a number from ${FACTOR_RANGE.min} (no storage autoscaling) to ${FACTOR_RANGE.max}`,
      fix: 'use e.g. 2 (the default)',
    });
  }

  const classes = options.instanceClasses;
  if (classes !== undefined && (classes === null || typeof classes !== 'object' || Array.isArray(classes))) {
    fail('instanceClasses', { value: classes, allowed: `a map of size names (${NAMED_SIZES.join(', ')}) to RDS instance classes`, fix: "write e.g. { small: 'db.t4g.medium' }" });
  }
  for (const [size, cls] of Object.entries(classes ?? {})) {
    if (!NAMED_SIZES.includes(size)) {
      fail('instanceClasses', { value: size, allowed: `keys ${NAMED_SIZES.join(', ')}`, fix: 'key the classes by size name; custom sizes map to the exact class' });
    }
    if (typeof cls !== 'string' || !INSTANCE_CLASS_PATTERN.test(cls)) {
      fail(`instanceClasses.${size}`, { value: cls, allowed: 'an RDS DB instance class such as db.m6g.large', fix: 'use a class RDS offers for your engines in the region' });
    }
  }

  const cacheGroup = options.cacheSubnetGroupName;
  if (cacheGroup !== undefined && (typeof cacheGroup !== 'string' || !CACHE_SUBNET_GROUP.test(cacheGroup) || cacheGroup.toLowerCase() === 'default')) {
    fail('cacheSubnetGroupName', {
      value: cacheGroup,
      allowed: 'the name of an ElastiCache cache subnet group of private subnets: 1 to 255 letters, digits and hyphens, starting with a letter or digit, not "default"',
      fix: 'create a cache subnet group of private subnets and name it here, e.g. \'app-private\'',
    });
  }
  checkIdList('cacheSecurityGroupIds', options.cacheSecurityGroupIds, SECURITY_GROUP_ID, 'VPC security group IDs (sg-…; they must admit the workloads on port 6379)', "['sg-0123456789abcdef0']");
  checkIdList('brokerSubnetIds', options.brokerSubnetIds, SUBNET_ID, 'private subnet IDs (subnet-…): one for a single-instance broker, two or more in different availability zones for a highly available one', "['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210']");
  checkIdList('brokerSecurityGroupIds', options.brokerSecurityGroupIds, SECURITY_GROUP_ID, 'VPC security group IDs (sg-…; they must admit the workloads on port 5671)', "['sg-0123456789abcdef0']");

  if (options.maintenanceWindow !== undefined) {
    const window = parseMaintenanceWindow(options.maintenanceWindow);
    if (!window || window.minutes < 30) {
      fail('maintenanceWindow', {
        value: options.maintenanceWindow,
        allowed: 'ddd:hh24:mi-ddd:hh24:mi in UTC (days mon to sun), at least 30 minutes',
        fix: "use e.g. 'sun:04:00-sun:04:30'",
      });
    }
  }
}

/** An optional list of AWS resource IDs: when set, one or more, each of the shape, each once. */
function checkIdList(option: string, ids: unknown, shape: RegExp, what: string, example: string): void {
  if (ids === undefined) return;
  if (!Array.isArray(ids) || ids.length === 0) {
    fail(option, { value: ids, allowed: `a list of one or more ${what}`, fix: `write e.g. ${option}: ${example}, or leave it out` });
  }
  const bad = ids.find((id) => typeof id !== 'string' || !shape.test(id));
  if (bad !== undefined) {
    fail(option, { value: bad, allowed: what, fix: `copy the IDs from the AWS console or CLI, e.g. ${example}` });
  }
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (duplicates.length > 0) fail(option, { value: duplicates, allowed: 'each ID once', fix: 'remove the duplicates' });
}

function checkKmsKey(arn: string, region: string): void {
  const m = typeof arn === 'string' ? KMS_KEY_ARN.exec(arn) : null;
  if (!m) {
    fail('kmsKeyArn', {
      value: arn,
      allowed: 'a KMS key or alias ARN: arn:<partition>:kms:<region>:<account>:key/<key-id> or …:alias/<name>',
      fix: 'copy the key ARN from `aws kms describe-key`',
    });
  }
  if (m[2] !== region || m[1] !== partitionOf(region)) {
    fail('kmsKeyArn', {
      value: arn,
      allowed: `a key in the profile's region ${region} (partition ${partitionOf(region)}): RDS encrypts with keys of its own region`,
      fix: `use a key (or a multi-Region replica) in ${region}`,
    });
  }
}
