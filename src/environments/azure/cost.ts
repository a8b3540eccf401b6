/**
 * The Azure environment's part of `plan`'s shapes and estimates: what each Azure Service Operator object provisions,
 * and its monthly pay-as-you-go price from the snapshot in `catalog/data/prices.ts` (loaded on the first estimate,
 * never at synth).
 *
 * | object | shape | priced as (snapshot keys) |
 * |---|---|---|
 * | `FlexibleServer` (MySQL, PostgreSQL) | `sku.name`, `highAvailability.mode` (`ZoneRedundant`/`SameZone`: 2 servers), `storage.storageSizeGB` | `<engine>-flexible:<sku>` per instance-hour × 730 × servers; `<engine>-flexible-storage` per GiB-month × servers |
 * | `RedisEnterprise` | `sku.name`, `highAvailability` | `managed-redis:<sku>` per instance-hour × 730 (the retail price of the SKU, high availability included) |
 */
import type { CostRules, Estimate, PriceSnapshot, PriceWanted, ResourceShape, ShapeRule } from '../../core/cost';
import { estimateFrom, HOURS_PER_MONTH } from '../../core/cost';
import { KubeObject, objectRef } from '../../core/prerequisites';

let snapshot: PriceSnapshot | undefined;

/** The Azure price snapshot, loaded on first use (never on the synth path). */
function prices(): PriceSnapshot {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (snapshot ??= (require('./catalog/data/prices') as typeof import('./catalog/data/prices')).AZURE_PRICES);
}

const engineOf = (o: KubeObject) => (String(o.apiVersion ?? '').startsWith('dbformysql.') ? 'mysql' : 'postgresql');

function flexibleServer(group: string): ShapeRule {
  return {
    group,
    kind: 'FlexibleServer',
    shape: (o) => {
      const s = o.spec ?? {};
      const mode = s.highAvailability?.mode ?? 'Disabled';
      const ha = mode !== 'Disabled';
      const storage = s.storage?.storageSizeGB;
      return {
        object: objectRef(o),
        product: `Azure Database for ${engineOf(o) === 'mysql' ? 'MySQL' : 'PostgreSQL'} flexible server`,
        instanceClass: s.sku?.name,
        highAvailability: mode,
        nodes: ha ? 2 : 1,
        storageGiB: storage,
        region: s.location,
        summary: [
          `${s.sku?.name ?? 'no SKU'}${s.sku?.tier ? ` (${s.sku.tier})` : ''}`,
          ha ? `high availability ${mode} (a primary and a standby: 2 servers)` : 'no high availability (1 server)',
          storage === undefined ? 'no storage declared' : `${storage} GiB${s.storage?.autoGrow === 'Enabled' ? ' (auto-grow)' : ''}`,
        ].join(', '),
      };
    },
  };
}

const RULES: ShapeRule[] = [
  flexibleServer('dbformysql.azure.com'),
  flexibleServer('dbforpostgresql.azure.com'),
  {
    group: 'cache.azure.com',
    kind: 'RedisEnterprise',
    shape: (o) => {
      const s = o.spec ?? {};
      const ha = s.highAvailability !== 'Disabled';
      return {
        object: objectRef(o),
        product: 'Azure Managed Redis',
        instanceClass: s.sku?.name,
        highAvailability: ha ? 'Enabled' : 'Disabled',
        nodes: ha ? 2 : 1,
        region: s.location,
        summary: `${s.sku?.name ?? 'no SKU'}, high availability ${ha ? 'enabled (a primary and a replica)' : 'disabled'}`,
      };
    },
  },
];

function wanted(o: KubeObject, shape: ResourceShape): PriceWanted[] {
  const s = o.spec ?? {};
  if (o.kind === 'RedisEnterprise') {
    const sku = `${s.sku?.name}${s.highAvailability === 'Disabled' ? ':no-ha' : ''}`;
    return [{ key: `managed-redis:${sku}`, item: `${s.sku?.name} instance-hours`, quantity: HOURS_PER_MONTH, unit: 'instance-hour' }];
  }
  const engine = engineOf(o);
  const n = shape.nodes ?? 1;
  const times = n > 1 ? ` × ${n}` : '';
  const want: PriceWanted[] = [{ key: `${engine}-flexible:${s.sku?.name}`, item: `${s.sku?.name} instance-hours${times}`, quantity: HOURS_PER_MONTH * n, unit: 'instance-hour' }];
  if (shape.storageGiB !== undefined) {
    want.push({ key: `${engine}-flexible-storage`, item: `storage, ${shape.storageGiB} GiB${times}`, quantity: shape.storageGiB * n, unit: 'GiB-month' });
  }
  return want;
}

/** Shapes of the Azure Service Operator objects and their estimates. */
export const AZURE_COSTS: CostRules = {
  shapes: RULES,
  estimate: (o: KubeObject, shape: ResourceShape): Estimate => estimateFrom(prices(), shape.object, shape.region, wanted(o, shape)),
};
