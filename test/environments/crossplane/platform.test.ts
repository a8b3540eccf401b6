import * as fs from 'fs';
import * as path from 'path';
import { AWS, GCP, platformObjects } from './fixture';
import { compositionProblems, crdSchema, schemaTypeAt } from './render';
import { CrossplaneCloud } from '../../../src/environments/crossplane/clouds';
import { CrossplaneDatabasePlatform } from '../../../src/environments/crossplane/database/platform';
import { expectValid, validateEmbedded, validateManifest } from '../../util/schema';
import { byKind, newChart, oneOf } from '../../util/synth';

function composition(objs: any[], cloud: string): any {
  const found = byKind(objs, 'Composition').filter((c) => c.metadata.labels?.provider === cloud);
  expect(found).toHaveLength(1);
  return found[0];
}

function templates(c: any): any[] {
  return c.spec.pipeline[0].input.resources;
}

describe('CompositeResourceDefinition', () => {
  test('defines the portable API: XDatabase claimed as Database, connection keys host and port', () => {
    const { objs } = platformObjects();
    expectValid(objs);
    const xrd = oneOf(objs, 'CompositeResourceDefinition', 'apiextensions.crossplane.io/v1');
    expect(xrd.metadata).toEqual({ name: 'xdatabases.portabledata.io' });
    expect(xrd.spec).toMatchObject({
      group: 'portabledata.io',
      names: { kind: 'XDatabase', plural: 'xdatabases' },
      claimNames: { kind: 'Database', plural: 'databases' },
      connectionSecretKeys: ['host', 'port'],
    });
    // v1-style XRD: no scope, so that Crossplane v1.x accepts it and v2 defaults it to LegacyCluster.
    expect(xrd.spec.scope).toBeUndefined();
    expect(xrd.spec.versions).toHaveLength(1);
    expect(xrd.spec.versions[0]).toMatchObject({ name: 'v1alpha1', served: true, referenceable: true });
  });

  test('the parameters schema is strict', () => {
    const xrd = oneOf(platformObjects().objs, 'CompositeResourceDefinition');
    const params = xrd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.parameters;
    expect(params.required).toEqual(expect.arrayContaining([
      'engine', 'majorVersion', 'storageGB', 'instanceSize', 'databaseName', 'username', 'highAvailability', 'backup',
      'deletionPolicy', 'passwordSecretRef', 'identifier',
    ]));
    expect(params.properties.engine.enum).toEqual(['mysql', 'postgresql']);
    expect(params.properties.majorVersion.enum).toEqual(['8.0', '8.4', '15', '16', '17']);
    expect(params.properties.storageGB).toMatchObject({ type: 'integer', minimum: 20, maximum: 65536 });
    expect(params.properties.instanceSize.enum).toEqual(['small', 'medium', 'large', 'custom']);
    expect(params.properties.deletionPolicy.enum).toEqual(['Retain', 'Delete']);
    expect(params.properties.backup.properties.retentionDays).toMatchObject({ minimum: 1, maximum: 35 });
    expect(params.properties.identifier).toMatchObject({ maxLength: 63 });
    expect(params['x-kubernetes-validations'].map((v: any) => v.rule)).toEqual([
      "self.instanceSize != 'custom' || (has(self.cpu) && has(self.memoryMiB))",
      '!self.highAvailability || self.backup.enabled',
      "(self.engine == 'mysql' && self.majorVersion in ['8.0', '8.4']) || (self.engine == 'postgresql' && self.majorVersion in ['15', '16', '17'])",
      "!has(self.engineVersion) || self.engineVersion == self.majorVersion || self.engineVersion.startsWith(self.majorVersion + '.')",
    ]);
  });

  test('cluster-scoped objects carry no namespace, even in a namespaced chart', () => {
    const { objs } = platformObjects({ aws: AWS, gcp: GCP }, 'platform');
    expect(objs).toHaveLength(3);
    for (const o of objs) expect(o.metadata.namespace).toBeUndefined();
    expectValid(objs);
  });
});

