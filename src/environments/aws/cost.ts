/**
 * The AWS environment's part of `plan`'s shapes and estimates: what each ACK object provisions, and its monthly
 * on-demand price from the snapshot in `catalog/data/prices.ts` (loaded on the first estimate, never at synth).
 *
 * | object | shape | priced as (snapshot keys) |
 * |---|---|---|
 * | `DBInstance` | `dbInstanceClass`, `multiAZ` (2 instances), `allocatedStorage` (GiB, `storageType`) | `rds:<engine>:<class>` per instance-hour × 730 × instances; `rds-storage:<type>` per GiB-month × instances |
 * | `ReplicationGroup` | `cacheNodeType`, `numNodeGroups × (1 + replicasPerNodeGroup)` nodes, Multi-AZ | `elasticache:<engine>:<type>` per node-hour × 730 × nodes |
 * | `Broker` | `hostInstanceType`, `deploymentMode` (`CLUSTER_MULTI_AZ` 3 brokers, `ACTIVE_STANDBY_MULTI_AZ` 2, else 1) | `mq:<engine>:<type>` per broker-hour × 730 × brokers |
 * | `Bucket` | no provisioned capacity (billed by use) | `s3:standard` per GiB-month, shown as a note |
 */
import type { CostRules, Estimate, PriceSnapshot, PriceWanted, ResourceShape, ShapeRule } from '../../core/cost';
import { estimateFrom, HOURS_PER_MONTH, plural } from '../../core/cost';
import { KubeObject, objectRef } from '../../core/prerequisites';

/** The region annotation ACK reads. */
const REGION_ANNOTATION = 'services.k8s.aws/region';

let snapshot: PriceSnapshot | undefined;

/** The AWS price snapshot, loaded on first use (never on the synth path). */
function prices(): PriceSnapshot {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (snapshot ??= (require('./catalog/data/prices') as typeof import('./catalog/data/prices')).AWS_PRICES);
}

function regionOf(o: KubeObject): string | undefined {
  return o.metadata?.annotations?.[REGION_ANNOTATION];
}


/** Amazon MQ brokers per deployment mode. */
function brokers(mode: string | undefined): number {
  if (mode === 'CLUSTER_MULTI_AZ') return 3;
  if (mode === 'ACTIVE_STANDBY_MULTI_AZ') return 2;
  return 1;
}

const RULES: ShapeRule[] = [
  {
    group: 'rds.services.k8s.aws',
    kind: 'DBInstance',
    shape: (o) => {
      const s = o.spec ?? {};
      const multiAZ = s.multiAZ === true;
      const nodes = multiAZ ? 2 : 1;
      const storage = typeof s.allocatedStorage === 'number' ? s.allocatedStorage : undefined;
      return {
        object: objectRef(o),
        product: `Amazon RDS for ${s.engine === 'postgres' ? 'PostgreSQL' : s.engine === 'mysql' ? 'MySQL' : s.engine ?? '?'}`,
        instanceClass: s.dbInstanceClass,
        highAvailability: multiAZ ? 'Multi-AZ' : 'none',
        nodes,
        storageGiB: storage,
        region: regionOf(o),
        summary: [
          s.dbInstanceClass ?? 'no class',
          multiAZ ? 'Multi-AZ (a primary and a standby: 2 instances)' : 'Single-AZ (1 instance)',
          storage === undefined ? 'no storage declared' : `${storage} GiB ${s.storageType ?? ''}`.trim() + (s.maxAllocatedStorage ? ` (autoscaling to ${s.maxAllocatedStorage} GiB)` : ''),
        ].join(', '),
      };
    },
  },
  {
    group: 'elasticache.services.k8s.aws',
    kind: 'ReplicationGroup',
    shape: (o) => {
      const s = o.spec ?? {};
      const shards = s.numNodeGroups ?? 1;
      const nodes = shards * (1 + (s.replicasPerNodeGroup ?? 0));
      return {
        object: objectRef(o),
        product: `Amazon ElastiCache (${s.engine ?? 'redis'})`,
        instanceClass: s.cacheNodeType,
        highAvailability: s.multiAZEnabled ? 'Multi-AZ' : 'none',
        nodes,
        region: regionOf(o),
        summary: `${s.cacheNodeType ?? 'no node type'}, ${plural(shards, 'shard')} × ${1 + (s.replicasPerNodeGroup ?? 0)} (${plural(nodes, 'node')})${s.multiAZEnabled ? ', Multi-AZ' : ''}`,
      };
    },
  },
  {
    group: 'mq.services.k8s.aws',
    kind: 'Broker',
    shape: (o) => {
      const s = o.spec ?? {};
      const n = brokers(s.deploymentMode);
      return {
        object: objectRef(o),
        product: `Amazon MQ for ${s.engineType === 'RABBITMQ' ? 'RabbitMQ' : s.engineType ?? '?'}`,
        instanceClass: s.hostInstanceType,
        highAvailability: s.deploymentMode ?? 'SINGLE_INSTANCE',
        nodes: n,
        region: regionOf(o),
        summary: `${s.hostInstanceType ?? 'no instance type'}, ${s.deploymentMode ?? 'SINGLE_INSTANCE'} (${plural(n, 'broker')})`,
      };
    },
  },
  {
    group: 's3.services.k8s.aws',
    kind: 'Bucket',
    shape: (o) => ({
      object: objectRef(o),
      product: 'Amazon S3',
      nodes: 0,
      region: regionOf(o) ?? o.spec?.createBucketConfiguration?.locationConstraint,
      summary: 'a bucket: no provisioned capacity, billed by the GiB stored and the requests',
    }),
  },
];

