/**
 * `plan`'s shapes and estimates: each object of a service read by the rule of the environment that writes its API
 * kind (`Environment.costs`), and priced by that environment's snapshot. Price data is loaded here, by `plan`
 * only, on the first estimate.
 */
import '../environments';
import type { CostRules, Estimate, ResourceShape } from '../core/cost';
import { round } from '../core/cost';
import { environments } from '../core/environment';
import { apiGroupOf, KubeObject } from '../core/prerequisites';

/** What a service costs a month: the sum of its estimates, and what they could not price. */
export interface ServiceCost {
  /** What each object that provisions something provisions. Empty when no environment reads the shape of its kinds. */
  readonly shape: ResourceShape[];
  /** One estimate per priced object (none in-cluster). */
  readonly estimates: Estimate[];
  /** Sum of the priced parts, per currency (`{}` when nothing is priced). */
  readonly monthly: { [currency: string]: number };
  /** True when every part of every estimate has a price (false for an in-cluster service: it is not priced). */
  readonly complete: boolean;
}

/** The rules of the environment that reads an object's kind, if any. */
function rulesFor(o: KubeObject): { rules: CostRules; shape: (o: KubeObject) => ResourceShape } | undefined {
  const group = apiGroupOf(o.apiVersion);
  for (const e of environments()) {
    const rule = e.costs.shapes.find((r) => r.group === group && r.kind === o.kind);
    if (rule) return { rules: e.costs, shape: rule.shape };
  }
  return undefined;
}

/** The shapes and estimates of one service's objects, in manifest order. */
export function serviceCost(objects: readonly KubeObject[]): ServiceCost {
  const shape: ResourceShape[] = [];
  const estimates: Estimate[] = [];
  for (const o of objects) {
    const found = rulesFor(o);
    if (!found) continue;
    const s = found.shape(o);
    shape.push(s);
    const e = found.rules.estimate?.(o, s);
    if (e) estimates.push(e);
  }
  const monthly: { [currency: string]: number } = {};
  for (const e of estimates) if (e.lines.length > 0) monthly[e.currency] = round((monthly[e.currency] ?? 0) + e.monthly);
  const complete = estimates.length > 0 && estimates.every((e) => e.missing.length === 0)
    && shape.every((s) => estimates.some((e) => e.object === s.object));
  return { shape, estimates, monthly, complete };
}

/** The sum of several services' estimates, per currency; complete when every service's is. */
export function totalCost(costs: readonly ServiceCost[]): { monthly: { [currency: string]: number }; complete: boolean } {
  const monthly: { [currency: string]: number } = {};
  for (const c of costs) for (const [cur, n] of Object.entries(c.monthly)) monthly[cur] = round((monthly[cur] ?? 0) + n);
  return { monthly, complete: costs.length > 0 && costs.every((c) => c.complete) };
}
