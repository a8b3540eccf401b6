/**
 * The operator that runs PostgreSQL in the cluster.
 */
export enum PostgresOperator {
  /** None: a StatefulSet of the official `postgres` image (a single instance). */
  NONE = 'none',
  /**
   * CloudNativePG (`postgresql.cnpg.io`): real high availability (`instances`), failover and scheduled backups.
   * The CloudNativePG operator must be installed in the cluster.
   */
  CLOUDNATIVE_PG = 'cloudnative-pg',
}

/**
 * Options of the in-cluster backends.
 */
export interface InClusterBackendOptions {
  /**
   * StorageClass of the data volumes.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Registry and repository prefix for the official images, for clusters that pull through a mirror
   * (e.g. `mirror.gcr.io/library`).
   * @default 'docker.io/library'
   */
  readonly imageRegistry?: string;
  /**
   * Run PostgreSQL through an operator.
   * @default PostgresOperator.NONE
   */
  readonly postgresOperator?: PostgresOperator;
}
