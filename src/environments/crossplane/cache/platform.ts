import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CACHE_API } from './api';
import { CrossplaneCacheAwsOptions } from './aws';
import { CACHE_COMPOSITIONS } from './compositions';
import { CrossplaneCacheGcpOptions } from './gcp';
import { CrossplaneCloud } from '../clouds';
import { platformSkeleton } from '../platform-skeleton';

/**
 * Properties of `CrossplaneCachePlatform`.
 */
export interface CrossplaneCachePlatformProps {
  /**
   * The clouds to install a Composition for. Each needs its options (`aws`, `gcp`).
   * @default - every cloud with a Composition (AWS and GCP)
   */
  readonly clouds?: CrossplaneCloud[];
  /**
   * Options of the AWS Composition; required when AWS is included.
   * @default - none (AWS must not be included)
   */
  readonly aws?: CrossplaneCacheAwsOptions;
  /**
   * Options of the GCP Composition; required when GCP is included.
   * @default - none (GCP must not be included)
   */
  readonly gcp?: CrossplaneCacheGcpOptions;
  /**
   * Name of the installed function-patch-and-transform `Function` the Compositions run.
   * @default 'function-patch-and-transform'
   */
  readonly functionName?: string;
  /**
   * Namespace where Crossplane keeps the connection Secrets of the composite and managed resources (and the AWS
   * auth tokens).
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
 * The platform side of the portable Crossplane cache API: the CompositeResourceDefinition
 * (`xcaches.portabledata.io`: composite `XCache`, claim `Cache`, `portabledata.io/v1alpha1`) and one Composition per
 * cloud, labelled `provider: aws` / `provider: gcp` like those of `CrossplaneDatabasePlatform`, so the same
 * `new CrossplaneProfile({ compositionSelector })` selects them. Install it next to `CrossplaneDatabasePlatform`, once
 * per cluster; needs function-patch-and-transform and provider-upjet-aws (`provider-aws-elasticache`) and/or
 * provider-upjet-gcp (`provider-gcp-redis`).
 *
 * AWS: an ElastiCache for Valkey replication group with TLS, encryption at rest and a generated auth token, in the
 * given cache subnet group and security groups. GCP: a Memorystore for Redis instance with AUTH and TLS
 * (server authentication), on private services access. Both publish `host`, `port`, `password` and `ca.crt`.
 *
 * @example
 *
 * new CrossplaneCachePlatform(platformChart, 'Caches', {
 *   aws: { region: 'eu-west-1', cacheSubnetGroupName: 'cache-private', securityGroupIds: ['sg-0123456789abcdef0'] },
 *   gcp: { region: 'europe-west1' },
 * });
 */
export class CrossplaneCachePlatform extends Construct {
  /** The CompositeResourceDefinition. */
  public readonly definition: ApiObject;
  /** The Compositions, one per cloud, in the order of `clouds`. */
  public readonly compositions: ApiObject[];
  /** Name of the CompositeResourceDefinition: `xcaches.portabledata.io`. */
  public readonly definitionName: string;

  constructor(scope: Construct, id: string, props: CrossplaneCachePlatformProps = {}) {
    super(scope, id);
    const objects = platformSkeleton(this, CACHE_API, CACHE_COMPOSITIONS, props);
    this.definitionName = objects.definitionName;
    this.definition = objects.definition;
    this.compositions = objects.compositions;
  }
}
