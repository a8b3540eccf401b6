// The public API of the Crossplane environment: re-exports only.
export { CrossplaneProfile } from './profile';
export type { CrossplaneProfileOptions } from './profile';
export type { CrossplaneClaimOptions } from './options';
export { CrossplaneCloud } from './clouds';

export { CrossplaneDatabasePlatform } from './database/platform';
export type { CrossplaneDatabasePlatformProps } from './database/platform';
export type { CrossplaneDatabaseAwsOptions } from './database/aws';
export type { CrossplaneDatabaseGcpOptions } from './database/gcp';

export { CrossplaneObjectStorePlatform } from './object-store/platform';
export type { CrossplaneObjectStorePlatformProps } from './object-store/platform';
export type { CrossplaneObjectStoreAwsOptions } from './object-store/aws';
export type { CrossplaneObjectStoreGcpOptions } from './object-store/gcp';

export { CrossplaneCachePlatform } from './cache/platform';
export type { CrossplaneCachePlatformProps } from './cache/platform';
export type { CrossplaneCacheAwsOptions } from './cache/aws';
export type { CrossplaneCacheGcpOptions } from './cache/gcp';

export { CrossplaneQueuePlatform } from './queue/platform';
export type { CrossplaneQueuePlatformProps } from './queue/platform';
export type { CrossplaneQueueAwsOptions } from './queue/aws';
