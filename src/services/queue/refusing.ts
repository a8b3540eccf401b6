import { IQueueBackend, QueueBinding } from './backend';
import { QueueCapabilities, Support } from '../../core/capabilities';

/**
 * The queue backend of a profile that has no broker to offer (an environment without a managed AMQP 0-9-1 service
 * that was not told to run queues in the cluster): it refuses every queue, and answers every feature with the same
 * reason and fix.
 */
export class RefusingQueueBackend implements IQueueBackend {
  public readonly refusal: Support;
  public readonly capabilities: QueueCapabilities;

  /**
   * @param name the backend's name (e.g. `gcp-none`)
   * @param reason why the profile has no broker
   * @param fix what the user can do (the option that runs queues in the cluster)
   */
  constructor(public readonly name: string, private readonly reason: string, private readonly fix: string) {
    const refusal = Support.refused(reason, fix);
    this.refusal = refusal;
    this.capabilities = {
      highAvailability: refusal,
      rabbitMq43: refusal,
      storageSize: refusal,
      virtualHost: refusal,
      declaredQueues: refusal,
      transitEncryption: refusal,
      deletionRetain: refusal,
      deletionDelete: refusal,
      bindDeployment: refusal,
      bindStatefulSet: refusal,
      bindJob: refusal,
      bindCronJob: refusal,
    };
  }

  public bind(): QueueBinding {
    throw new Error(`${this.reason}. Fix: ${this.fix}`);
  }
}
