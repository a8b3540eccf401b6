/**
 * `cdk8s-portable-data plan --diff OLD`: what applying one synth output over another does, per service and backend:
 * every changed field of every object classified by `diff-rules.ts` (nothing, in place, restart, failover,
 * irreversible, replaces, refused). Pure functions over parsed objects.
 */
import { BLOCKING, classify, Consequence, FieldChange, rulesFor, severity, Verdict } from './diff-rules';
import { BACKEND_LABEL, INSTANCE_LABEL } from './plan';
import { apiGroupOf, KubeObject } from './prerequisites';

/** Exit code of `plan --diff` when a change loses data or will be refused (0 otherwise). */
export const EXIT_BLOCKING = 3;

/** One classified change. */
export interface DiffChange {
  /** `Kind/name` of the object. */
  readonly object: string;
  readonly apiVersion: string;
  /** The changed field (`spec.settings.diskSize`), or `(object)` when the object is added or removed. */
  readonly path: string;
  /** Old and new value, as JSON (absent: undefined). */
  readonly old?: string;
  readonly new?: string;
  readonly consequence: Consequence;
  readonly reason: string;
}

/** The changes of one service. */
export interface ServiceDiff {
  readonly service: string;
  /** `old → new` when the backend changed, else the backend. */
  readonly backend: string;
  /** The most severe consequence of its changes (`none` without changes). */
  readonly consequence: Consequence;
  readonly changes: DiffChange[];
}

/** The whole diff. */
export interface PlanDiff {
  readonly oldSource: string;
  readonly newSource: string;
  /** Services in the new manifests (in order), then services only in the old ones. */
  readonly services: ServiceDiff[];
  /** Changes of objects of no service. */
  readonly otherChanges: DiffChange[];
  /** The most severe consequence overall. */
  readonly consequence: Consequence;
  /** Whether a change loses data or will be refused (`replaces`, `refused`): the exit code is `EXIT_BLOCKING`. */
  readonly blocking: boolean;
}

/** Fields the API server or controllers own, never part of what the app declares. */
const IGNORED_TOP = new Set(['status']);

