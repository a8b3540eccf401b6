// The public API of the AWS environment: named re-exports only.
export { AwsProfile } from './profile';
export type { AwsProfileOptions } from './profile';
export type { AwsDatabaseOptions, AwsOptions, AwsCacheOptions, AwsQueueOptions } from './options';
export type { AwsObjectStoreOptions } from './object-store-options';
