import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Size, Yaml } from 'cdk8s';
import * as ts from 'typescript';
import { GcpProfile, Profile } from '../src';
import { newChart } from './util/synth';
import { Environment, environments } from '../src/core/environment';
import { DEFAULT_BINDER_IMAGE } from '../src/core/profile';
import { OptionSpec } from '../src/core/profile-file-options';

/** The environments of the one list, by type. */
const ENVIRONMENT: { [type: string]: Environment } = Object.fromEntries(environments().map((e) => [e.type, e]));
const PROFILE_TYPES = environments().map((e) => e.type);

let dir: string;
let counter = 0;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profiles-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  jest.restoreAllMocks();
});

/** Writes a fixture file into the test's tmp dir and returns its path. */
function write(content: string, ext: string = 'yaml'): string {
  const file = path.join(dir, `profiles-${++counter}.${ext}`);
  fs.writeFileSync(file, content);
  return file;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The error message of loading a file, which must fail. */
/**
 * The message of loading a bad file, without its code: the code must be PD400 (the file itself) or, for an option
 * value the environment's factory rejects, PD100.
 */
function failure(file: string): string {
  try {
    Profile.fromFile(file);
  } catch (e) {
    const message = (e as Error).message;
    expect(message).toMatch(/ \[PD[14]00\]$/);
    return message.replace(/ \[PD\d{3}\]$/, '');
  }
  throw new Error(`loading ${file} did not fail`);
}

const AWS = { region: 'eu-west-1', dbSubnetGroupName: 'prod-data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] };
const GCP = { projectId: 'acme-prod-123', region: 'europe-west1' };
const CROSSPLANE = { compositionSelector: { provider: 'aws' } };

/** A realistic value for every option of every type (must list exactly the options of the tables). */
const SAMPLES: { [type: string]: { [key: string]: unknown } } = {
  'in-cluster': {
    name: 'dev',
    labels: { team: 'data' },
    binderImage: 'registry.example.com/library/python:3.13.9-alpine3.22',
    binderRepair: false,
    binderAdmissionPolicy: true,
    upgradeGuard: true,
    storageClassName: 'fast-ssd',
    storageReclaimPolicy: 'retain',
    storageExpansion: true,
    imageRegistry: 'mirror.gcr.io/library',
    postgresOperator: 'cloudnative-pg',
    volumeSnapshotClassName: 'csi-snapclass',
    walArchivePath: 's3://acme-pg-archive/prod',
    walArchiveSecretName: 'pg-archive-connection',
    walArchiveEndpoint: 'http://rook-ceph-rgw-store.rook-ceph.svc:80',
    objectStoreOperator: 'rook',
    bucketStorageClassName: 'rook-ceph-bucket',
    bucketReclaimPolicy: 'retain',
    objectStoreImage: 'registry.example.com/versity/versitygw:v1.8.0',
    objectStoreVolumeSize: '50Gi',
    queueOperator: 'rabbitmq-operators',
    clusterDomain: 'k8s.example.internal',
  },
  'aws': {
    ...AWS,
    name: 'aws-prod',
    labels: { team: 'data', env: 'prod' },
    binderImage: 'registry.example.com/library/python:3.13.9-alpine3.22',
    binderRepair: false,
    binderAdmissionPolicy: true,
    upgradeGuard: true,
    kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    namePrefix: 'prod-',
    storageType: 'gp3',
    maxAllocatedStorageFactor: 2,
    instanceClasses: { small: 'db.t4g.medium' },
    maintenanceWindow: 'sun:04:00-sun:04:30',
    eksClusterName: 'prod-eks',
    cacheSubnetGroupName: 'app-cache',
    cacheSecurityGroupIds: ['sg-0fedcba9876543210'],
    brokerSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
    brokerSecurityGroupIds: ['sg-0fedcba9876543210'],
  },
  'gcp': {
    ...GCP,
    name: 'gcp-prod',
    labels: { team: 'data' },
    binderImage: 'registry.example.com/library/python:3.13.9-alpine3.22',
    binderRepair: false,
    binderAdmissionPolicy: true,
    upgradeGuard: true,
    privateNetwork: 'projects/acme-prod-123/global/networks/prod-vpc',
    namePrefix: 'prod-',
    proxyImage: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.18.2',
    maintenanceWindow: { day: 7, hour: 3, updateTrack: 'stable' },
    requireConnectors: true,
    diskAutoresize: false,
    queuesInCluster: true,
    queueOperator: 'rabbitmq-operators',
    queueStorageReclaimPolicy: 'retain',
    clusterDomain: 'k8s.example.internal',
  },
  'crossplane': {
    ...CROSSPLANE,
    name: 'platform',
    labels: { team: 'data' },
    binderImage: 'registry.example.com/library/python:3.13.9-alpine3.22',
    binderRepair: false,
    binderAdmissionPolicy: true,
    upgradeGuard: true,
    namePrefix: 'prod-',
    queuesInCluster: true,
    queueOperator: 'none',
    queueStorageReclaimPolicy: 'delete',
    clusterDomain: 'k8s.example.internal',
  },
  'azure': {
    location: 'westeurope',
    resourceGroupId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod',
    name: 'azure-prod',
    labels: { team: 'data' },
    binderImage: 'registry.example.com/library/python:3.13.9-alpine3.22',
    binderRepair: false,
    binderAdmissionPolicy: true,
    upgradeGuard: true,
    namePrefix: 'prod-',
    mysqlSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/mysql',
    mysqlPrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/prod.mysql.database.azure.com',
    postgresSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/postgres',
    postgresPrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/prod.postgres.database.azure.com',
    storageAutoGrow: true,
    geoRedundantBackup: true,
    cacheSubnetId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/virtualNetworks/aks/subnets/endpoints',
    cachePrivateDnsZoneId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/prod/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net',
    cachePublicNetworkAccess: true,
    queuesInCluster: true,
    queueOperator: 'rabbitmq-operators',
    queueStorageReclaimPolicy: 'retain',
    clusterDomain: 'k8s.example.internal',
    objectStoresInCluster: true,
  },
};

describe('valid profiles files', () => {
  test('a `profiles:` list: names default to the type, options reach the factory as written', () => {
    const aws = jest.spyOn(ENVIRONMENT.aws, 'create');
    const inCluster = jest.spyOn(ENVIRONMENT['in-cluster'], 'create');
    const file = write(`# profiles.yaml
profiles:
  - name: aws-prod          # optional, defaults to the type
    type: aws
    labels: { team: data }
    options:
      region: eu-west-1
      dbSubnetGroupName: prod-data
      vpcSecurityGroupIds: [sg-0123456789abcdef0]
  - type: in-cluster
    options: { storageClassName: fast-ssd }
  - type: gcp
    binderImage: registry.example.com/library/python:3.13.9-alpine3.22
    options:
      projectId: acme-prod-123
      region: europe-west1
      maintenanceWindow: { day: 7, hour: 3, updateTrack: stable }
`);
    const profiles = Profile.fromFile(file);
    expect(profiles.map((p) => p.name)).toEqual(['aws-prod', 'in-cluster', 'gcp']);
    expect(aws).toHaveBeenCalledTimes(1);
    expect(aws).toHaveBeenCalledWith({ ...AWS, name: 'aws-prod', labels: { team: 'data' } });
    expect(inCluster).toHaveBeenCalledWith({ storageClassName: 'fast-ssd' });
    expect(profiles[0].labels).toEqual({ team: 'data' });
    expect(profiles[0].binderImage).toBe(DEFAULT_BINDER_IMAGE);
    expect(profiles[1].labels).toEqual({});
    expect(profiles[2].binderImage).toBe('registry.example.com/library/python:3.13.9-alpine3.22');
  });

  test('a file that is a single profile', () => {
    const gcp = jest.spyOn(ENVIRONMENT.gcp, 'create');
    const file = write('type: gcp\noptions:\n  projectId: acme-prod-123\n  region: europe-west1\n');
    const profiles = Profile.fromFile(file);
    expect(profiles.map((p) => p.name)).toEqual(['gcp']);
    expect(gcp).toHaveBeenCalledWith(GCP);
  });

  test('a profile without options (in-cluster needs none), and an empty options mapping', () => {
    const inCluster = jest.spyOn(ENVIRONMENT['in-cluster'], 'create');
    const profiles = Profile.fromFile(write('profiles:\n  - type: in-cluster\n  - { type: in-cluster, name: local, options: {} }\n'));
    expect(profiles.map((p) => p.name)).toEqual(['in-cluster', 'local']);
    expect(inCluster).toHaveBeenNthCalledWith(1, {});
    expect(inCluster).toHaveBeenNthCalledWith(2, { name: 'local' });
  });

  test('multi-document YAML: lists and single profiles, empty documents skipped', () => {
    const crossplane = jest.spyOn(ENVIRONMENT.crossplane, 'create');
    const file = write(`profiles:
  - { type: aws, name: aws-prod, options: { region: eu-west-1, dbSubnetGroupName: prod-data, vpcSecurityGroupIds: [sg-0123456789abcdef0] } }
  - { type: gcp, options: { projectId: acme-prod-123, region: europe-west1 } }
---
---
name: platform
type: crossplane
options:
  compositionSelector: { provider: aws }
`);
    expect(Profile.fromFile(file).map((p) => p.name)).toEqual(['aws-prod', 'gcp', 'platform']);
    expect(crossplane).toHaveBeenCalledWith({ ...CROSSPLANE, name: 'platform' });
  });

  test('JSON: a `profiles` list and a single profile', () => {
    const aws = jest.spyOn(ENVIRONMENT.aws, 'create');
    const list = write(JSON.stringify({ profiles: [{ name: 'aws-prod', type: 'aws', options: AWS }, { type: 'in-cluster' }] }), 'json');
    expect(Profile.fromFile(list).map((p) => p.name)).toEqual(['aws-prod', 'in-cluster']);
    expect(aws).toHaveBeenCalledWith({ ...AWS, name: 'aws-prod' });
    const single = write(JSON.stringify({ type: 'crossplane', options: CROSSPLANE }), 'json');
    expect(Profile.fromFile(single).map((p) => p.name)).toEqual(['crossplane']);
  });

  test('a .yml file', () => {
    expect(Profile.fromFile(write('type: in-cluster\nname: dev\n', 'yml')).map((p) => p.name)).toEqual(['dev']);
  });

  test('name, labels and binderImage may go under options', () => {
    const aws = jest.spyOn(ENVIRONMENT.aws, 'create');
    const file = write(`type: aws
options:
  name: aws-prod
  labels: { team: data }
  binderImage: registry.example.com/library/python:3.13.9-alpine3.22
  region: eu-west-1
  dbSubnetGroupName: prod-data
  vpcSecurityGroupIds: [sg-0123456789abcdef0]
`);
    const [profile] = Profile.fromFile(file);
    expect(profile.name).toBe('aws-prod');
    expect(profile.labels).toEqual({ team: 'data' });
    expect(profile.binderImage).toBe('registry.example.com/library/python:3.13.9-alpine3.22');
    expect(aws).toHaveBeenCalledWith({ ...AWS, name: 'aws-prod', labels: { team: 'data' }, binderImage: 'registry.example.com/library/python:3.13.9-alpine3.22' });
  });

  test('quoted YAML strings stay strings (YAML 1.1 would read no, on and 0775 otherwise)', () => {
    const crossplane = jest.spyOn(ENVIRONMENT.crossplane, 'create');
    Profile.fromFile(write('type: crossplane\noptions:\n  compositionSelector: { provider: aws, ha: "no", zone: "0775" }\n'));
    expect(crossplane).toHaveBeenCalledWith({ compositionSelector: { provider: 'aws', ha: 'no', zone: '0775' } });
  });

  test('a quoted timestamp stays a string (an unquoted date fails, see below)', () => {
    // (the factory would reject the value: only the loader is under test)
    const inCluster = jest.spyOn(ENVIRONMENT['in-cluster'], 'create').mockImplementation(() => Profile.custom({ name: 'in-cluster' }));
    Profile.fromFile(write('type: in-cluster\noptions: { storageClassName: "2024-01-01T00:00:00.000Z" }\n'));
    expect(inCluster).toHaveBeenCalledWith({ storageClassName: '2024-01-01T00:00:00.000Z' });
  });

  test.each(PROFILE_TYPES)('every option of type %s is read and accepted by the factory', (type) => {
    expect(Object.keys(SAMPLES[type]).sort()).toEqual(Object.keys(ENVIRONMENT[type].options).sort());
    const factory = jest.spyOn(ENVIRONMENT[type], 'create');
    const { name, labels, binderImage, ...options } = SAMPLES[type];
    const file = write(Yaml.stringify({ profiles: [{ name, type, labels, binderImage, options }] }));
    const [profile] = Profile.fromFile(file);
    // A size is read into a Size; every other value as written.
    const read = Object.fromEntries(Object.entries(SAMPLES[type]).map(([k, v]) => [k, k === 'objectStoreVolumeSize' ? Size.gibibytes(50) : v]));
    expect(factory).toHaveBeenCalledWith(read);
    expect(profile.name).toBe(name);
    expect(profile.labels).toEqual(labels);
    expect(profile.binderImage).toBe(binderImage);
  });
});

describe('the option tables match the options interfaces', () => {
  const SRC = path.join(__dirname, '..', 'src');
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const enums = new Map<string, ts.EnumDeclaration>();
  const sources = [
    path.join(SRC, 'core', 'profile-options.ts'),
    path.join(SRC, 'core', 'policies.ts'),
    ...fs.readdirSync(path.join(SRC, 'environments'))
      .flatMap((d) => ['profile.ts', 'options.ts', 'object-store-options.ts', 'queue-options.ts'].map((f) => path.join(SRC, 'environments', d, f)))
      .filter((f) => fs.existsSync(f)),
  ];
  for (const file of sources) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf-8'), ts.ScriptTarget.ES2022, true);
    sf.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
      if (ts.isEnumDeclaration(node)) enums.set(node.name.text, node);
    });
  }

  /** What the table must say about a property type, read from the TypeScript source (no compiler types). */
  function specOf(type: ts.TypeNode, required: boolean): any {
    const text = type.getText().replace(/\s+/g, '');
    if (type.kind === ts.SyntaxKind.StringKeyword) return { kind: 'string', required };
    if (type.kind === ts.SyntaxKind.NumberKeyword) return { kind: 'number', required };
    if (type.kind === ts.SyntaxKind.BooleanKeyword) return { kind: 'boolean', required };
    if (text === 'string[]') return { kind: 'string-list', required };
    if (text === 'Size') return { kind: 'size', required };
    if (/^\{\[\w+:string\]:string;?\}$/.test(text)) return { kind: 'string-map', required };
    if (ts.isTypeReferenceNode(type) && enums.has(text)) {
      const values = enums.get(text)!.members.map((m) => (m.initializer as ts.StringLiteral).text);
      return { kind: 'enum', required, values };
    }
    if (ts.isTypeReferenceNode(type) && interfaces.has(text)) return { kind: 'struct', required, fields: fieldsOf(text) };
    return { kind: `unsupported type ${text}`, required };
  }

  /** Every property of an interface, with those it extends. */
  function fieldsOf(name: string): { [key: string]: any } {
    const decl = interfaces.get(name);
    if (!decl) throw new Error(`interface ${name} not found in ${sources.join(', ')}`);
    const fields: { [key: string]: any } = {};
    for (const clause of decl.heritageClauses ?? []) {
      for (const base of clause.types) Object.assign(fields, fieldsOf(base.expression.getText()));
    }
    for (const member of decl.members) {
      if (ts.isPropertySignature(member)) {
        fields[(member.name as ts.Identifier | ts.StringLiteral).text] = specOf(member.type!, !member.questionToken);
      }
    }
    return fields;
  }

  function normalize(table: { readonly [key: string]: OptionSpec }): { [key: string]: any } {
    const out: { [key: string]: any } = {};
    for (const [key, spec] of Object.entries(table)) {
      out[key] = { kind: spec.kind, required: spec.required };
      if (spec.values) out[key].values = [...spec.values];
      if (spec.fields) out[key].fields = normalize(spec.fields);
    }
    return out;
  }

  // Each environment's profile class takes the options interface of its folder's profile.ts.
  const OPTIONS_INTERFACE: { [type: string]: string } = {
    'in-cluster': 'InClusterProfileOptions',
    'aws': 'AwsProfileOptions',
    'gcp': 'GcpProfileOptions',
    'crossplane': 'CrossplaneProfileOptions',
    'azure': 'AzureProfileOptions',
  };

  test('the one list has these environments, in this order', () => {
    expect(PROFILE_TYPES).toEqual(Object.keys(OPTIONS_INTERFACE));
  });

  test.each(PROFILE_TYPES)('type %s lists exactly the properties of its options interface, with their kind and optionality', (type) => {
    expect(normalize(ENVIRONMENT[type].options)).toEqual(fieldsOf(OPTIONS_INTERFACE[type]));
  });
});

