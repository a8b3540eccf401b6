import { DELETION_POLICIES } from './api';
import { claimSchema } from './platform-skeleton';
import { QUEUE_INSTANCE_SIZES, QUEUE_VERSIONS } from './queue-api';
import { AMAZON_MQ_FORBIDDEN_USERNAME, AMAZON_MQ_USERNAME } from '../aws/catalog/amazon-mq';

/** Amazon MQ broker names: letters, digits, `-` and `_`, at most 50. */
const BROKER_NAME = '^[A-Za-z0-9_-]{1,50}$';
/** A Kubernetes Secret name. */
const SECRET_NAME = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

/**
 * The OpenAPI v3 schema of the queue composite resource and claim (`spec.parameters`), strict: every field typed,
 * with enums and patterns the Composition relies on.
 */
export function queueSchema(): any {
  return claimSchema({
    type: 'object',
    description: 'Portable parameters of an AMQP 0-9-1 broker (TLS always on, private).',
    required: ['brokerName', 'version', 'instanceSize', 'highAvailability', 'username', 'credentialsSecretName', 'deletionPolicy'],
    properties: {
      brokerName: {
        'type': 'string',
        'pattern': BROKER_NAME,
        'description': 'Cloud name of the broker (unique in the AWS account).',
        'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'brokerName is immutable' }],
      },
      version: { type: 'string', enum: [...QUEUE_VERSIONS], description: 'RabbitMQ minor version.' },
      instanceSize: { type: 'string', enum: [...QUEUE_INSTANCE_SIZES], description: 'Named size of each broker node.' },
      highAvailability: { type: 'boolean', description: 'Three nodes in three zones behind one endpoint.' },
      username: {
        'type': 'string',
        'pattern': AMAZON_MQ_USERNAME.source,
        'description': "The broker's one user, created with the broker.",
        'x-kubernetes-validations': [
          { rule: 'self == oldSelf', message: 'username is immutable (the broker keeps the user it was created with)' },
          { rule: `self != '${AMAZON_MQ_FORBIDDEN_USERNAME}'`, message: `Amazon MQ deletes users named ${AMAZON_MQ_FORBIDDEN_USERNAME}` },
        ],
      },
      credentialsSecretName: {
        type: 'string',
        pattern: SECRET_NAME,
        maxLength: 253,
        description: "Secret in the claim's namespace whose key password holds the user's password.",
      },
      deletionPolicy: {
        type: 'string',
        enum: [...DELETION_POLICIES],
        description: 'Retain: orphaned when deleted. Delete: deleted with its messages.',
      },
    },
  });
}
