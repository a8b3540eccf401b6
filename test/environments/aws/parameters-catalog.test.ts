/**
 * The DB parameter group checks each parameter against the RDS parameter catalog of its family. The portable
 * ranges sit inside what the catalog allows today, so this file narrows the catalog (as a refresh might, when RDS
 * narrows a range) to prove the check is wired in.
 */
import { AwsProfile, AwsProfileOptions, PortableMySQL, Profile } from '../../../src';
import { newChart, synth } from '../../util/synth';

jest.mock('../../../src/environments/aws/catalog/data/rds-parameters', () => {
  const actual = jest.requireActual('../../../src/environments/aws/catalog/data/rds-parameters');
  const catalog = actual.RDS_PARAMETER_CATALOG;
  return {
    RDS_PARAMETER_CATALOG: {
      ...catalog,
      families: { ...catalog.families, 'mysql8.4': { ...catalog.families['mysql8.4'], max_connections: { type: 'integer', allowed: '1-16000' } } },
    },
  };
});

const BASE: AwsProfileOptions = { region: 'eu-west-1', dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] };

function mysql(parameters: { [name: string]: string }): void {
  const { chart } = newChart();
  Profile.use(chart, new AwsProfile(BASE));
  new PortableMySQL(chart, 'Db', { name: 'orders', parameters });
  synth(chart);
}

test('accepts a value inside the family\'s range', () => {
  expect(() => mysql({ max_connections: '16000' })).not.toThrow();
});

test('fails when a portable value is outside what RDS allows for the family, naming the closest', () => {
  expect(() => mysql({ max_connections: '20000' })).toThrow(
    /^test\/Db: invalid RDS parameter max_connections "20000": allowed: on AWS RDS mysql8\.4, an integer: 1 to 16000\. Fix: did you mean "16000"\?/,
  );
});
