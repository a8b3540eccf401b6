import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import '../src/environments';
import { profilesFileSchema } from '../src/core/profile-file-schema';

/** The JSON Schema of profiles files: current, and it accepts and rejects what the loader does. */
const FILE = join(__dirname, '..', 'profiles.schema.json');

test('profiles.schema.json is what `npx projen schema:profiles` generates', () => {
  expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(profilesFileSchema());
});

describe('the schema checks what the loader checks', () => {
  const validate = new Ajv({ strict: true, allErrors: true }).compile(profilesFileSchema());
  const ok = (yaml: string) => validate(parse(yaml));

  test.each([
    ['a profiles list', 'profiles:\n  - type: aws\n    name: aws-prod\n    options: { region: eu-west-1, dbSubnetGroupName: data, vpcSecurityGroupIds: [sg-1] }\n  - type: in-cluster\n'],
    ['a single profile with common options under options', 'type: gcp\noptions: { projectId: acme-prod-123, region: europe-west1, binderRepair: false, maintenanceWindow: { day: 7, hour: 3, updateTrack: stable } }\n'],
    ['an enum by value', 'type: in-cluster\noptions: { postgresOperator: cloudnative-pg }\n'],
    ['a size in GiB', 'type: in-cluster\noptions: { objectStoreVolumeSize: 20Gi }\n'],
  ])('accepts %s', (_, yaml) => {
    expect(ok(yaml)).toBe(true);
  });

  test.each([
    ['an unknown type', 'type: azure\n'],
    ['a misspelt option', 'type: aws\noptions: { regoin: eu-west-1, dbSubnetGroupName: data, vpcSecurityGroupIds: [sg-1] }\n'],
    ['a missing required option', 'type: aws\noptions: { region: eu-west-1 }\n'],
    ['a wrong value kind', 'type: gcp\noptions: { projectId: acme-prod-123, region: europe-west1, diskAutoresize: "yes" }\n'],
    ['an enum value that does not exist', 'type: in-cluster\noptions: { postgresOperator: zalando }\n'],
    ['a size in decimal units', 'type: in-cluster\noptions: { objectStoreVolumeSize: 20GB }\n'],
    ['a size as a number', 'type: in-cluster\noptions: { objectStoreVolumeSize: 20 }\n'],
    ['an unknown entry key', 'profiles:\n  - { type: in-cluster, lables: { team: data } }\n'],
  ])('rejects %s', (_, yaml) => {
    expect(ok(yaml)).toBe(false);
  });
});
