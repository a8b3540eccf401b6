/**
 * High availability of a data service.
 */
export enum HighAvailability {
  /** Highly available where the environment can give it (Multi-AZ, regional), a single instance elsewhere. */
  AUTO = 'auto',
  /** A single instance. */
  NONE = 'none',
  /** Highly available, or fail at synth where the environment cannot give it. */
  REQUIRED = 'required',
}

/**
 * What happens to the data when the construct's objects are deleted from the cluster.
 */
export enum DeletionPolicy {
  /**
   * Keep the data: the PersistentVolumeClaims stay, and the cloud database is protected from deletion and
   * abandoned (not deleted) when its Kubernetes object goes away.
   */
  RETAIN = 'retain',
  /** Delete the data with the objects. Use for throw-away environments only. */
  DELETE = 'delete',
}
