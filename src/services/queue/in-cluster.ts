import { IQueueBackend } from './backend';
import { QUEUE } from './kind';
import { QueueOperator, QueuesInClusterOptions } from './operator';
import { clusterBackend } from '../../core/cluster-backends';
import { ServiceKind } from '../../core/kind';
import { RefusingBackend } from '../../core/refusing-backend';
import { invalid } from '../../private/errors';
import { checkBoolean, checkEnum } from '../../private/validate';

/**
 * The queue backend of a profile that runs queues in its cluster only when told to: the in-cluster backend (with the
 * operator chosen) when `queuesInCluster` is set, else `orElse()` (a refusing backend, or the environment's own).
 */
export function queuesInClusterOr(environment: string, options: QueuesInClusterOptions | undefined,
  orElse: () => IQueueBackend): IQueueBackend {
  const where = (option: string) => `${environment} profile option ${option}`;
  const inCluster = options?.queuesInCluster === undefined ? false : checkBoolean(where('queuesInCluster'), 'queuesInCluster', options.queuesInCluster);
  const operator = options?.queueOperator === undefined ? undefined : checkEnum(where('queueOperator'), 'queueOperator', options.queueOperator, QueueOperator, 'QueueOperator');
  if (operator !== undefined && !inCluster) {
    invalid(where('queueOperator'), {
      prop: 'queueOperator',
      value: operator,
      allowed: 'queueOperator only together with queuesInCluster: true (it says how queues run in the cluster)',
      fix: 'add queuesInCluster: true, or remove queueOperator',
    });
  }
  return inCluster ? clusterBackend(ServiceKind.QUEUE, { queueOperator: operator }) as IQueueBackend : orElse();
}

/** A backend that refuses every queue of a profile whose environment has no broker, naming `queuesInCluster`. */
export function noBrokerBackend(environment: string, reason: string): IQueueBackend {
  return new RefusingBackend(QUEUE, `${environment}-none`, `${reason}, and the profile does not say where queues run`,
    `set queuesInCluster: true on the ${environment} profile to run each queue in the cluster (a RabbitMQ StatefulSet, `
    + 'or the RabbitMQ operators with queueOperator), or select another profile for the queue');
}
