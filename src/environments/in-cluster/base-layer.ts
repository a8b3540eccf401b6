/**
 * The in-cluster environment as a base layer: what another environment runs in its Kubernetes cluster for a kind it
 * does not serve itself (AMQP queues on GCP, and on Crossplane when asked). Other environments import this file
 * only (and the in-cluster options it re-exports), never the backends behind it.
 */
import { checkClusterDomain } from './cluster-domain';
import { InClusterOptions } from './options';
import { InClusterQueueBackend } from './queue';
import { QueueOperator, QueuesInClusterOptions } from './queue-options';
import { RabbitMqOperatorQueueBackend } from './rabbitmq-operator/queue';
import { DeletionPolicy } from '../../core/policies';
import { RefusingBackend } from '../../core/refusing-backend';
import { invalid } from '../../private/errors';
import { checkBoolean, checkEnum } from '../../private/validate';
import { IQueueBackend } from '../../services/queue/backend';
import { QUEUE } from '../../services/queue/kind';

export { QueueOperator } from './queue-options';
export type { QueuesInClusterOptions } from './queue-options';

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
