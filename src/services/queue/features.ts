import { QueueSpec } from './resolved-spec';
import { RabbitMqVersion } from './version';
import { featureTable } from '../../core/features';
import { HighAvailability } from '../../core/policies';

/**
 * The questions every queue backend answers, in the order `PortableQueue` checks them (the common ones, deletion
 * and binding, follow).
 */
export const QUEUE_FEATURES = featureTable<QueueSpec>()({
  /** The RabbitMQ version: a backend answers for the version asked (managed brokers offer a subset). */
  version: {
    prop: 'version',
    title: 'RabbitMQ 4.3 (`RabbitMqVersion.V4_3`)',
    sample: RabbitMqVersion.V4_3,
    ask: (s) => s.version,
    describe: (v: RabbitMqVersion) => v.fullVersion ?? v.minor,
  },
  /** A `storage` size for the broker's messages. */
  storage: {
    prop: 'storage',
    title: '`storage`',
    sample: 20,
    ask: (s) => s.storageGiB,
    describe: (gib: number) => `${gib} GiB`,
  },
  /** `HighAvailability.REQUIRED`: brokers in several zones, and declared queues replicated (quorum queues). */
  highAvailability: {
    prop: 'highAvailability',
    title: '`HighAvailability.REQUIRED`',
    sample: HighAvailability.REQUIRED,
    ask: (s) => (s.highAvailability === HighAvailability.REQUIRED ? s.highAvailability : undefined),
  },
  /** Durable queues declared with the broker (`queues`). */
  queues: {
    prop: 'queues',
    title: '`queues`',
    sample: ['orders'] as string[],
    ask: (s) => (s.queues.length > 0 ? s.queues : undefined),
  },
  /** A virtual host other than `/` (`virtualHost`). */
  virtualHost: {
    prop: 'virtualHost',
    title: '`virtualHost` other than `/`',
    sample: 'shop',
    ask: (s) => (s.virtualHost !== '/' ? s.virtualHost : undefined),
  },
  /** TLS in transit (`ssl: true`, an `amqps://` uri): not a prop, always on where honoured. */
  transitEncryption: { prop: 'ssl', title: 'TLS in transit (always on where honoured)', sample: true },
});

/** A queue backend's answers to the queue's own features. */
export type QueueFeatures = typeof QUEUE_FEATURES;
