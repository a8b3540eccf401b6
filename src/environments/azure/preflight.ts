import { AZURE_PREFLIGHT_SDKS, AzureArmClient, AzureFlexibleServerOffer, AzureSdkClient, AzureServerEngineName } from './preflight-client';
import type { EnvironmentPreflight } from '../../preflight/environment-preflight';
import type { Finding } from '../../preflight/findings';
import { ManifestObject, resourceOf } from '../../preflight/manifests';
import { closest, compareNatural, quoteList } from '../../private/closest';

/** An ASO `FlexibleServer` (MySQL or PostgreSQL) as the preflight needs it. */
export interface AzureFlexibleServerManifest {
  /** `FlexibleServer/<name>` and the file. */
  readonly resource: string;
  /** From the API group (`dbformysql.azure.com`, `dbforpostgresql.azure.com`). */
  readonly engine: AzureServerEngineName;
  /** `spec.location`. */
  readonly location?: string;
  /** `spec.owner.armId`: the resource group. */
  readonly ownerId?: string;
  /** `spec.version`. */
  readonly version?: string;
  /** `spec.sku.name`. */
  readonly sku?: string;
  /** `spec.sku.tier`. */
  readonly tier?: string;
  /** `spec.network.delegatedSubnetResourceReference.armId`. */
  readonly subnetId?: string;
  /** `spec.network.privateDnsZoneResourceReference.armId` (MySQL) or `privateDnsZoneArmResourceReference.armId` (PostgreSQL). */
  readonly privateDnsZoneId?: string;
}

/** Options of the Azure preflight. */
export interface AzurePreflightOptions {
  /**
   * The Azure Resource Manager reads.
   * @default - a new `AzureSdkClient` (`DefaultAzureCredential`)
   */
  readonly client?: AzureArmClient;
}

const ASO_SERVER = /^dbfor(mysql|postgresql)\.azure\.com\//;
const ENGINE_TITLES: { [E in AzureServerEngineName]: string } = { mysql: 'MySQL', postgresql: 'PostgreSQL' };
/** The service a server's subnet must be delegated to. */
const DELEGATIONS: { [E in AzureServerEngineName]: string } = {
  mysql: 'Microsoft.DBforMySQL/flexibleServers',
  postgresql: 'Microsoft.DBforPostgreSQL/flexibleServers',
};
/** Editions the capabilities API names differently from the SKU tier (MySQL's Business Critical is the `MemoryOptimized` tier). */
const EDITION_ALIASES: { [edition: string]: string } = { businesscritical: 'memoryoptimized' };

/** The ASO Flexible Servers among the objects. */
export function findAzureFlexibleServers(objects: ManifestObject[]): AzureFlexibleServerManifest[] {
  return objects.filter(({ object: o }) => o.kind === 'FlexibleServer' && ASO_SERVER.test(o.apiVersion ?? '')).map((m) => {
    const spec = m.object.spec ?? {};
    return {
      resource: resourceOf(m),
      engine: ASO_SERVER.exec(m.object.apiVersion!)![1] as AzureServerEngineName,
      location: spec.location,
      ownerId: spec.owner?.armId,
      version: spec.version === undefined ? undefined : String(spec.version),
      sku: spec.sku?.name,
      tier: spec.sku?.tier,
      subnetId: spec.network?.delegatedSubnetResourceReference?.armId,
      // MySQL's `FlexibleServer` names it `privateDnsZoneResourceReference`, PostgreSQL's `privateDnsZoneArmResourceReference`.
      privateDnsZoneId: spec.network?.privateDnsZoneResourceReference?.armId ?? spec.network?.privateDnsZoneArmResourceReference?.armId,
    };
  });
}

/** The parts of an ARM ID: `/subscriptions/<s>/resourceGroups/<g>[/providers/<namespace>/<type>/<name>[/<type>/<name>]]`. */
interface ArmId {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  /** The names after the provider namespace, by type (lower-cased), e.g. `{ virtualnetworks: 'aks', subnets: 'postgres' }`. */
  readonly names: { [type: string]: string };
}

function parseArmId(id: unknown): ArmId | undefined {
  if (typeof id !== 'string') return undefined;
  const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)(?:\/providers\/[^/]+((?:\/[^/]+\/[^/]+)+))?\/?$/i.exec(id);
  if (!m) return undefined;
  const names: { [type: string]: string } = {};
  const rest = (m[3] ?? '').split('/').slice(1);
  for (let i = 0; i + 1 < rest.length; i += 2) names[rest[i].toLowerCase()] = rest[i + 1];
  return { subscriptionId: m[1], resourceGroup: m[2], names };
}

const normalEdition = (e: string | undefined) => {
  const lower = (e ?? '').toLowerCase();
  return EDITION_ALIASES[lower] ?? lower;
};

/**
 * Checks every ASO Flexible Server against Azure Resource Manager: its resource group exists; its delegated subnet
 * exists and is delegated to the engine's service; its private DNS zone exists; its location offers the version, and
 * the SKU in its tier for that version (the location's capabilities, read once per engine, subscription and location,
 * so the credentials are always exercised).
 */
