import { Construct } from 'constructs';
import { bindsEveryWorkload } from '../../../core/features';
import { DeletionPolicy, HighAvailability } from '../../../core/policies';
import { Support } from '../../../core/support';
import * as k8s from '../../../imports/k8s';
import {
  Permission, Queue, QueueSpecDeletionPolicy, RabbitmqCluster, RabbitmqClusterSpecPersistenceStorage, RabbitmqClusterSpecResourcesLimits,
  RabbitmqClusterSpecResourcesRequests, User, Vhost, VhostSpecDeletionPolicy,
} from '../../../imports/rabbitmq.com';
import { KEEP_ON_PRUNE } from '../../../private/gitops';
import { shortHash } from '../../../private/names';
import { IQueueBackend, QueueAnswers, QueueBinding } from '../../../services/queue/backend';
import { QueueSpec } from '../../../services/queue/resolved-spec';
import { RABBITMQ_CATALOG } from '../../../services/queue/version';
import { rabbitmqImage } from '../images';
import { ClientNetworkPolicy } from '../network-policy';
import { InClusterOptions } from '../options';
import { AMQP_PORT, DEFAULT_QUEUE_STORAGE_GIB } from '../queue';

/** Nodes of a highly available cluster. */
const HA_REPLICAS = 3;
/** The management API port the Messaging Topology Operator calls. */
const MANAGEMENT_PORT = 15672;
/** Labels of the operators' pods, wherever they are installed. */
const OPERATOR_PODS = ['rabbitmq-cluster-operator', 'messaging-topology-operator'];

/**
 * In-cluster brokers through the RabbitMQ operators: a `RabbitmqCluster` (RabbitMQ Cluster Operator) per queue
 * service, and the application's `User`, `Vhost`, `Permission` and `Queue`s (Messaging Topology Operator).
 *
 * - Nodes: 3 with `HighAvailability.AUTO` or `REQUIRED` (the declared queues are quorum queues, replicated on the
 *   three), 1 with `NONE` (classic queues); the official `rabbitmq` image of the version, requests = limits from the
 *   instance size, a claim of `storage` per node.
 * - Credentials: the binder generates `username` and `password` into `<name>-credentials`; the topology operator's
 *   `User` imports them (`importCredentialsSecret`; a new password in the Secret rotates it). The operator's own
 *   `<name>-default-user` Secret (a servicebinding.io provisioned service holding the administrator) is read by the
 *   binder for `host` and `port` only: the application never gets the administrator.
 * - Virtual host: a `Vhost` unless it is `/` (which every broker has), and a `Permission` giving the user every
 *   permission in it.
 * - TLS: none (`ssl: false`, `amqp://`), as the StatefulSet backend.
 * - Deletion: with `RETAIN` the `RabbitmqCluster` is kept by Argo CD and Flux prunes and the `Vhost` and `Queue`s
 *   are retained in the broker when their objects are deleted; deleting the `RabbitmqCluster` deletes its claims.
 * - Network: a NetworkPolicy admits the bound workloads to 5672, the nodes to each other, and the operators' pods
 *   (any namespace) to the management API (15672).
 */
export class RabbitMqOperatorQueueBackend implements IQueueBackend {
  public readonly name = 'rabbitmq-operators';
  public readonly capabilities: QueueAnswers = {
    highAvailability: Support.honouredBy(`${HA_REPLICAS} nodes (RabbitmqCluster replicas) and quorum queues replicated on them`),
    version: Support.honouredBy('the official rabbitmq image of the version (RabbitmqCluster image)'),
    storage: Support.honouredBy('the RabbitmqCluster persistence storage of each node'),
    virtualHost: Support.honouredBy('a Vhost and a Permission of the Messaging Topology Operator'),
    queues: Support.honouredBy('durable Queues of the Messaging Topology Operator (quorum with HA, classic on one node)'),
    transitEncryption: Support.refused('the in-cluster broker speaks plaintext (ssl: false, amqp://); the NetworkPolicy admits bound workloads only',
      'use a profile whose queue backend has TLS in transit (Amazon MQ)'),
    deletionRetain: Support.honouredBy('the RabbitmqCluster is kept by Argo CD and Flux prunes; the Vhost and Queues are retained in the broker (deletionPolicy retain)'),
    deletionDelete: Support.honouredBy('deleting the RabbitmqCluster deletes its claims; the Vhost and Queues are deleted with their objects'),
    ...bindsEveryWorkload('the user and password in the connection Secret, and a NetworkPolicy rule admitting the workload\'s pods'),
  };

  constructor(private readonly options: InClusterOptions = {}) {}

