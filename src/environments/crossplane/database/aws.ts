import { Construct } from 'constructs';
import { DATABASE_PARAMETERS as DB, DatabaseClaimParameters, DatabaseCompositionChecks, ENGINES, ENGINE_PORTS, majorsByEngine } from './api';
import { invalid } from '../../../private/errors';
import {
  checkRdsBackupRetention, checkRdsEngineVersion, checkRdsIdentifier, checkRdsInstanceClass, checkRdsStorage, rdsParameterGroupFamily,
} from '../../aws/catalog/checks';
import { CloudComposition } from '../compositions';
import { combineParameters, fromParameter, orphanOnRetain } from '../parameters';
import { ComposedTemplate, EXTERNAL_NAME, formatTransform, fromComposite, fromFieldPath, mapTransform } from '../patch-and-transform';
import { AWS_REGION, checkObjectName, checkPattern } from '../platform-skeleton';

const SECURITY_GROUP = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SUBNET_GROUP = /^[a-zA-Z][a-zA-Z0-9 ._-]{0,254}$/;
const KMS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)\/.+$/;
const FP = 'spec.forProvider';
/** What the Composition sets that the checks need: gp3 storage. */
const RDS_STORAGE_TYPE = 'gp3';

/**
 * Options of the AWS database Composition (crossplane-contrib provider-upjet-aws, `rds.aws.upbound.io`).
 */
