// The public API: named re-exports only. Backends, claims, binders, resolved specs, feature tables and helpers stay
// internal. Loading this module registers the one list of environments (./environments).

// Core: profiles, kinds of service, what backends answer, the connection contract and the portable value types.
export type { BindOptions, IConnection } from './core/connection-api';
export { InstanceSize } from './core/instance-size';
export type { CustomInstanceSizeOptions } from './core/instance-size';
export { ServiceKind } from './core/kind';
export type { ConnectionContractProps } from './core/kind';
export { DeletionPolicy, HighAvailability } from './core/policies';
export { Profile } from './core/profile';
export type { ProfileProps } from './core/profile';
export type { IServiceBackend, ProfileBackend } from './core/profile-backend';
export type { BinderProfileOptions, CommonProfileOptions } from './core/profile-options';
export { PortableService } from './core/service';
export type { PortableServiceProps } from './core/service';
export { Support } from './core/support';

// Services: one folder per kind.
export { Backup } from './services/database/backup';
export type { DailyBackupOptions } from './services/database/backup';
export { Credentials } from './services/database/credentials';
export type { GeneratedCredentialsOptions, SecretCredentialsOptions } from './services/database/credentials';
export { PortableDatabase } from './services/database/database';
export type { PortableDatabaseProps } from './services/database/database';
export { DatabaseEngine } from './services/database/engine';
export { PortableMySQL } from './services/database/mysql';
export type { PortableMySQLProps } from './services/database/mysql';
export { MySqlVersion } from './services/database/mysql-version';
export { PortablePostgres } from './services/database/postgres';
export type { PortablePostgresProps } from './services/database/postgres';
export { PostgresVersion } from './services/database/postgres-version';
export { PortableObjectStore } from './services/object-store/object-store';
export type { ObjectStoreBindOptions, PortableObjectStoreProps } from './services/object-store/object-store';
export { PortableCache } from './services/cache/cache';
export type { PortableCacheProps } from './services/cache/cache';
export { CachePersistence, EvictionPolicy } from './services/cache/policies';
export { ValkeyVersion } from './services/cache/version';
export { PortableQueue } from './services/queue/queue';
export type { PortableQueueProps } from './services/queue/queue';
export { RabbitMqVersion } from './services/queue/version';

// Environments: each one's profile and options, from the one list (which registers them).
export * from './environments';
