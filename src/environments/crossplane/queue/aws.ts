import { QUEUE_PARAMETERS as QUEUE, QUEUE_VERSIONS } from './api';
import { invalid } from '../../../private/errors';
import { BROKER_INSTANCE_TYPES } from '../../aws/catalog/amazon-mq';
import { SECURITY_GROUP_ID, SUBNET_ID } from '../../aws/catalog/ids';
import { CloudComposition } from '../compositions';
import { fromParameter, orphanOnRetain } from '../parameters';
import {
  ComposedTemplate, booleanTransforms, connectionSecretPatches, fromComposite, fromFieldPath, mapTransform,
} from '../patch-and-transform';
import { AWS_REGION, checkObjectName } from '../platform-skeleton';

const FP = 'spec.forProvider';

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

/** The AWS queue Composition: its options checked, its composed resources. */
export const AWS_QUEUE_COMPOSITION: CloudComposition<CrossplaneQueueAwsOptions> = {
  compose: (scope, options, secretNamespace) => {
    if (!options || typeof options.region !== 'string' || !AWS_REGION.test(options.region)) {
      invalid(scope, { prop: 'aws.region', value: options?.region, allowed: 'an AWS region such as "eu-west-1"', fix: 'pass aws: { region, subnetIds, securityGroupIds }' });
    }
    const subnets = options.subnetIds;
    if (!Array.isArray(subnets) || subnets.length < 2 || new Set(subnets).size !== subnets.length || !subnets.every((s) => typeof s === 'string' && SUBNET_ID.test(s))) {
      invalid(scope, {
        prop: 'aws.subnetIds',
        value: subnets,
        allowed: 'two or more distinct private subnet IDs (subnet-…) in different availability zones (a highly available broker spans them)',
        fix: 'pass e.g. [\'subnet-0123456789abcdef0\', \'subnet-0fedcba9876543210\']',
      });
    }
    const groups = options.securityGroupIds;
    if (!Array.isArray(groups) || groups.length === 0 || !groups.every((g) => typeof g === 'string' && SECURITY_GROUP_ID.test(g))) {
      invalid(scope, { prop: 'aws.securityGroupIds', value: groups, allowed: 'one or more VPC security group IDs (sg-…)', fix: 'pass e.g. [\'sg-0123456789abcdef0\']' });
    }
    if (options.providerConfigName !== undefined) checkObjectName(scope, 'aws.providerConfigName', options.providerConfigName);
    return awsQueueResources(options, secretNamespace);
  },
};

/**
 * The AWS Composition (provider-upjet-aws, cluster-scoped): an Amazon MQ for RabbitMQ `Broker`
 * (`mq.aws.upbound.io/v1beta2`) named by the claim's `brokerName`.
 *
 * | parameter | field |
 * |---|---|
 * | version | `engineType: RabbitMQ`, `engineVersion` the minor, `autoMinorVersionUpgrade` |
 * | instanceSize | `hostInstanceType` as the ACK backend (`mq.m7g.*`) |
 * | highAvailability | `deploymentMode` `CLUSTER_MULTI_AZ` in every subnet; else `SINGLE_INSTANCE` in the first |
 * | username, credentialsSecretName | the broker's one user; its password from the Secret in the claim's namespace |
 * | deletionPolicy | `spec.deletionPolicy` `Orphan` / `Delete` |
 *
 * Private (`publiclyAccessible: false`), encrypted at rest with an AWS owned key (the only kind Amazon MQ for
 * RabbitMQ takes) and in transit (`amqps` on 5671). Connection detail: `endpoint` ←
 * `status.atProvider.instances[0].endpoints[0]`, `amqps://<host>:5671` (one endpoint for both deployment modes). As
 * with ACK, Amazon MQ does not return RabbitMQ users, so a changed password is never applied to the broker: rotate
 * through the management API.
 */
function awsQueueResources(options: CrossplaneQueueAwsOptions, secretNamespace: string): ComposedTemplate[] {
  const subnets = [...options.subnetIds];
  return [{
    name: 'amazonmq-broker',
    // The base's broker name and user are placeholders: required patches replace them (the resource is not composed
    // without them).
    base: {
      apiVersion: 'mq.aws.upbound.io/v1beta2',
      kind: 'Broker',
      spec: {
        forProvider: {
          region: options.region,
          brokerName: 'placeholder',
          engineType: 'RabbitMQ',
          engineVersion: QUEUE_VERSIONS[0],
          autoMinorVersionUpgrade: true,
          hostInstanceType: BROKER_INSTANCE_TYPES.small,
          deploymentMode: 'SINGLE_INSTANCE',
          publiclyAccessible: false,
          subnetIds: [subnets[0]],
          securityGroups: [...options.securityGroupIds],
          encryptionOptions: { useAwsOwnedKey: true },
          authenticationStrategy: 'simple',
          storageType: 'ebs',
          user: [{ username: 'placeholder', passwordSecretRef: { namespace: 'placeholder', name: 'placeholder', key: 'password' } }],
        },
        writeConnectionSecretToRef: { namespace: secretNamespace, name: 'amazonmq' },
        providerConfigRef: { name: options.providerConfigName ?? 'default' },
      },
    },
    patches: [
      fromParameter(QUEUE, 'brokerName', `${FP}.brokerName`, [], true),
      fromParameter(QUEUE, 'version', `${FP}.engineVersion`),
      fromParameter(QUEUE, 'instanceSize', `${FP}.hostInstanceType`, [mapTransform(BROKER_INSTANCE_TYPES)]),
      fromParameter(QUEUE, 'highAvailability', `${FP}.deploymentMode`, booleanTransforms('CLUSTER_MULTI_AZ', 'SINGLE_INSTANCE')),
      fromParameter(QUEUE, 'highAvailability', `${FP}.subnetIds`, booleanTransforms(subnets, [subnets[0]])),
      fromParameter(QUEUE, 'username', `${FP}.user[0].username`, [], true),
      fromComposite('spec.claimRef.namespace', `${FP}.user[0].passwordSecretRef.namespace`, [], true),
      fromParameter(QUEUE, 'credentialsSecretName', `${FP}.user[0].passwordSecretRef.name`, [], true),
      ...connectionSecretPatches('amazonmq'),
      orphanOnRetain(QUEUE),
    ],
    connectionDetails: [fromFieldPath('endpoint', 'status.atProvider.instances[0].endpoints[0]')],
  }];
}
