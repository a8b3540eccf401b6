import { ENGINES, ENGINE_PORTS, majorsByEngine } from './api';
import {
  ComposedTemplate, EXTERNAL_NAME, combine, fromComposite, fromFieldPath, mapTransform, formatTransform,
} from './patch-and-transform';
import { CrossplaneAwsOptions } from './platform-options';
import { rdsParameterGroupFamily } from '../aws/catalog/checks';

/** RDS `engine` of each engine of the API (RDS calls PostgreSQL `postgres`). */
export const RDS_ENGINES: { [engine: string]: string } = { mysql: 'mysql', postgresql: 'postgres' };

/** RDS classes of the named sizes (as in `InstanceSize`). */
export const RDS_NAMED_CLASSES: { [size: string]: string } = {
  small: 'db.t4g.small',
  medium: 'db.m6g.large',
  large: 'db.m6g.xlarge',
};

/**
 * RDS classes with exactly the vCPUs and memory of a custom size, keyed `<vCPU>-<MiB>` (Graviton general purpose
 * `m6g`, 4 GiB per vCPU, and memory optimized `r6g`, 8 GiB per vCPU). Another custom size fails the composition
 * with "key … not found in map": RDS has no class for it.
 */
export const RDS_CUSTOM_CLASSES: { [shape: string]: string } = {
  '2-8192': 'db.m6g.large',
  '4-16384': 'db.m6g.xlarge',
  '8-32768': 'db.m6g.2xlarge',
  '16-65536': 'db.m6g.4xlarge',
  '32-131072': 'db.m6g.8xlarge',
  '48-196608': 'db.m6g.12xlarge',
  '64-262144': 'db.m6g.16xlarge',
  '2-16384': 'db.r6g.large',
  '4-32768': 'db.r6g.xlarge',
  '8-65536': 'db.r6g.2xlarge',
  '16-131072': 'db.r6g.4xlarge',
  '32-262144': 'db.r6g.8xlarge',
  '48-393216': 'db.r6g.12xlarge',
  '64-524288': 'db.r6g.16xlarge',
};

/**
 * The RDS parameter that makes each engine refuse connections without TLS (both dynamic, applied immediately):
 * MySQL `require_secure_transport`, PostgreSQL `rds.force_ssl` (RDS boolean parameters take `1` / `0`).
 */
export const RDS_TLS_PARAMETERS: { [engine: string]: { name: string; value: string } } = {
  mysql: { name: 'require_secure_transport', value: '1' },
  postgresql: { name: 'rds.force_ssl', value: '1' },
};

const P = 'spec.parameters';
const FP = 'spec.forProvider';

/** The DB parameter group family of each `<engine>-<major>` of the API (`mysql8.4`, `postgres17`), from the RDS catalog. */
export function rdsFamilies(): { [engineMajor: string]: string } {
  const families: { [engineMajor: string]: string } = {};
  for (const [engine, majors] of Object.entries(majorsByEngine())) {
    for (const major of majors) {
      const family = rdsParameterGroupFamily(RDS_ENGINES[engine], major);
      if (family === undefined) throw new Error(`the RDS catalog has no DB parameter group family for ${engine} ${major}`);
      families[`${engine}-${major}`] = family;
    }
  }
  return families;
}

/**
 * The composed resources of the AWS Composition (provider-upjet-aws, cluster-scoped): an RDS `Instance`
 * (`rds.aws.upbound.io/v1beta3`) and its DB `ParameterGroup` (`rds.aws.upbound.io/v1beta1`), which enforces TLS
 * (MySQL `require_secure_transport`, PostgreSQL `rds.force_ssl`: `1`). The group is named after the instance
 * (`identifier` as its external name), of the family of the engine and major (`mysql8.4`, `postgres17`), and the
 * Instance selects it with `parameterGroupNameSelector.matchControllerRef`. The claim's parameters map to:
 *
 * | parameter | Instance field |
 * |---|---|
 * | engine | `engine` `mysql` / `postgres`, `port` 3306 / 5432 |
 * | majorVersion / engineVersion | `engineVersion` (the major as a prefix, `8.4` or `17`, RDS picks the minor; or the pinned version) |
 * | instanceSize (+ cpu, memoryMiB) | `instanceClass` (named sizes as `InstanceSize` documents; custom: the exact m6g/r6g class) |
 * | storageGB | `allocatedStorage` (gp3, encrypted) |
 * | databaseName, username, passwordSecretRef | `dbName`, `username`, `passwordSecretRef` (namespace: the claim's) |
 * | highAvailability | `multiAz` |
 * | backup | `backupRetentionPeriod` (0 when disabled), `backupWindow` `start-end` |
 * | deletionPolicy | Retain: `deletionProtection`, final snapshot `<identifier>-final`, `spec.deletionPolicy: Orphan`; Delete: no protection, no final snapshot, `Delete` |
 * | identifier | `identifier` (the RDS DB instance identifier) |
 *
 * Connection details: `host` ← `status.atProvider.address`, `port` ← `status.atProvider.port`.
 *
 * A change of major version is not applied: the Instance does not allow major version upgrades, and RDS cannot
 * change the family of a parameter group.
 */
