/**
 * The in-cluster environment's part of `plan`'s shapes: what the pods request and the claims hold. Nothing here is
 * priced: the pods run on the cluster's own nodes and the claims on its StorageClasses, so `plan` shows the requests
 * and the storage instead of money.
 *
 * | object | shape |
 * |---|---|
 * | `StatefulSet` | `replicas` × each pod's requests (the larger of its containers' sum and its largest init container), the claim templates' storage per replica |
 * | CloudNativePG `Cluster` | `instances` × `resources.requests`, `storage.size` (+ `walStorage.size`) per instance |
 * | `RabbitmqCluster` | `replicas` × `resources.requests`, `persistence.storage` per replica (the operator's default 10Gi when unset) |
 * | `ObjectBucketClaim` | a bucket in the Ceph object store of its StorageClass: no capacity declared |
 */
import type { CostRules, ResourceShape, ShapeRule } from '../../core/cost';
import { describeRequests, gibibytes, plural, podRequests, PodRequests, trim } from '../../core/cost';
import { KubeObject, objectRef } from '../../core/prerequisites';


function pods(o: KubeObject, product: string, replicas: number, requests: PodRequests, storageGiB: number | undefined): ResourceShape {
  return {
    object: objectRef(o),
    product,
    highAvailability: replicas > 1 ? `${replicas} replicas` : 'none',
    nodes: replicas,
    storageGiB,
    requestsPerPod: requests,
    summary: `${plural(replicas, 'pod')} × (${describeRequests(requests)})`
      + `, ${storageGiB === undefined || storageGiB === 0 ? 'no persistent storage' : `${trim(storageGiB)} GiB storage per pod`}`,
  };
}

const RULES: ShapeRule[] = [
  {
    group: 'apps',
    kind: 'StatefulSet',
    shape: (o) => {
      const s = o.spec ?? {};
      const storage = (s.volumeClaimTemplates ?? []).reduce((sum: number, t: any) => sum + (gibibytes(t.spec?.resources?.requests?.storage) ?? 0), 0);
      return pods(o, 'StatefulSet (in-cluster)', s.replicas ?? 1, podRequests(s.template?.spec), storage);
    },
  },
  {
    group: 'postgresql.cnpg.io',
    kind: 'Cluster',
    shape: (o) => {
      const s = o.spec ?? {};
      const storage = (gibibytes(s.storage?.size) ?? 0) + (gibibytes(s.walStorage?.size) ?? 0);
      return pods(o, 'CloudNativePG Cluster (in-cluster)', s.instances ?? 1, podRequests({ containers: [{ resources: s.resources }] }), storage);
    },
  },
  {
    group: 'rabbitmq.com',
    kind: 'RabbitmqCluster',
    shape: (o) => {
      const s = o.spec ?? {};
      return pods(o, 'RabbitmqCluster (in-cluster)', s.replicas ?? 1, podRequests({ containers: [{ resources: s.resources }] }), gibibytes(s.persistence?.storage ?? '10Gi'));
    },
  },
  {
    group: 'objectbucket.io',
    kind: 'ObjectBucketClaim',
    shape: (o) => ({
      object: objectRef(o),
      product: 'ObjectBucketClaim (Rook/Ceph, in-cluster)',
      nodes: 0,
      summary: `a bucket in the object store of StorageClass ${o.spec?.storageClassName ?? '(none named)'}: no capacity declared, it uses the Ceph cluster's storage`,
    }),
  },
];

/** Shapes of the in-cluster objects (no estimate: they run on the cluster's nodes). */
export const IN_CLUSTER_COSTS: CostRules = { shapes: RULES };
