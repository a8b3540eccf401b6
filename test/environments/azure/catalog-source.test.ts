import { AzureSource } from '../../../src/environments/azure/catalog/source';

/** A loader that has the given modules and throws Node's "not found" for the others. */
function loader(modules: { [name: string]: unknown }) {
  return (name: string) => {
    if (name in modules) return modules[name];
    const e: any = new Error(`Cannot find module '${name}'`);
    e.code = 'MODULE_NOT_FOUND';
    throw e;
  };
}

describe('Azure catalog source', () => {
  test('reads the physical regions of the subscription through the Azure SDK, sorted', async () => {
    const listLocations = jest.fn(async function* (_subscription: string) {
      yield { name: 'westeurope', metadata: { regionType: 'Physical' } };
      yield { name: 'europe', metadata: { regionType: 'Logical' } };
      yield { name: 'eastus2', metadata: { regionType: 'Physical' } };
    });
    const source = new AzureSource({
      subscriptionId: 'sub',
      load: loader({
        '@azure/identity': { DefaultAzureCredential: class {} },
        '@azure/arm-resources-subscriptions': { SubscriptionClient: class { public subscriptions = { listLocations }; } },
      }),
    });
    await expect(source.regions()).resolves.toEqual(['eastus2', 'westeurope']);
    expect(listLocations).toHaveBeenCalledWith('sub');
  });

  test('fails when the SDK is not installed, naming the package to install', async () => {
    await expect(new AzureSource({ subscriptionId: 'sub', load: loader({}) }).regions()).rejects.toThrow(
      'the Azure catalog refresh needs @azure/identity, which is not installed: install it with `npm install --save-dev @azure/identity`');
  });
});
