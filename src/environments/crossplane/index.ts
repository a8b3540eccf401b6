// The public API of the Crossplane environment: re-exports only.
export * from './profile';
export * from './options';
export * from './platform-options';
export * from './platform';
export * from './object-store-platform';
export * from './cache-platform';
export * from './queue-platform';
