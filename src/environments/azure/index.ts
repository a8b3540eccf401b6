// The public API of the Azure environment: named re-exports only.
export { AzureProfile } from './profile';
export type { AzureProfileOptions } from './profile';
export type { AzureCacheOptions, AzureDatabaseOptions, AzureObjectStoreOptions, AzureOptions, AzureQueueOptions } from './options';
