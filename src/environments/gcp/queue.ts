import { QueueCapabilities, Support } from '../../core/capabilities';
import { IQueueBackend, QueueBinding } from '../../services/queue/backend';

const REASON = 'GCP has no managed AMQP 0-9-1 service (Pub/Sub speaks its own protocol) and the profile does not say where queues run';
const FIX = 'set queuesInCluster: true on the GCP profile to run each queue as a RabbitMQ StatefulSet in the GKE cluster, or select another profile for the queue';

/**
 * The queue backend of a GCP profile without `queuesInCluster`: it refuses every queue (and answers every feature
 * with the same reason), naming the option.
 */
export class GcpNoQueueBackend implements IQueueBackend {
  public readonly name = 'gcp-none';
  public readonly refusal = Support.refused(REASON, FIX);
  public readonly capabilities: QueueCapabilities = {
    highAvailability: this.refusal,
    rabbitMq43: this.refusal,
    storageSize: this.refusal,
    virtualHost: this.refusal,
    declaredQueues: this.refusal,
    transitEncryption: this.refusal,
    deletionRetain: this.refusal,
    deletionDelete: this.refusal,
    bindDeployment: this.refusal,
    bindStatefulSet: this.refusal,
    bindJob: this.refusal,
    bindCronJob: this.refusal,
  };

  public bind(): QueueBinding {
    throw new Error(`${REASON}. Fix: ${FIX}`);
  }
}
