/**
 * The GCP environment's part of `plan`'s shapes and estimates: what each Config Connector object provisions, and its
 * monthly on-demand price from the snapshot in `catalog/data/prices.ts` (loaded on the first estimate, never at synth).
 *
 * | object | shape | priced as (snapshot keys) |
 * |---|---|---|
 * | `SQLInstance` | `settings.tier` (vCPUs and memory), `availabilityType` (`REGIONAL`: 2 instances), `diskSize` GiB | `cloud-sql:<edition>:vcpu` per vCPU-hour and `:memory` per GiB-hour × 730 × instances; `cloud-sql-storage:<diskType>` per GiB-month × instances |
 * | `RedisInstance` | `tier` (`STANDARD_HA`: a primary and a replica), `memorySizeGb` | `memorystore:<tier>:<capacity tier M1…M5>` per GiB-hour × 730 |
 * | `StorageBucket` | no provisioned capacity (billed by use) | `gcs:standard` per GiB-month, shown as a note |
 */
import type { CostRules, Estimate, PriceSnapshot, PriceWanted, ResourceShape, ShapeRule } from '../../core/cost';
import { estimateFrom, HOURS_PER_MONTH, trim } from '../../core/cost';
import { KubeObject, objectRef } from '../../core/prerequisites';

let snapshot: PriceSnapshot | undefined;

/** The GCP price snapshot, loaded on first use (never on the synth path). */
function prices(): PriceSnapshot {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (snapshot ??= (require('./catalog/data/prices') as typeof import('./catalog/data/prices')).GCP_PRICES);
}


/** vCPUs and memory (GiB) of a Cloud SQL tier: `db-custom-<cpu>-<MiB>`, `db-perf-optimized-N-<cpu>`; else undefined. */
export function cloudSqlMachine(tier: string | undefined): { vcpu: number; memoryGiB: number } | undefined {
  const custom = /^db-custom-(\d+)-(\d+)$/.exec(tier ?? '');
  if (custom) return { vcpu: Number(custom[1]), memoryGiB: Number(custom[2]) / 1024 };
  const perf = /^db-perf-optimized-N-(\d+)$/.exec(tier ?? '');
  if (perf) return { vcpu: Number(perf[1]), memoryGiB: Number(perf[1]) * 8 };
  return undefined;
}

/** Memorystore for Redis capacity tier of a size: M1 (1–4 GB), M2 (5–10), M3 (11–35), M4 (36–100), M5 (above). */
export function memorystoreCapacityTier(gb: number): string {
  if (gb <= 4) return 'M1';
  if (gb <= 10) return 'M2';
  if (gb <= 35) return 'M3';
  if (gb <= 100) return 'M4';
  return 'M5';
}

const RULES: ShapeRule[] = [
  {
    group: 'sql.cnrm.cloud.google.com',
    kind: 'SQLInstance',
    shape: (o) => {
      const s = o.spec ?? {};
      const st = s.settings ?? {};
      const regional = st.availabilityType === 'REGIONAL';
      const machine = cloudSqlMachine(st.tier);
      return {
        object: objectRef(o),
        product: `Cloud SQL for ${String(s.databaseVersion ?? '?').startsWith('POSTGRES') ? 'PostgreSQL' : 'MySQL'} (${st.edition ?? 'ENTERPRISE'})`,
        instanceClass: st.tier,
        highAvailability: st.availabilityType ?? 'ZONAL',
        nodes: regional ? 2 : 1,
        storageGiB: st.diskSize,
        region: s.region,
        summary: [
          `${st.tier ?? 'no tier'}${machine ? ` (${machine.vcpu} vCPU, ${trim(machine.memoryGiB)} GiB)` : ''}`,
          regional ? 'REGIONAL (a primary and a standby: 2 instances)' : 'ZONAL (1 instance)',
          st.diskSize === undefined ? 'no disk size declared' : `${st.diskSize} GiB ${st.diskType ?? ''}`.trim() + (st.diskAutoresize ? ' (autoresize)' : ''),
        ].join(', '),
      };
    },
  },
  {
    group: 'redis.cnrm.cloud.google.com',
    kind: 'RedisInstance',
    shape: (o) => {
      const s = o.spec ?? {};
      const ha = s.tier === 'STANDARD_HA';
      return {
        object: objectRef(o),
        product: 'Memorystore for Redis',
        instanceClass: s.tier,
        highAvailability: ha ? 'STANDARD_HA' : 'BASIC',
        nodes: ha ? 2 : 1,
        storageGiB: s.memorySizeGb,
        region: s.region,
        summary: `${s.tier ?? 'BASIC'} (${ha ? 'a primary and a replica' : '1 node'}), ${s.memorySizeGb ?? '?'} GiB memory`,
      };
    },
  },
  {
    group: 'storage.cnrm.cloud.google.com',
    kind: 'StorageBucket',
    shape: (o) => ({
      object: objectRef(o),
      product: 'Cloud Storage',
      nodes: 0,
      region: o.spec?.location === undefined ? undefined : String(o.spec.location).toLowerCase(),
      summary: 'a bucket: no provisioned capacity, billed by the GiB stored and the operations',
    }),
  },
];

