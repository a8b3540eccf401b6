/**
 * Options of the AWS object store backend (ACK S3, IAM and EKS controllers).
 */
export interface AwsObjectStoreOptions {
  /**
   * Name of the EKS cluster the workloads run in. Binding a workload to a bucket creates an EKS Pod Identity
   * association for its ServiceAccount in this cluster; binding fails without it.
   * @default - none (buckets can be created, workloads cannot be bound)
   */
  readonly eksClusterName?: string;
}
