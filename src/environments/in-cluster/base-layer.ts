/**
 * The in-cluster environment as a base layer: what another environment runs in its Kubernetes cluster for a kind it
 * does not serve itself (AMQP queues on GCP, and on Crossplane when asked). Other environments import this file
 * only (and the in-cluster options it re-exports), never the backends behind it.
 */
import { checkClusterDomain } from './cluster-domain';
import { InClusterObjectStoreBackend } from './object-store';
import { ObjectStoresInClusterOptions } from './object-store-options';
import { InClusterOptions } from './options';
import { InClusterQueueBackend } from './queue';
import { QueueOperator, QueuesInClusterOptions } from './queue-options';
import { RabbitMqOperatorQueueBackend } from './rabbitmq-operator/queue';
import { DeletionPolicy } from '../../core/policies';
import { RefusingBackend } from '../../core/refusing-backend';
import { invalid } from '../../private/errors';
import { checkBoolean, checkEnum } from '../../private/validate';
import { IObjectStoreBackend } from '../../services/object-store/backend';
import { OBJECT_STORE } from '../../services/object-store/kind';
import { IQueueBackend } from '../../services/queue/backend';
import { QUEUE } from '../../services/queue/kind';

export { QueueOperator } from './queue-options';
export type { QueuesInClusterOptions } from './queue-options';
export type { ObjectStoresInClusterOptions } from './object-store-options';

/** The in-cluster queue backend of the options: the RabbitMQ operators' or the StatefulSet's. */
export function inClusterQueueBackend(options: InClusterOptions): IQueueBackend {
  return options.queueOperator === QueueOperator.RABBITMQ_OPERATORS
    ? new RabbitMqOperatorQueueBackend(options)
    : new InClusterQueueBackend(options);
}

/**
 * The queue backend of a profile that runs queues in its cluster only when told to: the in-cluster backend (with the
 * operator chosen) when `queuesInCluster` is set, else `orElse()` (a refusing backend, or the environment's own).
 */
export function queuesInClusterOr(environment: string, options: QueuesInClusterOptions | undefined,
  orElse: () => IQueueBackend): IQueueBackend {
  const where = (option: string) => `${environment} profile option ${option}`;
  const inCluster = options?.queuesInCluster === undefined ? false : checkBoolean(where('queuesInCluster'), 'queuesInCluster', options.queuesInCluster);
  const operator = options?.queueOperator === undefined ? undefined : checkEnum(where('queueOperator'), 'queueOperator', options.queueOperator, QueueOperator, 'QueueOperator');
  const reclaim = options?.queueStorageReclaimPolicy === undefined ? undefined
    : checkEnum(where('queueStorageReclaimPolicy'), 'queueStorageReclaimPolicy', options.queueStorageReclaimPolicy, DeletionPolicy, 'DeletionPolicy');
  const clusterDomain = options?.clusterDomain === undefined ? undefined : checkClusterDomain(where('clusterDomain'), options.clusterDomain);
  const inClusterOnly: [string, unknown][] = [['queueOperator', operator], ['queueStorageReclaimPolicy', reclaim], ['clusterDomain', clusterDomain]];
  for (const [option, value] of inClusterOnly) {
    if (value !== undefined && !inCluster) {
      invalid(where(option), {
        prop: option,
        value,
        allowed: `${option} only together with queuesInCluster: true (it says how queues run in the cluster)`,
        fix: `add queuesInCluster: true, or remove ${option}`,
      });
    }
  }
  return inCluster ? inClusterQueueBackend({ queueOperator: operator, storageReclaimPolicy: reclaim, clusterDomain }) : orElse();
}

/** A backend that refuses every queue of a profile whose environment has no broker, naming `queuesInCluster`. */
export function noBrokerBackend(environment: string, reason: string): IQueueBackend {
  return new RefusingBackend(QUEUE, `${environment}-none`, `${reason}, and the profile does not say where queues run`,
    `set queuesInCluster: true on the ${environment} profile to run each queue in the cluster (a RabbitMQ StatefulSet, `
    + 'or the RabbitMQ operators with queueOperator), or select another profile for the queue');
}

/**
 * The object store backend of a profile whose environment has no S3 service: the in-cluster S3 server (Versity S3
 * Gateway StatefulSet) when `objectStoresInCluster` is set, else a backend that refuses every object store with
 * `reason`, naming the option.
 */
export function objectStoresInClusterOr(environment: string, options: ObjectStoresInClusterOptions | undefined, reason: string): IObjectStoreBackend {
  const where = `${environment} profile option objectStoresInCluster`;
  const inCluster = options?.objectStoresInCluster === undefined ? false : checkBoolean(where, 'objectStoresInCluster', options.objectStoresInCluster);
  if (inCluster) return new InClusterObjectStoreBackend({});
  const refusing = new RefusingBackend(OBJECT_STORE, `${environment}-none`, `${reason}, and the profile does not say where object stores run`,
    `set objectStoresInCluster: true on the ${environment} profile to run each object store in the cluster (a Versity S3 Gateway `
    + 'StatefulSet), or select another profile for the object store');
  return Object.assign(refusing, { bucketNamePrefix: '' });
}
