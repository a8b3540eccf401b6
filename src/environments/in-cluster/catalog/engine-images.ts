import { MySqlMajor } from '../../../services/database/catalog/mysql';
import { PostgresMajor } from '../../../services/database/catalog/postgres';

/**
 * The tag of the official `mysql` image of each portable major (docker.io/library/mysql; Docker Hub, 2025-10). A new
 * portable major does not compile until it has its tag here.
 */
export const MYSQL_IMAGE_TAGS: { readonly [M in MySqlMajor]: string } = {
  '8.0': '8.0.44',
  '8.4': '8.4.7',
};

/**
 * The tag of the official `postgres` image of each portable major (docker.io/library/postgres; Docker Hub, 2025-11),
 * also the version of the CloudNativePG operand image.
 */
export const POSTGRES_IMAGE_TAGS: { readonly [M in PostgresMajor]: string } = {
  15: '15.15',
  16: '16.11',
  17: '17.7',
};

/** The image tag of a major, if it is a portable one. */
export function imageTagOf(tags: { readonly [major: string]: string }, major: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(tags, major) ? tags[major] : undefined;
}
