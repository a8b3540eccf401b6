import { QueuesInClusterOptions } from '../in-cluster/base-layer';
/**
 * When Cloud SQL applies maintenance updates, relative to their announcement.
 */
export enum CloudSqlUpdateTrack {
  /** About a week after the announcement (test environments). */
  CANARY = 'canary',
  /** About two weeks after the announcement. */
  STABLE = 'stable',
  /** About five weeks after the announcement. */
  WEEK5 = 'week5',
}

/**
 * A weekly one-hour window in which Cloud SQL may restart the instance to apply updates (UTC).
 */
export interface CloudSqlMaintenanceWindow {
  /** Day of the week, `1` (Monday) to `7` (Sunday). */
  readonly day: number;
  /** Hour of the day the window starts, `0` to `23` (UTC). */
  readonly hour: number;
  /**
   * When updates are applied relative to their announcement.
   * @default - Cloud SQL's default track
   */
  readonly updateTrack?: CloudSqlUpdateTrack;
}

/**
 * Options every GCP backend reads (Config Connector).
 */
export interface GcpOptions {
  /**
   * GCP project ID (6 to 30 lower-case letters, digits and hyphens, starting with a letter, not ending with a
   * hyphen). Set with the `cnrm.cloud.google.com/project-id` annotation.
   */
  readonly projectId: string;
  /** Region, e.g. `europe-west1` (a region, not a zone). */
  readonly region: string;
  /**
   * VPC network for private IP: the relative name `projects/<project>/global/networks/<network>`, or its self link
   * `https://www.googleapis.com/compute/v1/projects/<project>/global/networks/<network>` (written to the manifest
   * in the relative form). When set, instances get a private IP only (no public IPv4) and the Auth Proxy connects
   * with `--private-ip`; the network needs private services access (a `servicenetworking` peering), and the
   * cluster must reach it.
   * @default - no private network: public IPv4 without authorized networks, reachable only through the Cloud SQL Auth Proxy
   */
  readonly privateNetwork?: string;
  /**
   * Prefix of cloud identifiers (e.g. `prod-`); Cloud SQL instance names are global to the project. Lower-case
   * letters, digits and hyphens, starting with a letter, at most 27 characters (so that
   * `<project>:<prefix><name>` fits Cloud SQL's 98 characters).
   * @default - no prefix
   */
  readonly namePrefix?: string;
}

/**
 * Options of the GCP database backend (Cloud SQL through Config Connector).
 */
export interface GcpDatabaseOptions {
  /**
   * Image of the Cloud SQL Auth Proxy sidecar added to bound workloads, with a tag other than `latest` or a digest.
   * Point it at your registry mirror in air-gapped clusters.
   * @default 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.18.2' (from the image table, with its digest once one is recorded)
   */
  readonly proxyImage?: string;
  /**
   * Weekly maintenance window.
   * @default - a window chosen by Cloud SQL
   */
  readonly maintenanceWindow?: CloudSqlMaintenanceWindow;
  /**
   * Only accept connections through the Cloud SQL connectors (the Auth Proxy sidecar, the language connectors):
   * Cloud SQL `connectorEnforcement: REQUIRED`. Turn it off only if something must connect to the instance's IP
   * directly (it then still needs TLS and a password; with a private network anything in the VPC can try).
   * @default true
   */
  readonly requireConnectors?: boolean;
  /**
   * Let Cloud SQL grow the disk automatically when it fills up (`diskAutoresize`). The portable `storage` is the
   * size at creation; afterwards the size is Cloud SQL's: the SQLInstance carries
   * `cnrm.cloud.google.com/unmanaged: spec.settings.diskSize`, so Config Connector (1.139 or later) sends the live
   * size, never the smaller declared one, and a later change of `storage` is not applied. With `false`, `storage`
   * is the exact size (it can only grow) and a full disk stops writes.
   * @default true
   */
  readonly diskAutoresize?: boolean;
}

/**
 * Options of the GCP queue backend. GCP has no managed AMQP 0-9-1 service (Pub/Sub speaks its own protocol), so the
 * profile says where queues run: in the GKE cluster (`queuesInCluster`), or nowhere (every `PortableQueue` fails at
 * synth, naming the option).
 */
export interface GcpQueueOptions extends QueuesInClusterOptions {}
