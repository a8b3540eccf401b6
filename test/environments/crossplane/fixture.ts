import { Chart } from 'cdk8s';
import { Rendered, compositeFor, render } from './render';
import { CrossplaneProfile, PortableMySQL, PortableMySQLProps, PortablePostgres, PortablePostgresProps, Profile } from '../../../src';
import { CrossplaneDatabasePlatform, CrossplaneDatabasePlatformProps } from '../../../src/environments/crossplane/database/platform';
import { CrossplaneClaimOptions } from '../../../src/environments/crossplane/options';
import { registerXrd, validateManifest } from '../../util/schema';
import { newChart, oneOf, synth } from '../../util/synth';

/** Platform options used across the Crossplane tests. */
export const AWS = { region: 'eu-west-1', dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] };
export const GCP = { region: 'europe-west1' };

/** Synthesizes a CrossplaneDatabasePlatform in a fresh chart. */
export function platformObjects(props: CrossplaneDatabasePlatformProps = { aws: AWS, gcp: GCP }, namespace?: string): { chart: Chart; objs: any[] } {
  const { chart } = newChart(namespace);
  new CrossplaneDatabasePlatform(chart, 'Databases', props);
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
  options: CrossplaneClaimOptions = { compositionSelector: { provider: 'aws' } },
): { db: PortableMySQL; chart: Chart; objs: any[]; claim: any } {
  const { chart } = newChart();
  Profile.use(chart, new CrossplaneProfile(options));
  const db = new PortableMySQL(chart, 'Db', { name: 'orders', ...props });
  const objs = synth(chart);
  return { db, chart, objs, claim: oneOf(objs, 'Database', 'portabledata.io/v1alpha1') };
}

/** A PortablePostgres under the Crossplane profile: the service, the synthesized objects and its claim. */
export function postgresClaimFor(
  props: PortablePostgresProps = {},
  options: CrossplaneClaimOptions = { compositionSelector: { provider: 'aws' } },
): { db: PortablePostgres; chart: Chart; objs: any[]; claim: any } {
  const { chart } = newChart();
  Profile.use(chart, new CrossplaneProfile(options));
  const db = new PortablePostgres(chart, 'Db', { name: 'orders', ...props });
  const objs = synth(chart);
  return { db, chart, objs, claim: oneOf(objs, 'Database', 'portabledata.io/v1alpha1') };
}

/**
 * Renders a claim through a Composition, by template name. The composite resource and every composed resource must
 * be valid, strictly, against their schemas (the provider CRDs pinned in schemas/crds).
 */
export function composeClaim(claim: any, composition: any): { [name: string]: any } {
  const xr = compositeFor(claim, 'XDatabase');
  expect(validateManifest(xr)).toEqual([]);
  const out: { [name: string]: any } = {};
  for (const r of render(composition, xr) as Rendered[]) {
    expect({ name: r.name, skipped: r.skipped }).toEqual({ name: r.name, skipped: undefined });
    expect({ name: r.name, errors: validateManifest(r.resource) }).toEqual({ name: r.name, errors: [] });
    out[r.name] = r.resource;
  }
  return out;
}
