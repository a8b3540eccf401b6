/**
 * What deleting a `RabbitmqCluster` does to its data on the real API server (garbage collector, StatefulSet
 * controller, PersistentVolume binder), for the `RabbitmqCluster` this library synthesizes. No operator runs: the
 * test creates its StatefulSet as the RabbitMQ cluster operator builds it (internal/resource/statefulset.go), read at
 * two versions:
 *
 * - v2.22.3 (the newest release): the claim template carries a controller reference to the `RabbitmqCluster`, which
 *   the StatefulSet controller copies onto each claim, so the garbage collector deletes the claims with their
 *   `RabbitmqCluster` whatever the StatefulSet's `persistentVolumeClaimRetentionPolicy` (the override's is applied);
 * - 06cda8e8 (the commit the CRD is pinned at, "Stop setting owner reference on PVCs"): no owner reference on the
 *   template; the StatefulSet's `persistentVolumeClaimRetentionPolicy` (the override's, else `whenDeleted: Delete`)
 *   decides.
 *
 * Either way, a volume whose `persistentVolumeReclaimPolicy` is `Retain` outlives its claim (`Released`, with the
 * data): that is what the library requires of the StorageClass for `DeletionPolicy.RETAIN` (`storageReclaimPolicy`).
 */
import { apply, applyAs, ensureNamespace, getJson, getObject, kubectl, toYaml, waitFor } from './kube';
import { DeletionPolicy, InClusterProfile, PortableQueue, Profile, QueueOperator } from '../../src';
import { newChart, synth } from '../util/synth';

type OperatorVersion = 'v2.22.3' | '06cda8e8';

/** The RabbitmqCluster the library synthesizes for a queue of `policy` (the profile's class reclaims alike). */
function rabbitmqCluster(policy: DeletionPolicy): any {
  const { chart } = newChart('apps');
  Profile.use(chart, new InClusterProfile({ queueOperator: QueueOperator.RABBITMQ_OPERATORS, storageClassName: 'rmq-data', storageReclaimPolicy: policy }));
  new PortableQueue(chart, 'Queue', { name: 'q', deletionPolicy: policy });
  return synth(chart).find((o) => o.kind === 'RabbitmqCluster');
}

function owner(obj: any, blockOwnerDeletion: boolean) {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, uid: obj.metadata.uid, controller: true, blockOwnerDeletion };
}

/** The StatefulSet the cluster operator of `version` builds for `rmq` (as stored), with its claim template. */
function operatorStatefulSet(rmq: any, version: OperatorVersion): any {
  const name = rmq.metadata.name;
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/component': 'rabbitmq' };
  const override = rmq.spec.override?.statefulSet?.spec?.persistentVolumeClaimRetentionPolicy;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: `${name}-server`, namespace: rmq.metadata.namespace, ownerReferences: [owner(rmq, true)] },
    spec: {
      replicas: 1,
      serviceName: `${name}-nodes`,
      selector: { matchLabels: labels },
      persistentVolumeClaimRetentionPolicy: override ?? { whenDeleted: 'Delete', whenScaled: 'Retain' },
      template: { metadata: { labels }, spec: { containers: [{ name: 'rabbitmq', image: rmq.spec.image }] } },
      volumeClaimTemplates: [{
        metadata: { name: 'persistence', labels, ...(version === 'v2.22.3' ? { ownerReferences: [owner(rmq, false)] } : {}) },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: rmq.spec.persistence.storageClassName,
          resources: { requests: { storage: rmq.spec.persistence.storage } },
        },
      }],
    },
  };
}

/** Applies the queue's RabbitmqCluster, plays the operator, deletes the RabbitmqCluster; what is left of the data. */
async function deleteCluster(version: OperatorVersion, policy: DeletionPolicy) {
  const namespace = `rmq-${version.replace(/\./g, '-')}-${policy}`;
  await ensureNamespace(namespace);
  const synthesized = rabbitmqCluster(policy);
  await apply(toYaml([{ ...synthesized, metadata: { ...synthesized.metadata, namespace } }]));
  const rmq = await getObject('rabbitmqclusters.rabbitmq.com', 'q', namespace);
  const claimName = 'persistence-q-server-0';
  // A volume bound in advance to the claim the StatefulSet controller will create, reclaimed as the profile says.
  const pv = `${namespace}-data`;
  await apply(toYaml([{
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pv },
    spec: {
      capacity: { storage: rmq.spec.persistence.storage },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: policy === DeletionPolicy.RETAIN ? 'Retain' : 'Delete',
      storageClassName: 'rmq-data',
      hostPath: { path: `/var/lib/test-${namespace}` },
      claimRef: { namespace, name: claimName },
    },
  }]));
  await applyAs('test-operator', toYaml([operatorStatefulSet(rmq, version)]));
  const claim = await waitFor(`claim ${claimName}`, () => getObject('persistentvolumeclaim', claimName, namespace));
  await waitFor(`volume ${pv} bound`, async () => (await getObject('persistentvolume', pv))?.status?.phase === 'Bound', 90_000, 500);

  await kubectl(['delete', 'rabbitmqclusters.rabbitmq.com', 'q', '-n', namespace, '--wait=true']);
  await waitFor('the garbage collector to delete the StatefulSet and its pod', async () =>
    (await getJson(['get', 'statefulsets,pods', '-n', namespace])).items.length === 0, 90_000, 500);
  // Give the garbage collector the time to act on the claim too (it would have by now: the StatefulSet went first).
  await new Promise((r) => setTimeout(r, 3000));
  const claimAfter = await getObject('persistentvolumeclaim', claimName, namespace);
  const claimKept = claimAfter !== undefined && claimAfter.metadata.deletionTimestamp === undefined && claimAfter.metadata.uid === claim.metadata.uid;
  let volume: any;
  if (!claimKept) {
    volume = await waitFor(`volume ${pv} released`, async () => {
      const v = await getObject('persistentvolume', pv);
      return v === undefined ? { gone: true } : v.status?.phase !== 'Bound' ? v : undefined;
    }, 90_000, 500);
  }
  return { claimKept, volume };
}

describe('deleting a RabbitmqCluster of the library, on the real API server', () => {
  test('v2.22.3: the claim goes with the RabbitmqCluster (owner reference), and a Retain volume stays Released with the data', async () => {
    const { claimKept, volume } = await deleteCluster('v2.22.3', DeletionPolicy.RETAIN);
    expect(claimKept).toBe(false);
    expect(volume.status.phase).toBe('Released');
    expect(volume.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(volume.spec.claimRef.name).toBe('persistence-q-server-0');
  });

  test('06cda8e8: with RETAIN the StatefulSet keeps the claim (the override\'s whenDeleted: Retain)', async () => {
    const { claimKept } = await deleteCluster('06cda8e8', DeletionPolicy.RETAIN);
    expect(claimKept).toBe(true);
  });

  test('06cda8e8: with DELETE the claim goes with the StatefulSet', async () => {
    const { claimKept } = await deleteCluster('06cda8e8', DeletionPolicy.DELETE);
    expect(claimKept).toBe(false);
  });
});
