import { AWS_CACHE_COMPOSITION, CrossplaneCacheAwsOptions } from './aws';
import { GCP_CACHE_COMPOSITION, CrossplaneCacheGcpOptions } from './gcp';
import { AZURE_CACHE_REFUSAL } from '../azure';
import { CrossplaneCloud } from '../clouds';
import { Compositions } from '../compositions';

/** The Compositions of the portable cache API, by cloud: ElastiCache for Valkey on AWS, Memorystore for Redis on GCP; Azure refuses (no Composition yet). */
export const CACHE_COMPOSITIONS: Compositions<{
  [CrossplaneCloud.AWS]: CrossplaneCacheAwsOptions;
  [CrossplaneCloud.GCP]: CrossplaneCacheGcpOptions;
}> = {
  [CrossplaneCloud.AWS]: AWS_CACHE_COMPOSITION,
  [CrossplaneCloud.GCP]: GCP_CACHE_COMPOSITION,
  [CrossplaneCloud.AZURE]: AZURE_CACHE_REFUSAL,
};
