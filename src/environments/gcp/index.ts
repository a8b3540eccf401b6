// The public API of the GCP environment: named re-exports only.
export { GcpProfile } from './profile';
export type { GcpProfileOptions } from './profile';
export { CloudSqlUpdateTrack } from './options';
export type { CloudSqlMaintenanceWindow, GcpDatabaseOptions, GcpOptions, GcpQueueOptions } from './options';
