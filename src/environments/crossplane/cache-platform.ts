import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CACHE_CLAIM_KIND, CACHE_CLAIM_PLURAL, CACHE_CONNECTION_SECRET_KEYS, CACHE_XR_KIND, CACHE_XR_PLURAL,
} from './cache-api';
import { awsCacheResources, gcpCacheResources } from './cache-compositions';
import { cacheSchema } from './cache-definition';
import { GCP_PROJECT_ID_RULE, gcpProjectIdProblem } from './gcp-names';
import { CrossplaneCloud } from './platform-options';
import { AWS_REGION, checkObjectName, GCP_REGION, platformSkeleton } from './platform-skeleton';
import { invalid } from '../../private/errors';
import { SECURITY_GROUP_ID } from '../aws/catalog/ids';

const SUBNET_GROUP = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,254}$/;
const NETWORK = /^projects\/[a-z][-a-z0-9]{4,28}[a-z0-9]\/global\/networks\/[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Options of the AWS cache Composition (provider-upjet-aws `elasticache.aws.upbound.io`).
 */
export interface CrossplaneCacheAwsOptions {
  /** AWS region of the caches, e.g. `eu-west-1`. */
  readonly region: string;
  /** Name of the ElastiCache cache subnet group (private subnets) the caches are placed in. `default` is refused. */
  readonly cacheSubnetGroupName: string;
  /** IDs of the VPC security groups attached to the caches (`sg-…`), at least one; they must admit the workloads on 6379. */
  readonly securityGroupIds: string[];
  /**
   * Name of the provider-upjet-aws ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/**
 * Options of the GCP cache Composition (provider-upjet-gcp `redis.gcp.upbound.io`).
 */
export interface CrossplaneCacheGcpOptions {
  /** Region of the instances, e.g. `europe-west1`. */
  readonly region: string;
  /**
   * GCP project of the instances.
   * @default - the project of the ProviderConfig
   */
  readonly project?: string;
  /**
   * VPC network the instances are reached from, with private services access configured
   * (`projects/<project>/global/networks/<network>`).
   * @default - the project's `default` network
   */
  readonly authorizedNetwork?: string;
  /**
   * Name of the provider-upjet-gcp ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/**
 * Properties of `CrossplaneCachePlatform`.
 */
export interface CrossplaneCachePlatformProps {
  /**
   * The clouds to install a Composition for. Each needs its options (`aws`, `gcp`).
   * @default - AWS and GCP
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
 * cloud, labelled `provider: aws` / `provider: gcp` like those of `CrossplanePlatform`, so the same
 * `new CrossplaneProfile({ compositionSelector })` selects them. Install it next to `CrossplanePlatform`, once per
 * cluster; needs function-patch-and-transform and provider-upjet-aws (`provider-aws-elasticache`) and/or
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
    props = props ?? {};
    const objects = platformSkeleton(this, {
      xrKind: CACHE_XR_KIND,
      xrPlural: CACHE_XR_PLURAL,
      claimKind: CACHE_CLAIM_KIND,
      claimPlural: CACHE_CLAIM_PLURAL,
      connectionSecretKeys: CACHE_CONNECTION_SECRET_KEYS,
      schema: cacheSchema,
    }, props, (cloud, secretNamespace) => (cloud === CrossplaneCloud.AWS
      ? awsCacheResources(this.checkAws(props.aws), secretNamespace)
      : gcpCacheResources(this.checkGcp(props.gcp), secretNamespace)));
    this.definitionName = objects.definitionName;
    this.definition = objects.definition;
    this.compositions = objects.compositions;
  }

  private checkAws(aws: CrossplaneCacheAwsOptions | undefined): CrossplaneCacheAwsOptions {
    if (!aws || typeof aws.region !== 'string' || !AWS_REGION.test(aws.region)) {
      invalid(this, { prop: 'aws.region', value: aws?.region, allowed: 'an AWS region such as "eu-west-1" (AWS options are required when the AWS Composition is included)', fix: 'pass aws: { region, cacheSubnetGroupName, securityGroupIds }, or clouds: [CrossplaneCloud.GCP]' });
    }
    const group = aws.cacheSubnetGroupName;
    if (typeof group !== 'string' || !SUBNET_GROUP.test(group) || group.toLowerCase() === 'default') {
      invalid(this, { prop: 'aws.cacheSubnetGroupName', value: group, allowed: 'the name of an ElastiCache cache subnet group of private subnets (not "default")', fix: 'create a cache subnet group and pass its name, e.g. \'cache-private\'' });
    }
    const groups = aws.securityGroupIds;
    if (!Array.isArray(groups) || groups.length === 0 || !groups.every((g) => typeof g === 'string' && SECURITY_GROUP_ID.test(g))) {
      invalid(this, { prop: 'aws.securityGroupIds', value: groups, allowed: 'one or more VPC security group IDs (sg-…)', fix: 'pass e.g. [\'sg-0123456789abcdef0\']' });
    }
    if (aws.providerConfigName !== undefined) checkObjectName(this, 'aws.providerConfigName', aws.providerConfigName);
    return aws;
  }

  private checkGcp(gcp: CrossplaneCacheGcpOptions | undefined): CrossplaneCacheGcpOptions {
    if (!gcp || typeof gcp.region !== 'string' || !GCP_REGION.test(gcp.region)) {
      invalid(this, { prop: 'gcp.region', value: gcp?.region, allowed: 'a GCP region such as "europe-west1" (GCP options are required when the GCP Composition is included)', fix: 'pass gcp: { region }, or clouds: [CrossplaneCloud.AWS]' });
    }
    const projectProblem = gcp.project === undefined ? undefined : gcpProjectIdProblem(gcp.project);
    if (projectProblem) {
      invalid(this, { prop: 'gcp.project', value: gcp.project, allowed: `${GCP_PROJECT_ID_RULE}; this one ${projectProblem}`, fix: 'pass the project ID, or omit it for the ProviderConfig\'s' });
    }
    if (gcp.authorizedNetwork !== undefined && (typeof gcp.authorizedNetwork !== 'string' || !NETWORK.test(gcp.authorizedNetwork))) {
      invalid(this, { prop: 'gcp.authorizedNetwork', value: gcp.authorizedNetwork, allowed: 'a VPC network as projects/<project>/global/networks/<network>', fix: 'pass the full network name, or omit it for the default network' });
    }
    if (gcp.providerConfigName !== undefined) checkObjectName(this, 'gcp.providerConfigName', gcp.providerConfigName);
    return gcp;
  }
}
