import { Construct } from 'constructs';
import { serviceHost } from './cluster-domain';
import { rabbitmqImage } from './images';
import { InClusterOptions } from './options';
import { inClusterServer } from './server';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy } from '../../core/policies';
import { Support } from '../../core/support';
import * as k8s from '../../imports/k8s';
import { guaranteedResources, hardenedContainerSecurityContext } from '../../private/pods';
import { IQueueBackend, QueueAnswers, QueueBinding } from '../../services/queue/backend';
import { QueueSpec } from '../../services/queue/resolved-spec';
import { RABBITMQ_CATALOG } from '../../services/queue/version';

/** Port of the in-cluster broker (AMQP 0-9-1, plaintext). */
export const AMQP_PORT = 5672;
/** Storage of the in-cluster broker when the service sets none, in GiB. */
export const DEFAULT_QUEUE_STORAGE_GIB = 8;
/** Where the broker reads its definitions (written at every start by the `definitions` init container). */
export const DEFINITIONS_FILE = '/etc/rabbitmq/definitions/definitions.json';

/** The `rabbitmq` user of the official (Debian-based) image. */
const UID = 999;
const CONFIG_DIR = '/etc/rabbitmq/portable';
const PASSWORD_MARKER = 'PORTABLE-DATA-PASSWORD';

/**
 * The shell script of the `definitions` init container: writes the definitions file from its two halves (plain
 * values in the YAML) and the password (from the credentials Secret), escaped for JSON (`\` and `"`). The password
 * never appears in the YAML.
 */
export const DEFINITIONS_SCRIPT = [
  'set -eu',
  'esc() { printf \'%s\' "$1" | sed -e \'s/\\\\/\\\\\\\\/g\' -e \'s/"/\\\\"/g\'; }',
  'umask 077',
  `printf '%s%s%s' "$DEFINITIONS_HEAD" "$(esc "$PASSWORD")" "$DEFINITIONS_TAIL" > ${DEFINITIONS_FILE}`,
].join('\n');

/**
 * The broker's definitions (RabbitMQ's import format) around the password: the application's user, the virtual
 * host, the user's permissions in it, and the declared durable queues (quorum queues when `quorum`).
 */
export function queueDefinitions(spec: Pick<QueueSpec, 'username' | 'virtualHost' | 'queues'>, quorum: boolean): { head: string; tail: string } {
  const vhost = spec.virtualHost;
  const json = JSON.stringify({
    users: [{ name: spec.username, password: PASSWORD_MARKER, tags: [] }],
    vhosts: [{ name: vhost }],
    permissions: [{ user: spec.username, vhost, configure: '.*', write: '.*', read: '.*' }],
    queues: spec.queues.map((name) => ({
      name, vhost, durable: true, auto_delete: false, arguments: { 'x-queue-type': quorum ? 'quorum' : 'classic' },
    })),
  });
  const [head, tail] = json.split(PASSWORD_MARKER);
  return { head, tail };
}

/** The broker's `rabbitmq.conf`: the AMQP listener, the definitions imported at every boot, and the memory it has. */
export function rabbitmqConf(memoryMebibytes: number, definitionsFile: string = DEFINITIONS_FILE): string {
  return [
    '# Written by cdk8s-portable-data.',
    `listeners.tcp.default = ${AMQP_PORT}`,
    `load_definitions = ${definitionsFile}`,
    `total_memory_available_override_value = ${memoryMebibytes * 1024 * 1024}`,
    '',
  ].join('\n');
}

/**
 * In-cluster brokers: one RabbitMQ node per queue service (the official `rabbitmq:<version>` image) on the in-cluster
 * server skeleton (a client and a headless Service, a single-replica StatefulSet with a hardened pod, a
 * NetworkPolicy that admits only bound workloads; no PodDisruptionBudget), and a ConfigMap `<name>-rabbitmq` with
 * its `rabbitmq.conf`.
 *
 * - Credentials: the binder generates the password once into `<name>-credentials`. The `definitions` init container
 *   writes the definitions file (user, virtual host, permissions, declared queues) from the Secret into an emptyDir
 *   at every start, and the broker imports it at boot (`load_definitions`; no default `guest` user is created). A
 *   changed password in the Secret takes effect at the next restart.
 * - Queues: durable classic queues (a single node has nothing to replicate to); `HighAvailability.REQUIRED` is refused.
 * - TLS: none: the broker speaks plaintext inside the cluster (`ssl: false`, an `amqp://` uri); the NetworkPolicy
 *   admits only bound workloads.
 * - Data: the image writes to `/var/lib/rabbitmq` (the message store and the Erlang cookie): a claim of `storage`
 *   (8 GiB by default); with `RETAIN` the claim outlives the StatefulSet.
 * - Probes: `rabbitmq-diagnostics -q ping`.
 */
