import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CrossplaneCloud } from './platform-options';
import { AWS_REGION, checkObjectName, platformSkeleton } from './platform-skeleton';
import {
  QUEUE_CLAIM_KIND, QUEUE_CLAIM_PLURAL, QUEUE_CONNECTION_SECRET_KEYS, QUEUE_XR_KIND, QUEUE_XR_PLURAL,
} from './queue-api';
import { awsQueueResources } from './queue-compositions';
import { queueSchema } from './queue-definition';
import { invalid } from '../../private/errors';
import { SECURITY_GROUP_ID, SUBNET_ID } from '../aws/catalog/ids';


/**
 * Options of the AWS queue Composition (provider-upjet-aws `mq.aws.upbound.io`).
 */
export interface CrossplaneQueueAwsOptions {
  /** AWS region of the brokers, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * IDs of the private subnets (`subnet-…`) the brokers are placed in: two or more in different availability zones
   * (a highly available broker spans them; a single-instance broker takes the first).
   */
  readonly subnetIds: string[];
  /** IDs of the VPC security groups attached to the brokers (`sg-…`), at least one; they must admit the workloads on 5671. */
  readonly securityGroupIds: string[];
  /**
   * Name of the provider-upjet-aws ProviderConfig the managed resources use.
   * @default 'default'
   */
  readonly providerConfigName?: string;
}

/**
 * Properties of `CrossplaneQueuePlatform`.
 */
export interface CrossplaneQueuePlatformProps {
  /** Options of the AWS Composition (Amazon MQ for RabbitMQ). */
  readonly aws: CrossplaneQueueAwsOptions;
  /**
   * Name of the installed function-patch-and-transform `Function` the Composition runs.
   * @default 'function-patch-and-transform'
   */
  readonly functionName?: string;
  /**
   * Namespace where Crossplane keeps the connection Secrets of the composite and managed resources.
   * @default 'crossplane-system'
   */
  readonly connectionSecretNamespace?: string;
  /**
   * Labels added to the XRD and the Composition.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * The platform side of the portable Crossplane queue API: the CompositeResourceDefinition
 * (`xqueues.portabledata.io`: composite `XQueue`, claim `Queue`, `portabledata.io/v1alpha1`) and the AWS
 * Composition, labelled `provider: aws` like those of `CrossplanePlatform`, so the same
 * `new CrossplaneProfile({ compositionSelector: { provider: 'aws' } })` selects it. Install it next to
 * `CrossplanePlatform`, once per cluster; needs function-patch-and-transform and provider-upjet-aws
 * (`provider-aws-mq`).
 *
 * AWS: an Amazon MQ for RabbitMQ broker, private, encrypted, `amqps` on 5671, with one user whose password the
 * binder generates in the application's namespace (the provider reads it from the claim's namespace). It publishes
 * `endpoint`.
 *
 * There is no GCP Composition: GCP has no managed AMQP 0-9-1 service, and a claim must not silently get another
 * protocol. A `CrossplaneProfile` whose selector picks `provider: gcp` refuses queues unless it runs them in the
 * cluster (`queuesInCluster`).
 *
 * @example
 *
 * new CrossplaneQueuePlatform(platformChart, 'Queues', {
 *   aws: {
 *     region: 'eu-west-1',
 *     subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
 *     securityGroupIds: ['sg-0123456789abcdef0'],
 *   },
 * });
 */
export class CrossplaneQueuePlatform extends Construct {
  /** The CompositeResourceDefinition. */
  public readonly definition: ApiObject;
  /** The Composition (AWS). */
  public readonly composition: ApiObject;
  /** Name of the CompositeResourceDefinition: `xqueues.portabledata.io`. */
  public readonly definitionName: string;

  constructor(scope: Construct, id: string, props: CrossplaneQueuePlatformProps) {
    super(scope, id);
    const given: Partial<CrossplaneQueuePlatformProps> = props ?? {};
    const aws = this.checkAws(given.aws);
    const objects = platformSkeleton(this, {
      xrKind: QUEUE_XR_KIND,
      xrPlural: QUEUE_XR_PLURAL,
      claimKind: QUEUE_CLAIM_KIND,
      claimPlural: QUEUE_CLAIM_PLURAL,
      connectionSecretKeys: QUEUE_CONNECTION_SECRET_KEYS,
      schema: queueSchema,
    }, { ...given, clouds: [CrossplaneCloud.AWS] }, (_cloud, secretNamespace) => awsQueueResources(aws, secretNamespace));
    this.definitionName = objects.definitionName;
    this.definition = objects.definition;
    this.composition = objects.compositions[0];
  }

  private checkAws(aws: CrossplaneQueueAwsOptions | undefined): CrossplaneQueueAwsOptions {
    if (!aws || typeof aws.region !== 'string' || !AWS_REGION.test(aws.region)) {
      invalid(this, { prop: 'aws.region', value: aws?.region, allowed: 'an AWS region such as "eu-west-1"', fix: 'pass aws: { region, subnetIds, securityGroupIds }' });
    }
    const subnets = aws.subnetIds;
    if (!Array.isArray(subnets) || subnets.length < 2 || new Set(subnets).size !== subnets.length || !subnets.every((s) => typeof s === 'string' && SUBNET_ID.test(s))) {
      invalid(this, {
        prop: 'aws.subnetIds',
        value: subnets,
        allowed: 'two or more distinct private subnet IDs (subnet-…) in different availability zones (a highly available broker spans them)',
        fix: 'pass e.g. [\'subnet-0123456789abcdef0\', \'subnet-0fedcba9876543210\']',
      });
    }
    const groups = aws.securityGroupIds;
    if (!Array.isArray(groups) || groups.length === 0 || !groups.every((g) => typeof g === 'string' && SECURITY_GROUP_ID.test(g))) {
      invalid(this, { prop: 'aws.securityGroupIds', value: groups, allowed: 'one or more VPC security group IDs (sg-…)', fix: 'pass e.g. [\'sg-0123456789abcdef0\']' });
    }
    if (aws.providerConfigName !== undefined) checkObjectName(this, 'aws.providerConfigName', aws.providerConfigName);
    return aws;
  }
}
