/**
 * The Azure Resource Manager calls of the Azure preflight, through the Azure SDKs from npm. They load only when a
 * call is made (dev-time tools of the app, never dependencies of the library, never on the synth path).
 */
import { loadSdk, ModuleLoader, requireModule } from '../../private/sdk';

/** A Flexible Server engine as the preflight names it (the API group is `dbfor<engine>.azure.com`). */
export type AzureServerEngineName = 'mysql' | 'postgresql';

/** One offer of a location: a compute SKU of an edition (tier) for a server version. */
export interface AzureFlexibleServerOffer {
  /** The edition, e.g. `Burstable`, `GeneralPurpose`, `MemoryOptimized`. */
  readonly edition: string;
  /** The server version, e.g. `17`, `8.4`. */
  readonly version: string;
  /** The compute SKU, e.g. `Standard_B1ms`. */
  readonly sku: string;
}

/** The Azure Resource Manager reads the preflight makes; tests pass a fake. */
export interface AzureArmClient {
  /** Whether the resource group exists. */
  resourceGroupExists(subscriptionId: string, resourceGroup: string): Promise<boolean>;
  /** The service names the subnet is delegated to, or `undefined` when the subnet (or its virtual network) does not exist. */
  subnetDelegations(subscriptionId: string, resourceGroup: string, virtualNetwork: string, subnet: string): Promise<string[] | undefined>;
  /** Whether the private DNS zone exists. */
  privateDnsZoneExists(subscriptionId: string, resourceGroup: string, zone: string): Promise<boolean>;
  /** What the location offers the subscription for the engine (disabled offers left out). */
  flexibleServerOffers(engine: AzureServerEngineName, subscriptionId: string, location: string): Promise<AzureFlexibleServerOffer[]>;
}

/** The packages the preflight needs. */
export const AZURE_PREFLIGHT_SDKS = {
  identity: '@azure/identity',
  resources: '@azure/arm-resources',
  network: '@azure/arm-network',
  privateDns: '@azure/arm-privatedns',
  mysql: '@azure/arm-mysql-flexible',
  postgresql: '@azure/arm-postgresql-flexible',
} as const;

/** Options of `AzureSdkClient`. */
export interface AzureSdkClientOptions {
  /**
   * Loads the SDK modules.
   * @default - Node's require
   */
  readonly load?: ModuleLoader;
  /**
   * The credential.
   * @default - `new DefaultAzureCredential()` of `@azure/identity` (environment, workload identity, managed identity, `az login`)
   */
  readonly credential?: unknown;
}

const PURPOSE = 'the Azure preflight';

/** A call that answered "not found" (HTTP 404): `RestError.statusCode` of `@azure/core-rest-pipeline`. */
function notFound(e: unknown): boolean {
  return (e as { statusCode?: number })?.statusCode === 404;
}

/** Why a call failed, with what to do when it is the credentials. */
function explain(call: string, e: unknown): Error {
  const err = e as { statusCode?: number; name?: string; message?: string };
  const credentials = err?.statusCode === 401 || err?.statusCode === 403 || /Credential|Authentication/.test(String(err?.name));
  return new Error(`${PURPOSE}: ${call} failed: ${err?.message ?? String(e)}`
    + (credentials ? ' (the Azure credentials are missing, expired or lack Reader on the resource: run `az login`, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and a secret or federated token)' : ''));
}

/**
 * The Azure Resource Manager reads through the SDKs: `ResourceManagementClient.resourceGroups.checkExistence`,
 * `NetworkManagementClient.subnets.get`, `PrivateDnsManagementClient.privateZones.get`,
 * `MySQLManagementFlexibleServerClient.locationBasedCapabilities.list` (editions → versions → SKUs, per zone) and
 * `PostgreSQLManagementFlexibleServerClient.capabilitiesByLocation.list` (editions → SKUs, and versions).
 */
export class AzureSdkClient implements AzureArmClient {
  private readonly load: ModuleLoader;
  private credentialValue: unknown;

  constructor(options: AzureSdkClientOptions = {}) {
    this.load = options.load ?? requireModule;
    this.credentialValue = options.credential;
  }

