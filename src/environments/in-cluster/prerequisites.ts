import { apiGroupOf, PrerequisiteRules, storageClassRequirement } from '../../core/prerequisites';

const SNAPSHOTS = 'CSI snapshot controller and the VolumeSnapshot CRDs';

/** What the in-cluster environment's operators' objects need: the operators, and the classes the objects name. */
export const IN_CLUSTER_PREREQUISITES: PrerequisiteRules = {
  groups: [
    { group: 'postgresql.cnpg.io', requirement: () => 'CloudNativePG operator' },
    { group: 'objectbucket.io', requirement: () => 'Rook/Ceph object store + bucket StorageClass' },
    {
      group: 'rabbitmq.com',
      requirement: (_g, o) => (o.kind === 'RabbitmqCluster' ? 'RabbitMQ Cluster Operator' : 'RabbitMQ Messaging Topology Operator'),
    },
    { group: 'snapshot.storage.k8s.io', requirement: () => SNAPSHOTS },
  ],
  inspect: (o, { add }) => {
    const group = apiGroupOf(o.apiVersion);
    if (o.kind === 'Cluster' && group === 'postgresql.cnpg.io') {
      add('cluster', storageClassRequirement(o.spec?.storage?.storageClass));
      if (o.spec?.walStorage) add('cluster', storageClassRequirement(o.spec.walStorage.storageClass));
      const snapshotClass = o.spec?.backup?.volumeSnapshot?.className;
      if (snapshotClass) {
        add('cluster', `VolumeSnapshotClass ${snapshotClass}`);
        add('cluster', SNAPSHOTS);
      }
    } else if (o.kind === 'ObjectBucketClaim' && group === 'objectbucket.io') {
      if (o.spec?.storageClassName) add('cluster', `bucket StorageClass ${o.spec.storageClassName}`);
    }
  },
};
