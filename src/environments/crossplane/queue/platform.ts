import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { QUEUE_API } from './api';
import { CrossplaneQueueAwsOptions } from './aws';
import { QUEUE_COMPOSITIONS } from './compositions';
import { CrossplaneCloud } from '../clouds';
import { platformSkeleton } from '../platform-skeleton';

/**
 * Properties of `CrossplaneQueuePlatform`.
 */
export interface CrossplaneQueuePlatformProps {
  /**
   * The clouds to install a Composition for. Only AWS has one: asking for GCP fails, naming why (GCP has no managed
   * AMQP 0-9-1 service).
   * @default - every cloud with a Composition (AWS)
   */
  readonly clouds?: CrossplaneCloud[];
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
 * Composition, labelled `provider: aws` like those of `CrossplaneDatabasePlatform`, so the same
 * `new CrossplaneProfile({ compositionSelector: { provider: 'aws' } })` selects it. Install it next to
 * `CrossplaneDatabasePlatform`, once per cluster; needs function-patch-and-transform and provider-upjet-aws
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
  /** The Compositions, one per cloud, in the order of `clouds` (the AWS one: GCP has none). */
  public readonly compositions: ApiObject[];
  /** The AWS Composition. */
  public readonly composition: ApiObject;
  /** Name of the CompositeResourceDefinition: `xqueues.portabledata.io`. */
  public readonly definitionName: string;

  constructor(scope: Construct, id: string, props: CrossplaneQueuePlatformProps) {
    super(scope, id);
    const objects = platformSkeleton(this, QUEUE_API, QUEUE_COMPOSITIONS, props);
    this.definitionName = objects.definitionName;
    this.definition = objects.definition;
    this.compositions = objects.compositions;
    this.composition = objects.compositions[0];
  }
}
