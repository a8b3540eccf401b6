// The public API of the in-cluster environment: re-exports only.
export * from './profile';
export * from './options';
export * from './object-store-options';
