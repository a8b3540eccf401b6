import { registerXrd } from './schema';
import { newChart, oneOf, synth } from './synth';
import { CrossplaneCachePlatform, CrossplaneDatabasePlatform, CrossplaneObjectStorePlatform, CrossplaneQueuePlatform } from '../../src';

/**
 * Registers this library's own Crossplane APIs (the XRDs of `CrossplaneDatabasePlatform` and
 * `CrossplaneObjectStorePlatform`, `CrossplaneCachePlatform`, `CrossplaneQueuePlatform`) with the schema validator, so that claims synthesized by the Crossplane backends
 * validate strictly against them.
 */
export function registerPortableApis(): void {
  const { chart } = newChart();
  new CrossplaneDatabasePlatform(chart, 'Platform', {
    aws: { region: 'eu-west-1', dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] },
    gcp: { region: 'europe-west1' },
  });
  registerXrd(oneOf(synth(chart), 'CompositeResourceDefinition'));
  const objectStores = newChart();
  new CrossplaneObjectStorePlatform(objectStores.chart, 'ObjectStores', { aws: { region: 'eu-west-1' }, gcp: { region: 'europe-west1' } });
  registerXrd(oneOf(synth(objectStores.chart), 'CompositeResourceDefinition'));
  const caches = newChart();
  new CrossplaneCachePlatform(caches.chart, 'Caches', {
    aws: { region: 'eu-west-1', cacheSubnetGroupName: 'cache-private', securityGroupIds: ['sg-0123456789abcdef0'] },
    gcp: { region: 'europe-west1' },
  });
  registerXrd(oneOf(synth(caches.chart), 'CompositeResourceDefinition'));
  const queues = newChart();
  new CrossplaneQueuePlatform(queues.chart, 'Queues', {
    aws: { region: 'eu-west-1', subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'], securityGroupIds: ['sg-0123456789abcdef0'] },
  });
  registerXrd(oneOf(synth(queues.chart), 'CompositeResourceDefinition'));
}
