import { Construct } from 'constructs';
import { bindsEveryWorkload } from '../../../core/features';
import { DeletionPolicy, HighAvailability } from '../../../core/policies';
import { Support } from '../../../core/support';
import * as k8s from '../../../imports/k8s';
import {
  Permission, Queue, QueueSpecDeletionPolicy, RabbitmqCluster, RabbitmqClusterSpecAffinityPodAntiAffinity,
  RabbitmqClusterSpecOverrideStatefulSetSpecTemplateSpec, RabbitmqClusterSpecPersistenceStorage, RabbitmqClusterSpecResourcesLimits,
  RabbitmqClusterSpecResourcesRequests, User, Vhost, VhostSpecDefaultQueueType, VhostSpecDeletionPolicy,
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
/** The `rabbitmq` user of the official image. */
const UID = 999;
/** Labels of the operators' pods, wherever they are installed. */
const OPERATOR_PODS = ['rabbitmq-cluster-operator', 'messaging-topology-operator'];

/**
 * The suffixes of the objects the RabbitMQ Cluster Operator names after a `RabbitmqCluster`: the headless Service
 * (`-nodes`), the StatefulSet and its ServiceAccount (`-server`), Secrets (`-default-user`, `-erlang-cookie`),
 * ConfigMaps (`-server-conf`, `-plugins-conf`) and the peer discovery Role (`-peer-discovery`).
 */
const RABBITMQ_CLUSTER_SUFFIXES = ['-nodes', '-server', '-default-user', '-erlang-cookie', '-server-conf', '-plugins-conf', '-peer-discovery'];

/** The operator's pod labels (`app.kubernetes.io/name: <name>`, component `rabbitmq`). */
function nodePods(name: string) {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'rabbitmq' };
}

/** The nodes of a cluster on different Kubernetes nodes: preferred, or required (nodes stay Pending rather than share one). */
function spreadOverNodes(name: string, required: boolean): RabbitmqClusterSpecAffinityPodAntiAffinity {
  const term = { labelSelector: { matchLabels: nodePods(name) }, topologyKey: 'kubernetes.io/hostname' };
  return required
    ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
    : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] };
}

/** The restricted pod security standard's fields of a container (the operator's own since cluster-operator 2.17.0). */
const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

