import { Construct } from 'constructs';
import { QUEUE_API, QUEUE_INSTANCE_SIZES, QUEUE_PARAMETERS, QUEUE_VERSIONS } from './api';
import { bindsEveryWorkload } from '../../../core/features';
import { Support } from '../../../core/support';
import { invalid } from '../../../private/errors';
import { IQueueBackend, QueueAnswers, QueueBinding } from '../../../services/queue/backend';
import { QueueSpec } from '../../../services/queue/resolved-spec';
import { AMAZON_MQ_AMQPS_PORT, amazonMqUsernameOk } from '../../aws/catalog/amazon-mq';
import { PortableClaim } from '../claim';
import { claimNamePrefix, claimSecretName, claimSelector, fromClaimSecret } from '../claim-options';
import { CrossplaneClaimOptions } from '../options';
import { claimParameters } from '../parameters';

/**
 * Serves AMQP 0-9-1 brokers with Crossplane: one claim (`portabledata.io/v1alpha1` `Queue`) per queue, answered by
 * the Composition the profile's `compositionSelector` picks among those `CrossplaneQueuePlatform` installed (Amazon
 * MQ for RabbitMQ on AWS; there is no GCP Composition). The Composition publishes `endpoint`
 * (`amqps://<host>:5671`) to the Secret `<name>-crossplane`, where the binder reads the host. The broker's one user
 * is the service's, with the password the binder generates into `<name>-credentials`: the provider reads it from
 * the claim's namespace when it creates the broker.
 *
 * Amazon MQ has no API for virtual hosts, permissions or queues (they live in the RabbitMQ management API), and it
 * does not return RabbitMQ users, so a changed password is never applied: rotate it on the broker first (management
 * API or console), then write it into `<name>-credentials` and re-run the binder. The broker name is `namePrefix` +
 * the service name (at most 50 characters; longer ones are shortened with a hash).
 */
export class CrossplaneQueueBackend implements IQueueBackend {
  public readonly name = 'crossplane';
  public readonly capabilities: QueueAnswers = {
    highAvailability: Support.honouredBy('the claim\'s highAvailability parameter: an Amazon MQ cluster of three nodes in three availability zones behind one endpoint'),
    version: (v) => (QUEUE_VERSIONS.includes(v.minor) ? Support.honouredBy('the claim\'s version parameter') : Support.refused('the portable Crossplane queue API serves RabbitMQ 4.2, what its AWS Composition (Amazon MQ) runs',
      'use RabbitMqVersion.V4_2 on this profile')),
    storage: Support.refused('Amazon MQ sizes a broker\'s storage by its host instance type (not settable)',
      'leave storage unset on this profile (the instanceSize chooses the host instance type)'),
    virtualHost: Support.refused('the Composition creates the broker and its one user only; virtual hosts live in the RabbitMQ management API, which the provider does not call (the user has the default virtual host /)',
      'leave virtualHost unset (/) on this profile'),
    queues: Support.refused('the provider has no queue API; queues are declared through AMQP or the RabbitMQ management API',
      'leave queues unset on this profile and declare them from the application (durable; quorum queues are the default type on Amazon MQ 4.2)'),
    transitEncryption: Support.honouredBy('amqps on port 5671 with publicly trusted certificates'),
    deletionRetain: Support.honouredBy('the claim\'s deletionPolicy Retain: the broker is orphaned; a re-created claim does not re-attach it (its external name is the ID Amazon MQ assigns): set crossplane.io/external-name on the composed Broker to take it back'),
    deletionDelete: Support.honouredBy('the claim\'s deletionPolicy Delete: deleting the claim deletes the broker and its messages'),
    ...bindsEveryWorkload('the user, password and TLS endpoint in the connection Secret (the security groups admit the workloads); on AWS the user is the broker\'s administrator, the one user Amazon MQ for RabbitMQ creates'),
  };

  constructor(private readonly options: CrossplaneClaimOptions) {}

  public bind(scope: Construct, spec: QueueSpec): QueueBinding {
    const selector = claimSelector(this.options);
    const prefix = claimNamePrefix(this.options);
    const size = spec.instanceSize.name;
    if (!QUEUE_INSTANCE_SIZES.includes(size)) {
      invalid(scope, {
        prop: 'instanceSize',
        value: spec.instanceSize.toString(),
        allowed: `a named size of the portable Crossplane queue API (${QUEUE_INSTANCE_SIZES.join(', ')}): Amazon MQ has a fixed set of host instance types`,
        fix: 'use InstanceSize.SMALL, MEDIUM or LARGE on this profile',
      });
    }
    if (!amazonMqUsernameOk(spec.username)) {
      invalid(scope, {
        prop: 'name',
        value: spec.username,
        allowed: 'a name of at least 2 characters, other than guest, on this profile (it is the broker user\'s name; Amazon MQ deletes users named guest)',
        fix: 'give the queue a longer name, or another one',
      });
    }
    const secretName = claimSecretName(spec.name);
    const claim = new PortableClaim(scope, 'Claim', QUEUE_API, {
      name: spec.name,
      labels: spec.labels,
      selector,
      parameters: claimParameters(QUEUE_PARAMETERS, { spec, prefix }),
      secretName,
    });
    return {
      provider: this.name,
      conditions: [claim.binderRef],
      hostFrom: fromClaimSecret(secretName, 'endpoint', 'host'),
      port: AMAZON_MQ_AMQPS_PORT,
      tls: true,
    };
  }
}
