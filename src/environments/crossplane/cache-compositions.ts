import { AMAZON_ROOT_CAS_PEM } from './amazon-root-cas';
import { CACHE_PORT, CACHE_VERSIONS } from './cache-api';
import {
  ComposedTemplate, EXTERNAL_NAME, convertTransform, formatTransform, fromComposite, fromConnectionSecretKey, fromValue,
  mapTransform, matchRegexpTransform,
} from './patch-and-transform';
import { CACHE_NODE_TYPES } from '../aws/catalog/elasticache';

const P = 'spec.parameters';
const FP = 'spec.forProvider';
const RETAIN_ORPHAN = mapTransform({ Retain: 'Orphan', Delete: 'Delete' });
const BOOL = (t: unknown, f: unknown) => [convertTransform('string'), mapTransform({ true: t, false: f })];
/** Snapshots of durable caches on AWS: kept this many days, taken in this window (UTC), as the ACK backend. */
export const ELASTICACHE_SNAPSHOT_RETENTION_DAYS = 7;
const SNAPSHOT_WINDOW = '03:00-04:00';

/** Options of the AWS cache Composition. */
export interface AwsCacheCompositionOptions {
  readonly region: string;
  readonly cacheSubnetGroupName: string;
  readonly securityGroupIds: string[];
  readonly providerConfigName?: string;
}

/** Options of the GCP cache Composition. */
export interface GcpCacheCompositionOptions {
  readonly region: string;
  readonly project?: string;
  readonly authorizedNetwork?: string;
  readonly providerConfigName?: string;
}

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

/** The ElastiCache node type of a memory in MiB, as `match` patterns: the smallest of `CACHE_NODE_TYPES` that holds it. */
export function nodeTypeTransform(): Record<string, unknown>[] {
  const patterns: [string, unknown][] = CACHE_NODE_TYPES.slice(0, -1).map(([type, gib]) => [atMostRegexp(Math.floor(gib * 1024)), type]);
  return [convertTransform('string'), matchRegexpTransform(patterns, CACHE_NODE_TYPES[CACHE_NODE_TYPES.length - 1][0])];
}

/** The ElastiCache parameter group family of each major of the API (`valkey7`, `valkey8`). */
function families(): { [major: string]: string } {
  return Object.fromEntries(CACHE_VERSIONS.map((v) => [v, `valkey${v.split('.')[0]}`]));
}

/** The patches that write the composed resource's connection Secret (`<composite uid>-<suffix>`, next to the composite's). */
function connectionSecretPatches(suffix: string): Record<string, unknown>[] {
  return [
    fromComposite('metadata.uid', 'spec.writeConnectionSecretToRef.name', [formatTransform(`%s-${suffix}`)], true),
    fromComposite('spec.writeConnectionSecretToRef.namespace', 'spec.writeConnectionSecretToRef.namespace', [], true),
  ];
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
export function awsCacheResources(options: AwsCacheCompositionOptions, secretNamespace: string): ComposedTemplate[] {
  const providerConfigRef = { name: options.providerConfigName ?? 'default' };
  const region = options.region;
  const deletion = fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [RETAIN_ORPHAN]);
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
        fromComposite(`${P}.identifier`, EXTERNAL_NAME),
        fromComposite(`${P}.identifier`, `${FP}.parameterGroupName`),
        fromComposite(`${P}.version`, `${FP}.engineVersion`),
        fromComposite(`${P}.memoryMiB`, `${FP}.nodeType`, nodeTypeTransform()),
        fromComposite(`${P}.highAvailability`, `${FP}.numCacheClusters`, BOOL(2, 1)),
        fromComposite(`${P}.highAvailability`, `${FP}.automaticFailoverEnabled`),
        fromComposite(`${P}.highAvailability`, `${FP}.multiAzEnabled`),
        fromComposite(`${P}.durable`, `${FP}.snapshotRetentionLimit`, BOOL(ELASTICACHE_SNAPSHOT_RETENTION_DAYS, 0)),
        fromComposite('metadata.uid', `${FP}.authTokenSecretRef.name`, [formatTransform('%s-auth-token')], true),
        ...connectionSecretPatches('elasticache'),
        deletion,
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
        fromComposite(`${P}.identifier`, `${FP}.name`),
        fromComposite(`${P}.identifier`, EXTERNAL_NAME),
        fromComposite(`${P}.version`, `${FP}.family`, [mapTransform(families())]),
        fromComposite(`${P}.evictionPolicy`, `${FP}.parameter[0].value`),
        deletion,
      ],
    },
  ];
}

