import { Construct } from 'constructs';
import { AMAZON_MQ_AMQPS_PORT, amazonMqUsernameOk, BROKER_INSTANCE_TYPES, brokerName } from './catalog/amazon-mq';
import { SECURITY_GROUP_ID, SUBNET_ID } from './catalog/ids';
import { AwsOptions, AwsQueueOptions } from './options';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy, HighAvailability } from '../../core/policies';
import { Support } from '../../core/support';
import { Broker } from '../../imports/mq.services.k8s.aws';
import { invalid } from '../../private/errors';
import { IQueueBackend, QueueAnswers, QueueBinding } from '../../services/queue/backend';
import { QueueSpec } from '../../services/queue/resolved-spec';
import { compareMinor } from '../../services/queue/version';

const ACK_REGION_ANNOTATION = 'services.k8s.aws/region';
const ACK_DELETION_POLICY_ANNOTATION = 'services.k8s.aws/deletion-policy';

/**
 * Amazon MQ for RabbitMQ through ACK: one `Broker` per queue service.
 *
 * | portable | Amazon MQ |
 * |---|---|
 * | version | `engineType: RABBITMQ`, `engineVersion` the minor (4.2), `autoMinorVersionUpgrade` |
 * | instanceSize | `hostInstanceType` from `BROKER_INSTANCE_TYPES` |
 * | highAvailability AUTO/REQUIRED | `CLUSTER_MULTI_AZ` (three nodes in three zones behind one endpoint); NONE: `SINGLE_INSTANCE` |
 * | deletionPolicy | ACK `services.k8s.aws/deletion-policy` `retain` / `delete` (no adoption annotation: see below) |
 *
 * Private (`publiclyAccessible: false`) in the profile's subnets and security groups; encrypted at rest with an AWS
 * owned key (the only kind Amazon MQ for RabbitMQ takes) and in transit (`amqps` on 5671, publicly trusted
 * certificates). The broker is created with exactly one user, the service's, with the password the binder generates
 * into `<name>-credentials`; ACK reads it from there. That user is the broker's administrator: Amazon MQ for RabbitMQ
 * accepts "one and only one administrative user" when it creates a broker, and every other user is made through the
 * RabbitMQ management API (the Broker CRD's `users`), which ACK does not call. The contract says so
 * (`bindDeployment`), rather than the binder calling the management API with the administrator's password: the
 * binder would need a network path to the broker's HTTPS console (443) that no other backend needs.
 *
 * Taking back a retained broker: Amazon MQ knows a broker by the ID it assigns (`b-…`, `status.brokerID`), which is
 * not known at synth, so the Broker carries no adoption annotation (the mq-controller adopts by `brokerID` only).
 * Applying the object again makes ACK ask for a new broker of the same name, which Amazon MQ refuses (broker names
 * are unique in the account); ACK leaves the object unmanaged and retries. Annotating it with
 * `services.k8s.aws/adoption-policy: adopt-or-create` and `services.k8s.aws/adoption-fields: {"brokerID":"b-…"}`
 * makes the next retry adopt the kept broker (the README's steps). The endpoint is read at deploy
 * time from `status.brokerInstances[0].endpoints[0]` (`amqps://<host>:5671`).
 *
 * Not reconciled: users cannot be read back from Amazon MQ, so the controller ignores them when comparing and a
 * changed password in the Secret never reaches the broker (aws/aws-sdk#32). To rotate, set the new password on the
 * broker through the RabbitMQ management API or console, then write it into `<name>-credentials` and re-run the binder.
 *
 * Out of reach of ACK: virtual hosts, permissions and queues live in the RabbitMQ management API, which ACK does not
 * call. The user gets the default virtual host `/`; the application declares its queues itself (durable; quorum
 * queues are the default type on Amazon MQ for RabbitMQ 4.2). `virtualHost` and `queues` are refused.
 */
export class AwsAmazonMqQueueBackend implements IQueueBackend {
  public readonly name = 'aws-mq';
  public readonly capabilities: QueueAnswers = {
    highAvailability: Support.honouredBy('deploymentMode CLUSTER_MULTI_AZ: three nodes in three availability zones behind one endpoint'),
    version: (v) => (compareMinor(v.minor, '4.3') < 0 ? Support.honouredBy('engineVersion the minor')
      : Support.refused('Amazon MQ runs RabbitMQ 4.2 (and 3.13), not 4.3', 'use RabbitMqVersion.V4_2 on AWS profiles')),
    storage: Support.refused('Amazon MQ sizes a broker\'s storage by its host instance type (not settable)',
      'leave storage unset on AWS profiles (the instanceSize chooses the host instance type)'),
    virtualHost: Support.refused('ACK creates the broker and its one user only; virtual hosts live in the RabbitMQ management API, which ACK does not call (the user has the default virtual host /)',
      'leave virtualHost unset (/) on AWS profiles'),
    queues: Support.refused('ACK has no queue API; queues are declared through AMQP or the RabbitMQ management API',
      'leave queues unset on AWS profiles and declare them from the application (durable; quorum queues are the default type on Amazon MQ 4.2)'),
    transitEncryption: Support.honouredBy('amqps on port 5671 with publicly trusted certificates'),
    deletionRetain: Support.honouredBy('the ACK deletion policy retain: the broker outlives the object; applying the object again does not adopt it (Amazon MQ knows it by the ID it assigns): annotate the Broker with that ID to take it back'),
    deletionDelete: Support.honouredBy('the ACK deletion policy delete: deleting the object deletes the broker and its messages'),
    ...bindsEveryWorkload('the user, password and TLS endpoint in the connection Secret (the security groups admit the workloads); the user is the broker\'s administrator, the one user Amazon MQ for RabbitMQ creates'),
  };

