// The public API: named re-exports only. Backends, claims, binders, resolved specs, feature tables and helpers stay
// internal. Loading this module registers the one list of environments (./environments).

// Core: profiles, kinds of service, what backends answer, the connection contract and the portable value types.
export type {
  BindOptions, ConnectionEnvSource, ConnectionEnvValue, ConnectionSecretKeyRef, IConnection, IEnvContainer, IEnvVariables,
} from './core/connection-api';
export { InstanceSize } from './core/instance-size';
export type { CustomInstanceSizeOptions } from './core/instance-size';
export { ServiceKind } from './core/kind';
export type { ConnectionContractProps } from './core/kind';
export { DeletionPolicy, HighAvailability } from './core/policies';
export { Profile } from './core/profile';
export type { ProfileProps } from './core/profile';
export type { IServiceBackend, ProfileBackend } from './core/profile-backend';
export type { BinderProfileOptions, CommonProfileOptions, GuardProfileOptions } from './core/profile-options';
export { PortableService } from './core/service';
export type { PortableServiceProps } from './core/service';
export { Support } from './core/support';

// Services: one folder per kind, each with its public API in its index.ts.
export * from './services/database';
export * from './services/object-store';
export * from './services/cache';
export * from './services/queue';

// Environments: each one's profile and options, from the one list (which registers them).
export * from './environments';