export interface CrossplaneDatabaseAwsOptions {
  /** AWS region of the databases, e.g. `eu-west-1`. */
  readonly region: string;
  /** Name of the RDS DB subnet group the databases are placed in (private subnets). `default` is refused. */
  readonly dbSubnetGroupName: string;
  /** IDs of the VPC security groups attached to the databases (`sg-…`), at least one. */
  readonly vpcSecurityGroupIds: string[];
  /**
   * KMS key (ARN) for storage encryption.
   * @default - the AWS managed key `aws/rds` (storage is always encrypted)
   */
  readonly kmsKeyArn?: string;
  /**
   * Name of the provider-upjet-aws ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

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

/** The AWS database Composition: its options checked, its composed resources, its catalog checks of a claim. */
export const AWS_DATABASE_COMPOSITION: CloudComposition<CrossplaneDatabaseAwsOptions> & DatabaseCompositionChecks = {
  compose: (scope, options) => awsComposedResources(checkAws(scope, options)),
  checkClaim: checkClaimOnRds,
};

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

function checkAws(scope: Construct, aws: CrossplaneDatabaseAwsOptions | undefined): CrossplaneDatabaseAwsOptions {
  if (!aws) {
    return invalid(scope, {
      prop: 'aws',
      value: undefined,
      allowed: 'AWS options (region, dbSubnetGroupName, vpcSecurityGroupIds) when the AWS Composition is included',
      fix: 'pass aws: { region, dbSubnetGroupName, vpcSecurityGroupIds }, or clouds: [CrossplaneCloud.GCP]',
    });
  }
  checkPattern(scope, 'aws.region', aws.region, AWS_REGION, 'an AWS region such as "eu-west-1"', 'set the region of the databases');
  if (aws.dbSubnetGroupName === 'default' || !SUBNET_GROUP.test(aws.dbSubnetGroupName ?? '')) {
    invalid(scope, {
      prop: 'aws.dbSubnetGroupName',
      value: aws.dbSubnetGroupName,
      allowed: 'the name of an RDS DB subnet group of private subnets, not "default" (the default VPC, usually public)',
      fix: 'create a DB subnet group of private subnets and pass its name',
    });
  }
  const groups = aws.vpcSecurityGroupIds ?? [];
  if (groups.length === 0 || groups.some((g) => !SECURITY_GROUP.test(g))) {
    invalid(scope, {
      prop: 'aws.vpcSecurityGroupIds',
      value: groups,
      allowed: 'one or more security group IDs (sg- and 8 or 17 hexadecimal digits)',
      fix: 'pass the security groups that allow MySQL (3306) from the cluster, e.g. ["sg-0123456789abcdef0"]',
    });
  }
  if (aws.kmsKeyArn !== undefined) {
    checkPattern(scope, 'aws.kmsKeyArn', aws.kmsKeyArn, KMS_ARN, 'a KMS key or alias ARN (arn:aws:kms:<region>:<account>:key/<id>)', 'pass the ARN of the key, or omit it for aws/rds');
  }
  if (aws.providerConfigName !== undefined) checkObjectName(scope, 'aws.providerConfigName', aws.providerConfigName);
  return aws;
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
 * | backup | `backupRetentionPeriod` (0 when disabled), `backupWindow` `start-end`; RDS keeps transaction logs the retention (the recovery window) |
 * | restore | `snapshotIdentifier`, or `restoreToPointInTime` `sourceDbInstanceIdentifier` with `restoreTime` or `useLatestRestorableTime` (create-only) |
 * | deletionPolicy | Retain: `deletionProtection`, final snapshot `<identifier>-final`, `spec.deletionPolicy: Orphan`; Delete: no protection, no final snapshot, `Delete` |
 * | identifier | `identifier` (the RDS DB instance identifier) |
 *
 * Connection details: `host` ← `status.atProvider.address`, `port` ← `status.atProvider.port`.
 *
 * A change of major version is not applied: the Instance does not allow major version upgrades, and RDS cannot
 * change the family of a parameter group.
 */
function awsComposedResources(options: CrossplaneDatabaseAwsOptions): ComposedTemplate[] {
  const forProvider: Record<string, unknown> = {
    region: options.region,
    storageType: RDS_STORAGE_TYPE,
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
      fromParameter(DB, 'identifier', `${FP}.identifier`),
      fromParameter(DB, 'engine', `${FP}.engine`, [mapTransform(RDS_ENGINES)]),
      fromParameter(DB, 'engine', `${FP}.port`, [mapTransform(ENGINE_PORTS)]),
      fromParameter(DB, 'majorVersion', `${FP}.engineVersion`),
      fromParameter(DB, 'engineVersion', `${FP}.engineVersion`),
      // Named sizes; `custom` is replaced by the next patch (the schema requires cpu and memoryMiB for it).
      fromParameter(DB, 'instanceSize', `${FP}.instanceClass`, [mapTransform({ ...RDS_NAMED_CLASSES, custom: 'custom' })]),
      combineParameters(DB, ['cpu', 'memoryMiB'], '%v-%v', `${FP}.instanceClass`, [mapTransform(RDS_CUSTOM_CLASSES)]),
      fromParameter(DB, 'storageGB', `${FP}.allocatedStorage`),
      fromParameter(DB, 'databaseName', `${FP}.dbName`),
      fromParameter(DB, 'username', `${FP}.username`),
      fromParameter(DB, 'passwordSecretRef.name', `${FP}.passwordSecretRef.name`),
      fromParameter(DB, 'passwordSecretRef.key', `${FP}.passwordSecretRef.key`),
      fromComposite('spec.claimRef.namespace', `${FP}.passwordSecretRef.namespace`, [], true),
      fromParameter(DB, 'highAvailability', `${FP}.multiAz`),
      fromParameter(DB, 'backup.retentionDays', `${FP}.backupRetentionPeriod`),
      combineParameters(DB, ['backup.startTime', 'backup.endTime'], '%s-%s', `${FP}.backupWindow`),
      // Read by RDS at creation only (ForceNew: upjet refuses a later change).
      fromParameter(DB, 'restore.snapshotIdentifier', `${FP}.snapshotIdentifier`),
      fromParameter(DB, 'restore.sourceIdentifier', `${FP}.restoreToPointInTime.sourceDbInstanceIdentifier`),
      fromParameter(DB, 'restore.pointInTime', `${FP}.restoreToPointInTime.restoreTime`),
      fromParameter(DB, 'restore.latest', `${FP}.restoreToPointInTime.useLatestRestorableTime`),
      fromParameter(DB, 'deletionPolicy', `${FP}.deletionProtection`, [mapTransform({ Retain: true, Delete: false })]),
      fromParameter(DB, 'deletionPolicy', `${FP}.skipFinalSnapshot`, [mapTransform({ Retain: false, Delete: true })]),
      fromParameter(DB, 'identifier', `${FP}.finalSnapshotIdentifier`, [formatTransform('%s-final')]),
      orphanOnRetain(DB),
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
      fromParameter(DB, 'identifier', EXTERNAL_NAME),
      combineParameters(DB, ['engine', 'majorVersion'], '%s-%s', `${FP}.family`, [mapTransform(rdsFamilies())]),
      fromParameter(DB, 'engine', `${FP}.parameter`, [mapTransform(tls)]),
      orphanOnRetain(DB),
    ],
  };
  return [instance, parameterGroup];
}

/**
 * The claim as the AWS Composition maps it, checked against the RDS catalog: the engine version (the pinned one, or
 * the major), the instance class (named sizes' classes; custom sizes must match one of the classes the Composition
 * maps exactly), gp3 storage, backup retention (0 when disabled) and the DB instance identifier.
 */
function checkClaimOnRds(where: string, p: DatabaseClaimParameters): void {
  const engine = RDS_ENGINES[p.engine];
  const version = p.engineVersion ?? p.majorVersion;
  checkRdsEngineVersion(where, engine, version);
  checkRdsInstanceClass(where, engine, version, rdsClassOf(where, p));
  checkRdsStorage(where, engine, RDS_STORAGE_TYPE, p.storageGB);
  checkRdsBackupRetention(where, p.backup.enabled ? p.backup.retentionDays! : 0);
  checkRdsIdentifier(where, p.identifier);
}

/** The RDS class the AWS Composition gives the claim's size; fails for a custom size it has no class for. */
function rdsClassOf(where: string, p: DatabaseClaimParameters): string {
  if (p.instanceSize !== 'custom') return RDS_NAMED_CLASSES[p.instanceSize];
  const cls = RDS_CUSTOM_CLASSES[`${p.cpu}-${p.memoryMiB}`];
  if (cls) return cls;
  const shapes = Object.keys(RDS_CUSTOM_CLASSES).map((k) => k.split('-').map(Number));
  const distance = ([cpu, mib]: number[]) => Math.abs(Math.log2(cpu / p.cpu!)) + Math.abs(Math.log2(mib / p.memoryMiB!));
  const nearest = [...shapes].sort((a, b) => distance(a) - distance(b)).slice(0, 3);
  return invalid(where, {
    prop: 'instanceSize',
    value: `custom(${p.cpu} vCPU, ${p.memoryMiB} MiB)`,
    allowed: 'on AWS RDS through the Crossplane AWS Composition, a custom size with the vCPUs and memory of a class it maps; nearest: '
      + nearest.map(([cpu, mib]) => `${RDS_CUSTOM_CLASSES[`${cpu}-${mib}`]} (${cpu} vCPU, ${mib} MiB)`).join(', '),
    fix: `use InstanceSize.custom({ cpu: ${nearest[0][0]}, memory: Size.mebibytes(${nearest[0][1]}) }) or InstanceSize.SMALL, MEDIUM or LARGE`,
  });
}
