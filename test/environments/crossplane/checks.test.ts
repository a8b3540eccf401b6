import { Size } from 'cdk8s';
import { claimFor, postgresClaimFor, registerPlatformXrd } from './fixture';
import { InstanceSize, MySqlVersion, PostgresVersion } from '../../../src';
import { rdsMajorOf, rdsVersions } from '../../../src/environments/aws/catalog/checks';
import { RDS_CUSTOM_CLASSES } from '../../../src/environments/crossplane/database/aws';
import { expectValid } from '../../util/schema';

beforeAll(() => {
  registerPlatformXrd();
});

const AWS = { compositionSelector: { provider: 'aws' } };
const GCP = { compositionSelector: { provider: 'gcp' } };
const ANY = { compositionSelector: { 'example.com/tier': 'gold' } };

/** A custom size from a `<vCPU>-<MiB>` key. */
function sizeOf(shape: string): InstanceSize {
  const [cpu, mib] = shape.split('-').map(Number);
  return InstanceSize.custom({ cpu, memory: Size.mebibytes(mib) });
}

describe('Crossplane: synth-time catalog checks', () => {
  describe('selector provider: aws → the RDS catalog, as the AWS Composition maps the claim', () => {
    test.each(rdsVersions('mysql'))('accepts the pinned MySQL version %s', (version) => {
      const { objs, claim } = claimFor({ version: MySqlVersion.of(rdsMajorOf('mysql', version), version) }, AWS);
      expectValid(objs);
      expect(claim.spec.parameters.engineVersion).toBe(version);
    });

    test.each(rdsVersions('postgres'))('accepts the pinned PostgreSQL version %s', (version) => {
      expect(postgresClaimFor({ version: PostgresVersion.of(rdsMajorOf('postgres', version), version) }, AWS).claim.spec.parameters.engineVersion).toBe(version);
    });

    test.each(Object.keys(RDS_CUSTOM_CLASSES))('accepts the custom size %s (an exact class of the Composition)', (shape) => {
      const { objs, claim } = claimFor({ instanceSize: sizeOf(shape) }, AWS);
      expectValid(objs);
      expect(claim.spec.parameters.instanceSize).toBe('custom');
    });

    test('fails when the pinned version is not one RDS offers, naming the Composition and the closest', () => {
      expect(() => claimFor({ version: MySqlVersion.of('8.4', '8.4.3') }, AWS)).toThrow(
        /^test\/Db \(Crossplane Composition provider: aws\): invalid RDS engine version "8\.4\.3": allowed: on AWS RDS, .*did you mean "8\.4\.5" or "8\.4\.6"\?/,
      );
    });

    test('fails when a custom size has no class in the Composition, naming the nearest', () => {
      expect(() => claimFor({ instanceSize: InstanceSize.custom({ cpu: 3, memory: Size.gibibytes(5) }) }, AWS)).toThrow(
        /^test\/Db \(Crossplane Composition provider: aws\): invalid instanceSize "custom\(3 vCPU, 5120 MiB\)": allowed: on AWS RDS through the Crossplane AWS Composition, .*nearest: db\.m6g\.large \(2 vCPU, 8192 MiB\)/,
      );
    });
  });

  describe('selector provider: gcp → the Cloud SQL catalog, as the GCP Composition maps the claim', () => {
    test('a pinned version RDS does not offer is fine: Cloud SQL takes the major', () => {
      expect(claimFor({ version: MySqlVersion.of('8.4', '8.4.3') }, GCP).claim.spec.parameters.engineVersion).toBe('8.4.3');
    });

    test.each([[1, 3840], [2, 13312], [6, 24576], [96, 638976]])('accepts the custom machine of %i vCPU and %i MiB', (cpu, mib) => {
      expect(postgresClaimFor({ instanceSize: InstanceSize.custom({ cpu, memory: Size.mebibytes(mib) }) }, GCP).claim.spec.parameters.cpu).toBe(cpu);
    });

    test('fails when a custom size is no Cloud SQL machine, naming the nearest tier', () => {
      expect(() => claimFor({ instanceSize: InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(64) }) }, GCP)).toThrow(
        /^test\/Db \(Crossplane Composition provider: gcp\): invalid Cloud SQL tier "db-custom-8-65536": allowed: on Cloud SQL MYSQL_8_4, .*Fix: did you mean "db-custom-8-53248"\?/,
      );
    });
  });

  describe('any other selector → only what both Compositions would reject', () => {
    test('what one cloud alone rejects passes', () => {
      expect(claimFor({ version: MySqlVersion.of('8.4', '8.4.3') }, ANY).claim.spec.parameters.engineVersion).toBe('8.4.3');
      const instanceSize = InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(64) });
      expect(claimFor({ instanceSize }, ANY).claim.spec.parameters.memoryMiB).toBe(65536);
    });

    test('fails when neither Composition can serve the claim, with both reasons', () => {
      expect(() => claimFor({ instanceSize: InstanceSize.custom({ cpu: 3, memory: Size.gibibytes(5) }) }, ANY)).toThrow(
        /^test\/Db: no Composition of CrossplaneDatabasePlatform can serve the claim .*provider: aws\): invalid instanceSize "custom\(3 vCPU, 5120 MiB\)".* \| test\/Db \(Crossplane Composition provider: gcp\): invalid Cloud SQL tier "db-custom-3-5120".*did you mean "db-custom-4-5120"\?/,
      );
    });
  });
});

describe('Crossplane: parameters', () => {
  test('none by default: the claim has no parameters field', () => {
    expect(Object.keys(claimFor().claim.spec.parameters)).not.toContain('parameters');
    expect(claimFor({ parameters: {} }).claim).toEqual(claimFor().claim);
  });

  test.each([['aws', AWS], ['gcp', GCP], ['another selector', ANY]])('fails when parameters are given (%s): the Compositions do not map them', (_, options) => {
    expect(() => claimFor({ parameters: { max_connections: '500' } }, options)).toThrow(
      /^test\/Db: invalid parameters \{"max_connections":"500"\}: allowed: not this value on the crossplane backend of profile "crossplane": its Compositions do not map engine parameters \(names and values differ between RDS parameters and Cloud SQL flags, the claim does not know which Composition serves it, and function-patch-and-transform cannot turn the map into the AWS ParameterGroup's parameter list or the GCP settings\.databaseFlags list\)\. Fix: remove parameters under this profile, or serve this database with an AwsProfile or a GcpProfile, which apply them \[PD200\]$/,
    );
  });

  test('an invalid parameter fails as everywhere, before the backend', () => {
    expect(() => postgresClaimFor({ parameters: { work_mme: '1MB' } })).toThrow(/^test\/Db: invalid postgresql parameter "work_mme".*did you mean "work_mem"\?/);
  });
});
