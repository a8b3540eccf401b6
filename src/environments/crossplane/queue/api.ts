/**
 * The portable Crossplane API for AMQP 0-9-1 brokers (`XQueue`, claimed as `Queue`): what the
 * `CrossplaneQueueBackend` claims and the XRD and Composition of `CrossplaneQueuePlatform` share. Its parameter
 * table generates the XRD's schema, the claims' `spec.parameters` and the names the Composition patches read.
 */
import { HighAvailability } from '../../../core/policies';
import { QueueSpec } from '../../../services/queue/resolved-spec';
import { AMAZON_MQ_FORBIDDEN_USERNAME, AMAZON_MQ_USERNAME, brokerName } from '../../aws/catalog/amazon-mq';
import { PortableApi } from '../api';
import { deletionPolicyParameter, parameterTable } from '../parameters';

/** The RabbitMQ minors the API serves (`spec.parameters.version`): what Amazon MQ runs. */
export const QUEUE_VERSIONS = ['4.2'];
/** Named broker sizes (`spec.parameters.instanceSize`). */
export const QUEUE_INSTANCE_SIZES = ['small', 'medium', 'large'];

/** Amazon MQ broker names: letters, digits, `-` and `_`, at most 50. */
const BROKER_NAME = '^[A-Za-z0-9_-]{1,50}$';
/** A Kubernetes Secret name. */
const SECRET_NAME = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

/** What the queue backend reads a claim's parameters from. */
export interface QueueClaimInput {
  /** The resolved declaration. */
  readonly spec: QueueSpec;
  /** The profile's `namePrefix` (checked). */
  readonly prefix: string;
}

/** The parameters of a queue claim (`spec.parameters`): schema, and how the backend reads each. */
export const QUEUE_PARAMETERS = parameterTable<QueueClaimInput>()({
  brokerName: {
    schema: {
      'type': 'string',
      'pattern': BROKER_NAME,
      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'brokerName is immutable' }],
    },
    description: 'Cloud name of the broker (unique in the AWS account).',
    read: ({ spec, prefix }) => brokerName(prefix, spec.name),
  },
  version: {
    schema: { type: 'string', enum: [...QUEUE_VERSIONS] },
    description: 'RabbitMQ minor version.',
    read: ({ spec }) => spec.version.minor,
  },
  instanceSize: {
    schema: { type: 'string', enum: [...QUEUE_INSTANCE_SIZES] },
    description: 'Named size of each broker node.',
    read: ({ spec }) => spec.instanceSize.name,
  },
  highAvailability: {
    schema: { type: 'boolean' },
    description: 'Three nodes in three zones behind one endpoint.',
    read: ({ spec }) => spec.highAvailability !== HighAvailability.NONE,
  },
  username: {
    schema: {
      'type': 'string',
      'pattern': AMAZON_MQ_USERNAME.source,
      'x-kubernetes-validations': [
        { rule: 'self == oldSelf', message: 'username is immutable (the broker keeps the user it was created with)' },
        { rule: `self != '${AMAZON_MQ_FORBIDDEN_USERNAME}'`, message: `Amazon MQ deletes users named ${AMAZON_MQ_FORBIDDEN_USERNAME}` },
      ],
    },
    description: "The broker's one user, created with the broker.",
    read: ({ spec }) => spec.username,
  },
  credentialsSecretName: {
    schema: { type: 'string', pattern: SECRET_NAME, maxLength: 253 },
    description: "Secret in the claim's namespace whose key password holds the user's password.",
    read: ({ spec }) => spec.credentialsSecretName,
  },
  deletionPolicy: deletionPolicyParameter('Retain: orphaned when deleted. Delete: deleted with its messages.'),
});

/** The portable queue API. */
export const QUEUE_API: PortableApi<typeof QUEUE_PARAMETERS> = {
  noun: 'queue',
  xrKind: 'XQueue',
  xrPlural: 'xqueues',
  claimKind: 'Queue',
  claimPlural: 'queues',
  // The broker's AMQP endpoint, `amqps://<host>:5671`; the binder adds the user and the password it generated.
  connectionSecretKeys: ['endpoint'],
  description: 'Portable parameters of an AMQP 0-9-1 broker (TLS always on, private).',
  parameters: QUEUE_PARAMETERS,
};
