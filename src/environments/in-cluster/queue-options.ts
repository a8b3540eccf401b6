import { DeletionPolicy } from '../../core/policies';

/**
 * The operator that runs RabbitMQ in the Kubernetes cluster (where a profile runs its queue brokers in the cluster).
 */
export enum QueueOperator {
  /** None: a StatefulSet of the official `rabbitmq` image (a single node). */
  NONE = 'none',
  /**
   * The RabbitMQ Cluster Operator (`RabbitmqCluster`) and the Messaging Topology Operator (`User`, `Vhost`,
   * `Permission`, `Queue`): three nodes and quorum queues with high availability. Both operators must be installed
   * in the cluster.
   */
  RABBITMQ_OPERATORS = 'rabbitmq-operators',
}

/**
 * Options of the profiles of environments that have no managed AMQP 0-9-1 service of their own (or not for every
 * cloud they serve): whether, and how, their queues run in the Kubernetes cluster the app is applied to.
 */
export interface QueuesInClusterOptions {
  /**
   * Run each `PortableQueue` in the Kubernetes cluster, as the in-cluster profile does: by default a single RabbitMQ
   * node (StatefulSet) on the cluster's default StorageClass, plaintext inside the cluster behind a NetworkPolicy;
   * with `queueOperator`, through the RabbitMQ operators.
   * @default false - where the environment has no broker, a `PortableQueue` fails at synth and names this option
   */
  readonly queuesInCluster?: boolean;
  /**
   * With `queuesInCluster`: the operator that runs the brokers in the cluster (as the in-cluster profile's option).
   * @default QueueOperator.NONE - a RabbitMQ StatefulSet
   */
  readonly queueOperator?: QueueOperator;
  /**
   * With `queuesInCluster` and `QueueOperator.RABBITMQ_OPERATORS`: what the cluster's default StorageClass does with
   * a broker's volume when its claim is deleted (its `reclaimPolicy`), as the in-cluster profile's
   * `storageReclaimPolicy`. The claims go with their `RabbitmqCluster`, so queues whose `deletionPolicy` differs
   * fail at synth.
   * @default DeletionPolicy.DELETE - the `reclaimPolicy` of dynamically provisioned volumes unless the class sets one
   */
  readonly queueStorageReclaimPolicy?: DeletionPolicy;
  /**
   * With `queuesInCluster`: the cluster's DNS domain (the kubelet's `clusterDomain`), as the in-cluster profile's
   * option: the brokers' hosts are `<name>.<namespace>.svc.<clusterDomain>`.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;
}