/** The pod override: the restricted fields on the pod, the broker and the operator's setup container. */
const RESTRICTED_POD: RabbitmqClusterSpecOverrideStatefulSetSpecTemplateSpec = {
  securityContext: { runAsNonRoot: true, runAsUser: UID, runAsGroup: UID, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'rabbitmq', securityContext: RESTRICTED_CONTAINER }],
  initContainers: [{ name: 'setup-container', securityContext: RESTRICTED_CONTAINER }],
};

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
 * - Queue type: the declared `Queue`s are quorum queues with HA, classic on one node; the queues the application
 *   declares itself (without `x-queue-type`) are quorum queues, as on Amazon MQ 4.2: `default_queue_type = quorum`
 *   in the nodes' `rabbitmq.conf` and `defaultQueueType: quorum` on the `Vhost`.
 * - Pods: the operator's pod template, with the restricted pod security standard's fields set through the
 *   StatefulSet override (non-root, `RuntimeDefault` seccomp, no privilege escalation, every capability dropped, on
 *   the pod, the `rabbitmq` container and the operator's `setup-container`; the defaults of cluster-operator 2.17.0
 *   and later, pinned), and the nodes spread over the Kubernetes nodes: a preferred pod anti-affinity on
 *   `kubernetes.io/hostname` (required with `HighAvailability.REQUIRED`: nodes stay Pending rather than share one).
 * - Deletion: the operator's claims go with their `RabbitmqCluster` (a `kubectl delete -f` of the YAML, a GitOps
 *   prune): up to cluster-operator v2.22.3 each claim is owned by the `RabbitmqCluster`; later ones let the StatefulSet
 *   decide (`persistentVolumeClaimRetentionPolicy`, which the override sets to `Retain` with `RETAIN` and `Delete`
 *   with `DELETE`, so claims are kept there). With either, the StorageClass's `reclaimPolicy` decides whether the
 *   data stays: the profile declares it (`storageReclaimPolicy`) and the service's `deletionPolicy` must match, as for
 *   CloudNativePG. With `RETAIN` the `RabbitmqCluster` is also kept by Argo CD and Flux prunes, and the `Vhost` and
 *   `Queue`s are retained in the broker when their objects are deleted.
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

  constructor(private readonly options: InClusterOptions = {}) {
    const classPolicy = options.storageReclaimPolicy ?? DeletionPolicy.DELETE;
    const storageClass = options.storageClassName === undefined ? 'the default StorageClass' : `StorageClass "${options.storageClassName}"`;
    const reclaim = (policy: DeletionPolicy) => classPolicy === policy
      ? Support.honouredBy(policy === DeletionPolicy.RETAIN
        ? `the claims are kept where the operator lets the StatefulSet decide (persistentVolumeClaimRetentionPolicy Retain), and ${storageClass} keeps their volumes when they are deleted with the RabbitmqCluster (reclaimPolicy Retain); Argo CD and Flux prunes keep the RabbitmqCluster; the Vhost and Queues are retained in the broker`
        : `deleting the RabbitmqCluster deletes its claims and ${storageClass} their volumes; the Vhost and Queues are deleted with their objects`)
      : Support.refused(
        `deleting the RabbitmqCluster deletes its claims (the cluster operator owns them up to v2.22.3), so the reclaimPolicy of ${storageClass} decides (the profile's storageReclaimPolicy: ${classPolicy})`,
        policy === DeletionPolicy.RETAIN
          ? 'use a StorageClass with reclaimPolicy: Retain and set storageReclaimPolicy: DeletionPolicy.RETAIN in the profile (queueStorageReclaimPolicy on profiles with queuesInCluster), or use DeletionPolicy.DELETE'
          : 'use DeletionPolicy.RETAIN, or a StorageClass with reclaimPolicy: Delete (storageReclaimPolicy: DeletionPolicy.DELETE)');
    this.capabilities = { ...this.capabilities, deletionRetain: reclaim(DeletionPolicy.RETAIN), deletionDelete: reclaim(DeletionPolicy.DELETE) };
  }

  public bind(scope: Construct, spec: QueueSpec): QueueBinding {
    const ha = spec.highAvailability !== HighAvailability.NONE;
    const retain = spec.deletionPolicy === DeletionPolicy.RETAIN;
    const replicas = ha ? HA_REPLICAS : 1;
    const official = rabbitmqImage(spec.version.fullVersion ?? RABBITMQ_CATALOG[spec.version.minor]);
    const cpu = String(spec.instanceSize.cpu);
    const memory = `${spec.instanceSize.memoryMebibytes}Mi`;
    const cluster = { name: spec.name };

    new RabbitmqCluster(scope, 'RabbitmqCluster', {
      metadata: { name: spec.name, labels: spec.labels, annotations: retain ? { ...KEEP_ON_PRUNE } : undefined },
      spec: {
        replicas,
        image: (this.options.imageRegistry === undefined ? official : official.mirroredAt(this.options.imageRegistry)).render(),
        resources: {
          requests: { cpu: RabbitmqClusterSpecResourcesRequests.fromString(cpu), memory: RabbitmqClusterSpecResourcesRequests.fromString(memory) },
          limits: { cpu: RabbitmqClusterSpecResourcesLimits.fromString(cpu), memory: RabbitmqClusterSpecResourcesLimits.fromString(memory) },
        },
        persistence: {
          storage: RabbitmqClusterSpecPersistenceStorage.fromString(`${spec.storageGiB ?? DEFAULT_QUEUE_STORAGE_GIB}Gi`),
          storageClassName: this.options.storageClassName,
        },
        // Queues the application declares without x-queue-type are quorum queues, as on Amazon MQ 4.2.
        rabbitmq: { additionalConfig: 'default_queue_type = quorum' },
        affinity: { podAntiAffinity: spreadOverNodes(spec.name, spec.highAvailability === HighAvailability.REQUIRED) },
        override: {
          statefulSet: {
            spec: {
              persistentVolumeClaimRetentionPolicy: { whenDeleted: retain ? 'Retain' : 'Delete', whenScaled: 'Retain' },
              template: { spec: RESTRICTED_POD },
            },
          },
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
          defaultQueueType: VhostSpecDefaultQueueType.QUORUM,
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

    const pods = nodePods(spec.name);
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
    return {
      provider: 'rabbitmq-operators',
      hostFrom: defaultUser('host'),
      portFrom: defaultUser('port'),
      tls: false,
      workloadBinder: policy,
      conditions,
      // The objects the cluster operator names after the RabbitmqCluster, and its pods.
      reservedNames: [
        ...RABBITMQ_CLUSTER_SUFFIXES.map((suffix) => `${spec.name}${suffix}`),
        ...Array.from({ length: replicas }, (_, i) => `${spec.name}-server-${i}`),
      ],
    };
  }
}
