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
}
