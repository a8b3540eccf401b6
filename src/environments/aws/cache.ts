import { Construct } from 'constructs';
import { adoptRetained } from './adoption';
import { CACHE_NODE_TYPES, cacheNodeType, gibibytesOf, RESERVED_MEMORY_PERCENT, replicationGroupId } from './catalog/elasticache';
import { SECURITY_GROUP_ID } from './catalog/ids';
import { AwsCacheOptions, AwsOptions } from './options';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy, HighAvailability } from '../../core/policies';
import { Support } from '../../core/support';
import { CacheParameterGroup, ReplicationGroup } from '../../imports/elasticache.services.k8s.aws';
import { ERROR_CODES, invalid } from '../../private/errors';
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
 * | version | `engine: valkey`, `engineVersion` the major; parameter group family `valkey<major>`, the group named `<id>-valkey<major>` (a major upgrade moves to a new group) |
 * | memory | `cacheNodeType`: the smallest of `CACHE_NODE_TYPES` whose memory, less the 25 % `reserved-memory-percent` ElastiCache keeps for snapshots and replication, holds it |
 * | highAvailability AUTO/REQUIRED | `replicasPerNodeGroup: 1`, `multiAZEnabled`, `automaticFailoverEnabled`; NONE: one node |
 * | persistence DURABLE | daily snapshots (`snapshotRetentionLimit` 7, window 03:00–04:00 UTC) and a replica: refused with `HighAvailability.NONE` (ElastiCache has no append-only file for Valkey and restores no snapshot into a replaced node, so a single node comes back empty) |
 * | evictionPolicy | `maxmemory-policy` in the cache's parameter group |
 * | restoreFrom | `snapshotName` (create-only: the CRD refuses a change) |
 * | deletionPolicy | ACK `services.k8s.aws/deletion-policy` `retain` / `delete`; with `retain`, `services.k8s.aws/adoption-policy: adopt-or-create` on both objects, so applying them again adopts the kept replication group and parameter group |
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
    durable: Support.honouredBy(`daily snapshots kept ${SNAPSHOT_RETENTION_DAYS} days (${SNAPSHOT_WINDOW} UTC) and a replica in another zone (HighAvailability.NONE is refused); `
      + 'writes since the last snapshot are lost if every node fails (no append-only file)'),
    version: Support.honouredBy('engine valkey, engineVersion the major'),
    restoreFromSnapshot: Support.honouredBy('snapshotName: the replication group is created from the ElastiCache backup of that name (read only at creation; a later change is refused by the CRD or ignored)'),
    transitEncryption: Support.honouredBy('transitEncryptionEnabled (TLS, publicly trusted certificates)'),
    auth: Support.honouredBy('the replication group\'s authToken, the password the binder generates into <name>-credentials'),
    deletionRetain: Support.honouredBy('the ACK deletion policy retain: the replication group and its parameter group outlive the objects; the adoption policy adopt-or-create takes them back when the objects are applied again'),
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
    if (durable && !ha) {
      invalid(scope, {
        prop: 'highAvailability',
        value: 'HighAvailability.NONE',
        allowed: 'HighAvailability.AUTO or REQUIRED for a DURABLE cache on ElastiCache: without a replica, a replaced node comes back empty (ElastiCache has no append-only file for Valkey and does not restore a snapshot into a replaced node)',
        fix: 'use HighAvailability.AUTO (a replica in another zone), or CachePersistence.CACHE_ONLY for data that may be lost',
        code: ERROR_CODES.REFUSED_BY_BACKEND,
      });
    }
    const cacheNode = nodeType(scope, spec.memoryMebibytes);
    const retain = spec.deletionPolicy === DeletionPolicy.RETAIN;
    const annotations = {
      [ACK_REGION_ANNOTATION]: region,
      [ACK_DELETION_POLICY_ANNOTATION]: retain ? 'retain' : 'delete',
    };
    // The field names the elasticache-controller's PopulateResourceFromAnnotation reads (replicationGroupID,
    // cacheParameterGroupName), as the CRDs spell them. The group is named after its family (a group's family is
    // create-only), so a new major creates a group of the new family and the replication group moves to it, as
    // the RDS backend does; the old group, no longer in the YAML, holds no data.
    const family = `valkey${spec.version.major.split('.')[0]}`;
    const groupName = `${id}-${family}`;
    const parameterGroup = new CacheParameterGroup(scope, 'ParameterGroup', {
      metadata: {
        name: `${spec.name}-${family}`,
        labels: spec.labels,
        annotations: { ...annotations, ...(retain ? adoptRetained({ cacheParameterGroupName: groupName }) : {}) },
      },
      spec: {
        cacheParameterGroupName: groupName,
        cacheParameterGroupFamily: family,
        description: `cdk8s-portable-data cache ${spec.name}`,
        parameterNameValues: [{ parameterName: 'maxmemory-policy', parameterValue: spec.evictionPolicy }],
      },
    });
    new ReplicationGroup(scope, 'ReplicationGroup', {
      metadata: {
        name: spec.name,
        labels: spec.labels,
        annotations: { ...annotations, ...(retain ? adoptRetained({ replicationGroupID: id }) : {}) },
      },
      spec: {
        replicationGroupId: id,
        description: `cdk8s-portable-data cache ${spec.name}`,
        engine: 'valkey',
        engineVersion: spec.version.major,
        cacheNodeType: cacheNode,
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
        snapshotName: spec.restoreFrom?.name,
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

/** The smallest node type that gives `mebibytes` to data once ElastiCache's reserved memory is taken off. */
function nodeType(scope: Construct, mebibytes: number): string {
  const type = cacheNodeType(mebibytes);
  if (type === undefined) {
    const [largest, maxmemory] = CACHE_NODE_TYPES[CACHE_NODE_TYPES.length - 1];
    invalid(scope, {
      prop: 'memory',
      value: `${mebibytes} MiB`,
      allowed: `on ElastiCache, at most what ${largest} gives data (${gibibytesOf(maxmemory)} GiB less the ${RESERVED_MEMORY_PERCENT} % reserved memory)`,
      fix: 'declare less memory',
    });
  }
  return type;
}
