import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { GCP_PROJECT_ID_RULE, gcpProjectIdProblem } from './gcp-names';
import {
  OBJECT_STORE_CLAIM_KIND, OBJECT_STORE_CLAIM_PLURAL, OBJECT_STORE_CONNECTION_SECRET_KEYS, OBJECT_STORE_XR_KIND,
  OBJECT_STORE_XR_PLURAL,
} from './object-store-api';
import { awsObjectStoreResources, gcpObjectStoreResources } from './object-store-compositions';
import { objectStoreSchema } from './object-store-definition';
import { CrossplaneCloud } from './platform-options';
import { AWS_REGION, checkObjectName, GCP_REGION, platformSkeleton } from './platform-skeleton';
import { invalid } from '../../private/errors';


/**
 * Options of the AWS object store Composition (provider-upjet-aws `s3.aws.upbound.io`).
 */
export interface CrossplaneObjectStoreAwsOptions {
  /** AWS region of the buckets, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * Name of the provider-upjet-aws ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/**
 * Options of the GCP object store Composition (provider-upjet-gcp `storage.gcp.upbound.io`).
 */
export interface CrossplaneObjectStoreGcpOptions {
  /** Region (bucket location) of the buckets, e.g. `europe-west1`. */
  readonly region: string;
  /**
   * GCP project of the buckets.
   * @default - the project of the ProviderConfig
   */
  readonly project?: string;
  /**
   * Name of the provider-upjet-gcp ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/**
 * Properties of `CrossplaneObjectStorePlatform`.
 */
export interface CrossplaneObjectStorePlatformProps {
  /**
   * The clouds to install a Composition for. Each needs its options (`aws`, `gcp`).
   * @default - AWS and GCP
   */
  readonly clouds?: CrossplaneCloud[];
  /**
   * Options of the AWS Composition; required when AWS is included.
   * @default - none (AWS must not be included)
   */
  readonly aws?: CrossplaneObjectStoreAwsOptions;
  /**
   * Options of the GCP Composition; required when GCP is included.
   * @default - none (GCP must not be included)
   */
  readonly gcp?: CrossplaneObjectStoreGcpOptions;
  /**
   * Name of the installed function-patch-and-transform `Function` the Compositions run.
   * @default 'function-patch-and-transform'
   */
  readonly functionName?: string;
  /**
   * Namespace where Crossplane keeps the composite resources' connection Secrets.
   * @default 'crossplane-system'
   */
  readonly connectionSecretNamespace?: string;
  /**
   * Labels added to the XRD and the Compositions.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * The platform side of the portable Crossplane object store API: the CompositeResourceDefinition
 * (`xobjectstores.portabledata.io`: composite `XObjectStore`, claim `ObjectStore`, `portabledata.io/v1alpha1`) and
 * one Composition per cloud, labelled `provider: aws` / `provider: gcp` like those of `CrossplanePlatform`, so the
 * same `new CrossplaneProfile({ compositionSelector })` selects both. Install it next to `CrossplanePlatform`, once per
 * cluster; needs function-patch-and-transform and provider-upjet-aws (`provider-aws-s3`) and/or provider-upjet-gcp
 * (`provider-gcp-storage`).
 *
 * Workload access is not composed: function-patch-and-transform cannot create one IAM binding per bound
 * ServiceAccount. Claims list the bound ServiceAccounts in `spec.parameters.serviceAccounts` for a Composition
 * (or a step of another function) of the platform team that grants them access.
 *
 * @example
 *
 * new CrossplaneObjectStorePlatform(platformChart, 'ObjectStores', {
 *   aws: { region: 'eu-west-1' },
 *   gcp: { region: 'europe-west1' },
 * });
 */
export class CrossplaneObjectStorePlatform extends Construct {
  /** The CompositeResourceDefinition. */
  public readonly definition: ApiObject;
  /** The Compositions, one per cloud, in the order of `clouds`. */
  public readonly compositions: ApiObject[];
  /** Name of the CompositeResourceDefinition: `xobjectstores.portabledata.io`. */
  public readonly definitionName: string;

  constructor(scope: Construct, id: string, props: CrossplaneObjectStorePlatformProps = {}) {
    super(scope, id);
    const objects = platformSkeleton(this, {
      xrKind: OBJECT_STORE_XR_KIND,
      xrPlural: OBJECT_STORE_XR_PLURAL,
      claimKind: OBJECT_STORE_CLAIM_KIND,
      claimPlural: OBJECT_STORE_CLAIM_PLURAL,
      connectionSecretKeys: OBJECT_STORE_CONNECTION_SECRET_KEYS,
      schema: objectStoreSchema,
    }, props, (cloud) => (cloud === CrossplaneCloud.AWS
      ? awsObjectStoreResources(this.checkAws(props.aws))
      : gcpObjectStoreResources(this.checkGcp(props.gcp))));
    this.definitionName = objects.definitionName;
    this.definition = objects.definition;
    this.compositions = objects.compositions;
  }

  private checkAws(aws: CrossplaneObjectStoreAwsOptions | undefined): CrossplaneObjectStoreAwsOptions {
    if (!aws || typeof aws.region !== 'string' || !AWS_REGION.test(aws.region)) {
      invalid(this, { prop: 'aws.region', value: aws?.region, allowed: 'an AWS region such as "eu-west-1" (AWS options are required when the AWS Composition is included)', fix: 'pass aws: { region }, or clouds: [CrossplaneCloud.GCP]' });
    }
    if (aws.providerConfigName !== undefined) checkObjectName(this, 'aws.providerConfigName', aws.providerConfigName);
    return aws;
  }

  private checkGcp(gcp: CrossplaneObjectStoreGcpOptions | undefined): CrossplaneObjectStoreGcpOptions {
    if (!gcp || typeof gcp.region !== 'string' || !GCP_REGION.test(gcp.region)) {
      invalid(this, { prop: 'gcp.region', value: gcp?.region, allowed: 'a GCP region such as "europe-west1" (GCP options are required when the GCP Composition is included)', fix: 'pass gcp: { region }, or clouds: [CrossplaneCloud.AWS]' });
    }
    const projectProblem = gcp.project === undefined ? undefined : gcpProjectIdProblem(gcp.project);
    if (projectProblem) {
      invalid(this, { prop: 'gcp.project', value: gcp.project, allowed: `${GCP_PROJECT_ID_RULE}; this one ${projectProblem}`, fix: 'pass the project ID, or omit it for the ProviderConfig\'s' });
    }
    if (gcp.providerConfigName !== undefined) checkObjectName(this, 'gcp.providerConfigName', gcp.providerConfigName);
    return gcp;
  }
}