  public bind(scope: Construct, spec: QueueSpec): QueueBinding {
    const ha = spec.highAvailability !== HighAvailability.NONE;
    const retain = spec.deletionPolicy === DeletionPolicy.RETAIN;
    const official = rabbitmqImage(spec.version.fullVersion ?? RABBITMQ_CATALOG[spec.version.minor]);
    const cpu = String(spec.instanceSize.cpu);
    const memory = `${spec.instanceSize.memoryMebibytes}Mi`;
    const cluster = { name: spec.name };

    new RabbitmqCluster(scope, 'RabbitmqCluster', {
      metadata: { name: spec.name, labels: spec.labels, annotations: retain ? { ...KEEP_ON_PRUNE } : undefined },
      spec: {
        replicas: ha ? HA_REPLICAS : 1,
        image: (this.options.imageRegistry === undefined ? official : official.mirroredAt(this.options.imageRegistry)).render(),
        resources: {
          requests: { cpu: RabbitmqClusterSpecResourcesRequests.fromString(cpu), memory: RabbitmqClusterSpecResourcesRequests.fromString(memory) },
          limits: { cpu: RabbitmqClusterSpecResourcesLimits.fromString(cpu), memory: RabbitmqClusterSpecResourcesLimits.fromString(memory) },
        },
        persistence: {
          storage: RabbitmqClusterSpecPersistenceStorage.fromString(`${spec.storageGiB ?? DEFAULT_QUEUE_STORAGE_GIB}Gi`),
          storageClassName: this.options.storageClassName,
        },
      },
    });
    const userName = `${spec.name}-user`;
    new User(scope, 'User', {
      metadata: { name: userName, labels: spec.labels },
      spec: { rabbitmqClusterReference: cluster, importCredentialsSecret: { name: spec.credentialsSecretName } },
    });
    if (spec.virtualHost !== '/') {
      new Vhost(scope, 'Vhost', {
        metadata: { name: `${spec.name}-vhost`, labels: spec.labels },
        spec: {
          name: spec.virtualHost,
          rabbitmqClusterReference: cluster,
          deletionPolicy: retain ? VhostSpecDeletionPolicy.RETAIN : VhostSpecDeletionPolicy.DELETE,
        },
      });
    }
    new Permission(scope, 'Permission', {
      metadata: { name: `${spec.name}-permission`, labels: spec.labels },
      spec: {
        vhost: spec.virtualHost,
        userReference: { name: userName },
        permissions: { configure: '.*', write: '.*', read: '.*' },
        rabbitmqClusterReference: cluster,
      },
    });
    for (const queue of spec.queues) {
      new Queue(scope, `Queue-${queue}`, {
        metadata: { name: `${spec.name}-queue-${shortHash(queue)}`, labels: spec.labels },
        spec: {
          name: queue,
          vhost: spec.virtualHost,
          durable: true,
          autoDelete: false,
          type: ha ? 'quorum' : 'classic',
          rabbitmqClusterReference: cluster,
          deletionPolicy: retain ? QueueSpecDeletionPolicy.RETAIN : QueueSpecDeletionPolicy.DELETE,
        },
      });
    }

    const pods = { 'app.kubernetes.io/name': spec.name, 'app.kubernetes.io/component': 'rabbitmq' };
    const policy = new ClientNetworkPolicy(scope, 'NetworkPolicy', {
      name: spec.name,
      labels: spec.labels,
      podSelector: pods,
      port: AMQP_PORT,
      rules: [
        // Clustering (Erlang distribution and the peer discovery) between the nodes.
        { from: [{ podSelector: { matchLabels: pods } }] },
        // The topology operator's management API calls, wherever the operators are installed.
        {
          from: OPERATOR_PODS.map((name) => ({ namespaceSelector: {}, podSelector: { matchLabels: { 'app.kubernetes.io/name': name } } })),
          ports: [{ port: k8s.IntOrString.fromNumber(MANAGEMENT_PORT), protocol: 'TCP' }],
        },
      ],
    });

    const defaultUser = (key: string) => ({
      apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: `${spec.name}-default-user`, fieldPath: `data.${key}`, base64: true,
    });
    // While the binder waits for the operator's Secret, an error the operators report on these ends its run.
    const [apiGroup, apiVersion] = RabbitmqCluster.GVK.apiVersion.split('/');
    const ref = (resource: string, name: string) => ({ apiGroup, apiVersion, resource, name });
    const conditions = [
      ref('rabbitmqclusters', spec.name), ref('users', userName),
      ...spec.virtualHost !== '/' ? [ref('vhosts', `${spec.name}-vhost`)] : [], ref('permissions', `${spec.name}-permission`),
      ...spec.queues.map((queue) => ref('queues', `${spec.name}-queue-${shortHash(queue)}`)),
    ];
    return { provider: 'rabbitmq-operators', hostFrom: defaultUser('host'), portFrom: defaultUser('port'), tls: false, workloadBinder: policy, conditions };
  }
}
