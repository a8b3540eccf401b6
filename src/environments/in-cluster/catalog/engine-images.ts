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

/**
 * The first patch release of each MySQL major with an official image tag: the image table of a major is every patch
 * release from this one to the tag above (MySQL 8.0's first GA release is 8.0.11).
 */
export const MYSQL_FIRST_TAGS: { readonly [M in MySqlMajor]: string } = {
  '8.0': '8.0.11',
  '8.4': '8.4.0',
};

/** The first minor release of each PostgreSQL major: its image table is every minor release up to the tag above. */
export const POSTGRES_FIRST_TAGS: { readonly [M in PostgresMajor]: string } = {
  15: '15.0',
  16: '16.0',
  17: '17.0',
};

/**
 * The first release of each PostgreSQL major with a CloudNativePG `<version>-standard-trixie` operand image: the
 * operand table of a major is every minor release from this one to the tag above. The `standard` images on Debian
 * trixie are built since cloudnative-pg/postgres-containers#274 (commit e72801ac, 2025-08-28), whose
 * `docker-bake.hcl` then built 15.14, 16.10 and 17.6; the images of older minors were never rebuilt, so a pin such
 * as 17.5 would name a tag that does not exist (`ErrImagePull` at deploy time).
 */
export const CLOUDNATIVE_PG_FIRST_TAGS: { readonly [M in PostgresMajor]: string } = {
  15: '15.14',
  16: '16.10',
  17: '17.6',
};

/**
 * The image tags of a major this release knows: every release from `first` to `newest`, which differ in their last
 * number only (`8.4.0` … `8.4.7`, `17.0` … `17.7`); newest first.
 */
export function knownImageTags(first: string, newest: string): string[] {
  const prefix = newest.slice(0, newest.lastIndexOf('.') + 1);
  const from = Number(first.slice(first.lastIndexOf('.') + 1));
  const to = Number(newest.slice(newest.lastIndexOf('.') + 1));
  const tags: string[] = [];
  for (let n = to; n >= from; n--) tags.push(`${prefix}${n}`);
  return tags;
}

/** The image tag of a major, if it is a portable one. */
export function imageTagOf(tags: { readonly [major: string]: string }, major: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(tags, major) ? tags[major] : undefined;
}
