/**
 * Options of the GCP backends (Config Connector).
 */
export interface GcpBackendOptions {
  /** GCP project ID. Set with the `cnrm.cloud.google.com/project-id` annotation. */
  readonly projectId: string;
  /** Region, e.g. `europe-west1`. */
  readonly region: string;
  /**
   * VPC network for private IP (self link `projects/<p>/global/networks/<n>`). When set, instances get a private
   * IP only (no public IPv4).
   * @default - no private network: public IPv4 without authorized networks, reachable only through the Cloud SQL Auth Proxy
   */
  readonly privateNetwork?: string;
  /**
   * Prefix of cloud identifiers (e.g. `prod-`); Cloud SQL instance names are global to the project.
   * @default - no prefix
   */
  readonly namePrefix?: string;
  /**
   * Image of the Cloud SQL Auth Proxy sidecar added to bound workloads.
   * @default 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.18.2'
   */
  readonly proxyImage?: string;
}
