import { CACHE_PARAMETERS as CACHE, CACHE_PORT, CACHE_VERSIONS } from './api';
import { invalid } from '../../../private/errors';
import { CACHE_NODE_TYPES, dataMebibytes } from '../../aws/catalog/elasticache';
import { SECURITY_GROUP_ID } from '../../aws/catalog/ids';
import { AMAZON_ROOT_CAS_PEM } from '../amazon-root-cas';
import { CloudComposition } from '../compositions';
import { fromParameter, orphanOnRetain } from '../parameters';
import {
  ComposedTemplate, EXTERNAL_NAME, Transform, booleanTransforms, connectionSecretPatches, convertTransform, formatTransform,
  fromComposite, fromConnectionSecretKey, fromValue, mapTransform, matchRegexpTransform,
} from '../patch-and-transform';
import { AWS_REGION, checkObjectName } from '../platform-skeleton';

const FP = 'spec.forProvider';
const SUBNET_GROUP = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,254}$/;
/** Snapshots of durable caches on AWS: kept this many days, taken in this window (UTC), as the ACK backend. */
export const ELASTICACHE_SNAPSHOT_RETENTION_DAYS = 7;
const SNAPSHOT_WINDOW = '03:00-04:00';

/**
 * Options of the AWS cache Composition (provider-upjet-aws `elasticache.aws.upbound.io`).
 */
export interface CrossplaneCacheAwsOptions {
  /** AWS region of the caches, e.g. `eu-west-1`. */
  readonly region: string;
  /** Name of the ElastiCache cache subnet group (private subnets) the caches are placed in. `default` is refused. */
  readonly cacheSubnetGroupName: string;
  /** IDs of the VPC security groups attached to the caches (`sg-…`), at least one; they must admit the workloads on 6379. */
  readonly securityGroupIds: string[];
  /**
   * Name of the provider-upjet-aws ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/** The AWS cache Composition: its options checked, its composed resources. */
export const AWS_CACHE_COMPOSITION: CloudComposition<CrossplaneCacheAwsOptions> = {
  compose: (scope, options, secretNamespace) => {
    if (!options || typeof options.region !== 'string' || !AWS_REGION.test(options.region)) {
      invalid(scope, { prop: 'aws.region', value: options?.region, allowed: 'an AWS region such as "eu-west-1" (AWS options are required when the AWS Composition is included)', fix: 'pass aws: { region, cacheSubnetGroupName, securityGroupIds }, or clouds: [CrossplaneCloud.GCP]' });
    }
    const group = options.cacheSubnetGroupName;
    if (typeof group !== 'string' || !SUBNET_GROUP.test(group) || group.toLowerCase() === 'default') {
      invalid(scope, { prop: 'aws.cacheSubnetGroupName', value: group, allowed: 'the name of an ElastiCache cache subnet group of private subnets (not "default")', fix: 'create a cache subnet group and pass its name, e.g. \'cache-private\'' });
    }
    const groups = options.securityGroupIds;
    if (!Array.isArray(groups) || groups.length === 0 || !groups.every((g) => typeof g === 'string' && SECURITY_GROUP_ID.test(g))) {
      invalid(scope, { prop: 'aws.securityGroupIds', value: groups, allowed: 'one or more VPC security group IDs (sg-…)', fix: 'pass e.g. [\'sg-0123456789abcdef0\']' });
    }
    if (options.providerConfigName !== undefined) checkObjectName(scope, 'aws.providerConfigName', options.providerConfigName);
    return awsCacheResources(options, secretNamespace);
  },
};

/**
 * A regular expression (RE2) that matches the decimal integers from 0 to `max` (no leading zeros).
 */
export function atMostRegexp(max: number): string {
  const digits = String(max);
  const alternatives: string[] = [];
  if (digits.length > 1) alternatives.push('[0-9]', ...(digits.length > 2 ? [`[1-9][0-9]{1,${digits.length - 2}}`] : []));
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    const low = i === 0 && digits.length > 1 ? 1 : 0;
    if (d - 1 < low) continue;
    const rest = digits.length - i - 1;
    alternatives.push(`${digits.slice(0, i)}[${low}-${d - 1}]${rest > 0 ? `[0-9]{${rest}}` : ''}`);
  }
  alternatives.push(digits);
  return `^(${alternatives.join('|')})$`;
}

/**
 * The ElastiCache node type of a memory in MiB, as `match` patterns: the smallest of `CACHE_NODE_TYPES` whose data
 * memory (`dataMebibytes`: the node's memory less the 25 % `reserved-memory-percent`) holds it, as the ACK backend.
 */
export function nodeTypeTransform(): Transform[] {
  const patterns: [string, unknown][] = CACHE_NODE_TYPES.slice(0, -1).map(([type, maxmemory]) => [atMostRegexp(dataMebibytes(maxmemory)), type]);
  return [convertTransform('string'), matchRegexpTransform(patterns, CACHE_NODE_TYPES[CACHE_NODE_TYPES.length - 1][0])];
}

/** The ElastiCache parameter group family of each major of the API (`valkey7`, `valkey8`). */
function families(): { [major: string]: string } {
  return Object.fromEntries(CACHE_VERSIONS.map((v) => [v, `valkey${v.split('.')[0]}`]));
}

