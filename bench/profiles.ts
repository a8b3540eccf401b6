import { DeletionPolicy, InClusterProfile, ObjectStoreOperator, PostgresOperator, Profile } from '../src';
import { PROFILES } from '../test/profiles.fixture';

/**
 * The profiles the benchmark synthesizes: every profile of the contract tests, and the in-cluster profile with
 * its operators (CloudNativePG for PostgreSQL, Rook for buckets).
 */
export const BENCH_PROFILES: { [name: string]: () => Profile } = {
  'in-cluster': PROFILES['in-cluster'],
  'in-cluster-operators': () => new InClusterProfile({
    name: 'in-cluster-operators',
    storageClassName: 'ceph-block',
    postgresOperator: PostgresOperator.CLOUDNATIVE_PG,
    volumeSnapshotClassName: 'csi-snapclass',
    // Databases are retained by default: CloudNativePG's claims follow the StorageClass, so it must retain volumes.
    storageReclaimPolicy: DeletionPolicy.RETAIN,
    objectStoreOperator: ObjectStoreOperator.ROOK,
    bucketStorageClassName: 'rook-ceph-bucket',
    // Buckets are retained by default: Rook applies the StorageClass's reclaimPolicy, so it must be Retain.
    bucketReclaimPolicy: DeletionPolicy.RETAIN,
  }),
  'aws': PROFILES.aws,
  'gcp': PROFILES.gcp,
  'crossplane': PROFILES.crossplane,
};

/** Service i of a benchmark app is `SERVICES[i % 3]` with its defaults: every kind, in equal numbers. */
export const SERVICES = ['PortableMySQL', 'PortablePostgres', 'PortableObjectStore'] as const;
