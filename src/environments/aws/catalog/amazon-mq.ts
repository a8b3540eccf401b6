import { sha256Hex } from '../../../private/names';

// Amazon MQ for RabbitMQ facts the ACK backend and the Crossplane Composition share.

/** Port of the Amazon MQ for RabbitMQ endpoints (AMQP over TLS). */
export const AMAZON_MQ_AMQPS_PORT = 5671;
/** Amazon MQ user names: letters, digits and `-._~`, at least 2 characters. */
export const AMAZON_MQ_USERNAME = /^[A-Za-z0-9._~-]{2,100}$/;
/** The user name Amazon MQ for RabbitMQ refuses (it deletes any user of that name). */
export const AMAZON_MQ_FORBIDDEN_USERNAME = 'guest';

/** Whether Amazon MQ for RabbitMQ takes the user name. */
export function amazonMqUsernameOk(username: string): boolean {
  return AMAZON_MQ_USERNAME.test(username) && username !== AMAZON_MQ_FORBIDDEN_USERNAME;
}

/**
 * Amazon MQ host instance types for the named sizes (RabbitMQ 4.2 runs on `mq.m7g` only). Custom sizes are refused:
 * Amazon MQ has a fixed set of types.
 */
export const BROKER_INSTANCE_TYPES: { [size: string]: string } = {
  small: 'mq.m7g.medium',
  medium: 'mq.m7g.large',
  large: 'mq.m7g.xlarge',
};

/** The Amazon MQ broker name (at most 50 characters of letters, digits, `-` and `_`): a hash keeps long ones apart. */
export function brokerName(prefix: string, name: string): string {
  const full = `${prefix}${name}`;
  if (full.length <= 50) return full;
  const hash = sha256Hex(full).slice(0, 6);
  return `${full.slice(0, 43).replace(/-+$/, '')}-${hash}`;
}
