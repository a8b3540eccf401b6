/**
 * The source of the Azure catalog (`data/azure.ts`): a stub of the refresh through the Azure SDKs from npm. It
 * loads them only when called (dev-time tools, never dependencies of the library, never on the synth path). Not
 * wired into `npx projen catalog:refresh` yet: this machine cannot reach Azure Resource Manager, so no refresh has
 * been run and `data/azure.ts` is hand-seeded from the documentation (its snapshot says so).
 */
import { loadSdk, ModuleLoader, requireModule } from '../../../private/sdk';

/** The packages the refresh needs. */
export const AZURE_SDK_PACKAGES = {
  identity: '@azure/identity',
  subscriptions: '@azure/arm-resources-subscriptions',
  mysql: '@azure/arm-mysql-flexible',
  postgresql: '@azure/arm-postgresql-flexible',
} as const;

/** Options of `AzureSource`. */
export interface AzureSourceOptions {
  /** Subscription whose locations and capabilities are read. */
  readonly subscriptionId: string;
  /**
   * Loads the SDK modules.
   * @default - Node's require
   */
  readonly load?: ModuleLoader;
}

/** A location of the subscription. */
export interface AzureLocationRecord {
  readonly name: string;
}

/**
 * Reads the Azure catalog's inputs: the subscription's locations (`SubscriptionClient.subscriptions.listLocations`).
 * The Flexible Server capabilities (`locationBasedCapabilities` of `@azure/arm-mysql-flexible` and
 * `@azure/arm-postgresql-flexible`) are not read yet.
 */
export class AzureSource {
  private readonly load: ModuleLoader;

  constructor(private readonly options: AzureSourceOptions) {
    this.load = options.load ?? requireModule;
  }

  /** The names of the subscription's physical locations (regions), sorted. */
  public async regions(): Promise<string[]> {
    const identity = loadSdk<any>(AZURE_SDK_PACKAGES.identity, 'the Azure catalog refresh', this.load);
    const sdk = loadSdk<any>(AZURE_SDK_PACKAGES.subscriptions, 'the Azure catalog refresh', this.load);
    const client = new sdk.SubscriptionClient(new identity.DefaultAzureCredential());
    const names: string[] = [];
    for await (const location of client.subscriptions.listLocations(this.options.subscriptionId) as AsyncIterable<any>) {
      if (location.metadata?.regionType === 'Physical' && typeof location.name === 'string') names.push(location.name);
    }
    return names.sort();
  }

  /** Not implemented: the Flexible Server versions, SKUs, storage and retention per engine. */
  public async flexibleServerCapabilities(engine: 'mysql' | 'postgresql', location: string): Promise<never> {
    loadSdk<any>(AZURE_SDK_PACKAGES[engine], 'the Azure catalog refresh', this.load);
    throw new Error(`the Azure catalog refresh does not read the ${engine} Flexible Server capabilities of ${location} yet `
      + '(locationBasedCapabilities): edit src/environments/azure/catalog/data/azure.ts by hand from the documentation it cites');
  }
}
