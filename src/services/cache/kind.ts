import { CACHE_FEATURES } from './features';
import { CacheSpec } from './resolved-spec';
import { ServiceKind } from '../../core/kind';
import { defineKind } from '../../core/kind-module';

/** The cache kind: its contract, and the questions its backends answer. */
export const CACHE = defineKind<CacheSpec, typeof CACHE_FEATURES>({
  kind: ServiceKind._of('cache', {
    type: 'redis',
    keys: ['type', 'provider', 'host', 'port', 'password', 'ssl', 'uri'],
    optionalKeys: ['username', 'ca.crt'],
    uriTemplate: 'rediss://[{username}]:{password}@{host}:{port}',
    envPrefix: 'REDIS_',
  }),
  construct: 'PortableCache',
  noun: 'a cache',
  features: CACHE_FEATURES,
});