describe('invalid profiles files fail with the file, the entry, the key, what is allowed and the fix', () => {
  test('fails when the file does not exist', () => {
    const file = path.join(dir, 'missing.yaml');
    expect(() => Profile.fromFile(file)).toThrow(new RegExp(
      `^${escape(file)}: invalid profiles file "${escape(file)}": allowed: the path of an existing YAML or JSON file .*\\. Fix: check the path`,
    ));
  });

  test('fails when the path is a directory', () => {
    expect(() => Profile.fromFile(dir)).toThrow(/invalid profiles file .*allowed: the path of an existing YAML or JSON file/);
  });

  test.each([
    ['an empty YAML file', '', 'yaml'],
    ['a YAML file of comments', '# nothing yet\n', 'yaml'],
    ['a YAML file of empty documents', '---\n---\n', 'yaml'],
    ['an empty JSON file', '  \n', 'json'],
  ])('fails when the file is empty: %s', (_, content, ext) => {
    const file = write(content, ext);
    expect(failure(file)).toBe(`${file}: invalid profiles file "empty": allowed: at least one profile: a \`profiles:\` list, `
      + 'a single profile mapping, or YAML documents of either. Fix: add a profile, e.g. `profiles: [{ type: in-cluster }]`');
  });

  test('fails when the JSON is malformed', () => {
    const file = write('{ "profiles": [ }', 'json');
    expect(failure(file)).toMatch(new RegExp(`^${escape(file)}: invalid JSON ".+": allowed: one JSON document \\(RFC 8259\\)\\. Fix: fix the syntax`));
  });

  test('fails when a document is not a mapping', () => {
    const file = write('- type: aws\n');
    expect(failure(file)).toBe(`${file}: invalid document [{"type":"aws"}]: allowed: a mapping: \`profiles:\` with a list of profiles, `
      + 'or a single profile (got a list). Fix: write `profiles:` followed by a list of profiles, each with a `type:`');
  });

  test('fails when a key sits next to the `profiles:` list', () => {
    const file = write('defaults: { labels: { team: data } }\nprofiles:\n  - type: in-cluster\n');
    expect(failure(file)).toBe(`${file}: invalid key "defaults": allowed: only \`profiles\` next to a \`profiles:\` list. `
      + 'Fix: put each profile in the `profiles:` list, or remove `profiles:` to make the document a single profile');
  });

  test.each([
    ['empty', 'profiles: []\n', '[]', 'a list'],
    ['null', 'profiles:\n', 'null', 'nothing'],
    ['a mapping', 'profiles: { type: aws }\n', '{"type":"aws"}', 'a mapping'],
  ])('fails when `profiles` is %s', (_, content, rendered, got) => {
    const file = write(content);
    expect(failure(file)).toBe(`${file}: invalid profiles ${rendered}: allowed: a non-empty list of profiles (got ${got}). `
      + 'Fix: list the profiles under `profiles:`, each starting with `- type: …`');
  });

  test('fails when a profile is not a mapping', () => {
    const file = write('profiles:\n  - type: in-cluster\n  - aws\n');
    expect(failure(file)).toBe(`${file}: profiles[1]: invalid profile "aws": allowed: a mapping with \`type\` and optionally `
      + '`name`, `labels`, `binderImage`, `options` (got a string). Fix: write the profile as `type: …` with its options under `options:`');
  });

  test('fails when the type is missing', () => {
    const file = write('profiles:\n  - name: prod\n');
    expect(failure(file)).toBe(`${file}: profiles[0]: invalid type undefined: allowed: one of in-cluster, aws, gcp, crossplane, azure. `
      + 'Fix: add `type:` to the profile');
  });

  test('fails when the type is unknown, listing the types', () => {
    const file = write('profiles:\n  - type: in-cluster\n  - type: oracle\n');
    expect(failure(file)).toBe(`${file}: profiles[1]: invalid type "oracle": allowed: one of in-cluster, aws, gcp, crossplane, azure. `
      + 'Fix: use one of the allowed types (Profile.custom() profiles cannot be written in a file)');
  });

  test('fails when an option is written next to `type`, saying to move it under `options:`', () => {
    const file = write('type: aws\nregion: eu-west-1\n');
    expect(failure(file)).toBe(`${file}: invalid key "region": allowed: one of name, type, labels, binderImage, options. `
      + 'Fix: move `region` under `options:`');
  });

  test('fails when a profile has an unknown key, suggesting the closest', () => {
    const file = write('profiles:\n  - { type: in-cluster, lables: { team: data } }\n');
    expect(failure(file)).toBe(`${file}: profiles[0]: invalid key "lables": allowed: one of name, type, labels, binderImage, options. `
      + 'Fix: did you mean "labels"? (or remove the key)');
  });

  test('fails when a profile has an unknown key nothing is close to', () => {
    const file = write('profiles:\n  - { type: in-cluster, flavour: vanilla }\n');
    expect(failure(file)).toBe(`${file}: profiles[0]: invalid key "flavour": allowed: one of name, type, labels, binderImage, options. `
      + 'Fix: remove the key or correct its spelling');
  });

  test('fails when an option key is unknown to the type, listing the options of that type', () => {
    const file = write('profiles:\n  - type: aws\n    options: { regoin: eu-west-1 }\n');
    expect(failure(file)).toBe(`${file}: profiles[0]: invalid options key "regoin": allowed: the options of type "aws": `
      + 'name, labels, binderImage, binderRepair, binderAdmissionPolicy, upgradeGuard, region, dbSubnetGroupName, vpcSecurityGroupIds, kmsKeyArn, namePrefix, storageType, '
      + 'maxAllocatedStorageFactor, instanceClasses, maintenanceWindow, eksClusterName, cacheSubnetGroupName, cacheSecurityGroupIds, brokerSubnetIds, brokerSecurityGroupIds. Fix: did you mean "region"? (or remove the key)');
  });

  test('fails when an option belongs to another type, naming that type', () => {
    const file = write('type: aws\noptions: { projectId: acme-prod-123 }\n');
    expect(failure(file)).toMatch(new RegExp(`^${escape(file)}: invalid options key "projectId": allowed: the options of type "aws": name, `
      + '.*\\. Fix: `projectId` is an option of type gcp: remove it or change the `type`$'));
  });

  test('fails when an option key is a prototype property', () => {
    const file = write('type: in-cluster\noptions: { constructor: x }\n');
    expect(failure(file)).toMatch(/invalid options key "constructor": allowed: the options of type "in-cluster": name, labels, binderImage, binderRepair, binderAdmissionPolicy, upgradeGuard, storageClassName, storageReclaimPolicy, storageExpansion, imageRegistry, postgresOperator, volumeSnapshotClassName, walArchivePath, walArchiveSecretName, walArchiveEndpoint, objectStoreOperator, bucketStorageClassName, bucketReclaimPolicy, objectStoreImage, objectStoreVolumeSize, queueOperator, clusterDomain\./);
  });

  test.each([
    ['a list', 'options: [storageClassName]', '["storageClassName"]', 'a list'],
    ['null', 'options:', 'null', 'nothing'],
  ])('fails when `options` is %s', (_, line, rendered, got) => {
    const file = write(`type: in-cluster\n${line}\n`);
    expect(failure(file)).toBe(`${file}: invalid options ${rendered}: allowed: a mapping of the options of type "in-cluster" (got ${got}). `
      + 'Fix: write the options as `key: value` lines under `options:`');
  });

  test('fails when a common option is given both next to `type` and under `options`', () => {
    const file = write('type: in-cluster\nlabels: { a: b }\noptions: { labels: { c: d } }\n');
    expect(failure(file)).toBe(`${file}: invalid key "labels": allowed: \`labels\` once: next to \`type\` or under \`options\`. `
      + 'Fix: remove one of the two `labels`');
  });

  test.each([
    ['aws', 'dbSubnetGroupName', { region: 'eu-west-1', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] }, 'a string'],
    ['aws', 'vpcSecurityGroupIds', { region: 'eu-west-1', dbSubnetGroupName: 'prod-data' }, 'a list of strings'],
    ['gcp', 'projectId', { region: 'europe-west1' }, 'a string'],
    ['crossplane', 'compositionSelector', {}, 'a mapping of strings to strings'],
  ])('fails when type %s misses the required option %s', (type, key, options, kind) => {
    const file = write(JSON.stringify({ profiles: [{ type, options }] }), 'json');
    expect(failure(file)).toBe(`${file}: profiles[0]: invalid options.${key} undefined: allowed: ${kind}; type "${type}" requires it. `
      + `Fix: add \`${key}:\` under \`options:\``);
  });

  const QUOTE = 'quote strings that YAML would read as another type (yes, no, on, off, numbers, dates)';
  test.each([
    ['a string is a number', 'region: 42', 'options.region 42', 'a string (got a number)'],
    ['a string is a boolean', 'region: false', 'options.region false', 'a string (got a boolean)'],
    ['a string is a list', 'region: [eu-west-1]', 'options.region ["eu-west-1"]', 'a string (got a list)'],
    ['a list is a string', 'vpcSecurityGroupIds: sg-0123456789abcdef0', 'options.vpcSecurityGroupIds "sg-0123456789abcdef0"', 'a list of strings (got a string)'],
    ['a list item is a number', 'vpcSecurityGroupIds: [sg-0123456789abcdef0, 7]', 'options.vpcSecurityGroupIds[1] 7', 'a string (got a number)'],
    ['a map is a list', 'instanceClasses: [db.t4g.medium]', 'options.instanceClasses ["db.t4g.medium"]', 'a mapping of strings to strings (got a list)'],
    ['a map value is a number', 'instanceClasses: { small: 3 }', 'options.instanceClasses.small 3', 'a string (got a number)'],
    ['a number is a string', 'maxAllocatedStorageFactor: \'2\'', 'options.maxAllocatedStorageFactor "2"', 'a number (got a string)'],
  ])('fails when %s', (_, line, propAndValue, allowed) => {
    const base = 'profiles:\n  - type: aws\n    options:\n      region: eu-west-1\n      dbSubnetGroupName: prod-data\n      vpcSecurityGroupIds: [sg-0123456789abcdef0]\n';
    const file = write(base
      .replace(new RegExp(`      ${line.split(':')[0]}: .*\\n`), '') + `      ${line}\n`);
    expect(failure(file)).toBe(`${file}: profiles[0]: invalid ${propAndValue}: allowed: ${allowed}. Fix: write ${allowed.replace(/ \(got .*/, '')}; ${QUOTE}`);
  });

  test.each([
    ['20GB', '"20GB"', 'a string'],
    ['20', '20', 'a number'],
    ['0Gi', '"0Gi"', 'a string'],
  ])('fails when a size is %s', (value, shown, got) => {
    const file = write(`type: in-cluster\noptions:\n  objectStoreVolumeSize: ${value}\n`);
    expect(failure(file)).toBe(`${file}: invalid options.objectStoreVolumeSize ${shown}: allowed: a size in whole MiB, GiB or TiB, e.g. 20Gi (got ${got}). `
      + `Fix: write a size in whole MiB, GiB or TiB, e.g. 20Gi; ${QUOTE}`);
  });

  test('fails when a value is empty (null), saying to give it a value', () => {
    const file = write('type: gcp\noptions:\n  projectId: acme-prod-123\n  region:\n');
    expect(failure(file)).toBe(`${file}: invalid options.region null: allowed: a string (got nothing). Fix: give it a value or remove the key`);
  });

  test('files are YAML 1.2: yes, no and dates are strings, not booleans or timestamps', () => {
    const file = write('type: in-cluster\nlabels: { critical: yes, legacy: no, since: 2024-01-01 }\n');
    expect(Profile.fromFile(file)[0].labels).toEqual({ critical: 'yes', legacy: 'no', since: '2024-01-01' });
  });

  test('fails when a label value is not a string', () => {
    const file = write('type: in-cluster\nlabels: { critical: true }\n');
    expect(failure(file)).toBe(`${file}: invalid labels.critical true: allowed: a string (got a boolean). Fix: write a string; ${QUOTE}`);
  });

  test('fails when the YAML is malformed, naming the line and column', () => {
    const file = write('profiles:\n  - type: aws\n    options: { region: [eu-west-1\n');
    expect(failure(file)).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:1: invalid YAML ".+": allowed: well-formed YAML 1.2 with unique keys\\. Fix: fix the syntax at the line and column given$`));
  });

  test('fails when a key is given twice', () => {
    const file = write('type: in-cluster\noptions:\n  storageClassName: fast\n  storageClassName: slow\n');
    expect(failure(file)).toMatch(/:4:\d+: invalid YAML "Map keys must be unique/);
  });

  test('fails when a boolean is a string', () => {
    const file = write('type: gcp\noptions: { projectId: acme-prod-123, region: europe-west1, requireConnectors: "false" }\n');
    expect(failure(file)).toMatch(/: invalid options\.requireConnectors "false": allowed: true or false \(got a string\)\./);
  });

  describe('struct options (gcp maintenanceWindow)', () => {
    const gcp = (window: string) => write(`type: gcp\noptions:\n  projectId: acme-prod-123\n  region: europe-west1\n  maintenanceWindow: ${window}\n`);

    test('fails when a required field is missing', () => {
      const file = gcp('{ day: 7 }');
      expect(failure(file)).toBe(`${file}: invalid options.maintenanceWindow.hour undefined: allowed: a number; \`options.maintenanceWindow\` requires it. `
        + 'Fix: add `hour:` under `options.maintenanceWindow:`');
    });

    test('fails when a field is unknown', () => {
      const file = gcp('{ day: 7, hour: 3, minute: 30 }');
      expect(failure(file)).toBe(`${file}: invalid options.maintenanceWindow key "minute": allowed: one of day, hour, updateTrack. `
        + 'Fix: remove the key or correct its spelling');
    });

    test('fails when an enum value is not one of the values (member names are not accepted)', () => {
      const file = gcp('{ day: 7, hour: 3, updateTrack: STABLE }');
      expect(failure(file)).toBe(`${file}: invalid options.maintenanceWindow.updateTrack "STABLE": allowed: one of canary, stable, week5 (got a string). `
        + `Fix: write one of canary, stable, week5; ${QUOTE}`);
    });

    test('fails when the struct is a string', () => {
      const file = gcp('sun-03');
      expect(failure(file)).toMatch(/: invalid options\.maintenanceWindow "sun-03": allowed: a mapping with day, hour, updateTrack \(got a string\)\./);
    });
  });

  test('fails when two profiles have the same name, also by default (the type)', () => {
    const file = write('profiles:\n  - type: in-cluster\n  - { type: in-cluster, name: dev }\n  - { type: in-cluster }\n');
    expect(failure(file)).toBe(`${file}: profiles[2]: invalid name "in-cluster": allowed: a name no other profile of the file has `
      + '(profiles[0] is also named "in-cluster"; a name defaults to the type). Fix: give each profile of the same type its own `name:`');
  });

  test('fails when two documents have profiles of the same name, locating both', () => {
    const file = write('profiles:\n  - { type: in-cluster, name: dev }\n---\ntype: in-cluster\nname: dev\n');
    expect(failure(file)).toMatch(new RegExp(`^${escape(file)}: documents\\[1\\]: invalid name "dev": allowed: a name no other profile of the file has \\(documents\\[0\\]\\.profiles\\[0\\] is also named "dev"`));
  });

  test('fails naming the document and entry in a multi-document file', () => {
    const file = write('type: in-cluster\n---\nprofiles:\n  - type: in-cluster\n    name: b\n  - type: aws\n    options: { region: eu-west-1 }\n');
    expect(failure(file)).toMatch(new RegExp(`^${escape(file)}: documents\\[1\\]\\.profiles\\[1\\]: invalid options\\.dbSubnetGroupName undefined`));
  });

  test('fails when a factory rejects a value, prefixed with the file and the entry', () => {
    const file = write('profiles:\n  - type: in-cluster\n  - { type: in-cluster, name: Dev_Cluster }\n');
    expect(failure(file)).toMatch(new RegExp(`^${escape(file)}: profiles\\[1\\]: profile: invalid name "Dev_Cluster": allowed: 1 to 63 lower-case letters`));
  });

  test('fails when a backend factory throws, prefixed with the file and the entry', () => {
    jest.spyOn(ENVIRONMENT.aws, 'create').mockImplementation(() => {
      throw new Error('aws profile: invalid region "mars-1": allowed: an AWS region. Fix: use e.g. eu-west-1 [PD100]');
    });
    const file = write(Yaml.stringify({ profiles: [{ type: 'in-cluster' }, { type: 'aws', options: AWS }] }));
    expect(failure(file)).toBe(`${file}: profiles[1]: aws profile: invalid region "mars-1": allowed: an AWS region. Fix: use e.g. eu-west-1`);
  });

  test('fails when the real aws factory rejects an option, prefixed with the file and the entry', () => {
    const file = write(Yaml.stringify({ profiles: [{ type: 'aws', options: { ...AWS, vpcSecurityGroupIds: ['not-a-security-group'] } }] }));
    expect(failure(file)).toMatch(new RegExp(`^${escape(file)}: profiles\\[0\\]: .*not-a-security-group`));
  });
});

