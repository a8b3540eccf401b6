import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { OBJECT_STORE_API } from './api';
import { CrossplaneObjectStoreAwsOptions } from './aws';
import { OBJECT_STORE_COMPOSITIONS } from './compositions';
import { CrossplaneObjectStoreGcpOptions } from './gcp';
import { CrossplaneCloud } from '../clouds';
import { platformSkeleton } from '../platform-skeleton';

/**
 * Properties of `CrossplaneObjectStorePlatform`.
 */
export interface CrossplaneObjectStorePlatformProps {
  /**
   * The clouds to install a Composition for. Each needs its options (`aws`, `gcp`).
   * @default - every cloud with a Composition (AWS and GCP)
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
 * one Composition per cloud, labelled `provider: aws` / `provider: gcp` like those of `CrossplaneDatabasePlatform`,
 * so the same `new CrossplaneProfile({ compositionSelector })` selects both. Install it next to
 * `CrossplaneDatabasePlatform`, once per cluster; needs function-patch-and-transform and provider-upjet-aws
 * (`provider-aws-s3`) and/or provider-upjet-gcp (`provider-gcp-storage`).
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
    const objects = platformSkeleton(this, OBJECT_STORE_API, OBJECT_STORE_COMPOSITIONS, props);
    this.definitionName = objects.definitionName;
    this.definition = objects.definition;
    this.compositions = objects.compositions;
  }
}
