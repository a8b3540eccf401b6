/**
 * The hand-written model of function-patch-and-transform (test/environments/crossplane/render.ts), which the fast unit
 * tests of the Crossplane backends use, held against the real function: for one claim, the composed resources and
 * the connection details of both, and their differences.
 */
import { FunctionResponse, Observed, Platform, composeClaim, crossplaneRender, fieldPath, observe, runFunction } from './render';
import { Rendered, render as modelRender } from '../environments/crossplane/render';

const CROSSPLANE_LABELS = ['crossplane.io/composite', 'crossplane.io/claim-name', 'crossplane.io/claim-namespace'];
const NAME_ANNOTATION = 'crossplane.io/composition-resource-name';

/** What the two renderings have in common to compare: no names, no owner, no Crossplane bookkeeping. */
export function comparable(o: any): any {
  const { name: _n, generateName: _g, ownerReferences: _o, labels, annotations, ...meta } = o.metadata ?? {};
  const own = (m: { [k: string]: string } | undefined, drop: string[]) => {
    const kept = Object.entries(m ?? {}).filter(([k]) => !drop.includes(k));
    return kept.length > 0 ? Object.fromEntries(kept) : undefined;
  };
  const a = own(annotations, [NAME_ANNOTATION]);
  const l = own(labels, CROSSPLANE_LABELS);
  return { ...o, metadata: { ...meta, ...(a ? { annotations: a } : {}), ...(l ? { labels: l } : {}) } };
}

/** The connection details the model's templates declare, evaluated as the function does against observed state. */
export function modelConnectionDetails(rendered: Rendered[], observed: { [name: string]: Observed }): { [key: string]: string } {
  const out: { [key: string]: string } = {};
  for (const r of rendered) {
    const o = observed[r.name];
    if (!o) continue; // The function reads connection details of observed resources only.
    for (const d of r.connectionDetails) {
      if (d.type === 'FromValue') {
        out[d.name] = d.value;
      } else if (d.type === 'FromConnectionSecretKey') {
        if (o.connectionDetails[d.fromConnectionSecretKey] !== undefined) out[d.name] = o.connectionDetails[d.fromConnectionSecretKey];
      } else if (d.type === 'FromFieldPath') {
        let cur: any = o.resource;
        for (const s of fieldPath(d.fromFieldPath)) cur = cur === null || typeof cur !== 'object' ? undefined : cur[s];
        if (cur !== undefined) out[d.name] = typeof cur === 'string' ? cur : JSON.stringify(cur);
      } else {
        throw new Error(`connection detail type ${d.type} is not modelled`);
      }
    }
  }
  return out;
}

/** Both renderings of a claim and where they differ (`[]`: they agree). */
export interface Agreement {
  readonly real: { composed: any[]; connection: FunctionResponse; observed: { [name: string]: Observed } };
  readonly model: { rendered: Rendered[]; connectionDetails: { [key: string]: string } };
  readonly differences: string[];
}

/** Renders a claim with the real function and with the model, through the Composition of the platform it selects. */
export async function agreement(claim: any, platform: Platform): Promise<Agreement> {
  const { xrd, composite, composition } = composeClaim(claim, platform);
  const { composed } = await crossplaneRender(composite, composition, xrd);
  const rendered = modelRender(composition, composite);
  const observed = observe(composed, composition);
  const connection = await runFunction(composite, composition, observed);
  const connectionDetails = modelConnectionDetails(rendered, observed);

  const differences: string[] = [];
  const realByName = new Map(composed.map((c) => [c.metadata.annotations[NAME_ANNOTATION] as string, c]));
  const modelNames = rendered.filter((r) => !r.skipped).map((r) => r.name).sort();
  if (JSON.stringify([...realByName.keys()].sort()) !== JSON.stringify(modelNames)) {
    differences.push(`composed resources: real ${JSON.stringify([...realByName.keys()].sort())}, model ${JSON.stringify(modelNames)}`);
  }
  for (const r of rendered.filter((x) => !x.skipped)) {
    const real = realByName.get(r.name);
    if (!real) continue;
    const [a, b] = [JSON.stringify(sorted(comparable(real))), JSON.stringify(sorted(comparable(r.resource)))];
    if (a !== b) differences.push(`${r.name}: real ${a}\n  model ${b}`);
  }
  const [ca, cb] = [JSON.stringify(sorted(connection.connectionDetails)), JSON.stringify(sorted(connectionDetails))];
  if (ca !== cb) differences.push(`connection details: real ${ca}, model ${cb}`);
  return { real: { composed, connection, observed }, model: { rendered, connectionDetails }, differences };
}

/** A copy with object keys sorted (JSON comparison independent of key order). */
function sorted(v: any): any {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])]));
}
