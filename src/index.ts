// The public API: re-exports only. Backends, claims, binders, resolved specs and helpers stay internal.

// Core: profiles, kinds of service, the connection contract and the portable value types.
export * from './services/database/backup';
export * from './core/connection-api';
export * from './services/database/credentials';
export * from './core/instance-size';
export * from './core/kind';
export * from './core/policies';
export * from './core/profile';
export * from './core/service';

// Services.
export * from './services/database/database';
export * from './services/database/engine';
export * from './services/database/mysql';
export * from './services/database/mysql-version';
export * from './services/database/postgres';
export * from './services/database/postgres-version';
export * from './services/object-store/object-store';
export * from './services/cache/cache';
export * from './services/cache/policies';
export * from './services/cache/version';
export * from './services/queue/queue';
export * from './environments/in-cluster/queue-options';
export * from './services/queue/version';

// Environments: each one's profile and options (the one list re-exports them).
export * from './environments';