export async function preflightAzure(servers: AzureFlexibleServerManifest[], options: AzurePreflightOptions = {}): Promise<Finding[]> {
  const client = options.client ?? new AzureSdkClient();
  const offersBy = new Map<string, AzureFlexibleServerOffer[]>();
  const findings: Finding[] = [];
  for (const server of servers) {
    const add = (severity: Finding['severity'], message: string) => findings.push({ severity, provider: 'azure', resource: server.resource, message });
    const before = findings.length;
    const title = ENGINE_TITLES[server.engine];
    const owner = parseArmId(server.ownerId);
    if (!owner || Object.keys(owner.names).length > 0) {
      add('error', `spec.owner.armId ${JSON.stringify(server.ownerId)} is not a resource group ARM ID (/subscriptions/<id>/resourceGroups/<name>): synthesize with the azure profile's resourceGroupId`);
      continue;
    }
    if (!server.location) {
      add('error', 'no spec.location: synthesize with the azure profile\'s location');
      continue;
    }
    const key = `${server.engine} ${owner.subscriptionId} ${server.location}`;
    if (!offersBy.has(key)) offersBy.set(key, await client.flexibleServerOffers(server.engine, owner.subscriptionId, server.location));
    if (!await client.resourceGroupExists(owner.subscriptionId, owner.resourceGroup)) {
      add('error', `resource group ${owner.resourceGroup} does not exist in subscription ${owner.subscriptionId}: create it, or set the azure profile's resourceGroupId to an existing group (the library never creates it)`);
    }

    if (server.subnetId !== undefined) {
      const subnet = parseArmId(server.subnetId);
      const vnet = subnet?.names.virtualnetworks;
      const name = subnet?.names.subnets;
      if (!subnet || !vnet || !name) {
        add('error', `delegated subnet ${JSON.stringify(server.subnetId)} is not a subnet ARM ID (…/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)`);
      } else {
        const delegations = await client.subnetDelegations(subnet.subscriptionId, subnet.resourceGroup, vnet, name);
        const want = DELEGATIONS[server.engine];
        if (delegations === undefined) {
          add('error', `subnet ${vnet}/${name} does not exist in resource group ${subnet.resourceGroup}: create it, delegated to ${want}`);
        } else if (!delegations.some((d) => d.toLowerCase() === want.toLowerCase())) {
          add('error', `subnet ${vnet}/${name} is not delegated to ${want} (its delegations: ${delegations.length > 0 ? delegations.join(', ') : 'none'}): `
            + `delegate it (az network vnet subnet update --delegations ${want}), or use a subnet that is`);
        }
      }
    }
    if (server.privateDnsZoneId !== undefined) {
      const zone = parseArmId(server.privateDnsZoneId);
      const zoneName = zone?.names.privatednszones;
      if (!zone || !zoneName) {
        add('error', `private DNS zone ${JSON.stringify(server.privateDnsZoneId)} is not a private DNS zone ARM ID (…/providers/Microsoft.Network/privateDnsZones/<zone>)`);
      } else if (!await client.privateDnsZoneExists(zone.subscriptionId, zone.resourceGroup, zoneName)) {
        add('error', `private DNS zone ${zoneName} does not exist in resource group ${zone.resourceGroup}: create it (az network private-dns zone create)`);
      }
    }

    const offers = offersBy.get(key)!;
    const versions = [...new Set(offers.map((o) => o.version))].sort(compareNatural);
    if (!versions.includes(server.version ?? '')) {
      add('error', `${title} ${server.version} is not offered in ${server.location}; `
        + (versions.length > 0 ? `did you mean ${quoteList(closest(server.version ?? '', versions, 2))}? (offered: ${versions.join(', ')})` : `${server.location} offers no ${title} Flexible Server to the subscription`));
    } else {
      const forVersion = offers.filter((o) => o.version === server.version);
      const inTier = forVersion.filter((o) => normalEdition(o.edition) === normalEdition(server.tier));
      if (!inTier.some((o) => o.sku === server.sku)) {
        const elsewhere = forVersion.filter((o) => o.sku === server.sku).map((o) => o.edition);
        const names = [...new Set(inTier.map((o) => o.sku))].sort(compareNatural);
        add('error', elsewhere.length > 0
          ? `SKU ${server.sku} is a ${[...new Set(elsewhere)].join(' / ')} SKU in ${server.location}, not ${server.tier}`
          : `SKU ${server.sku} (${server.tier}) is not offered for ${title} ${server.version} in ${server.location}; `
            + (names.length > 0 ? `did you mean ${quoteList(closest(server.sku ?? '', names, 3))}?` : `the location offers no ${server.tier} SKU for it`));
      }
    }
    if (findings.length === before) {
      const checked = ['the resource group', ...(server.subnetId ? ['the delegated subnet'] : []), ...(server.privateDnsZoneId ? ['the private DNS zone'] : [])];
      add('info', `${title} ${server.version} on ${server.sku} (${server.tier}) is offered in ${server.location}; ${checked.join(', ')} exist${checked.length > 1 ? '' : 's'}`);
    }
  }
  return findings;
}

/** The preflight of the Azure environment: the ASO Flexible Servers against Azure Resource Manager. */
export const AZURE_PREFLIGHT: EnvironmentPreflight<AzureFlexibleServerManifest, AzurePreflightOptions> = {
  describe: 'ASO FlexibleServer',
  profiles: 'an Azure',
  api: 'Azure Flexible Server',
  sdks: Object.values(AZURE_PREFLIGHT_SDKS),
  find: findAzureFlexibleServers,
  run: preflightAzure,
};