export function awsComposedResources(options: CrossplaneAwsOptions): ComposedTemplate[] {
  const forProvider: Record<string, unknown> = {
    region: options.region,
    storageType: 'gp3',
    storageEncrypted: true,
    ...(options.kmsKeyArn ? { kmsKeyId: options.kmsKeyArn } : {}),
    publiclyAccessible: false,
    dbSubnetGroupName: options.dbSubnetGroupName,
    vpcSecurityGroupIds: [...options.vpcSecurityGroupIds],
    autoMinorVersionUpgrade: true,
    copyTagsToSnapshot: true,
    autoGeneratePassword: false,
    backupRetentionPeriod: 0,
    parameterGroupNameSelector: { matchControllerRef: true },
  };
  const providerConfigRef = { name: options.providerConfigName ?? 'default' };
  const instance: ComposedTemplate = {
    name: 'rds-instance',
    base: {
      apiVersion: 'rds.aws.upbound.io/v1beta3',
      kind: 'Instance',
      spec: {
        forProvider,
        providerConfigRef,
      },
    },
    patches: [
      fromComposite(`${P}.identifier`, `${FP}.identifier`),
      fromComposite(`${P}.engine`, `${FP}.engine`, [mapTransform(RDS_ENGINES)]),
      fromComposite(`${P}.engine`, `${FP}.port`, [mapTransform(ENGINE_PORTS)]),
      fromComposite(`${P}.majorVersion`, `${FP}.engineVersion`),
      fromComposite(`${P}.engineVersion`, `${FP}.engineVersion`),
      // Named sizes; `custom` is replaced by the next patch (the schema requires cpu and memoryMiB for it).
      fromComposite(`${P}.instanceSize`, `${FP}.instanceClass`, [mapTransform({ ...RDS_NAMED_CLASSES, custom: 'custom' })]),
      combine([`${P}.cpu`, `${P}.memoryMiB`], '%v-%v', `${FP}.instanceClass`, [mapTransform(RDS_CUSTOM_CLASSES)]),
      fromComposite(`${P}.storageGB`, `${FP}.allocatedStorage`),
      fromComposite(`${P}.databaseName`, `${FP}.dbName`),
      fromComposite(`${P}.username`, `${FP}.username`),
      fromComposite(`${P}.passwordSecretRef.name`, `${FP}.passwordSecretRef.name`),
      fromComposite(`${P}.passwordSecretRef.key`, `${FP}.passwordSecretRef.key`),
      fromComposite('spec.claimRef.namespace', `${FP}.passwordSecretRef.namespace`, [], true),
      fromComposite(`${P}.highAvailability`, `${FP}.multiAz`),
      fromComposite(`${P}.backup.retentionDays`, `${FP}.backupRetentionPeriod`),
      combine([`${P}.backup.startTime`, `${P}.backup.endTime`], '%s-%s', `${FP}.backupWindow`),
      fromComposite(`${P}.deletionPolicy`, `${FP}.deletionProtection`, [mapTransform({ Retain: true, Delete: false })]),
      fromComposite(`${P}.deletionPolicy`, `${FP}.skipFinalSnapshot`, [mapTransform({ Retain: false, Delete: true })]),
      fromComposite(`${P}.identifier`, `${FP}.finalSnapshotIdentifier`, [formatTransform('%s-final')]),
      fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [mapTransform({ Retain: 'Orphan', Delete: 'Delete' })]),
    ],
    connectionDetails: [
      fromFieldPath('host', 'status.atProvider.address'),
      fromFieldPath('port', 'status.atProvider.port'),
    ],
  };
  const tls = Object.fromEntries(ENGINES.map((engine) => [engine, [{ ...RDS_TLS_PARAMETERS[engine], applyMethod: 'immediate' }]]));
  const parameterGroup: ComposedTemplate = {
    name: 'rds-parameter-group',
    base: {
      apiVersion: 'rds.aws.upbound.io/v1beta1',
      kind: 'ParameterGroup',
      spec: {
        forProvider: { region: options.region, description: 'TLS-only connections (cdk8s-portable-data)' },
        providerConfigRef,
      },
    },
    patches: [
      fromComposite(`${P}.identifier`, EXTERNAL_NAME),
      combine([`${P}.engine`, `${P}.majorVersion`], '%s-%s', `${FP}.family`, [mapTransform(rdsFamilies())]),
      fromComposite(`${P}.engine`, `${FP}.parameter`, [mapTransform(tls)]),
      fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [mapTransform({ Retain: 'Orphan', Delete: 'Delete' })]),
    ],
  };
  return [instance, parameterGroup];
}
