import { AWS_OBJECT_STORE_COMPOSITION, CrossplaneObjectStoreAwsOptions } from './aws';
import { GCP_OBJECT_STORE_COMPOSITION, CrossplaneObjectStoreGcpOptions } from './gcp';
import { AZURE_OBJECT_STORE_REFUSAL } from '../azure';
import { CrossplaneCloud } from '../clouds';
import { Compositions } from '../compositions';

/** The Compositions of the portable object store API, by cloud: S3 on AWS, Cloud Storage on GCP; Azure refuses (Blob Storage does not speak S3). */
export const OBJECT_STORE_COMPOSITIONS: Compositions<{
  [CrossplaneCloud.AWS]: CrossplaneObjectStoreAwsOptions;
  [CrossplaneCloud.GCP]: CrossplaneObjectStoreGcpOptions;
}> = {
  [CrossplaneCloud.AWS]: AWS_OBJECT_STORE_COMPOSITION,
  [CrossplaneCloud.GCP]: GCP_OBJECT_STORE_COMPOSITION,
  [CrossplaneCloud.AZURE]: AZURE_OBJECT_STORE_REFUSAL,
};