/**
 * The AWS Composition (provider-upjet-aws, cluster-scoped): an ElastiCache for Valkey `ReplicationGroup`
 * (`elasticache.aws.upbound.io/v1beta2`, cluster mode off) and its `ParameterGroup` (`v1beta1`), both named by the
 * claim's `identifier` (the replication group's external name and the group's `name`).
 *
 * | parameter | field |
 * |---|---|
 * | version | `engine: valkey`, `engineVersion` the major; parameter group `family` `valkey<major>` |
 * | memoryMiB | `nodeType`: the smallest node type that holds it (as the ACK backend) |
 * | highAvailability | `numCacheClusters` 2, `automaticFailoverEnabled`, `multiAzEnabled`; else one node |
 * | durable | `snapshotRetentionLimit` 7 (window 03:00–04:00 UTC); else 0 |
 * | evictionPolicy | `maxmemory-policy` in the parameter group |
 * | deletionPolicy | `spec.deletionPolicy` `Orphan` / `Delete` |
 *
 * TLS in transit (`transitEncryptionEnabled`, mode `required`) and encryption at rest are on. AUTH: the provider
 * generates the auth token once (`autoGenerateAuthToken`) into the Secret `<composite uid>-auth-token` in the
 * connection Secret namespace (`authTokenSecretRef`); `authTokenUpdateStrategy: ROTATE` is set so that an update
 * never goes out with the `DELETE` strategy ElastiCache refuses (provider-upjet-aws#1370).
 *
 * Connection details (the provider's connection Secret): `host` ← `primary_endpoint_address`, `port` ← `port`,
 * `password` ← `attribute.auth_token`; `ca.crt` the Amazon root CAs that sign ElastiCache's certificates.
 */
function awsCacheResources(options: CrossplaneCacheAwsOptions, secretNamespace: string): ComposedTemplate[] {
  const providerConfigRef = { name: options.providerConfigName ?? 'default' };
  const region = options.region;
  return [
    {
      name: 'elasticache-replication-group',
      base: {
        apiVersion: 'elasticache.aws.upbound.io/v1beta2',
        kind: 'ReplicationGroup',
        spec: {
          forProvider: {
            region,
            description: 'cdk8s-portable-data cache',
            engine: 'valkey',
            engineVersion: CACHE_VERSIONS[0],
            nodeType: CACHE_NODE_TYPES[0][0],
            numCacheClusters: 1,
            automaticFailoverEnabled: false,
            multiAzEnabled: false,
            port: CACHE_PORT,
            transitEncryptionEnabled: true,
            transitEncryptionMode: 'required',
            atRestEncryptionEnabled: 'true',
            autoGenerateAuthToken: true,
            authTokenSecretRef: { namespace: secretNamespace, name: 'auth-token', key: 'auth-token' },
            authTokenUpdateStrategy: 'ROTATE',
            applyImmediately: true,
            subnetGroupName: options.cacheSubnetGroupName,
            securityGroupIds: [...options.securityGroupIds],
            snapshotRetentionLimit: 0,
            snapshotWindow: SNAPSHOT_WINDOW,
          },
          writeConnectionSecretToRef: { namespace: secretNamespace, name: 'elasticache' },
          providerConfigRef,
        },
      },
      patches: [
        fromParameter(CACHE, 'identifier', EXTERNAL_NAME),
        fromParameter(CACHE, 'identifier', `${FP}.parameterGroupName`),
        fromParameter(CACHE, 'version', `${FP}.engineVersion`),
        fromParameter(CACHE, 'memoryMiB', `${FP}.nodeType`, nodeTypeTransform()),
        fromParameter(CACHE, 'highAvailability', `${FP}.numCacheClusters`, booleanTransforms(2, 1)),
        fromParameter(CACHE, 'highAvailability', `${FP}.automaticFailoverEnabled`),
        fromParameter(CACHE, 'highAvailability', `${FP}.multiAzEnabled`),
        fromParameter(CACHE, 'durable', `${FP}.snapshotRetentionLimit`, booleanTransforms(ELASTICACHE_SNAPSHOT_RETENTION_DAYS, 0)),
        fromComposite('metadata.uid', `${FP}.authTokenSecretRef.name`, [formatTransform('%s-auth-token')], true),
        ...connectionSecretPatches('elasticache'),
        orphanOnRetain(CACHE),
      ],
      connectionDetails: [
        fromConnectionSecretKey('host', 'primary_endpoint_address'),
        fromConnectionSecretKey('port', 'port'),
        fromConnectionSecretKey('password', 'attribute.auth_token'),
        fromValue('ca.crt', AMAZON_ROOT_CAS_PEM),
      ],
    },
    {
      name: 'elasticache-parameter-group',
      base: {
        apiVersion: 'elasticache.aws.upbound.io/v1beta1',
        kind: 'ParameterGroup',
        spec: {
          forProvider: {
            region,
            description: 'maxmemory-policy of a cdk8s-portable-data cache',
            family: families()[CACHE_VERSIONS[0]],
            parameter: [{ name: 'maxmemory-policy', value: 'noeviction' }],
          },
          providerConfigRef,
        },
      },
      patches: [
        fromParameter(CACHE, 'identifier', `${FP}.name`),
        fromParameter(CACHE, 'identifier', EXTERNAL_NAME),
        fromParameter(CACHE, 'version', `${FP}.family`, [mapTransform(families())]),
        fromParameter(CACHE, 'evictionPolicy', `${FP}.parameter[0].value`),
        orphanOnRetain(CACHE),
      ],
    },
  ];
}