function wanted(o: KubeObject, shape: ResourceShape): { want: PriceWanted[]; notes: string[] } {
  const s = o.spec ?? {};
  const n = shape.nodes ?? 1;
  const times = n > 1 ? ` × ${n}` : '';
  switch (o.kind) {
    case 'DBInstance': {
      const want: PriceWanted[] = [{ key: `rds:${s.engine}:${s.dbInstanceClass}`, item: `${s.dbInstanceClass} instance-hours${times}`, quantity: HOURS_PER_MONTH * n, unit: 'instance-hour' }];
      if (shape.storageGiB !== undefined) {
        want.push({ key: `rds-storage:${s.storageType ?? 'gp2'}`, item: `${s.storageType ?? 'gp2'} storage, ${shape.storageGiB} GiB${times}`, quantity: shape.storageGiB * n, unit: 'GiB-month' });
      }
      const notes = s.maxAllocatedStorage ? [`storage autoscaling up to ${s.maxAllocatedStorage} GiB is billed as it grows`] : [];
      return { want, notes };
    }
    case 'ReplicationGroup':
      return { want: [{ key: `elasticache:${s.engine ?? 'redis'}:${s.cacheNodeType}`, item: `${s.cacheNodeType} node-hours${times}`, quantity: HOURS_PER_MONTH * n, unit: 'node-hour' }], notes: [] };
    case 'Broker':
      return {
        want: [{ key: `mq:${String(s.engineType ?? '').toLowerCase()}:${s.hostInstanceType}`, item: `${s.hostInstanceType} broker-hours${times}`, quantity: HOURS_PER_MONTH * n, unit: 'broker-hour' }],
        notes: ['broker storage is billed by the GiB used and is not included'],
      };
    default: {
      const perGiB = shape.region === undefined ? undefined : prices().regions[shape.region]?.['s3:standard'];
      return { want: [], notes: [perGiB === undefined ? 'billed by use (GiB stored, requests): not estimated' : `billed by use: S3 Standard ${perGiB} ${prices().currency} per GiB-month stored, plus requests: not estimated`] };
    }
  }
}

/** Shapes of the ACK objects and their estimates. */
export const AWS_COSTS: CostRules = {
  shapes: RULES,
  estimate: (o: KubeObject, shape: ResourceShape): Estimate => {
    const { want, notes } = wanted(o, shape);
    return estimateFrom(prices(), shape.object, shape.region, want, notes);
  },
};
