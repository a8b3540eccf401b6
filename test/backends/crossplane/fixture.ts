import { Chart } from 'cdk8s';
import { PortableMySQL, PortableMySQLProps, Profile } from '../../../src';
import { CrossplaneBackendOptions } from '../../../src/backends/crossplane/options';
import { CrossplanePlatform } from '../../../src/backends/crossplane/platform';
import { CrossplanePlatformProps } from '../../../src/backends/crossplane/platform-options';
import { registerXrd } from '../../util/schema';
import { newChart, oneOf, synth } from '../../util/synth';

/** Platform options used across the Crossplane tests. */
export const AWS = { region: 'eu-west-1', dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] };
export const GCP = { region: 'europe-west1' };

/** Synthesizes a CrossplanePlatform in a fresh chart. */
export function platformObjects(props: CrossplanePlatformProps = { aws: AWS, gcp: GCP }, namespace?: string): { chart: Chart; objs: any[] } {
  const { chart } = newChart(namespace);
  new CrossplanePlatform(chart, 'Databases', props);
  return { chart, objs: synth(chart) };
}

/** Registers the platform's XRD with the schema validator, so that claims validate strictly against it. */
export function registerPlatformXrd(): any {
  const xrd = oneOf(platformObjects().objs, 'CompositeResourceDefinition');
  registerXrd(xrd);
  return xrd;
}

/** A PortableMySQL under the Crossplane profile: the service, the synthesized objects and its claim. */
export function claimFor(
  props: PortableMySQLProps = {},
  options: CrossplaneBackendOptions = { compositionSelector: { provider: 'aws' } },
): { db: PortableMySQL; chart: Chart; objs: any[]; claim: any } {
  const { chart } = newChart();
  Profile.use(chart, Profile.crossplane(options));
  const db = new PortableMySQL(chart, 'Db', { name: 'orders', ...props });
  const objs = synth(chart);
  return { db, chart, objs, claim: oneOf(objs, 'Database', 'portabledata.io/v1alpha1') };
}
