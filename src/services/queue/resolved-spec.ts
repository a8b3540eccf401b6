import { RabbitMqVersion } from './version';
import { InstanceSize } from '../../core/instance-size';
import { ServiceSpec } from '../../core/kind-module';
import { HighAvailability } from '../../core/policies';

/**
 * An AMQP 0-9-1 broker as the service asks for it: the portable declaration, validated and resolved. Queue
 * backends receive it in `bind()` and map it to their provider.
 */
export interface QueueSpec extends ServiceSpec {
  /** The RabbitMQ version. */
  readonly version: RabbitMqVersion;
  /** The compute of each broker node. */
  readonly instanceSize: InstanceSize;
  /**
   * Storage for messages, in whole GiB.
   * @default - the backend's own (8 GiB in the cluster; fixed by the instance type on managed brokers)
   */
  readonly storageGiB?: number;
  /** High availability. */
  readonly highAvailability: HighAvailability;
  /** The virtual host the application uses (`/` by default). */
  readonly virtualHost: string;
  /** Durable queues to declare in the virtual host (none: the application declares its own). */
  readonly queues: string[];
  /** The application's user name (the broker's user, created by the backend). */
  readonly username: string;
  /** Name of the Secret the binder generates the password into (keys `username`, `password`). */
  readonly credentialsSecretName: string;
}