describe('Profile.registerFile', () => {
  const ENV = Profile.ENV_VAR;
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env[ENV];
  });
  afterEach(() => {
    if (saved === undefined) delete process.env[ENV];
    else process.env[ENV] = saved;
  });

  const FILE = `profiles:
  - name: aws-prod
    type: aws
    options: { region: eu-west-1, dbSubnetGroupName: prod-data, vpcSecurityGroupIds: [sg-0123456789abcdef0] }
  - name: gcp-prod
    type: gcp
    options: { projectId: acme-prod-123, region: europe-west1 }
`;

  test('registers every profile of the file, selectable with PORTABLE_PROFILE', () => {
    const { app, chart } = newChart();
    Profile.registerFile(app, write(FILE));
    expect(Profile.namesOf(app)).toEqual(['aws-prod', 'gcp-prod', 'in-cluster']);
    process.env[ENV] = 'gcp-prod';
    expect(Profile.of(chart).name).toBe('gcp-prod');
  });

  test('fails when a profile of the file is already registered, and registers none of the file', () => {
    const { app } = newChart();
    Profile.register(app, new GcpProfile({ ...GCP, name: 'gcp-prod' }));
    const file = write(FILE);
    expect(() => Profile.registerFile(app, file)).toThrow(
      `${file}: profiles[1]: invalid name "gcp-prod": allowed: a name not registered on the app yet (registered: gcp-prod). `
      + 'Fix: rename the profile in the file, or do not also register a profile of that name in code',
    );
    expect(Profile.namesOf(app)).toEqual(['gcp-prod', 'in-cluster']);
  });

  test('fails when the file is invalid, and registers nothing', () => {
    const { app } = newChart();
    const file = write(`${FILE}  - type: oracle\n`);
    expect(() => Profile.registerFile(app, file)).toThrow(/profiles\[2\]: invalid type "oracle"/);
    expect(Profile.namesOf(app)).toEqual(['in-cluster']);
  });
});