function identity(o: KubeObject): string {
  return `${apiGroupOf(o.apiVersion)}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

const json = (x: unknown) => (x === undefined ? undefined : JSON.stringify(x));

/** The changed leaves between two values, as paths (`a.b[0].c`). */
export function changedPaths(a: unknown, b: unknown, path: string = ''): Array<{ path: string; old: unknown; new: unknown }> {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObj = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (Array.isArray(a) && Array.isArray(b)) {
    const out = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...changedPaths(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  if (isObj(a) && isObj(b)) {
    const out = [];
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
    for (const k of keys) out.push(...changedPaths((a as any)[k], (b as any)[k], path ? `${path}.${k}` : k));
    return out;
  }
  return [{ path, old: a, new: b }];
}

/** The fields of an object a diff compares: all but `status`, and of `metadata` the labels and annotations. */
function declared(o: KubeObject): object {
  const out: { [k: string]: unknown } = {};
  for (const [k, val] of Object.entries(o)) {
    if (IGNORED_TOP.has(k)) continue;
    out[k] = k === 'metadata' ? { labels: (val as any)?.labels, annotations: (val as any)?.annotations } : val;
  }
  return out;
}

function objectChanges(oldO: KubeObject | undefined, newO: KubeObject | undefined): DiffChange[] {
  const o = (newO ?? oldO)!;
  const group = apiGroupOf(o.apiVersion);
  const rules = rulesFor(group, o.kind ?? '');
  const object = `${o.kind}/${o.metadata?.name}`;
  const base = { object, apiVersion: o.apiVersion ?? '?' };
  if (oldO === undefined) return [{ ...base, path: '(object)', consequence: 'in-place', reason: 'added: created at the apply' }];
  if (newO === undefined) {
    const verdict: Verdict = rules?.holdsData
      ? { consequence: 'replaces', reason: 'removed or renamed: the resource and its data are deleted (or, with DeletionPolicy.RETAIN, left behind and not re-attached by a new name)' }
      : { consequence: 'in-place', reason: 'removed: deleted at the next apply with pruning (holds no data)' };
    return [{ ...base, path: '(object)', ...verdict }];
  }
  return changedPaths(declared(oldO), declared(newO)).map((c) => {
    const change: FieldChange = { path: c.path, old: c.old, new: c.new, oldObject: oldO, newObject: newO };
    const verdict = c.path.startsWith('metadata.') ? { consequence: 'in-place' as const, reason: 'labels and annotations are applied online' } : classify(rules, change);
    return { ...base, path: c.path, old: json(c.old), new: json(c.new), ...verdict };
  });
}

const worst = (cs: readonly { consequence: Consequence }[]): Consequence => cs.reduce<Consequence>((w, c) => (severity(c.consequence) > severity(w) ? c.consequence : w), 'none');

/** The backends of a set of objects (their `portabledata.io/backend` labels), joined. */
function backendOf(objects: readonly KubeObject[]): string | undefined {
  const set = [...new Set(objects.map((o) => o.metadata?.labels?.[BACKEND_LABEL]).filter((b): b is string => b !== undefined))];
  return set.length > 0 ? set.join(', ') : undefined;
}

/**
 * Compares two synth outputs: objects are matched by API group, kind, namespace and name; services by their
 * `app.kubernetes.io/instance` label (a group is a service when a backend labelled one of its objects).
 */
export function diffObjects(oldObjects: readonly KubeObject[], newObjects: readonly KubeObject[], oldSource: string, newSource: string): PlanDiff {
  const oldById = new Map(oldObjects.map((o) => [identity(o), o]));
  const newById = new Map(newObjects.map((o) => [identity(o), o]));
  const serviceOf = (o: KubeObject) => o.metadata?.labels?.[INSTANCE_LABEL];
  // A group is a service when a backend labelled one of its objects, in either folder.
  const labelled = new Set([...oldObjects, ...newObjects].filter((o) => o.metadata?.labels?.[BACKEND_LABEL] !== undefined).map(serviceOf));
  const isService = (name: string | undefined) => name !== undefined && labelled.has(name);

  const order: string[] = [];
  const byService = new Map<string, { old: KubeObject[]; new: KubeObject[]; changes: DiffChange[] }>();
  const other: DiffChange[] = [];
  const entry = (s: string) => {
    if (!byService.has(s)) {
      byService.set(s, { old: [], new: [], changes: [] });
      order.push(s);
    }
    return byService.get(s)!;
  };
  const visit = (id: string) => {
    const o = oldById.get(id);
    const n = newById.get(id);
    const changes = objectChanges(o, n);
    const service = serviceOf(n ?? o!);
    if (isService(service)) {
      const e = entry(service!);
      if (o) e.old.push(o);
      if (n) e.new.push(n);
      e.changes.push(...changes);
    } else {
      other.push(...changes);
    }
  };
  for (const id of newById.keys()) visit(id);
  for (const id of oldById.keys()) if (!newById.has(id)) visit(id);

  const services = order.map((service): ServiceDiff => {
    const e = byService.get(service)!;
    const oldBackend = backendOf(e.old);
    const newBackend = backendOf(e.new);
    const changes = [...e.changes];
    if (oldBackend !== undefined && newBackend !== undefined && oldBackend !== newBackend) {
      changes.unshift({
        object: `service ${service}`,
        apiVersion: '-',
        path: 'backend',
        old: oldBackend,
        new: newBackend,
        consequence: 'replaces',
        reason: 'another backend: a new, empty service; the old one is deleted (or left behind with DeletionPolicy.RETAIN)',
      });
    }
    const backend = oldBackend !== undefined && newBackend !== undefined && oldBackend !== newBackend
      ? `${oldBackend} → ${newBackend}` : (newBackend ?? oldBackend ?? '?');
    return { service, backend, consequence: worst(changes), changes };
  });
  const all = [...services.flatMap((s) => s.changes), ...other];
  const consequence = worst(all);
  return { oldSource, newSource, services, otherChanges: other, consequence, blocking: all.some((c) => BLOCKING.includes(c.consequence)) };
}
