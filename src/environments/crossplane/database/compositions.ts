import { DatabaseCompositionChecks } from './api';
import { AWS_DATABASE_COMPOSITION, CrossplaneDatabaseAwsOptions } from './aws';
import { GCP_DATABASE_COMPOSITION, CrossplaneDatabaseGcpOptions } from './gcp';
import { AZURE_DATABASE_REFUSAL } from '../azure';
import { CrossplaneCloud } from '../clouds';
import { Compositions } from '../compositions';

/** The Compositions of the portable database API, by cloud: RDS on AWS, Cloud SQL on GCP; Azure refuses (no Composition yet). */
export const DATABASE_COMPOSITIONS: Compositions<{
  [CrossplaneCloud.AWS]: CrossplaneDatabaseAwsOptions;
  [CrossplaneCloud.GCP]: CrossplaneDatabaseGcpOptions;
}, DatabaseCompositionChecks> = {
  [CrossplaneCloud.AWS]: AWS_DATABASE_COMPOSITION,
  [CrossplaneCloud.GCP]: GCP_DATABASE_COMPOSITION,
  [CrossplaneCloud.AZURE]: AZURE_DATABASE_REFUSAL,
};