/**
 * The GCP Composition (provider-upjet-gcp, cluster-scoped): a Memorystore for Redis `Instance`
 * (`redis.gcp.upbound.io/v1beta2`) named by the claim's `identifier` (its external name), in the region, reached
 * through private services access on `authorizedNetwork` (or the project's `default` network).
 *
 * | parameter | field |
 * |---|---|
 * | version | `redisVersion` `REDIS_7_2` (the protocol-compatible Redis of the Valkey major) |
 * | memoryGiB | `memorySizeGb` |
 * | highAvailability | `tier` `STANDARD_HA`; else `BASIC` |
 * | durable | `persistenceConfig` RDB snapshots every hour; else `DISABLED` |
 * | evictionPolicy | `redisConfigs.maxmemory-policy` |
 * | deletionPolicy | `spec.deletionPolicy` `Orphan` / `Delete` |
 *
 * AUTH (`authEnabled`, the AUTH string Memorystore generates) and TLS (`transitEncryptionMode:
 * SERVER_AUTHENTICATION`) are on. Connection details (the provider's connection Secret): `host`, `port`,
 * `password` ← `attribute.auth_string`, `ca.crt` ← `server_ca_certs_0_cert` (the instance's CA).
 */
export function gcpCacheResources(options: GcpCacheCompositionOptions, secretNamespace: string): ComposedTemplate[] {
  return [{
    name: 'memorystore-instance',
    base: {
      apiVersion: 'redis.gcp.upbound.io/v1beta2',
      kind: 'Instance',
      spec: {
        forProvider: {
          region: options.region,
          ...(options.project ? { project: options.project } : {}),
          tier: 'BASIC',
          memorySizeGb: 1,
          redisVersion: redisVersions()[CACHE_VERSIONS[0]],
          authEnabled: true,
          transitEncryptionMode: 'SERVER_AUTHENTICATION',
          connectMode: 'PRIVATE_SERVICE_ACCESS',
          ...(options.authorizedNetwork ? { authorizedNetwork: options.authorizedNetwork } : {}),
          persistenceConfig: { persistenceMode: 'DISABLED' },
          redisConfigs: { 'maxmemory-policy': 'noeviction' },
        },
        writeConnectionSecretToRef: { namespace: secretNamespace, name: 'memorystore' },
        providerConfigRef: { name: options.providerConfigName ?? 'default' },
      },
    },
    patches: [
      fromComposite(`${P}.identifier`, EXTERNAL_NAME),
      fromComposite(`${P}.version`, `${FP}.redisVersion`, [mapTransform(redisVersions())]),
      fromComposite(`${P}.memoryGiB`, `${FP}.memorySizeGb`),
      fromComposite(`${P}.highAvailability`, `${FP}.tier`, BOOL('STANDARD_HA', 'BASIC')),
      fromComposite(`${P}.durable`, `${FP}.persistenceConfig`, BOOL({ persistenceMode: 'RDB', rdbSnapshotPeriod: 'ONE_HOUR' }, { persistenceMode: 'DISABLED' })),
      fromComposite(`${P}.evictionPolicy`, `${FP}.redisConfigs[maxmemory-policy]`),
      ...connectionSecretPatches('memorystore'),
      fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [RETAIN_ORPHAN]),
    ],
    connectionDetails: [
      fromConnectionSecretKey('host', 'host'),
      fromConnectionSecretKey('port', 'port'),
      fromConnectionSecretKey('password', 'attribute.auth_string'),
      fromConnectionSecretKey('ca.crt', 'server_ca_certs_0_cert'),
    ],
  }];
}

/** Memorystore's `redisVersion` of each major of the API. */
function redisVersions(): { [major: string]: string } {
  return Object.fromEntries(CACHE_VERSIONS.map((v) => [v, `REDIS_${v.replace('.', '_')}`]));
}
