import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  API_GROUP, API_VERSION, CLAIM_KIND, CLAIM_PLURAL, CONNECTION_SECRET_KEYS, GROUP_VERSION, PROVIDER_LABEL, XR_KIND,
  XR_PLURAL,
} from './api';
import { awsComposedResources } from './composition-aws';
import { gcpComposedResources } from './composition-gcp';
import { databaseSchema } from './definition';
import { GCP_NETWORK_NAME_RULE, GCP_PROJECT_ID_RULE, gcpNetworkProblem, gcpProjectIdProblem } from './gcp-names';
import { ComposedTemplate, resourcesInput } from './patch-and-transform';
import {
  CrossplaneAwsOptions, CrossplaneCloud, CrossplaneGcpOptions, CrossplanePlatformProps,
} from './platform-options';
import { AWS_REGION, checkObjectName, clusterScoped, GCP_REGION } from './platform-skeleton';
import {
  CompositeResourceDefinition, Composition, CompositionSpecMode,
} from '../../imports/apiextensions.crossplane.io';
import { invalid } from '../../private/errors';

const SECURITY_GROUP = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SUBNET_GROUP = /^[a-zA-Z][a-zA-Z0-9 ._-]{0,254}$/;
const KMS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)\/.+$/;

/**
 * The platform side of the portable Crossplane database API: the CompositeResourceDefinition
 * (`xdatabases.portabledata.io`: composite `XDatabase`, claim `Database`, `portabledata.io/v1alpha1`) and one
 * Composition per cloud, labelled `provider: aws` / `provider: gcp`, that claims written by
 * `CrossplaneDatabaseBackend` select with `new CrossplaneProfile({ compositionSelector: { provider: … } })`.
 *
 * The XRD is a v1-style (claimable, cluster-scoped) `apiextensions.crossplane.io/v1` definition, which
 * Crossplane v1.14+ and v2.x serve (v2 as a "legacy" `LegacyCluster` XRD, the default scope of v1 XRDs). The
 * Compositions use `mode: Pipeline` with function-patch-and-transform, which must be installed as a `Function`
 * (named `function-patch-and-transform` by default), next to provider-upjet-aws (`provider-aws-rds`) and/or
 * provider-upjet-gcp (`provider-gcp-sql`) and their ProviderConfigs.
 *
 * Synthesize it into the platform team's chart, once per cluster. The objects are cluster-scoped: they carry no
 * namespace, whatever the chart's.
 *
 * @example
 *
 * new CrossplanePlatform(platformChart, 'Databases', {
 *   aws: { region: 'eu-west-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] },
 *   gcp: { region: 'europe-west1', privateNetwork: 'projects/my-project/global/networks/data' },
 * });
 */
export class CrossplanePlatform extends Construct {
  /** The CompositeResourceDefinition (`apiextensions.crossplane.io/v1`). */
  public readonly definition: ApiObject;
  /** The Compositions (`apiextensions.crossplane.io/v1`), one per cloud, in the order of `clouds`. */
  public readonly compositions: ApiObject[];
  /** Name of the CompositeResourceDefinition: `xdatabases.portabledata.io`. */
  public readonly definitionName: string;

  constructor(scope: Construct, id: string, props: CrossplanePlatformProps = {}) {
    super(scope, id);
    const clouds = this.checkClouds(props.clouds ?? [CrossplaneCloud.AWS, CrossplaneCloud.GCP]);
    const labels = { ...(props.labels ?? {}) };
    const functionName = checkObjectName(this, 'functionName', props.functionName ?? 'function-patch-and-transform');
    const secretNamespace = checkObjectName(this, 'connectionSecretNamespace', props.connectionSecretNamespace ?? 'crossplane-system');
    this.definitionName = `${XR_PLURAL}.${API_GROUP}`;

    this.definition = new CompositeResourceDefinition(this, 'Definition', {
      metadata: { name: this.definitionName, labels },
      spec: {
        group: API_GROUP,
        names: { kind: XR_KIND, plural: XR_PLURAL },
        claimNames: { kind: CLAIM_KIND, plural: CLAIM_PLURAL },
        connectionSecretKeys: [...CONNECTION_SECRET_KEYS],
        versions: [{
          name: API_VERSION,
          served: true,
          referenceable: true,
          schema: { openApiv3Schema: databaseSchema() },
        }],
      },
    });
    clusterScoped(this.definition);

    this.compositions = clouds.map((cloud) => {
      const resources = cloud === CrossplaneCloud.AWS
        ? awsComposedResources(this.checkAws(props.aws))
        : gcpComposedResources(this.checkGcp(props.gcp));
      return this.composition(cloud, resources, { labels, functionName, secretNamespace });
    });
  }

