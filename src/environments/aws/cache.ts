import { Construct } from 'constructs';
import { CACHE_NODE_TYPES, replicationGroupId } from './catalog/elasticache';
import { SECURITY_GROUP_ID } from './catalog/ids';
import { AwsCacheOptions, AwsOptions } from './options';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy, HighAvailability } from '../../core/policies';
import { Support } from '../../core/support';
import { CacheParameterGroup, ReplicationGroup } from '../../imports/elasticache.services.k8s.aws';
import { invalid } from '../../private/errors';
import { CacheAnswers, CacheBinding, ICacheBackend } from '../../services/cache/backend';
import { CachePersistence } from '../../services/cache/policies';
import { CacheSpec } from '../../services/cache/resolved-spec';

const ACK_REGION_ANNOTATION = 'services.k8s.aws/region';
const ACK_DELETION_POLICY_ANNOTATION = 'services.k8s.aws/deletion-policy';
const API_GROUP = 'elasticache.services.k8s.aws';
const API_VERSION = 'v1alpha1';
/** Port of the ElastiCache endpoints. */
export const ELASTICACHE_PORT = 6379;
/** Snapshots of durable caches: kept this many days, taken in this window (UTC). */
const SNAPSHOT_RETENTION_DAYS = 7;
const SNAPSHOT_WINDOW = '03:00-04:00';
const SUBNET_GROUP = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,254}$/;

export { CACHE_NODE_TYPES, replicationGroupId };

/**
 * Amazon ElastiCache for Valkey through ACK: one `ReplicationGroup` (cluster mode off, one shard) and one
 * `CacheParameterGroup` per cache.
 *
 * | portable | ElastiCache |
 * |---|---|
 * | version | `engine: valkey`, `engineVersion` the major; parameter group family `valkey<major>` |
 * | memory | `cacheNodeType`: the smallest of `CACHE_NODE_TYPES` that holds it |
 * | highAvailability AUTO/REQUIRED | `replicasPerNodeGroup: 1`, `multiAZEnabled`, `automaticFailoverEnabled`; NONE: one node |
 * | persistence DURABLE | daily snapshots (`snapshotRetentionLimit` 7, window 03:00–04:00 UTC); ElastiCache has no append-only file for Valkey |
 * | evictionPolicy | `maxmemory-policy` in the cache's parameter group |
 * | deletionPolicy | ACK `services.k8s.aws/deletion-policy` `retain` / `delete` |
 *
 * TLS in transit and encryption at rest are always on; AUTH is the replication group's `authToken`, read by ACK from
 * the password the binder generates into `<name>-credentials` (no RBAC user groups: ACK fails every modify of a
 * group with TLS and user groups, aws-controllers-k8s/community#2536). The endpoint is read at deploy time from
 * `status.nodeGroups[0].primaryEndpoint`; its certificate is publicly trusted (no `ca.crt`).
 */
export class AwsElastiCacheBackend implements ICacheBackend {
  public readonly name = 'aws-elasticache';
  public readonly capabilities: CacheAnswers = {
    highAvailability: Support.honouredBy('a replica in another availability zone with Multi-AZ automatic failover'),
    durable: Support.honouredBy(`daily snapshots kept ${SNAPSHOT_RETENTION_DAYS} days (${SNAPSHOT_WINDOW} UTC) and, with HA, a replica in another zone; `
      + 'writes since the last snapshot are lost if every node fails (no append-only file)'),
    version: Support.honouredBy('engine valkey, engineVersion the major'),
    transitEncryption: Support.honouredBy('transitEncryptionEnabled (TLS, publicly trusted certificates)'),
    auth: Support.honouredBy('the replication group\'s authToken, the password the binder generates into <name>-credentials'),
    deletionRetain: Support.honouredBy('the ACK deletion policy retain: the replication group outlives the object'),
    deletionDelete: Support.honouredBy('the ACK deletion policy delete: deleting the object deletes the replication group'),
    ...bindsEveryWorkload('the password and the TLS endpoint in the connection Secret (the security groups admit the workloads)'),
  };

  constructor(private readonly options: AwsOptions & AwsCacheOptions) {}