function wanted(o: KubeObject, shape: ResourceShape): { want: PriceWanted[]; notes: string[] } {
  const s = o.spec ?? {};
  const n = shape.nodes ?? 1;
  const times = n > 1 ? ` × ${n}` : '';
  switch (o.kind) {
    case 'SQLInstance': {
      const st = s.settings ?? {};
      const edition = st.edition ?? 'ENTERPRISE';
      const machine = cloudSqlMachine(st.tier);
      const want: PriceWanted[] = machine
        ? [
          { key: `cloud-sql:${edition}:vcpu`, item: `${machine.vcpu} vCPU${times}`, quantity: machine.vcpu * HOURS_PER_MONTH * n, unit: 'vCPU-hour' },
          { key: `cloud-sql:${edition}:memory`, item: `${trim(machine.memoryGiB)} GiB memory${times}`, quantity: machine.memoryGiB * HOURS_PER_MONTH * n, unit: 'GiB-hour' },
        ]
        : [{ key: `cloud-sql:${edition}:${st.tier}`, item: `${st.tier} instance-hours${times}`, quantity: HOURS_PER_MONTH * n, unit: 'instance-hour' }];
      if (typeof st.diskSize === 'number') {
        want.push({ key: `cloud-sql-storage:${st.diskType ?? 'PD_SSD'}`, item: `${st.diskType ?? 'PD_SSD'} storage, ${st.diskSize} GiB${times}`, quantity: st.diskSize * n, unit: 'GiB-month' });
      }
      return { want, notes: st.diskAutoresize ? ['disk autoresize grows the disk (and its price) as data grows'] : [] };
    }
    case 'RedisInstance':
      const gb = s.memorySizeGb ?? 0;
      const key = `memorystore:${s.tier ?? 'BASIC'}:${memorystoreCapacityTier(gb)}`;
      return { want: [{ key, item: `${gb} GiB ${s.tier ?? 'BASIC'}`, quantity: gb * HOURS_PER_MONTH, unit: 'GiB-hour' }], notes: [] };
    default: {
      const perGiB = shape.region === undefined ? undefined : prices().regions[shape.region]?.['gcs:standard'];
      return { want: [], notes: [perGiB === undefined ? 'billed by use (GiB stored, operations): not estimated' : `billed by use: Standard storage ${perGiB} ${prices().currency} per GiB-month, plus operations: not estimated`] };
    }
  }
}

/** Shapes of the Config Connector objects and their estimates. */
export const GCP_COSTS: CostRules = {
  shapes: RULES,
  estimate: (o: KubeObject, shape: ResourceShape): Estimate => {
    const { want, notes } = wanted(o, shape);
    return estimateFrom(prices(), shape.object, shape.region, want, notes);
  },
};
