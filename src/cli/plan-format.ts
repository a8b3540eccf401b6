import { PlannedObject, Prerequisite, ProfilePlan, ServicePlan, ServiceCost } from './plan';
import { describeRequests, Estimate, trim } from '../core/cost';

/** The output formats of `plan`. */
export const PLAN_FORMATS = ['table', 'json', 'markdown'] as const;
/** `table` (for people), `json` (for CI), `markdown` (for a pull request). */
export type PlanFormat = typeof PLAN_FORMATS[number];

/** One row per connection key: `synth` with its value, or `deploy` with where the binder reads it. */
function keyRows(s: ServicePlan): string[][] {
  return [
    ...Object.entries(s.atSynth).map(([k, v]) => [k, 'synth', v]),
    ...s.atDeploy.map((k) => [k.key, 'deploy', k.from]),
  ];
}

function title(p: ProfilePlan): string {
  return p.profile === undefined ? `manifests in ${p.source}${forProfiles(p)}` : `profile ${p.profile} (${p.source}, PORTABLE_PROFILE=${p.profile})`;
}

/** `, synthesized for profile aws` (or `profiles a, b`), from the objects' annotations; empty when none names one. */
function forProfiles(p: ProfilePlan): string {
  const names = p.synthesizedFor;
  return names.length === 0 ? '' : `, synthesized for profile${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
}

/** Rows padded into columns (the last column is not padded). */
function columns(rows: string[][], indent: string): string[] {
  const widths = rows.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  return rows.map((r) => indent + r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join('  ').trimEnd());
}

function objectRows(objects: PlannedObject[]): string[][] {
  return objects.map((o) => [`${o.kind}/${o.name}`, o.apiVersion]);
}

function prerequisiteRows(prerequisites: Prerequisite[]): string[][] {
  return prerequisites.map((p) => [p.scope, p.requirement, `for ${p.neededBy.join(', ')}`]);
}

/** The shape rows: object, product, summary. */
function shapeRows(c: ServiceCost): string[][] {
  return c.shape.map((x) => [x.object, x.product, x.summary]);
}

const money = (n: number, currency: string) => `${n.toFixed(2)} ${currency}`;

/** `(prices of <date>, <region>, <currency>)`. */
function label(e: Estimate): string {
  return `prices of ${e.snapshot}, ${e.region}, ${e.currency}`;
}

/** One row per priced line, missing price and note of an estimate. */
function estimateRows(e: Estimate): string[][] {
  return [
    ...e.lines.map((l) => [e.object, l.item, `${trim(l.quantity)} ${l.unit} × ${l.unitPrice} = ${money(l.monthly, e.currency)}`]),
    ...e.missing.map((m) => [e.object, 'no price', m]),
    ...e.notes.map((n) => [e.object, 'not included', n]),
  ];
}

/** The one-line total of a service: the sum and its labels, or why there is none. */
export function costTotal(c: ServiceCost): string {
  if (c.estimates.length === 0) {
    const pods = c.shape.filter((x) => x.requestsPerPod !== undefined);
    if (pods.length === 0) return c.shape.length === 0 ? 'no shape reported: no environment reads the shape of these objects' : 'not priced (in-cluster)';
    const cpu = pods.reduce((s, x) => s + x.requestsPerPod!.cpu * (x.nodes ?? 1), 0);
    const mem = pods.reduce((s, x) => s + x.requestsPerPod!.memoryMiB * (x.nodes ?? 1), 0);
    const storage = pods.reduce((s, x) => s + (x.storageGiB ?? 0) * (x.nodes ?? 1), 0);
    return `not priced (in-cluster, on the cluster's nodes): requests ${describeRequests({ cpu, memoryMiB: mem })} in all, ${trim(storage)} GiB of claims`;
  }
  const labels = [...new Set(c.estimates.map(label))].join('; ');
  const sums = Object.entries(c.monthly).map(([cur, n]) => money(n, cur)).join(' + ');
  if (sums === '') return `no estimate: ${c.estimates.flatMap((e) => e.missing)[0] ?? 'nothing priced'}`;
  return `${sums} a month${c.complete ? '' : ' (partial: some parts have no price, see above)'} (${labels})`;
}

/** The profile's total: the sum of what is priced, and whether anything is not. */
export function profileTotal(p: ProfilePlan): string {
  const sums = Object.entries(p.cost.monthly).map(([cur, n]) => money(n, cur)).join(' + ');
  if (sums === '') return 'nothing priced (see each service)';
  return `${sums} a month${p.cost.complete ? '' : ', without the parts that have no price or are not priced (see each service)'}`;
}