  public bind(scope: Construct, spec: CacheSpec): CacheBinding {
    const subnetGroup = this.options.cacheSubnetGroupName;
    if (subnetGroup === undefined || !SUBNET_GROUP.test(subnetGroup) || subnetGroup.toLowerCase() === 'default') {
      invalid(scope, {
        prop: 'cacheSubnetGroupName (aws profile option)',
        value: subnetGroup,
        allowed: 'the name of an ElastiCache cache subnet group of private subnets (not "default")',
        fix: 'create a cache subnet group and set cacheSubnetGroupName on the AWS profile, e.g. new AwsProfile({ ..., cacheSubnetGroupName: \'app-private\' })',
      });
    }
    const securityGroups = this.options.cacheSecurityGroupIds ?? this.options.vpcSecurityGroupIds;
    if (!Array.isArray(securityGroups) || securityGroups.length === 0 || !securityGroups.every((g) => SECURITY_GROUP_ID.test(g))) {
      invalid(scope, {
        prop: 'cacheSecurityGroupIds (aws profile option)',
        value: securityGroups,
        allowed: 'one or more VPC security group IDs (sg-…)',
        fix: 'set cacheSecurityGroupIds on the AWS profile, e.g. [\'sg-0123456789abcdef0\']',
      });
    }
    const id = replicationGroupId(this.options.namePrefix ?? '', spec.name);
    const region = this.options.region;
    const ha = spec.highAvailability !== HighAvailability.NONE;
    const durable = spec.persistence === CachePersistence.DURABLE;
    const annotations = {
      [ACK_REGION_ANNOTATION]: region,
      [ACK_DELETION_POLICY_ANNOTATION]: spec.deletionPolicy === DeletionPolicy.RETAIN ? 'retain' : 'delete',
    };
    const parameterGroup = new CacheParameterGroup(scope, 'ParameterGroup', {
      metadata: { name: spec.name, labels: spec.labels, annotations },
      spec: {
        cacheParameterGroupName: id,
        cacheParameterGroupFamily: `valkey${spec.version.major.split('.')[0]}`,
        description: `cdk8s-portable-data cache ${spec.name}`,
        parameterNameValues: [{ parameterName: 'maxmemory-policy', parameterValue: spec.evictionPolicy }],
      },
    });
    new ReplicationGroup(scope, 'ReplicationGroup', {
      metadata: { name: spec.name, labels: spec.labels, annotations },
      spec: {
        replicationGroupId: id,
        description: `cdk8s-portable-data cache ${spec.name}`,
        engine: 'valkey',
        engineVersion: spec.version.major,
        cacheNodeType: nodeType(spec.memoryMebibytes),
        numNodeGroups: 1,
        replicasPerNodeGroup: ha ? 1 : 0,
        automaticFailoverEnabled: ha,
        multiAzEnabled: ha,
        transitEncryptionEnabled: true,
        atRestEncryptionEnabled: true,
        authToken: { name: spec.credentialsSecretName, key: 'password' },
        port: ELASTICACHE_PORT,
        cacheSubnetGroupName: subnetGroup,
        securityGroupIDs: [...securityGroups],
        cacheParameterGroupRef: { from: { name: parameterGroup.name } },
        snapshotRetentionLimit: durable ? SNAPSHOT_RETENTION_DAYS : 0,
        snapshotWindow: durable ? SNAPSHOT_WINDOW : undefined,
        tags: Object.entries(spec.labels).map(([key, value]) => ({ key, value })),
      },
    });
    const endpoint = (field: string) => ({
      apiGroup: API_GROUP,
      apiVersion: API_VERSION,
      resource: 'replicationgroups',
      name: spec.name,
      fieldPath: `status.nodeGroups[0].primaryEndpoint.${field}`,
    });
    return { provider: 'aws-elasticache', hostFrom: endpoint('address'), portFrom: endpoint('port'), tls: true, generatedPassword: true };
  }
}

function nodeType(mebibytes: number): string {
  const gib = mebibytes / 1024;
  return (CACHE_NODE_TYPES.find(([, memory]) => memory >= gib) ?? CACHE_NODE_TYPES[CACHE_NODE_TYPES.length - 1])[0];
}
