import { Size } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { QueueBinding } from './backend';
import { QUEUE } from './kind';
import { QueueSpec } from './resolved-spec';
import { compareMinor, RABBITMQ_CATALOG, RabbitMqVersion } from './version';
import { BindOptions } from '../../core/connection-api';
import { InstanceSize } from '../../core/instance-size';
import { ServiceKind } from '../../core/kind';
import { DeletionPolicy, HighAvailability } from '../../core/policies';
import { PortableService, PortableServiceProps } from '../../core/service';
import { invalid } from '../../private/errors';
import { checkEnum, checkInstance, describeSize, describeValue, mebibytesOf } from '../../private/validate';

/** The storage a queue's broker can be given, in GiB. */
export const QUEUE_STORAGE_RANGE_GIB = { min: 1, max: 1024 };
/** Queue names: letters, digits and `._:-`, at most 255 characters (an AMQP short string); `amq.` is reserved. */
const QUEUE_NAME = /^[A-Za-z0-9._:-]{1,255}$/;
/** Virtual host names: letters, digits and `/._~:@-`, at most 255 characters. */
const VIRTUAL_HOST = /^[A-Za-z0-9/._~:@-]{1,255}$/;

/**
 * Properties of `PortableQueue`.
 */
export interface PortableQueueProps extends PortableServiceProps {
  /**
   * The RabbitMQ version. Never lower it on a running broker, nor skip a minor.
   * @default RabbitMqVersion.V4_2 - the newest minor every backend offers
   */
  readonly version?: RabbitMqVersion;
  /**
   * The compute of each broker node: pod requests and limits in the cluster, the host instance type on managed
   * brokers.
   * @default InstanceSize.SMALL
   */
  readonly instanceSize?: InstanceSize;
  /**
   * Storage for the broker's messages, a whole number of GiB from 1 to 1024.
   * @default - 8 GiB in the cluster; managed brokers whose storage is fixed by the instance type refuse the prop
   */
  readonly storage?: Size;
  /**
   * High availability: brokers in several zones, and the declared queues replicated (quorum queues).
   * @default HighAvailability.AUTO
   */
  readonly highAvailability?: HighAvailability;
  /**
   * Durable queues to declare with the broker (quorum queues where the broker is highly available, classic queues
   * otherwise). Names: letters, digits and `._:-`, at most 255 characters, not starting with `amq.`.
   * @default - none: the application declares its own queues
   */
  readonly queues?: string[];
  /**
   * The virtual host the application uses; the backend creates it and gives the application's user every
   * permission in it.
   * @default '/'
   */
  readonly virtualHost?: string;
  /**
   * What happens to the broker's data (claims, the managed broker) when the objects are deleted from the cluster.
   * @default DeletionPolicy.RETAIN
   */
  readonly deletionPolicy?: DeletionPolicy;
}

/**
 * An AMQP 0-9-1 message broker (RabbitMQ), served by the backend the profile in scope chooses: a RabbitMQ
 * StatefulSet in the cluster, or Amazon MQ for RabbitMQ through ACK. The application binds to the same connection
 * Secret (`<name>-connection`, type `servicebinding.io/rabbitmq`, `AMQP_*` variables) everywhere; `ssl` says whether
 * the broker speaks TLS (`amqps://`) or plaintext (`amqp://`).
 *
 * @example
 *
 * const orders = new PortableQueue(chart, 'Orders', { queues: ['orders'] });
 * orders.bind(web);
 */
export class PortableQueue extends PortableService {
  /**
   * The queue kind (`queue`) and its connection contract: an AMQP 0-9-1 broker (RabbitMQ), `type` `rabbitmq`,
   * `provider`, `host`, `port`, `username`, `password`, `vhost`, `ssl`, `uri`. `uri` is `amqps://` (TLS); a
   * backend without TLS in transit says so with `ssl: false` and an `amqp://` uri. The virtual host is
   * percent-encoded in the path (`%2F` for `/`). The variables are `AMQP_*`: the protocol is the portable part, and
   * `RABBITMQ_*` are the server's own settings (`RABBITMQ_NODENAME`, …), which the broker's tools read in any
   * container.
   */
  public static readonly KIND: ServiceKind = QUEUE.kind;

  /** Whether clients connect with TLS. */
  public readonly tls: boolean;
  /** The resolved declaration the backend received. @internal */
  public readonly _spec: QueueSpec;

  constructor(scope: Construct, id: string, props: PortableQueueProps = {}) {
    super(scope, id, QUEUE.kind, props ?? {});
    props = props ?? {};
    const version = this.checkVersion(checkInstance(this, 'version', props.version ?? RabbitMqVersion.V4_2, RabbitMqVersion, 'RabbitMqVersion.V4_2'));
    const instanceSize = this.checkInstanceSize(props.instanceSize ?? InstanceSize.SMALL);
    const storageGiB = props.storage === undefined ? undefined : this.checkStorage(props.storage);
    const highAvailability = checkEnum(this, 'highAvailability', props.highAvailability ?? HighAvailability.AUTO, HighAvailability, 'HighAvailability');
    const queues = this.checkQueues(props.queues ?? []);
    const virtualHost = this.checkVirtualHost(props.virtualHost ?? '/');
    const deletionPolicy = checkEnum(this, 'deletionPolicy', props.deletionPolicy ?? DeletionPolicy.RETAIN, DeletionPolicy, 'DeletionPolicy');
    this._spec = {
      name: this.name,
      version,
      instanceSize,
      storageGiB,
      highAvailability,
      virtualHost,
      queues,
      username: this.name,
      deletionPolicy,
      credentialsSecretName: `${this.name}-credentials`,
      labels: this._serviceLabels('queue'),
    };

    const binding = this._serve<QueueSpec, QueueBinding>(this._spec, (b) => {
      const endpoint = this._endpoint(b);
      return {
        uriScheme: b.tls ? undefined : 'amqp',
        values: { ...endpoint.values, username: this._spec.username, vhost: virtualHost, ssl: String(b.tls) },
        deferred: endpoint.deferred,
        credentials: {
          secret: this._spec.credentialsSecretName,
          generate: true,
          username: this._spec.username,
          usernameKey: 'username',
          passwordKeys: ['password'],
          copy: { password: 'password' },
        },
      };
    });
    this.tls = binding.tls;
  }