function tableOfService(s: ServicePlan): string[] {
  const lines = [`service ${s.service}: backend ${s.backend}${s.connectionSecret ? `, connection Secret ${s.connectionSecret}` : ''}`];
  lines.push('  objects', ...columns(objectRows(s.objects), '    '));
  lines.push('  prerequisites', ...(s.prerequisites.length > 0 ? columns(prerequisiteRows(s.prerequisites), '    ') : ['    none']));
  const keys = keyRows(s);
  if (keys.length > 0) lines.push('  connection keys (set at synth, or filled in at deploy time by the binder)', ...columns(keys, '    '));
  lines.push('  shape', ...(s.cost.shape.length > 0 ? columns(shapeRows(s.cost), '    ') : ['    none reported']));
  if (s.cost.estimates.length === 0) {
    lines.push(`  monthly estimate: ${costTotal(s.cost)}`);
  } else {
    lines.push('  monthly estimate (on-demand list prices; data transfer, backups beyond the free allowance and I/O not included)');
    lines.push(...columns(s.cost.estimates.flatMap(estimateRows), '    '), `    total: ${costTotal(s.cost)}`);
  }
  return lines;
}

function table(plans: ProfilePlan[]): string {
  const out: string[] = [];
  for (const p of plans) {
    if (out.length > 0) out.push('');
    out.push(title(p), '');
    if (p.services.length === 0) out.push('no service of cdk8s-portable-data (no object has the portabledata.io/backend label)');
    for (const s of p.services) out.push(...tableOfService(s), '');
    if (p.otherObjects.length > 0) {
      out.push('other objects (no service)', ...columns(objectRows(p.otherObjects), '    '));
      if (p.otherPrerequisites.length > 0) out.push('  prerequisites', ...columns(prerequisiteRows(p.otherPrerequisites), '    '));
    }
    if (p.services.length > 0) out.push('', `monthly estimate of ${p.profile === undefined ? 'these manifests' : `profile ${p.profile}`}: ${profileTotal(p)}`);
  }
  return out.join('\n').replace(/\n+$/, '');
}

const cell = (s: string) => s.replace(/\|/g, '\\|');
const code = (s: string) => `\`${s}\``;

function mdTable(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function markdownOfService(s: ServicePlan): string[] {
  const out = [`### ${code(s.service)}: backend ${code(s.backend)}`, ''];
  out.push(...mdTable(['object', 'apiVersion'], s.objects.map((o) => [code(`${o.kind}/${o.name}`), code(o.apiVersion)])), '');
  if (s.prerequisites.length > 0) {
    out.push(...mdTable(['prerequisite', 'where', 'needed by'], s.prerequisites.map((p) => [p.requirement, p.scope, p.neededBy.map(code).join(', ')])), '');
  }
  const keys = keyRows(s);
  if (keys.length > 0) {
    out.push(`Connection Secret ${code(s.connectionSecret ?? '?')}:`, '');
    out.push(...mdTable(['key', 'known at', 'value or source'], keys.map(([k, when, v]) => [code(k), when, v])), '');
  }
  if (s.cost.shape.length > 0) out.push(...mdTable(['object', 'what', 'shape'], shapeRows(s.cost).map(([o, p, x]) => [code(o), p, x])), '');
  const rows = s.cost.estimates.flatMap(estimateRows);
  if (rows.length > 0) out.push(...mdTable(['object', 'part', 'monthly'], rows.map(([o, p, x]) => [code(o), p, x])), '');
  out.push(`Monthly estimate: ${costTotal(s.cost)}.`, '');
  return out;
}

function markdown(plans: ProfilePlan[]): string {
  const out: string[] = [];
  for (const p of plans) {
    out.push(`## ${p.profile === undefined ? `Manifests in ${code(p.source)}` : `Profile ${code(p.profile)}`}`, '');
    if (p.profile !== undefined) out.push(`Synthesized from ${code(p.source)} with ${code(`PORTABLE_PROFILE=${p.profile}`)}.`, '');
    else if (p.synthesizedFor.length > 0) out.push(`Synthesized for ${p.synthesizedFor.map((n) => `profile ${code(n)}`).join(', ')} (the objects' \`portabledata.io/profile\`).`, '');
    if (p.services.length === 0) out.push('No service of cdk8s-portable-data (no object has the `portabledata.io/backend` label).', '');
    for (const s of p.services) out.push(...markdownOfService(s));
    if (p.services.length > 0) out.push(`Monthly estimate of all services: ${profileTotal(p)}.`, '');
    if (p.otherObjects.length > 0) {
      out.push('### Other objects (no service)', '');
      out.push(...mdTable(['object', 'apiVersion'], p.otherObjects.map((o) => [code(`${o.kind}/${o.name}`), code(o.apiVersion)])), '');
      if (p.otherPrerequisites.length > 0) {
        out.push(...mdTable(['prerequisite', 'where', 'needed by'], p.otherPrerequisites.map((x) => [x.requirement, x.scope, x.neededBy.map(code).join(', ')])), '');
      }
    }
  }
  return out.join('\n').replace(/\n+$/, '');
}

/** The plans of one or more profiles in a format. */
export function formatPlan(plans: ProfilePlan[], format: PlanFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ profiles: plans.map((p) => ({ ...p, profile: p.profile ?? null })) }, null, 2);
    case 'markdown':
      return markdown(plans);
    default:
      return table(plans);
  }
}