  private composition(
    cloud: CrossplaneCloud,
    resources: ComposedTemplate[],
    common: { labels: { [key: string]: string }; functionName: string; secretNamespace: string },
  ): Composition {
    const composition = new Composition(this, cloud === CrossplaneCloud.AWS ? 'AwsComposition' : 'GcpComposition', {
      metadata: {
        name: `${XR_PLURAL}.${cloud}.${API_GROUP}`,
        labels: { ...common.labels, [PROVIDER_LABEL]: cloud },
      },
      spec: {
        compositeTypeRef: { apiVersion: GROUP_VERSION, kind: XR_KIND },
        mode: CompositionSpecMode.PIPELINE,
        pipeline: [{
          step: 'patch-and-transform',
          functionRef: { name: common.functionName },
          input: resourcesInput(resources),
        }],
        writeConnectionSecretsToNamespace: common.secretNamespace,
      },
    });
    clusterScoped(composition);
    return composition;
  }

  private checkClouds(clouds: CrossplaneCloud[]): CrossplaneCloud[] {
    const known = Object.values(CrossplaneCloud) as string[];
    const bad = clouds.find((c) => !known.includes(c));
    if (clouds.length === 0 || bad !== undefined || new Set(clouds).size !== clouds.length) {
      invalid(this, {
        prop: 'clouds',
        value: clouds,
        allowed: `one or more distinct clouds of ${known.join(', ')}`,
        fix: 'pass e.g. [CrossplaneCloud.AWS], or omit clouds for both',
      });
    }
    return clouds;
  }

  private checkAws(aws: CrossplaneAwsOptions | undefined): CrossplaneAwsOptions {
    if (!aws) {
      return invalid(this, {
        prop: 'aws',
        value: undefined,
        allowed: 'AWS options (region, dbSubnetGroupName, vpcSecurityGroupIds) when the AWS Composition is included',
        fix: 'pass aws: { region, dbSubnetGroupName, vpcSecurityGroupIds }, or clouds: [CrossplaneCloud.GCP]',
      });
    }
    this.check('aws.region', aws.region, AWS_REGION, 'an AWS region such as "eu-west-1"', 'set the region of the databases');
    if (aws.dbSubnetGroupName === 'default' || !SUBNET_GROUP.test(aws.dbSubnetGroupName ?? '')) {
      invalid(this, {
        prop: 'aws.dbSubnetGroupName',
        value: aws.dbSubnetGroupName,
        allowed: 'the name of an RDS DB subnet group of private subnets, not "default" (the default VPC, usually public)',
        fix: 'create a DB subnet group of private subnets and pass its name',
      });
    }
    const groups = aws.vpcSecurityGroupIds ?? [];
    if (groups.length === 0 || groups.some((g) => !SECURITY_GROUP.test(g))) {
      invalid(this, {
        prop: 'aws.vpcSecurityGroupIds',
        value: groups,
        allowed: 'one or more security group IDs (sg- and 8 or 17 hexadecimal digits)',
        fix: 'pass the security groups that allow MySQL (3306) from the cluster, e.g. ["sg-0123456789abcdef0"]',
      });
    }
    if (aws.kmsKeyArn !== undefined) {
      this.check('aws.kmsKeyArn', aws.kmsKeyArn, KMS_ARN, 'a KMS key or alias ARN (arn:aws:kms:<region>:<account>:key/<id>)', 'pass the ARN of the key, or omit it for aws/rds');
    }
    if (aws.providerConfigName !== undefined) checkObjectName(this, 'aws.providerConfigName', aws.providerConfigName);
    return aws;
  }

  private checkGcp(gcp: CrossplaneGcpOptions | undefined): CrossplaneGcpOptions {
    if (!gcp) {
      return invalid(this, {
        prop: 'gcp',
        value: undefined,
        allowed: 'GCP options (region) when the GCP Composition is included',
        fix: 'pass gcp: { region }, or clouds: [CrossplaneCloud.AWS]',
      });
    }
    this.check('gcp.region', gcp.region, GCP_REGION, 'a GCP region such as "europe-west1"', 'set the region of the instances');
    const projectProblem = gcp.project === undefined ? undefined : gcpProjectIdProblem(gcp.project);
    if (projectProblem) {
      invalid(this, {
        prop: 'gcp.project',
        value: gcp.project,
        allowed: `${GCP_PROJECT_ID_RULE}; this one ${projectProblem}`,
        fix: 'pass the project ID, or omit it for the ProviderConfig\'s',
      });
    }
    const networkProblem = gcp.privateNetwork === undefined ? undefined : gcpNetworkProblem(gcp.privateNetwork);
    if (networkProblem) {
      invalid(this, {
        prop: 'gcp.privateNetwork',
        value: gcp.privateNetwork,
        allowed: `projects/<project>/global/networks/<network>, with <project> ${GCP_PROJECT_ID_RULE} and <network> ${GCP_NETWORK_NAME_RULE}; ${networkProblem}`,
        fix: 'pass the network path of the VPC with private services access, with the project\'s ID',
      });
    }
    if (gcp.providerConfigName !== undefined) checkObjectName(this, 'gcp.providerConfigName', gcp.providerConfigName);
    return gcp;
  }

  private check(prop: string, value: string | undefined, pattern: RegExp, allowed: string, fix: string): void {
    if (typeof value !== 'string' || !pattern.test(value)) invalid(this, { prop, value, allowed, fix });
  }
}
