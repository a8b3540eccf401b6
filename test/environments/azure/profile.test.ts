import { AZURE_OPTIONS, azureProfile } from './fixture';
import {
  AzureProfile, PortableObjectStore, PortableQueue, Profile, QueueOperator,
} from '../../../src';
import { newChart, oneOf, synth } from '../../util/synth';

describe('AzureProfile', () => {
  test('fails when the location is a display name, with a did-you-mean', () => {
    expect(() => azureProfile({ location: 'West Europe' })).toThrow(
      'azure profile option location: invalid location "West Europe": allowed: an Azure region name in lower case without spaces, e.g. westeurope or eastus2 (the catalog of 2026-12-06 lists 53). Fix: did you mean "westeurope"? [PD100]');
  });

  test('fails when the location is a near-miss of a region', () => {
    expect(() => azureProfile({ location: 'westeurop' })).toThrow('Fix: did you mean "westeurope"? [PD100]');
  });

  test('a well-formed region the partial catalog does not list passes (the catalog is a snapshot)', () => {
    expect(azureProfile({ location: 'newregionnorth' }).name).toBe('azure');
  });

  test('fails when the resource group is a name, not an ARM ID', () => {
    expect(() => azureProfile({ resourceGroupId: 'prod' })).toThrow(
      'azure profile option resourceGroupId: invalid resourceGroupId "prod": allowed: the ARM ID of an existing resource group: /subscriptions/<subscription ID (a GUID)>/resourceGroups/<name>. Fix: use the output of `az group show --name <group> --query id -o tsv` (the group is referenced, never created) [PD100]');
  });

  test('fails when the PostgreSQL DNS zone is a MySQL zone', () => {
    expect(() => azureProfile({ postgresPrivateDnsZoneId: AZURE_OPTIONS.mysqlPrivateDnsZoneId })).toThrow(
      'azure profile option postgresPrivateDnsZoneId: invalid postgresPrivateDnsZoneId');
  });

  test('a queue is refused naming queuesInCluster; with it, a RabbitMQ StatefulSet runs in the cluster', () => {
    const { chart } = newChart('shop');
    Profile.use(chart, azureProfile());
    expect(() => new PortableQueue(chart, 'Jobs', { name: 'jobs' })).toThrow(
      'Azure has no managed AMQP 0-9-1 service (Service Bus speaks AMQP 1.0, a different protocol), and the profile does not say where queues run');
    const inCluster = newChart('shop2').chart;
    Profile.use(inCluster, azureProfile({ queuesInCluster: true, queueOperator: QueueOperator.NONE }));
    new PortableQueue(inCluster, 'Jobs', { name: 'jobs' });
    expect(oneOf(synth(inCluster), 'StatefulSet').metadata.name).toBe('jobs');
  });

  test('an object store is refused naming objectStoresInCluster; with it, the in-cluster S3 server runs', () => {
    const { chart } = newChart('shop');
    Profile.use(chart, azureProfile());
    expect(() => new PortableObjectStore(chart, 'Photos', { name: 'photos' })).toThrow(
      'Azure Blob Storage does not speak S3, the portable object store\'s protocol, and the profile does not say where object stores run');
    const inCluster = newChart('shop2').chart;
    Profile.use(inCluster, azureProfile({ objectStoresInCluster: true }));
    new PortableObjectStore(inCluster, 'Photos', { name: 'photos' });
    expect(oneOf(synth(inCluster), 'StatefulSet').metadata.name).toBe('photos');
  });

  test('its TYPE is azure', () => {
    expect(AzureProfile.TYPE).toBe('azure');
  });
});
