import { Size } from 'cdk8s';
import { DeletionPolicy } from '../../core/policies';

/**
 * What serves object stores in the cluster.
 */
export enum ObjectStoreOperator {
  /**
   * None: a Versity S3 Gateway (`versitygw`, posix backend) StatefulSet per bucket, with its data on a volume.
   */
  NONE = 'none',
  /**
   * Rook/Ceph: an `ObjectBucketClaim` per bucket against the profile's `bucketStorageClassName`. Rook and a
   * CephObjectStore with a bucket StorageClass must be installed in the cluster.
   */
  ROOK = 'rook',
}

/**
 * Options of the in-cluster object store backends.
 */
export interface InClusterObjectStoreOptions {
  /**
   * What serves object stores.
   * @default ObjectStoreOperator.NONE
   */
  readonly objectStoreOperator?: ObjectStoreOperator;
  /**
   * StorageClass of the Rook ObjectBucketClaims (its provisioner is `<rook namespace>.ceph.rook.io/bucket`).
   * Required with `ObjectStoreOperator.ROOK`.
   * @default - none
   */
  readonly bucketStorageClassName?: string;
  /**
   * What the bucket StorageClass does with a bucket when its claim is deleted (its `reclaimPolicy`): Rook applies
   * the class's policy, not the claim's, so services whose `deletionPolicy` differs fail at synth.
   * @default DeletionPolicy.DELETE - the `reclaimPolicy` Rook's example bucket StorageClasses use
   */
  readonly bucketReclaimPolicy?: DeletionPolicy;
  /**
   * Image of the Versity S3 Gateway, with a version tag other than `latest` or a digest. Point it at your
   * registry mirror in air-gapped clusters.
   * @default 'docker.io/versity/versitygw:v1.8.0' (from the image table, with its digest once one is recorded)
   */
  readonly objectStoreImage?: string;
  /**
   * Size of the data volume of each in-cluster S3 server, a whole number of GiB from 1 to 65536 (the bucket cannot
   * grow beyond it; grow the claim `data-<name>-0` on a StorageClass with `allowVolumeExpansion`). In a profiles
   * file: a quantity such as `20Gi`.
   * @default Size.gibibytes(20)
   */
  readonly objectStoreVolumeSize?: Size;
}

/**
 * Options of the profiles of environments whose own object store does not speak S3 (Azure Blob Storage): whether
 * their object stores run in the Kubernetes cluster the app is applied to.
 */
export interface ObjectStoresInClusterOptions {
  /**
   * Run each `PortableObjectStore` in the Kubernetes cluster, as the in-cluster profile does by default: a Versity
   * S3 Gateway StatefulSet per bucket with its data on a 20 GiB volume of the cluster's default StorageClass.
   * @default false - where the environment has no S3 service, a `PortableObjectStore` fails at synth and names this option
   */
  readonly objectStoresInCluster?: boolean;
}