export class InClusterQueueBackend implements IQueueBackend {
  public readonly name = 'in-cluster';
  public readonly capabilities: QueueAnswers = {
    highAvailability: Support.refused('the in-cluster broker is a single RabbitMQ node (no replicas, no failover)',
      'use HighAvailability.AUTO or NONE here, or a profile whose queue backend offers HA (Amazon MQ)'),
    version: Support.honouredBy('the official rabbitmq image of the version'),
    storage: Support.honouredBy('the size of the broker\'s volume claim'),
    virtualHost: Support.honouredBy('the virtual host in the definitions the broker imports at boot'),
    queues: Support.honouredBy('durable classic queues in the definitions the broker imports at boot'),
    transitEncryption: Support.refused('the in-cluster broker speaks plaintext (ssl: false, amqp://); the NetworkPolicy admits bound workloads only',
      'use a profile whose queue backend has TLS in transit (Amazon MQ)'),
    deletionRetain: Support.honouredBy('persistentVolumeClaimRetentionPolicy whenDeleted: Retain on the broker\'s claim'),
    deletionDelete: Support.honouredBy('persistentVolumeClaimRetentionPolicy whenDeleted: Delete on the broker\'s claim'),
    ...bindsEveryWorkload('the user and password in the connection Secret, and a NetworkPolicy rule admitting the workload\'s pods'),
  };

  constructor(private readonly options: InClusterOptions = {}) {}

  public bind(scope: Construct, spec: QueueSpec): QueueBinding {
    const selector = { 'app.kubernetes.io/name': 'queue', 'app.kubernetes.io/instance': spec.name, 'app.kubernetes.io/component': 'rabbitmq' };
    const labels = { ...spec.labels, ...selector };
    const official = rabbitmqImage(spec.version.fullVersion ?? RABBITMQ_CATALOG[spec.version.minor]);
    const image = (this.options.imageRegistry === undefined ? official : official.mirroredAt(this.options.imageRegistry)).render();
    const memory = spec.instanceSize.memoryMebibytes;
    const configMap = `${spec.name}-rabbitmq`;
    new k8s.KubeConfigMap(scope, 'Config', {
      metadata: { name: configMap, labels },
      data: { 'rabbitmq.conf': rabbitmqConf(memory) },
    });
    const definitions = queueDefinitions(spec, false);
    const password = { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: spec.credentialsSecretName, key: 'password' } } };
    const policy = inClusterServer(scope, {
      name: spec.name,
      labels,
      selector,
      port: AMQP_PORT,
      portName: 'amqp',
      uid: UID,
      terminationGracePeriodSeconds: 60,
      probe: { exec: { command: ['rabbitmq-diagnostics', '-q', 'ping'] }, timeoutSeconds: 10 },
      startupPeriodSeconds: 5,
      initContainers: [{
        name: 'definitions',
        image,
        command: ['sh', '-c', DEFINITIONS_SCRIPT],
        env: [
          { name: 'DEFINITIONS_HEAD', value: definitions.head },
          { name: 'DEFINITIONS_TAIL', value: definitions.tail },
          password,
        ],
        resources: {
          requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('16Mi') },
          limits: { memory: k8s.Quantity.fromString('64Mi') },
        },
        securityContext: hardenedContainerSecurityContext(),
        volumeMounts: [{ name: 'definitions', mountPath: '/etc/rabbitmq/definitions' }],
      }],
      container: {
        name: 'rabbitmq',
        image,
        args: ['rabbitmq-server'],
        env: [
          { name: 'RABBITMQ_CONFIG_FILE', value: `${CONFIG_DIR}/rabbitmq.conf` },
          { name: 'RABBITMQ_LOGS', value: '-' },
          { name: 'HOME', value: '/var/lib/rabbitmq' },
        ],
        resources: guaranteedResources(spec.instanceSize.cpu, memory),
        volumeMounts: [
          { name: 'data', mountPath: '/var/lib/rabbitmq' },
          { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
          { name: 'definitions', mountPath: '/etc/rabbitmq/definitions', readOnly: true },
          { name: 'tmp', mountPath: '/tmp' },
          // The root is read-only: the node still writes files under its log directory (logs go to stdout).
          { name: 'logs', mountPath: '/var/log/rabbitmq' },
        ],
      },
      volumes: [
        { name: 'config', configMap: { name: configMap } },
        { name: 'definitions', emptyDir: { medium: 'Memory', sizeLimit: k8s.Quantity.fromString('1Mi') } },
        { name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } },
        { name: 'logs', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } },
      ],
      storageGiB: spec.storageGiB ?? DEFAULT_QUEUE_STORAGE_GIB,
      storageClassName: this.options.storageClassName,
      retainClaims: spec.deletionPolicy === DeletionPolicy.RETAIN,
    });
    return {
      provider: 'in-cluster',
      host: serviceHost(spec.name, this.options.clusterDomain),
      port: AMQP_PORT,
      tls: false,
      workloadBinder: policy,
    };
  }
}
