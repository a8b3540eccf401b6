import {
  ComposedTemplate, convertTransform, formatTransform, fromComposite, fromFieldPath, mapTransform,
} from './patch-and-transform';
import { QUEUE_VERSIONS } from './queue-api';
import { BROKER_INSTANCE_TYPES } from '../aws/catalog/amazon-mq';

const P = 'spec.parameters';
const FP = 'spec.forProvider';

/** Options of the AWS queue Composition. */
export interface AwsQueueCompositionOptions {
  readonly region: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly providerConfigName?: string;
}

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
 * `status.atProvider.instances[0].endpoints[0]`, `amqps://<host>:5671` (one endpoint for both deployment modes). As with ACK, Amazon MQ does not return
 * RabbitMQ users, so a changed password is never applied to the broker: rotate through the management API.
 */
export function awsQueueResources(options: AwsQueueCompositionOptions, secretNamespace: string): ComposedTemplate[] {
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
      fromComposite(`${P}.brokerName`, `${FP}.brokerName`, [], true),
      fromComposite(`${P}.version`, `${FP}.engineVersion`),
      fromComposite(`${P}.instanceSize`, `${FP}.hostInstanceType`, [mapTransform(BROKER_INSTANCE_TYPES)]),
      fromComposite(`${P}.highAvailability`, `${FP}.deploymentMode`, [convertTransform('string'), mapTransform({ true: 'CLUSTER_MULTI_AZ', false: 'SINGLE_INSTANCE' })]),
      fromComposite(`${P}.highAvailability`, `${FP}.subnetIds`, [convertTransform('string'), mapTransform({ true: subnets, false: [subnets[0]] })]),
      fromComposite(`${P}.username`, `${FP}.user[0].username`, [], true),
      fromComposite('spec.claimRef.namespace', `${FP}.user[0].passwordSecretRef.namespace`, [], true),
      fromComposite(`${P}.credentialsSecretName`, `${FP}.user[0].passwordSecretRef.name`, [], true),
      fromComposite('metadata.uid', 'spec.writeConnectionSecretToRef.name', [formatTransform('%s-amazonmq')], true),
      fromComposite('spec.writeConnectionSecretToRef.namespace', 'spec.writeConnectionSecretToRef.namespace', [], true),
      fromComposite(`${P}.deletionPolicy`, 'spec.deletionPolicy', [mapTransform({ Retain: 'Orphan', Delete: 'Delete' })]),
    ],
    connectionDetails: [fromFieldPath('endpoint', 'status.atProvider.instances[0].endpoints[0]')],
  }];
}