  /**
   * Binds a workload to this broker: `AMQP_*` environment variables and/or a mounted binding in its containers, and
   * what the backend adds (a NetworkPolicy rule in the cluster).
   *
   * @param workload a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, or its ApiObject
   * (e.g. a `KubeDeployment` of `cdk8s import k8s`): anything whose ApiObject has a pod template
   */
  public bind(workload: IConstruct, options: BindOptions = {}): void {
    this._bindConnection(workload, options ?? {});
  }

  private checkVersion(version: RabbitMqVersion): RabbitMqVersion {
    const minor = version.minor;
    if (typeof minor !== 'string' || !/^\d+\.\d+$/.test(minor) || (RABBITMQ_CATALOG[minor] === undefined && version.fullVersion === undefined)) {
      invalid(this, {
        prop: 'version',
        value: minor,
        allowed: `one of the catalog's RabbitMQ versions ${RabbitMqVersion.knownMinors.join(', ')}`,
        fix: "use a catalog constant, or pin a version the catalog does not list with RabbitMqVersion.of(minor, fullVersion), e.g. RabbitMqVersion.of('4.4', '4.4.0')",
      });
    }
    if (compareMinor(minor, '4.0') < 0) {
      invalid(this, {
        prop: 'version',
        value: minor,
        allowed: 'RabbitMQ 4.0 or later',
        fix: 'use RabbitMqVersion.V4_2 or later',
      });
    }
    const full = version.fullVersion;
    if (full !== undefined && !(typeof full === 'string' && new RegExp(`^${minor.replace('.', '\\.')}\\.\\d+$`).test(full))) {
      invalid(this, {
        prop: 'version',
        value: full,
        allowed: `a full version of minor ${minor} (e.g. ${minor}.0)`,
        fix: 'make the full version the minor followed by the patch release',
      });
    }
    return version;
  }

  private checkInstanceSize(size: InstanceSize): InstanceSize {
    checkInstance(this, 'instanceSize', size, InstanceSize, 'InstanceSize.SMALL');
    const mib = mebibytesOf(size.memory);
    if (typeof size.cpu !== 'number' || !Number.isInteger(size.cpu) || size.cpu < 1 || size.cpu > 64 || !Number.isInteger(mib) || mib < 512) {
      invalid(this, {
        prop: 'instanceSize',
        value: typeof size.cpu === 'number' && !Number.isNaN(mib) ? size.toString() : `${describeValue(size.cpu)} vCPU, ${describeSize(size.memory)}`,
        allowed: 'a whole number of vCPUs from 1 to 64 and at least 512 MiB of memory',
        fix: 'use InstanceSize.SMALL, MEDIUM, LARGE or a realistic InstanceSize.custom()',
      });
    }
    return size;
  }

  private checkStorage(storage: Size): number {
    const gib = mebibytesOf(storage) / 1024;
    if (!Number.isInteger(gib) || gib < QUEUE_STORAGE_RANGE_GIB.min || gib > QUEUE_STORAGE_RANGE_GIB.max) {
      invalid(this, {
        prop: 'storage',
        value: describeSize(storage),
        allowed: `a whole number of GiB from ${QUEUE_STORAGE_RANGE_GIB.min} to ${QUEUE_STORAGE_RANGE_GIB.max}`,
        fix: 'use e.g. Size.gibibytes(8)',
      });
    }
    return gib;
  }

  private checkQueues(queues: string[]): string[] {
    if (!Array.isArray(queues)) {
      invalid(this, { prop: 'queues', value: describeValue(queues), allowed: 'a list of queue names', fix: "write e.g. ['orders', 'orders.dead-letter']" });
    }
    const seen = new Set<string>();
    for (const q of queues) {
      if (typeof q !== 'string' || !QUEUE_NAME.test(q) || q.toLowerCase().startsWith('amq.')) {
        invalid(this, {
          prop: 'queues',
          value: describeValue(q),
          allowed: 'queue names of letters, digits and ._:- (at most 255 characters), not starting with amq. (reserved by the broker)',
          fix: 'rename the queue, e.g. orders.created',
        });
      }
      if (seen.has(q)) {
        invalid(this, { prop: 'queues', value: q, allowed: 'each queue name once', fix: 'remove the duplicate' });
      }
      seen.add(q);
    }
    return [...queues];
  }

  private checkVirtualHost(vhost: string): string {
    if (typeof vhost !== 'string' || !VIRTUAL_HOST.test(vhost)) {
      invalid(this, {
        prop: 'virtualHost',
        value: describeValue(vhost),
        allowed: 'a virtual host name of letters, digits and /._~:@- (at most 255 characters)',
        fix: "use '/' (the default) or a name such as 'orders'",
      });
    }
    return vhost;
  }
}
