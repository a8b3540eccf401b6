import { AWS_QUEUE_COMPOSITION, CrossplaneQueueAwsOptions } from './aws';
import { AZURE_QUEUE_REFUSAL } from '../azure';
import { CrossplaneCloud } from '../clouds';
import { CompositionRefusal, Compositions } from '../compositions';

/**
 * The Compositions of the portable queue API, by cloud. GCP and Azure refuse: neither has a managed AMQP 0-9-1 service, and a
 * claim must not silently get another protocol.
 */
export const QUEUE_COMPOSITIONS: Compositions<{ [CrossplaneCloud.AWS]: CrossplaneQueueAwsOptions }> = {
  [CrossplaneCloud.AWS]: AWS_QUEUE_COMPOSITION,
  [CrossplaneCloud.GCP]: new CompositionRefusal('GCP has no managed AMQP 0-9-1 service',
    'run queues in the cluster: a CrossplaneProfile whose compositionSelector picks provider: gcp takes queuesInCluster: true'),
  [CrossplaneCloud.AZURE]: AZURE_QUEUE_REFUSAL,
};
