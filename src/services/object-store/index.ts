// The public API of the object store kind: re-exports only.
export { PortableObjectStore } from './object-store';
export type { ObjectStoreBindOptions, PortableObjectStoreProps } from './object-store';
