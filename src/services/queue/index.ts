// The public API of the queue kind: re-exports only.
export { PortableQueue } from './queue';
export type { PortableQueueProps } from './queue';
export { RabbitMqVersion } from './version';