  constructor(private readonly options: AwsOptions & AwsQueueOptions) {}

  public bind(scope: Construct, spec: QueueSpec): QueueBinding {
    const ha = spec.highAvailability !== HighAvailability.NONE;
    const subnets = this.options.brokerSubnetIds;
    if (!Array.isArray(subnets) || subnets.length < (ha ? 2 : 1) || !subnets.every((s) => typeof s === 'string' && SUBNET_ID.test(s))) {
      invalid(scope, {
        prop: 'brokerSubnetIds (aws profile option)',
        value: subnets,
        allowed: ha
          ? 'two or more private subnet IDs (subnet-…) in different availability zones, for a highly available broker (highAvailability AUTO or REQUIRED)'
          : 'one or more private subnet IDs (subnet-…)',
        fix: 'set brokerSubnetIds on the AWS profile, e.g. [\'subnet-0123456789abcdef0\', \'subnet-0fedcba9876543210\'], or use highAvailability NONE for a single-instance broker',
      });
    }
    const securityGroups = this.options.brokerSecurityGroupIds ?? this.options.vpcSecurityGroupIds;
    if (!Array.isArray(securityGroups) || securityGroups.length === 0 || !securityGroups.every((g) => SECURITY_GROUP_ID.test(g))) {
      invalid(scope, {
        prop: 'brokerSecurityGroupIds (aws profile option)',
        value: securityGroups,
        allowed: 'one or more VPC security group IDs (sg-…)',
        fix: 'set brokerSecurityGroupIds on the AWS profile, e.g. [\'sg-0123456789abcdef0\']',
      });
    }
    const instanceType = BROKER_INSTANCE_TYPES[spec.instanceSize.name];
    if (instanceType === undefined) {
      invalid(scope, {
        prop: 'instanceSize',
        value: spec.instanceSize.toString(),
        allowed: `a named size on Amazon MQ (${Object.entries(BROKER_INSTANCE_TYPES).map(([s, t]) => `${s.toUpperCase()} → ${t}`).join(', ')})`,
        fix: 'use InstanceSize.SMALL, MEDIUM or LARGE on AWS profiles',
      });
    }
    if (!amazonMqUsernameOk(spec.username)) {
      invalid(scope, {
        prop: 'name',
        value: spec.username,
        allowed: 'a name of at least 2 characters, other than guest, on Amazon MQ (it is the broker user\'s name; Amazon MQ deletes users named guest)',
        fix: 'give the queue a longer name, or another one',
      });
    }
    new Broker(scope, 'Broker', {
      metadata: {
        name: spec.name,
        labels: spec.labels,
        annotations: {
          [ACK_REGION_ANNOTATION]: this.options.region,
          [ACK_DELETION_POLICY_ANNOTATION]: spec.deletionPolicy === DeletionPolicy.RETAIN ? 'retain' : 'delete',
        },
      },
      spec: {
        name: brokerName(this.options.namePrefix ?? '', spec.name),
        engineType: 'RABBITMQ',
        engineVersion: spec.version.minor,
        autoMinorVersionUpgrade: true,
        hostInstanceType: instanceType,
        deploymentMode: ha ? 'CLUSTER_MULTI_AZ' : 'SINGLE_INSTANCE',
        publiclyAccessible: false,
        subnetIDs: ha ? [...subnets] : [subnets[0]],
        securityGroups: [...securityGroups],
        encryptionOptions: { useAwsOwnedKey: true },
        users: [{ username: spec.username, password: { name: spec.credentialsSecretName, key: 'password' } }],
        tags: { ...spec.labels },
      },
    });
    return {
      provider: 'aws-mq',
      hostFrom: {
        apiGroup: 'mq.services.k8s.aws',
        apiVersion: 'v1alpha1',
        resource: 'brokers',
        name: spec.name,
        fieldPath: 'status.brokerInstances[0].endpoints[0]',
        uriPart: 'host',
      },
      port: AMAZON_MQ_AMQPS_PORT,
      tls: true,
    };
  }
}
