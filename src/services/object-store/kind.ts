import { OBJECT_STORE_FEATURES } from './features';
import { ObjectStoreSpec } from './resolved-spec';
import { ServiceKind } from '../../core/kind';
import { defineKind } from '../../core/kind-module';

/** The object store kind: its contract, and the questions its backends answer. */
export const OBJECT_STORE = defineKind<ObjectStoreSpec, typeof OBJECT_STORE_FEATURES>({
  kind: ServiceKind._of('object-store', {
    type: 's3',
    keys: ['type', 'provider', 'endpoint', 'bucket', 'region'],
    optionalKeys: ['access-key-id', 'secret-access-key'],
    envPrefix: 'S3_',
  }),
  construct: 'PortableObjectStore',
  noun: 'an object store',
  features: OBJECT_STORE_FEATURES,
});
