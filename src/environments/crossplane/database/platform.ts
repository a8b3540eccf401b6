import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { DATABASE_API } from './api';
import { CrossplaneDatabaseAwsOptions } from './aws';
import { DATABASE_COMPOSITIONS } from './compositions';
import { CrossplaneDatabaseGcpOptions } from './gcp';
import { CrossplaneCloud } from '../clouds';
import { platformSkeleton } from '../platform-skeleton';

/**
 * Properties of `CrossplaneDatabasePlatform`.
 */
export interface CrossplaneDatabasePlatformProps {
  /**
   * The clouds to install a Composition for. Each needs its options (`aws`, `gcp`).
   * @default - every cloud with a Composition (AWS and GCP)
   */
  readonly clouds?: CrossplaneCloud[];
  /**
   * Options of the AWS Composition; required when AWS is included.
   * @default - none (AWS must not be included)
   */
  readonly aws?: CrossplaneDatabaseAwsOptions;
  /**
   * Options of the GCP Composition; required when GCP is included.
   * @default - none (GCP must not be included)
   */
  readonly gcp?: CrossplaneDatabaseGcpOptions;
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
 * The platform side of the portable Crossplane database API: the CompositeResourceDefinition
 * (`xdatabases.portabledata.io`: composite `XDatabase`, claim `Database`, `portabledata.io/v1alpha1`) and one
 * Composition per cloud, labelled `provider: aws` / `provider: gcp`, that claims written by a `CrossplaneProfile`
 * for `PortableMySQL` and `PortablePostgres` select with `new CrossplaneProfile({ compositionSelector: { provider: … } })`.
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
 * new CrossplaneDatabasePlatform(platformChart, 'Databases', {
 *   aws: { region: 'eu-west-1', dbSubnetGroupName: 'data', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] },
 *   gcp: { region: 'europe-west1', privateNetwork: 'projects/my-project/global/networks/data' },
 * });
 */
export class CrossplaneDatabasePlatform extends Construct {
  /** The CompositeResourceDefinition (`apiextensions.crossplane.io/v1`). */
  public readonly definition: ApiObject;
  /** The Compositions (`apiextensions.crossplane.io/v1`), one per cloud, in the order of `clouds`. */
  public readonly compositions: ApiObject[];
  /** Name of the CompositeResourceDefinition: `xdatabases.portabledata.io`. */
  public readonly definitionName: string;

  constructor(scope: Construct, id: string, props: CrossplaneDatabasePlatformProps = {}) {
    super(scope, id);
    const objects = platformSkeleton(this, DATABASE_API, DATABASE_COMPOSITIONS, props);
    this.definitionName = objects.definitionName;
    this.definition = objects.definition;
    this.compositions = objects.compositions;
  }
}
