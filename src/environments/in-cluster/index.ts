// The public API of the in-cluster environment: named re-exports only.
export { InClusterProfile } from './profile';
export type { InClusterProfileOptions } from './profile';
export { PostgresOperator } from './options';
export type { InClusterOptions } from './options';
export { ObjectStoreOperator } from './object-store-options';
export type { InClusterObjectStoreOptions, ObjectStoresInClusterOptions } from './object-store-options';
export { QueueOperator } from './queue-options';
export type { QueuesInClusterOptions } from './queue-options';
