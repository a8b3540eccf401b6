// The public API of the GCP environment: re-exports only.
export * from './profile';
export * from './options';
