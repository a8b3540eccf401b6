import { registerXrd } from './schema';
import { newChart, oneOf, synth } from './synth';
import { CrossplanePlatform } from '../../src';

/**
 * Registers this library's own Crossplane API (the XRD of `CrossplanePlatform`) with the schema validator, so that
 * claims synthesized by the Crossplane backend validate strictly against it.
 */
export function registerPortableApis(): void {
  const { chart } = newChart();
  new CrossplanePlatform(chart, 'Platform', {
    aws: { region: 'eu-west-1', dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] },
    gcp: { region: 'europe-west1' },
  });
  registerXrd(oneOf(synth(chart), 'CompositeResourceDefinition'));
}
