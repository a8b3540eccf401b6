/**
 * The Azure preflight: the ASO Flexible Servers of the manifests against a fake Azure Resource Manager (the
 * `AzureArmClient` the check reads through), and the SDK client's calls against fake SDK modules.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { manifestsDir } from './fixtures';
import { AzureProfile, PortableMySQL, PortablePostgres, Profile } from '../../src';
import { findAzureFlexibleServers } from '../../src/environments/azure/preflight';
import { AzureArmClient, AzureFlexibleServerOffer, AzureSdkClient } from '../../src/environments/azure/preflight-client';
import { runPreflight } from '../../src/preflight';
import { readManifests } from '../../src/preflight/manifests';

const SUB = '00000000-0000-0000-0000-000000000000';
const RG = `/subscriptions/${SUB}/resourceGroups/photos-prod`;
const SUBNET = `${RG}/providers/Microsoft.Network/virtualNetworks/aks/subnets/postgres`;
const ZONE = `${RG}/providers/Microsoft.Network/privateDnsZones/photos.postgres.database.azure.com`;

/** Fields of the fixture FlexibleServer (`null` leaves the network out). */
interface ServerFixture {
  readonly group?: string;
  readonly version?: string;
  readonly sku?: string;
  readonly tier?: string;
  readonly owner?: string;
  readonly subnet?: string | null;
  readonly zone?: string;
}

/** An ASO FlexibleServer as the azure-aso backend synthesizes it (MySQL's names the zone reference differently). */
function serverYaml(o: ServerFixture = {}): string {
  const network = o.subnet === null ? '' : `  network:
    delegatedSubnetResourceReference:
      armId: ${o.subnet ?? SUBNET}
    ${(o.group ?? 'dbforpostgresql') === 'dbformysql' ? 'privateDnsZoneResourceReference' : 'privateDnsZoneArmResourceReference'}:
      armId: ${o.zone ?? ZONE}
    publicNetworkAccess: Disabled
`;
  return `apiVersion: ${o.group ?? 'dbforpostgresql'}.azure.com/v20250801
kind: FlexibleServer
metadata:
  name: photos-db
  namespace: photos
spec:
  azureName: prod-photos-db
  location: westeurope
${network}  owner:
    armId: ${o.owner ?? RG}
  sku:
    name: ${o.sku ?? 'Standard_B1ms'}
    tier: ${o.tier ?? 'Burstable'}
  version: "${o.version ?? '17'}"
`;
}

const POSTGRES_OFFERS: AzureFlexibleServerOffer[] = ['16', '17'].flatMap((version) => [
  { edition: 'Burstable', version, sku: 'Standard_B1ms' },
  { edition: 'Burstable', version, sku: 'Standard_B2s' },
  { edition: 'GeneralPurpose', version, sku: 'Standard_D2ds_v5' },
  { edition: 'GeneralPurpose', version, sku: 'Standard_D4ds_v5' },
]);

/** A fake Resource Manager: what exists, and every call made. */
function fakeArm(o: { groups?: string[]; subnets?: { [name: string]: string[] }; zones?: string[]; offers?: AzureFlexibleServerOffer[] } = {}) {
  const calls: string[] = [];
  const client: AzureArmClient = {
    resourceGroupExists: async (s, g) => {
      calls.push(`resourceGroupExists ${s} ${g}`);
      return (o.groups ?? ['photos-prod']).includes(g);
    },
    subnetDelegations: async (s, g, v, n) => {
      calls.push(`subnetDelegations ${s} ${g} ${v} ${n}`);
      return (o.subnets ?? { 'aks/postgres': ['Microsoft.DBforPostgreSQL/flexibleServers'] })[`${v}/${n}`];
    },
    privateDnsZoneExists: async (s, g, z) => {
      calls.push(`privateDnsZoneExists ${s} ${g} ${z}`);
      return (o.zones ?? ['photos.postgres.database.azure.com']).includes(z);
    },
    flexibleServerOffers: async (e, s, l) => {
      calls.push(`flexibleServerOffers ${e} ${s} ${l}`);
      return o.offers ?? POSTGRES_OFFERS;
    },
  };
  return { client, calls };
}

