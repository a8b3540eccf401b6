import { CompositionRefusal } from './compositions';

/**
 * Why Azure has no Composition of the portable database and cache APIs: none is written yet. (Crossplane's
 * provider-upjet-azure has the managed resources: flexible servers, Azure Managed Redis; this library composes none.)
 */
const NOT_COMPOSED_YET = 'this library has no Composition on Crossplane\'s Azure provider (provider-upjet-azure) yet';

/** What to do instead of an Azure Composition of a service Azure serves through the `azure` profile. */
function useAzureProfile(what: string): string {
  return `use the azure profile (AzureProfile: ${what} through Azure Service Operator v2), or a Composition of another cloud`;
}

/** The Azure entry of the portable database API's Compositions. */
export const AZURE_DATABASE_REFUSAL = new CompositionRefusal(NOT_COMPOSED_YET,
  useAzureProfile('Azure Database for MySQL and for PostgreSQL flexible servers'));

/** The Azure entry of the portable cache API's Compositions. */
export const AZURE_CACHE_REFUSAL = new CompositionRefusal(NOT_COMPOSED_YET, useAzureProfile('Azure Managed Redis'));

/** The Azure entry of the portable object store API's Compositions: Blob Storage does not speak S3. */
export const AZURE_OBJECT_STORE_REFUSAL = new CompositionRefusal(
  'Azure Blob Storage does not speak S3, the portable object store\'s protocol',
  'run object stores in the cluster: the azure profile (AzureProfile) takes objectStoresInCluster: true, or use a Composition of another cloud');

/** The Azure entry of the portable queue API's Compositions: Service Bus speaks AMQP 1.0, not AMQP 0-9-1. */
export const AZURE_QUEUE_REFUSAL = new CompositionRefusal(
  'Azure has no managed AMQP 0-9-1 service (Service Bus speaks AMQP 1.0, a different protocol)',
  'run queues in the cluster: a CrossplaneProfile whose compositionSelector picks provider: azure takes queuesInCluster: true');
