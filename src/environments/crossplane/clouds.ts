/**
 * The clouds the Crossplane platform constructs install Compositions for. Each Composition is labelled
 * `provider: <value>`; claims select it with `new CrossplaneProfile({ compositionSelector: { provider: 'aws' } })`.
 */
export enum CrossplaneCloud {
  /** AWS, through provider-upjet-aws (`*.aws.upbound.io`): RDS, S3, ElastiCache for Valkey, Amazon MQ for RabbitMQ. */
  AWS = 'aws',
  /** GCP, through provider-upjet-gcp (`*.gcp.upbound.io`): Cloud SQL, Cloud Storage, Memorystore for Redis (no queues). */
  GCP = 'gcp',
  /**
   * Azure: no Composition yet. Every platform construct refuses it with the reason and the fix (the `azure` profile,
   * `AzureProfile`, through Azure Service Operator v2; queues and object stores in the cluster), and a
   * `CrossplaneProfile` whose selector picks `provider: azure` refuses each kind the same way.
   */
  AZURE = 'azure',
}

/**
 * One value per cloud. Every cloud-specific fact is a record of this type, so adding a cloud to `CrossplaneCloud`
 * makes the compiler list every record that must answer for it (its name, each kind's Composition or refusal, …).
 */
export type PerCloud<T> = { readonly [C in CrossplaneCloud]: T };

/** How messages name each cloud. */
export const CLOUD_TITLES: PerCloud<string> = {
  [CrossplaneCloud.AWS]: 'AWS',
  [CrossplaneCloud.GCP]: 'GCP',
  [CrossplaneCloud.AZURE]: 'Azure',
};

/** Every cloud, in the order of the enum. */
export const CLOUDS: readonly CrossplaneCloud[] = Object.values(CrossplaneCloud);

/** Whether a value (e.g. a selector's `provider` label) names a cloud. */
export function isCloud(value: unknown): value is CrossplaneCloud {
  return (CLOUDS as readonly unknown[]).includes(value);
}

/** The construct ID of a cloud's Composition in a platform construct: `AwsComposition`, `GcpComposition` (API: never change it). */
export function compositionId(cloud: CrossplaneCloud): string {
  return `${cloud.charAt(0).toUpperCase()}${cloud.slice(1)}Composition`;
}

/** How a fix names a cloud in code: `CrossplaneCloud.GCP`. */
export function cloudConstant(cloud: CrossplaneCloud): string {
  const key = Object.entries(CrossplaneCloud).find(([, value]) => value === cloud)?.[0];
  return `CrossplaneCloud.${key}`;
}