describe('Compositions', () => {
  test('one Pipeline Composition per cloud, selected by the provider label', () => {
    const { objs } = platformObjects({ aws: AWS, gcp: GCP, labels: { team: 'platform' } });
    expectValid(objs);
    expect(byKind(objs, 'Composition')).toHaveLength(2);
    for (const cloud of ['aws', 'gcp']) {
      const c = composition(objs, cloud);
      expect(c.metadata).toEqual({ name: `xdatabases.${cloud}.portabledata.io`, labels: { team: 'platform', provider: cloud } });
      expect(c.spec.compositeTypeRef).toEqual({ apiVersion: 'portabledata.io/v1alpha1', kind: 'XDatabase' });
      expect(c.spec.mode).toBe('Pipeline');
      expect(c.spec.writeConnectionSecretsToNamespace).toBe('crossplane-system');
      expect(c.spec.pipeline).toHaveLength(1);
      expect(c.spec.pipeline[0]).toMatchObject({
        step: 'patch-and-transform',
        functionRef: { name: 'function-patch-and-transform' },
        input: { apiVersion: 'pt.fn.crossplane.io/v1beta1', kind: 'Resources' },
      });
    }
  });

  test('the construct exposes its objects under fixed construct IDs', () => {
    const { chart } = newChart();
    const platform = new CrossplaneDatabasePlatform(chart, 'Databases', { aws: AWS, gcp: GCP });
    expect(platform.definitionName).toBe('xdatabases.portabledata.io');
    expect(platform.definition.node.id).toBe('Definition');
    expect(platform.compositions.map((c) => c.node.id)).toEqual(['AwsComposition', 'GcpComposition']);
  });

  test('only the requested clouds', () => {
    const { objs } = platformObjects({ clouds: [CrossplaneCloud.GCP], gcp: GCP });
    expect(byKind(objs, 'Composition').map((c) => c.metadata.labels.provider)).toEqual(['gcp']);
  });

  test('function name and connection secret namespace are configurable', () => {
    const { objs } = platformObjects({ aws: AWS, clouds: [CrossplaneCloud.AWS], functionName: 'fn-pt', connectionSecretNamespace: 'xp' });
    const c = composition(objs, 'aws');
    expect(c.spec.pipeline[0].functionRef.name).toBe('fn-pt');
    expect(c.spec.writeConnectionSecretsToNamespace).toBe('xp');
  });

  test('every composed base is a valid managed resource of its provider CRD, the input a valid Resources', () => {
    const { objs } = platformObjects({
      aws: { ...AWS, kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abcd', providerConfigName: 'aws-prod' },
      gcp: { ...GCP, project: 'my-project', privateNetwork: 'projects/my-project/global/networks/data', providerConfigName: 'gcp-prod' },
    });
    const bases = byKind(objs, 'Composition').flatMap(templates).map((t) => ({ name: t.name, base: t.base }));
    expect(bases.map((b) => `${b.base.apiVersion}/${b.base.kind}`)).toEqual([
      'rds.aws.upbound.io/v1beta3/Instance',
      'rds.aws.upbound.io/v1beta1/ParameterGroup',
      'sql.gcp.upbound.io/v1beta2/DatabaseInstance',
      'sql.gcp.upbound.io/v1beta1/Database',
      'sql.gcp.upbound.io/v1beta2/User',
    ]);
    for (const { name, base } of bases) {
      const full = { ...base, metadata: { name: `example-${name}`, ...(base.metadata ?? {}) } };
      expect({ name, errors: validateManifest(full) }).toEqual({ name, errors: [] });
    }
    for (const c of byKind(objs, 'Composition')) {
      expect({ cloud: c.metadata.labels.provider, errors: validateEmbedded(c.spec.pipeline[0].input) })
        .toEqual({ cloud: c.metadata.labels.provider, errors: [] });
    }
  });

  test.each([
    ['defaults', { aws: AWS, gcp: GCP }],
    ['every option', {
      aws: { ...AWS, kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abcd', providerConfigName: 'aws-prod' },
      gcp: { ...GCP, project: 'my-project', privateNetwork: 'projects/my-project/global/networks/data', providerConfigName: 'gcp-prod' },
    }],
  ])('%s: nothing the providers or the function would reject (input, bases, every patch target)', (_, props) => {
    for (const c of byKind(platformObjects(props).objs, 'Composition')) {
      expect({ cloud: c.metadata.labels.provider, problems: compositionProblems(c, validateManifest, validateEmbedded) })
        .toEqual({ cloud: c.metadata.labels.provider, problems: [] });
    }
  });

  test('the checks catch an unknown input field, an invalid base and a patch to a field the CRD does not have', () => {
    const c = composition(platformObjects().objs, 'aws');
    const input = c.spec.pipeline[0].input;
    input.resources[0].readinessCheck = [];
    const instance = input.resources.find((t: any) => t.name === 'rds-instance');
    instance.base.spec.forProvider.multiAZ = true;
    instance.patches.push({ type: 'FromCompositeFieldPath', fromFieldPath: 'spec.parameters.engine', toFieldPath: 'spec.forProvider.engine.name' });
    expect(compositionProblems(c, validateManifest, validateEmbedded)).toEqual([
      'input of step patch-and-transform: resources[0].readinessCheck: unknown field "readinessCheck"',
      'rds-instance: base: spec.forProvider.multiAZ: unknown field "multiAZ"',
      'rds-instance: toFieldPath spec.forProvider.engine.name is not a field of rds.aws.upbound.io/v1beta3 Instance',
    ]);
  });

  test('connection details read real status fields of the composed resources, or a label the template writes', () => {
    for (const privateNetwork of [undefined, 'projects/my-project/global/networks/data']) {
      const { objs } = platformObjects({ aws: AWS, gcp: { ...GCP, privateNetwork } });
      for (const c of byKind(objs, 'Composition')) {
        const [instance] = templates(c);
        const schema = crdSchema(instance.base.apiVersion, instance.base.kind);
        expect(schema).toBeDefined();
        const details = instance.connectionDetails;
        expect(details.map((d: any) => d.name)).toEqual(['host', 'port']);
        for (const d of details.filter((x: any) => x.type === 'FromFieldPath')) {
          if (d.fromFieldPath.startsWith('metadata.labels[')) {
            // Cloud SQL has no port field: a patch labels the instance with the engine's port.
            const patch = instance.patches.find((p: any) => p.toFieldPath === d.fromFieldPath);
            expect({ path: d.fromFieldPath, patched: patch?.transforms?.[0]?.map })
              .toEqual({ path: d.fromFieldPath, patched: { mysql: '3306', postgresql: '5432' } });
            continue;
          }
          expect({ path: d.fromFieldPath, type: schemaTypeAt(schema, d.fromFieldPath) })
            .toEqual({ path: d.fromFieldPath, type: d.name === 'port' ? 'number' : 'string' });
        }
      }
    }
  });

  test('GCP host is the private IP with a private network, the public IP otherwise', () => {
    const host = (privateNetwork?: string) => {
      const c = composition(platformObjects({ clouds: [CrossplaneCloud.GCP], gcp: { ...GCP, privateNetwork } }).objs, 'gcp');
      const instance = templates(c)[0];
      return { host: instance.connectionDetails[0].fromFieldPath, ip: instance.base.spec.forProvider.settings.ipConfiguration };
    };
    expect(host()).toEqual({ host: 'status.atProvider.publicIpAddress', ip: { ipv4Enabled: true, sslMode: 'ENCRYPTED_ONLY' } });
    expect(host('projects/my-project/global/networks/data')).toEqual({
      host: 'status.atProvider.privateIpAddress',
      ip: { ipv4Enabled: false, privateNetwork: 'projects/my-project/global/networks/data', sslMode: 'ENCRYPTED_ONLY' },
    });
  });

  test('the output is deterministic', () => {
    expect(platformObjects().objs).toEqual(platformObjects().objs);
  });
});

describe('fails when', () => {
  const cases: Array<[string, any, RegExp]> = [
    ['AWS is included without AWS options', { gcp: GCP }, /Databases: invalid aws undefined: allowed: AWS options.*Fix: pass aws: \{ region, dbSubnetGroupName, vpcSecurityGroupIds \}, or clouds: \[CrossplaneCloud.GCP\]/],
    ['GCP is included without GCP options', { aws: AWS }, /Databases: invalid gcp undefined: allowed: GCP options/],
    ['no cloud is included', { clouds: [], aws: AWS }, /invalid clouds \[\]: allowed: one or more distinct clouds of aws, gcp/],
    ['a cloud is repeated', { clouds: [CrossplaneCloud.AWS, CrossplaneCloud.AWS], aws: AWS }, /invalid clouds \["aws","aws"\]/],
    ['a cloud is unknown', { clouds: ['azure'], aws: AWS }, /invalid clouds \["azure"\]/],
    ['the AWS region is not a region', { clouds: [CrossplaneCloud.AWS], aws: { ...AWS, region: 'Ireland' } }, /invalid aws.region "Ireland": allowed: an AWS region/],
    ['the subnet group is the default one', { clouds: [CrossplaneCloud.AWS], aws: { ...AWS, dbSubnetGroupName: 'default' } }, /invalid aws.dbSubnetGroupName "default": allowed: .*not "default"/],
    ['there is no security group', { clouds: [CrossplaneCloud.AWS], aws: { ...AWS, vpcSecurityGroupIds: [] } }, /invalid aws.vpcSecurityGroupIds \[\]: allowed: one or more security group IDs/],
    ['a security group ID is malformed', { clouds: [CrossplaneCloud.AWS], aws: { ...AWS, vpcSecurityGroupIds: ['web'] } }, /invalid aws.vpcSecurityGroupIds \["web"\]/],
    ['the KMS key is not an ARN', { clouds: [CrossplaneCloud.AWS], aws: { ...AWS, kmsKeyArn: 'my-key' } }, /invalid aws.kmsKeyArn "my-key"/],
    ['the AWS ProviderConfig name is invalid', { clouds: [CrossplaneCloud.AWS], aws: { ...AWS, providerConfigName: 'Prod' } }, /invalid aws.providerConfigName "Prod"/],
    ['the GCP region is not a region', { clouds: [CrossplaneCloud.GCP], gcp: { region: 'europe' } }, /invalid gcp.region "europe": allowed: a GCP region/],
    ['the GCP project is invalid', { clouds: [CrossplaneCloud.GCP], gcp: { ...GCP, project: 'My Project' } }, /invalid gcp.project "My Project"/],
    ['the private network is not a network path', { clouds: [CrossplaneCloud.GCP], gcp: { ...GCP, privateNetwork: 'default' } }, /invalid gcp.privateNetwork "default": allowed: projects\/<project>\/global\/networks\/<network>/],
    ['the function name is invalid', { clouds: [CrossplaneCloud.GCP], gcp: GCP, functionName: 'P&T' }, /invalid functionName "P&T"/],
    ['the connection secret namespace is invalid', { clouds: [CrossplaneCloud.GCP], gcp: GCP, connectionSecretNamespace: 'Crossplane' }, /invalid connectionSecretNamespace "Crossplane"/],
  ];

  test.each(cases)('%s', (_, props, message) => {
    expect(() => platformObjects(props)).toThrow(message);
  });

  const PROJECT_RULE = 'a GCP project ID: 6 to 30 characters, lowercase letters, digits and hyphens, starting with a lowercase letter and not '
    + 'ending with a hyphen (the ID, e.g. "acme-prod-123", not the project name or number)';
  const NETWORK_RULE = 'a VPC network name: 1 to 63 lowercase letters, digits and hyphens, starting with a lowercase letter and not ending with a hyphen';
  const network = (value: string, why: string) => `test/Databases: invalid gcp.privateNetwork "${value}": allowed: `
    + `projects/<project>/global/networks/<network>, with <project> ${PROJECT_RULE} and <network> ${NETWORK_RULE}; ${why}. `
    + 'Fix: pass the network path of the VPC with private services access, with the project\'s ID';
  const project = (value: string, why: string) => `test/Databases: invalid gcp.project "${value}": allowed: ${PROJECT_RULE}; this one ${why}. `
    + 'Fix: pass the project ID, or omit it for the ProviderConfig\'s';

  test.each([
    ['the network\'s project ID is too short', 'projects/acme/global/networks/data', 'its project "acme" has 4 characters'],
    ['the network\'s project ID is a project number', 'projects/123456789012/global/networks/data', 'its project "123456789012" does not start with a lowercase letter'],
    ['the network\'s project ID has upper-case letters', 'projects/Acme-Prod/global/networks/data', 'its project "Acme-Prod" does not start with a lowercase letter'],
    ['the network name ends with a hyphen', 'projects/acme-prod-123/global/networks/data-', 'its network "data-" is not a VPC network name'],
    ['the network is not a path', 'data', 'it is not of the form projects/<project>/global/networks/<network>'],
  ])('fails when %s: the message says why', (_, value, why) => {
    expect(() => platformObjects({ clouds: [CrossplaneCloud.GCP], gcp: { ...GCP, privateNetwork: value } })).toThrow(network(value, why));
  });

  test.each([
    ['the project ID is too long', 'acme-production-analytics-eu-west', 'has 33 characters'],
    ['the project ID has an underscore', 'acme_prod', 'has characters other than lowercase letters, digits and hyphens'],
    ['the project ID ends with a hyphen', 'acme-prod-', 'ends with a hyphen'],
  ])('fails when %s: the message says why', (_, value, why) => {
    expect(() => platformObjects({ clouds: [CrossplaneCloud.GCP], gcp: { ...GCP, project: value } })).toThrow(project(value, why));
  });
});

describe('docs/backends.md', () => {
  test('the CrossplaneDatabasePlatform snippet synthesizes valid objects', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'backends.md'), 'utf8');
    const snippet = /new CrossplaneDatabasePlatform\(platformChart, 'Databases', (\{[\s\S]*?\n\})\);/.exec(readme);
    expect(snippet).not.toBeNull();
    // The snippet's props are a plain object literal.
    const props = new Function(`return (${snippet![1]});`)();
    expect(props.gcp.privateNetwork).toBe('projects/acme-prod-123/global/networks/data');
    const { objs } = platformObjects(props);
    expect(byKind(objs, 'Composition')).toHaveLength(2);
    expectValid(objs);
  });
});
