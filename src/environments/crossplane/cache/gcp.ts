import { CACHE_PARAMETERS as CACHE, CACHE_VERSIONS } from './api';
import { invalid } from '../../../private/errors';
import { CloudComposition } from '../compositions';
import { checkGcpProject } from '../gcp-names';
import { fromParameter, orphanOnRetain } from '../parameters';
import {
  ComposedTemplate, EXTERNAL_NAME, booleanTransforms, connectionSecretPatches, fromConnectionSecretKey, mapTransform,
} from '../patch-and-transform';
import { GCP_REGION, checkObjectName } from '../platform-skeleton';

const FP = 'spec.forProvider';
const NETWORK = /^projects\/[a-z][-a-z0-9]{4,28}[a-z0-9]\/global\/networks\/[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Options of the GCP cache Composition (provider-upjet-gcp `redis.gcp.upbound.io`).
 */
export interface CrossplaneCacheGcpOptions {
  /** Region of the instances, e.g. `europe-west1`. */
  readonly region: string;
  /**
   * GCP project of the instances.
   * @default - the project of the ProviderConfig
   */
  readonly project?: string;
  /**
   * VPC network the instances are reached from, with private services access configured
   * (`projects/<project>/global/networks/<network>`).
   * @default - the project's `default` network
   */
  readonly authorizedNetwork?: string;
  /**
   * Name of the provider-upjet-gcp ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/** The GCP cache Composition: its options checked, its composed resources. */
export const GCP_CACHE_COMPOSITION: CloudComposition<CrossplaneCacheGcpOptions> = {
  compose: (scope, options, secretNamespace) => {
    if (!options || typeof options.region !== 'string' || !GCP_REGION.test(options.region)) {
      invalid(scope, { prop: 'gcp.region', value: options?.region, allowed: 'a GCP region such as "europe-west1" (GCP options are required when the GCP Composition is included)', fix: 'pass gcp: { region }, or clouds: [CrossplaneCloud.AWS]' });
    }
    checkGcpProject(scope, options.project);
    if (options.authorizedNetwork !== undefined && (typeof options.authorizedNetwork !== 'string' || !NETWORK.test(options.authorizedNetwork))) {
      invalid(scope, { prop: 'gcp.authorizedNetwork', value: options.authorizedNetwork, allowed: 'a VPC network as projects/<project>/global/networks/<network>', fix: 'pass the full network name, or omit it for the default network' });
    }
    if (options.providerConfigName !== undefined) checkObjectName(scope, 'gcp.providerConfigName', options.providerConfigName);
    return gcpCacheResources(options, secretNamespace);
  },
};

/** Memorystore's `redisVersion` of each major of the API. */
function redisVersions(): { [major: string]: string } {
  return Object.fromEntries(CACHE_VERSIONS.map((v) => [v, `REDIS_${v.replace('.', '_')}`]));
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
function gcpCacheResources(options: CrossplaneCacheGcpOptions, secretNamespace: string): ComposedTemplate[] {
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
      fromParameter(CACHE, 'identifier', EXTERNAL_NAME),
      fromParameter(CACHE, 'version', `${FP}.redisVersion`, [mapTransform(redisVersions())]),
      fromParameter(CACHE, 'memoryGiB', `${FP}.memorySizeGb`),
      fromParameter(CACHE, 'highAvailability', `${FP}.tier`, booleanTransforms('STANDARD_HA', 'BASIC')),
      fromParameter(CACHE, 'durable', `${FP}.persistenceConfig`, booleanTransforms({ persistenceMode: 'RDB', rdbSnapshotPeriod: 'ONE_HOUR' }, { persistenceMode: 'DISABLED' })),
      fromParameter(CACHE, 'evictionPolicy', `${FP}.redisConfigs[maxmemory-policy]`),
      ...connectionSecretPatches('memorystore'),
      orphanOnRetain(CACHE),
    ],
    connectionDetails: [
      fromConnectionSecretKey('host', 'host'),
      fromConnectionSecretKey('port', 'port'),
      fromConnectionSecretKey('password', 'attribute.auth_string'),
      fromConnectionSecretKey('ca.crt', 'server_ca_certs_0_cert'),
    ],
  }];
}