describe('preflight: Azure (ASO FlexibleServer)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function check(files: { [name: string]: string }, arm = fakeArm()) {
    dir = manifestsDir(files);
    return runPreflight({ dir, profile: 'azure', environments: { azure: { client: arm.client } } });
  }

  test('passes a server whose group, subnet, zone, version and SKU exist, making every read once', async () => {
    const arm = fakeArm();
    const findings = await check({ 'app.k8s.yaml': `${serverYaml()}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n` }, arm);
    expect(findings).toEqual([{
      severity: 'info',
      provider: 'azure',
      resource: 'FlexibleServer/photos-db (app.k8s.yaml)',
      message: 'PostgreSQL 17 on Standard_B1ms (Burstable) is offered in westeurope; the resource group, the delegated subnet, the private DNS zone exist',
    }]);
    expect(arm.calls).toEqual([
      `flexibleServerOffers postgresql ${SUB} westeurope`,
      `resourceGroupExists ${SUB} photos-prod`,
      `subnetDelegations ${SUB} photos-prod aks postgres`,
      `privateDnsZoneExists ${SUB} photos-prod photos.postgres.database.azure.com`,
    ]);
  });

  test('reads a location\'s offers once per engine, and checks a server without a network (no subnet, no zone read)', async () => {
    const arm = fakeArm();
    const findings = await check({ 'a.yaml': serverYaml({ subnet: null }), 'b.yaml': serverYaml({ subnet: null, version: '16' }) }, arm);
    expect(findings.map((f) => f.message)).toEqual([
      'PostgreSQL 17 on Standard_B1ms (Burstable) is offered in westeurope; the resource group exists',
      'PostgreSQL 16 on Standard_B1ms (Burstable) is offered in westeurope; the resource group exists',
    ]);
    expect(arm.calls.filter((c) => c.startsWith('flexibleServerOffers'))).toHaveLength(1);
    expect(arm.calls.filter((c) => /subnet|Dns/.test(c))).toEqual([]);
  });

  test('fails when the resource group, the subnet or the zone is missing, or the subnet is not delegated to the engine', async () => {
    const missing = await check({ 'db.yaml': serverYaml() }, fakeArm({ groups: [], subnets: {}, zones: [] }));
    expect(missing.map((f) => `${f.severity}: ${f.message}`)).toEqual([
      `error: resource group photos-prod does not exist in subscription ${SUB}: create it, or set the azure profile's resourceGroupId to an existing group (the library never creates it)`,
      'error: subnet aks/postgres does not exist in resource group photos-prod: create it, delegated to Microsoft.DBforPostgreSQL/flexibleServers',
      'error: private DNS zone photos.postgres.database.azure.com does not exist in resource group photos-prod: create it (az network private-dns zone create)',
    ]);
    rmSync(dir, { recursive: true, force: true });
    const undelegated = await check({ 'db.yaml': serverYaml() }, fakeArm({ subnets: { 'aks/postgres': ['Microsoft.DBforMySQL/flexibleServers'] } }));
    expect(undelegated.map((f) => f.message)).toEqual([
      'subnet aks/postgres is not delegated to Microsoft.DBforPostgreSQL/flexibleServers (its delegations: Microsoft.DBforMySQL/flexibleServers): '
      + 'delegate it (az network vnet subnet update --delegations Microsoft.DBforPostgreSQL/flexibleServers), or use a subnet that is',
    ]);
  });

  test('fails when the location does not offer the version, the SKU, or the SKU in its tier, suggesting the nearest', async () => {
    const findings = await check({
      'a.yaml': serverYaml({ version: '18', subnet: null }),
      'b.yaml': serverYaml({ sku: 'Standard_B1s', subnet: null }),
      'c.yaml': serverYaml({ sku: 'Standard_D2ds_v5', subnet: null }),
    });
    expect(findings.map((f) => `${f.resource}: ${f.message}`)).toEqual([
      'FlexibleServer/photos-db (a.yaml): PostgreSQL 18 is not offered in westeurope; did you mean "16" or "17"? (offered: 16, 17)',
      'FlexibleServer/photos-db (b.yaml): SKU Standard_B1s (Burstable) is not offered for PostgreSQL 17 in westeurope; did you mean "Standard_B1ms" or "Standard_B2s"?',
      'FlexibleServer/photos-db (c.yaml): SKU Standard_D2ds_v5 is a GeneralPurpose SKU in westeurope, not Burstable',
    ]);
  });

  test('checks a MySQL server against MySQL\'s offers and delegation; MySQL\'s BusinessCritical edition is the MemoryOptimized tier', async () => {
    const arm = fakeArm({
      subnets: { 'aks/mysql': ['Microsoft.DBforMySQL/flexibleServers'] },
      zones: ['shop.mysql.database.azure.com'],
      offers: [{ edition: 'BusinessCritical', version: '8.4', sku: 'Standard_E2ds_v4' }],
    });
    const findings = await check({
      'db.yaml': serverYaml({
        group: 'dbformysql',
        version: '8.4',
        sku: 'Standard_E2ds_v4',
        tier: 'MemoryOptimized',
        subnet: `${RG}/providers/Microsoft.Network/virtualNetworks/aks/subnets/mysql`,
        zone: `${RG}/providers/Microsoft.Network/privateDnsZones/shop.mysql.database.azure.com`,
      }),
    }, arm);
    expect(findings.map((f) => `${f.severity}: ${f.message}`)).toEqual([
      'info: MySQL 8.4 on Standard_E2ds_v4 (MemoryOptimized) is offered in westeurope; the resource group, the delegated subnet, the private DNS zone exist',
    ]);
    expect(arm.calls[0]).toBe(`flexibleServerOffers mysql ${SUB} westeurope`);
  });

  test('fails when an ARM ID is not one, without calling Azure for it', async () => {
    const arm = fakeArm();
    const findings = await check({
      'a.yaml': serverYaml({ owner: 'photos-prod' }),
      'b.yaml': serverYaml({ subnet: `${RG}/providers/Microsoft.Network/virtualNetworks/aks`, zone: RG }),
    }, arm);
    expect(findings.map((f) => `${f.resource}: ${f.message}`)).toEqual([
      'FlexibleServer/photos-db (a.yaml): spec.owner.armId "photos-prod" is not a resource group ARM ID (/subscriptions/<id>/resourceGroups/<name>): synthesize with the azure profile\'s resourceGroupId',
      `FlexibleServer/photos-db (b.yaml): delegated subnet "${RG}/providers/Microsoft.Network/virtualNetworks/aks" is not a subnet ARM ID (…/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)`,
      `FlexibleServer/photos-db (b.yaml): private DNS zone "${RG}" is not a private DNS zone ARM ID (…/providers/Microsoft.Network/privateDnsZones/<zone>)`,
    ]);
    expect(arm.calls.filter((c) => /subnet|Dns/.test(c))).toEqual([]);
  });

  test('reads the Flexible Servers the library synthesizes', () => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-azure-synth-'));
    const app = new App({ outdir: dir });
    const chart = new Chart(app, 'azure', { namespace: 'shop' });
    Profile.use(chart, new AzureProfile({
      location: 'westeurope',
      resourceGroupId: RG,
      postgresSubnetId: SUBNET,
      postgresPrivateDnsZoneId: ZONE,
      mysqlSubnetId: `${RG}/providers/Microsoft.Network/virtualNetworks/aks/subnets/mysql`,
      mysqlPrivateDnsZoneId: `${RG}/providers/Microsoft.Network/privateDnsZones/shop.mysql.database.azure.com`,
    }));
    new PortablePostgres(chart, 'Pg', { name: 'orders' });
    new PortableMySQL(chart, 'My', { name: 'carts' });
    app.synth();
    const servers = findAzureFlexibleServers(readManifests(dir));
    const network = servers.map(({ engine, location, ownerId, subnetId, privateDnsZoneId }) =>
      ({ engine, location, ownerId, subnetId, privateDnsZoneId }));
    expect(network).toEqual([
      { engine: 'postgresql', location: 'westeurope', ownerId: RG, subnetId: SUBNET, privateDnsZoneId: ZONE },
      {
        engine: 'mysql',
        location: 'westeurope',
        ownerId: RG,
        subnetId: `${RG}/providers/Microsoft.Network/virtualNetworks/aks/subnets/mysql`,
        privateDnsZoneId: `${RG}/providers/Microsoft.Network/privateDnsZones/shop.mysql.database.azure.com`,
      },
    ]);
    for (const server of servers) {
      expect(server.version).toMatch(/^[0-9]+(\.[0-9]+)?$/);
      expect(server.sku).toMatch(/^Standard_/);
      expect(['Burstable', 'GeneralPurpose', 'MemoryOptimized']).toContain(server.tier);
    }
  });

  test('fails when the manifests hold no Flexible Server for --profile azure', async () => {
    dir = manifestsDir({ 'app.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n' });
    await expect(runPreflight({ dir, profile: 'azure', environments: { azure: { client: fakeArm().client } } })).rejects.toThrow(
      `nothing to check: the manifests in ${dir} hold no ASO FlexibleServer; synthesize with an Azure profile first (PORTABLE_PROFILE=<its name> npx cdk8s synth)`);
  });
});

