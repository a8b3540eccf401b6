import { QUEUE_FEATURES } from './features';
import { QueueSpec } from './resolved-spec';
import { ServiceKind } from '../../core/kind';
import { defineKind } from '../../core/kind-module';

/** The queue kind: its contract, and the questions its backends answer. */
export const QUEUE = defineKind<QueueSpec, typeof QUEUE_FEATURES>({
  kind: ServiceKind._of('queue', {
    type: 'rabbitmq',
    keys: ['type', 'provider', 'host', 'port', 'username', 'password', 'vhost', 'ssl', 'uri'],
    uriTemplate: 'amqps://{username}:{password}@{host}:{port}/{vhost}',
    envPrefix: 'AMQP_',
  }),
  construct: 'PortableQueue',
  noun: 'a queue',
  features: QUEUE_FEATURES,
});
