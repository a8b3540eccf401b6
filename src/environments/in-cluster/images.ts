import { IConstruct } from 'constructs';
import { MYSQL_IMAGE_TAGS, POSTGRES_IMAGE_TAGS } from './catalog/engine-images';
import { ImageRef, isImageTag } from '../../core/images';
import { invalid } from '../../private/errors';
import { VALKEY_CATALOG } from '../../services/cache/version';
import { RABBITMQ_CATALOG } from '../../services/queue/version';

/** The official `mysql` image; its tags are the catalog's (`imageRegistry` replaces `docker.io/library`). */
export const MYSQL_REPOSITORY = 'docker.io/library/mysql';
/** The official `postgres` image (Debian variant); its tags are the catalog's. */
export const POSTGRES_REPOSITORY = 'docker.io/library/postgres';
/** The CloudNativePG operand images (cloudnative-pg/postgres-containers). */
export const CLOUDNATIVE_PG_REPOSITORY = 'ghcr.io/cloudnative-pg/postgresql';
/**
 * The CloudNativePG image flavour: `standard` (PostgreSQL with pgaudit, pgvector and every locale; no Barman Cloud,
 * which volume snapshot backups do not need) on Debian `trixie` (stable). Tags read `<full version>-standard-trixie`.
 */
export const CLOUDNATIVE_PG_FLAVOUR = 'standard-trixie';

/** A version's image tag, checked: a version pinned with `of(major, fullVersion)` must be a valid tag. */
export function checkTag(scope: IConstruct, version: string): string {
  if (!isImageTag(version)) {
    invalid(scope, {
      prop: 'version',
      value: version,
      allowed: 'a full version that is an image tag (letters, digits, `_`, `.` and `-`; at most 128 characters)',
      fix: 'pin a version the image is published under, e.g. of(\'17\', \'17.7\')',
    });
  }
  return version;
}

/** The CloudNativePG operand image of a PostgreSQL version. */
export function cloudNativePgImage(version: string): ImageRef {
  return ImageRef.of(CLOUDNATIVE_PG_REPOSITORY, `${version}-${CLOUDNATIVE_PG_FLAVOUR}`);
}

/** Repository of the in-cluster cache image (Valkey, BSD-3; built from valkey-io/valkey-container). */
export const VALKEY_REPOSITORY = 'docker.io/valkey/valkey';

/** The in-cluster cache image of a Valkey version (`<full version>-alpine`). */
export function valkeyImage(version: string): ImageRef {
  return ImageRef.of(VALKEY_REPOSITORY, `${version}-alpine`);
}

/** The official `rabbitmq` image (Debian-based; `imageRegistry` replaces `docker.io/library`); its tags are the queue catalog's. */
export const RABBITMQ_REPOSITORY = 'docker.io/library/rabbitmq';

/** The in-cluster broker image of a RabbitMQ version (`<full version>`). */
export function rabbitmqImage(version: string): ImageRef {
  return ImageRef.of(RABBITMQ_REPOSITORY, version);
}

/** The S3 server of in-cluster object stores (Versity S3 Gateway); `objectStoreImage` replaces it. */
export const OBJECT_STORE_IMAGE = ImageRef.of('docker.io/versity/versitygw', 'v1.8.0');

/**
 * The in-cluster environment's part of the image table: the official engine images and the CloudNativePG operands
 * of every catalog version, the Valkey image of every cache catalog version, and the S3 server. (A version pinned with `of(major, fullVersion)` to a tag the
 * catalog does not list runs without a digest.)
 */
export const IN_CLUSTER_IMAGES: readonly ImageRef[] = [
  ...Object.values(MYSQL_IMAGE_TAGS).map((tag) => ImageRef.of(MYSQL_REPOSITORY, tag)),
  ...Object.values(POSTGRES_IMAGE_TAGS).map((tag) => ImageRef.of(POSTGRES_REPOSITORY, tag)),
  ...Object.values(POSTGRES_IMAGE_TAGS).map((tag) => cloudNativePgImage(tag)),
  ...Object.values(VALKEY_CATALOG).map(valkeyImage),
  ...Object.values(RABBITMQ_CATALOG).map(rabbitmqImage),
  OBJECT_STORE_IMAGE,
];