describe('the Azure SDK client', () => {
  /** Fake SDK modules: each client class records its constructor arguments and answers from `answers`. */
  function fakeSdks(answers: { [method: string]: (...args: any[]) => unknown }) {
    const made: Array<{ cls: string; args: unknown[] }> = [];
    const cls = (name: string, members: (call: (method: string) => (...args: any[]) => unknown) => object) => class {
      constructor(...args: unknown[]) {
        made.push({ cls: name, args });
        Object.assign(this, members((method) => (...a: any[]) => answers[method](...a)));
      }
    };
    const modules: { [name: string]: unknown } = {
      '@azure/identity': { DefaultAzureCredential: class { public readonly kind = 'default'; } },
      '@azure/arm-resources': { ResourceManagementClient: cls('ResourceManagementClient', (m) => ({ resourceGroups: { checkExistence: m('checkExistence') } })) },
      '@azure/arm-network': { NetworkManagementClient: cls('NetworkManagementClient', (m) => ({ subnets: { get: m('subnets.get') } })) },
      '@azure/arm-privatedns': { PrivateDnsManagementClient: cls('PrivateDnsManagementClient', (m) => ({ privateZones: { get: m('privateZones.get') } })) },
      '@azure/arm-mysql-flexible': { MySQLManagementFlexibleServerClient: cls('MySQLManagementFlexibleServerClient', (m) => ({ locationBasedCapabilities: { list: m('mysql.list') } })) },
      '@azure/arm-postgresql-flexible': { PostgreSQLManagementFlexibleServerClient: cls('PostgreSQLManagementFlexibleServerClient', (m) => ({ capabilitiesByLocation: { list: m('postgresql.list') } })) },
    };
    const load = (name: string) => {
      if (!(name in modules)) throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
      return modules[name];
    };
    return { load, made };
  }
  async function* pages<T>(...items: T[]): AsyncIterable<T> {
    for (const item of items) yield item;
  }
  const notFound = () => {
    throw Object.assign(new Error('The Resource was not found.'), { statusCode: 404 });
  };

  test('maps the Resource Manager answers, with DefaultAzureCredential and the subscription of each ARM ID', async () => {
    const { load, made } = fakeSdks({
      'checkExistence': async (g: string) => ({ body: g === 'photos-prod' }),
      'subnets.get': async (_g: string, v: string) => (v === 'aks' ? { delegations: [{ serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers' }, {}] } : notFound()),
      'privateZones.get': async (_g: string, z: string) => (z === 'a.postgres.database.azure.com' ? { name: z } : notFound()),
    });
    const client = new AzureSdkClient({ load });
    expect(await client.resourceGroupExists(SUB, 'photos-prod')).toBe(true);
    expect(await client.resourceGroupExists(SUB, 'other')).toBe(false);
    expect(await client.subnetDelegations(SUB, 'photos-prod', 'aks', 'postgres')).toEqual(['Microsoft.DBforPostgreSQL/flexibleServers']);
    expect(await client.subnetDelegations(SUB, 'photos-prod', 'other', 'postgres')).toBeUndefined();
    expect(await client.privateDnsZoneExists(SUB, 'photos-prod', 'a.postgres.database.azure.com')).toBe(true);
    expect(await client.privateDnsZoneExists(SUB, 'photos-prod', 'b.postgres.database.azure.com')).toBe(false);
    expect(made[0]).toEqual({ cls: 'ResourceManagementClient', args: [expect.objectContaining({ kind: 'default' }), SUB] });
  });

  test('flattens the capabilities of each engine, leaving out disabled editions, versions and SKUs', async () => {
    const { load } = fakeSdks({
      'postgresql.list': () => pages({
        supportedServerVersions: [{ name: '16' }, { name: '17', status: 'Available' }, { name: '18', status: 'Disabled' }],
        supportedServerEditions: [
          { name: 'Burstable', supportedServerSkus: [{ name: 'Standard_B1ms' }, { name: 'Standard_B20ms', status: 'Disabled' }] },
          { name: 'MemoryOptimized', status: 'Disabled', supportedServerSkus: [{ name: 'Standard_E2ds_v5' }] },
        ],
      }),
      'mysql.list': () => pages(
        { zone: '1', supportedFlexibleServerEditions: [{ name: 'Burstable', supportedServerVersions: [{ name: '8.0.21', supportedSkus: [{ name: 'Standard_B1ms' }] }] }] },
        { zone: '2', supportedFlexibleServerEditions: [{ name: 'GeneralPurpose', supportedServerVersions: [{ name: '8.4', supportedSkus: [{ name: 'Standard_D2ds_v4' }] }] }] },
      ),
    });
    const client = new AzureSdkClient({ load, credential: { token: 'fake' } });
    expect(await client.flexibleServerOffers('postgresql', SUB, 'westeurope')).toEqual([
      { edition: 'Burstable', version: '16', sku: 'Standard_B1ms' },
      { edition: 'Burstable', version: '17', sku: 'Standard_B1ms' },
    ]);
    expect(await client.flexibleServerOffers('mysql', SUB, 'westeurope')).toEqual([
      { edition: 'Burstable', version: '8.0.21', sku: 'Standard_B1ms' },
      { edition: 'GeneralPurpose', version: '8.4', sku: 'Standard_D2ds_v4' },
    ]);
  });

  test('fails with the call and what to do when the credentials are refused; with an install instruction when an SDK is missing', async () => {
    const { load } = fakeSdks({
      checkExistence: async () => {
        throw Object.assign(new Error('The client does not have authorization'), { statusCode: 403 });
      },
    });
    await expect(new AzureSdkClient({ load }).resourceGroupExists(SUB, 'photos-prod')).rejects.toThrow(
      'the Azure preflight: resourceGroups.checkExistence(photos-prod) failed: The client does not have authorization (the Azure credentials are missing, '
      + 'expired or lack Reader on the resource: run `az login`, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and a secret or federated token)');
    const without = (name: string) => (n: string) => {
      if (n === name) throw Object.assign(new Error(`Cannot find module '${n}'`), { code: 'MODULE_NOT_FOUND' });
      return load(n);
    };
    await expect(new AzureSdkClient({ load: without('@azure/arm-postgresql-flexible') }).flexibleServerOffers('postgresql', SUB, 'westeurope')).rejects.toThrow(
      'the Azure preflight needs @azure/arm-postgresql-flexible, which is not installed: install it with `npm install --save-dev @azure/arm-postgresql-flexible` '
      + '(a dev-time tool: cdk8s-portable-data never depends on the cloud SDKs)');
  });
});