  public async resourceGroupExists(subscriptionId: string, resourceGroup: string): Promise<boolean> {
    const client = this.client(AZURE_PREFLIGHT_SDKS.resources, 'ResourceManagementClient', subscriptionId);
    try {
      return (await client.resourceGroups.checkExistence(resourceGroup)).body === true;
    } catch (e) {
      throw explain(`resourceGroups.checkExistence(${resourceGroup})`, e);
    }
  }

  public async subnetDelegations(subscriptionId: string, resourceGroup: string, virtualNetwork: string,
    subnet: string): Promise<string[] | undefined> {
    const client = this.client(AZURE_PREFLIGHT_SDKS.network, 'NetworkManagementClient', subscriptionId);
    try {
      const found = await client.subnets.get(resourceGroup, virtualNetwork, subnet);
      const names = (found.delegations ?? []).map((d: { serviceName?: string }) => d.serviceName);
      return names.filter((s: unknown): s is string => typeof s === 'string');
    } catch (e) {
      if (notFound(e)) return undefined;
      throw explain(`subnets.get(${resourceGroup}, ${virtualNetwork}, ${subnet})`, e);
    }
  }

  public async privateDnsZoneExists(subscriptionId: string, resourceGroup: string, zone: string): Promise<boolean> {
    const client = this.client(AZURE_PREFLIGHT_SDKS.privateDns, 'PrivateDnsManagementClient', subscriptionId);
    try {
      await client.privateZones.get(resourceGroup, zone);
      return true;
    } catch (e) {
      if (notFound(e)) return false;
      throw explain(`privateZones.get(${resourceGroup}, ${zone})`, e);
    }
  }

  public async flexibleServerOffers(engine: AzureServerEngineName, subscriptionId: string, location: string): Promise<AzureFlexibleServerOffer[]> {
    const offers: AzureFlexibleServerOffer[] = [];
    const enabled = (c: { status?: string; name?: string }) => typeof c.name === 'string' && c.status !== 'Disabled';
    try {
      if (engine === 'mysql') {
        const client = this.client(AZURE_PREFLIGHT_SDKS.mysql, 'MySQLManagementFlexibleServerClient', subscriptionId);
        for await (const zone of client.locationBasedCapabilities.list(location) as AsyncIterable<any>) {
          for (const edition of zone.supportedFlexibleServerEditions ?? []) {
            for (const version of edition.supportedServerVersions ?? []) {
              for (const sku of version.supportedSkus ?? []) {
                if (!enabled(edition) || !enabled(version) || !enabled(sku)) continue;
                offers.push({ edition: edition.name, version: version.name, sku: sku.name });
              }
            }
          }
        }
      } else {
        const client = this.client(AZURE_PREFLIGHT_SDKS.postgresql, 'PostgreSQLManagementFlexibleServerClient', subscriptionId);
        for await (const capability of client.capabilitiesByLocation.list(location) as AsyncIterable<any>) {
          const versions = (capability.supportedServerVersions ?? []).filter(enabled);
          for (const edition of (capability.supportedServerEditions ?? []).filter(enabled)) {
            for (const sku of (edition.supportedServerSkus ?? []).filter(enabled)) {
              for (const version of versions) offers.push({ edition: edition.name, version: version.name, sku: sku.name });
            }
          }
        }
      }
    } catch (e) {
      if ((e as Error)?.message?.startsWith(`${PURPOSE} needs `)) throw e;
      throw explain(`the ${engine} Flexible Server capabilities of ${location}`, e);
    }
    return offers;
  }

  private client(pkg: string, className: string, subscriptionId: string): any {
    const sdk = loadSdk<any>(pkg, PURPOSE, this.load);
    return new sdk[className](this.credential(), subscriptionId);
  }

  private credential(): unknown {
    if (this.credentialValue === undefined) {
      const identity = loadSdk<any>(AZURE_PREFLIGHT_SDKS.identity, PURPOSE, this.load);
      this.credentialValue = new identity.DefaultAzureCredential();
    }
    return this.credentialValue;
  }
}
