/**
 * The Crossplane environment's part of `plan`'s shapes: the claim's portable parameters (size, high availability,
 * storage). The class and the region are chosen by the platform's Composition for the claim's
 * `compositionSelector`, which the app's manifests do not hold, so a claim is not priced: its estimate says so.
 *
 * | claim | shape |
 * |---|---|
 * | `Database` | `instanceSize`, `highAvailability`, `storageGB` |
 * | `Cache` | `memoryMiB`, `highAvailability` |
 * | `Queue` | `instanceSize`, `highAvailability` |
 * | `ObjectStore` | a bucket: no capacity declared |
 */
import type { CostRules, Estimate, ResourceShape, ShapeRule } from '../../core/cost';
import { KubeObject, objectRef } from '../../core/prerequisites';

const GROUP = 'portabledata.io';
const providerOf = (o: KubeObject): string | undefined => o.spec?.compositionSelector?.matchLabels?.provider;

function claim(kind: string, describe: (p: any) => Partial<ResourceShape> & { summary: string }): ShapeRule {
  return {
    group: GROUP,
    kind,
    shape: (o) => {
      const p = o.spec?.parameters ?? {};
      const provider = providerOf(o);
      const d = describe(p);
      return {
        object: objectRef(o),
        product: `Crossplane ${kind} claim${provider ? ` (Composition for provider ${provider})` : ''}`,
        ...d,
      };
    },
  };
}

const ha = (p: any) => (p.highAvailability ? 'high availability' : 'no high availability');

const RULES: ShapeRule[] = [
  claim('Database', (p) => ({
    instanceClass: p.instanceSize,
    highAvailability: p.highAvailability ? 'true' : 'false',
    storageGiB: p.storageGB,
    summary: `size ${p.instanceSize ?? '?'}, ${ha(p)}, ${p.storageGB ?? '?'} GiB storage`,
  })),
  claim('Cache', (p) => ({
    highAvailability: p.highAvailability ? 'true' : 'false',
    summary: `${p.memoryMiB ?? '?'} MiB memory, ${ha(p)}`,
  })),
  claim('Queue', (p) => ({
    instanceClass: p.instanceSize,
    highAvailability: p.highAvailability ? 'true' : 'false',
    summary: `size ${p.instanceSize ?? '?'}, ${ha(p)}`,
  })),
  claim('ObjectStore', () => ({ nodes: 0, summary: 'a bucket: no capacity declared' })),
];

/** Shapes of the claims; their estimate names what is missing (the Composition picks class and region). */
export const CROSSPLANE_COSTS: CostRules = {
  shapes: RULES,
  estimate: (o: KubeObject, shape: ResourceShape): Estimate => ({
    object: shape.object,
    snapshot: 'none',
    region: 'unknown',
    currency: 'USD',
    monthly: 0,
    lines: [],
    missing: [`no price: the class and the region of ${shape.object} are chosen by the platform's Composition`
      + ` for provider ${providerOf(o) ?? '(none selected)'}, which these manifests do not hold`],
    notes: [],
  }),
};
