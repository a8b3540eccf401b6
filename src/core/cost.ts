/**
 * What `plan` shows of a service's cost: the shape that drives it (class, high availability, nodes, storage, or the
 * pods' requests in-cluster), read from the synthesized objects by the environment that made them, and a monthly
 * estimate from the environment's dated price snapshot. The core knows no environment: each one states its part
 * (`Environment.costs`). Price data is loaded by the estimate only, never on the synth path.
 */
import type { KubeObject } from './prerequisites';
import type { CatalogSnapshot } from '../private/catalog';

/** Hours in a month, as the clouds' calculators count them (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/** CPU and memory a pod requests (the larger of its containers' sum and its largest init container). */
export interface PodRequests {
  /** CPU, in cores. */
  readonly cpu: number;
  /** Memory, in MiB. */
  readonly memoryMiB: number;
}

/** The shape of one object that costs: what it provisions. */
export interface ResourceShape {
  /** `Kind/name`. */
  readonly object: string;
  /** What it is, e.g. `Amazon RDS for PostgreSQL`, `StatefulSet (in-cluster)`. */
  readonly product: string;
  /** Instance or node class, tier or SKU (`db.t4g.small`, `db-custom-1-3840`, `Standard_B1ms`), when there is one. */
  readonly instanceClass?: string;
  /** High availability as the provider names it (`Multi-AZ`, `REGIONAL`, `ZoneRedundant`, `none`). */
  readonly highAvailability?: string;
  /** Instances, nodes, brokers or pods it runs (a standby counts). */
  readonly nodes?: number;
  /** Provisioned storage, GiB per copy, when it declares some. */
  readonly storageGiB?: number;
  /** Region or location, when the object names it. */
  readonly region?: string;
  /** In-cluster: what each pod requests. */
  readonly requestsPerPod?: PodRequests;
  /** One line for people: `db.t4g.small, Multi-AZ (2 instances), 50 GiB gp3`. */
  readonly summary: string;
}

/** One priced part of an estimate. */
export interface CostLine {
  /** What is billed, e.g. `db.t4g.small instance-hours (Multi-AZ: 2 instances)`. */
  readonly item: string;
  /** Billed quantity a month, in `unit`. */
  readonly quantity: number;
  /** `instance-hour`, `GiB-month`, `vCPU-hour`, `GiB-hour`. */
  readonly unit: string;
  /** Price of one unit, in the estimate's currency. */
  readonly unitPrice: number;
  /** `quantity × unitPrice`. */
  readonly monthly: number;
}

/** The monthly estimate of one object. */
export interface Estimate {
  /** `Kind/name`. */
  readonly object: string;
  /** Day of the price snapshot (`YYYY-MM-DD`). */
  readonly snapshot: string;
  /** Region the prices are for (`unknown` when the object names none). */
  readonly region: string;
  /** `USD`. */
  readonly currency: string;
  /** Sum of the priced lines (0 when none is priced). */
  readonly monthly: number;
  /** The priced parts. */
  readonly lines: CostLine[];
  /** The parts the snapshot has no price for, each `no price in the snapshot of <date> for … in <region>`. */
  readonly missing: string[];
  /** What the estimate leaves out for this object (usage-based charges). */
  readonly notes: string[];
}

/** Reads the shape of one API kind. */
export interface ShapeRule {
  /** API group (`''` for the core group). */
  readonly group: string;
  readonly kind: string;
  readonly shape: (object: KubeObject) => ResourceShape;
}

/** An environment's part of the cost: the shapes of the kinds it writes, and how it prices them. */
export interface CostRules {
  /** One rule per API kind that provisions something. */
  readonly shapes: readonly ShapeRule[];
  /**
   * The monthly estimate of an object of one of its kinds, from its price snapshot (loaded on the first call).
   * @default - none: the shape is all there is (in-cluster: requests and storage, no money)
   */
  readonly estimate?: (object: KubeObject, shape: ResourceShape) => Estimate | undefined;
}

/**
 * A dated price snapshot: on-demand list prices by region and key, as an environment's `catalog/data/prices.ts`
 * ships them. What a key means (its product and unit) is the environment's business.
 */
export interface PriceSnapshot {
  readonly snapshot: CatalogSnapshot;
  readonly currency: string;
  readonly regions: { readonly [region: string]: { readonly [key: string]: number } };
}

/** A price wanted by an estimate: the snapshot's key, and how it is billed. */
export interface PriceWanted {
  readonly key: string;
  /** What the line shows, e.g. `db.t4g.small instance-hours`. */
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
}

/** The estimate of one object: each wanted price looked up in the region, or reported missing. */
export function estimateFrom(
  prices: PriceSnapshot, object: string, region: string | undefined, wanted: readonly PriceWanted[], notes: string[] = [],
): Estimate {
  const table = region === undefined ? undefined : prices.regions[region];
  const lines: CostLine[] = [];
  const missing: string[] = [];
  for (const w of wanted) {
    const unitPrice = table?.[w.key];
    if (unitPrice === undefined) {
      missing.push(`no price in the snapshot of ${prices.snapshot.date} for ${w.item} (${w.key}) in ${region ?? 'an unnamed region'}`);
    } else {
      lines.push({ item: w.item, quantity: w.quantity, unit: w.unit, unitPrice, monthly: round(w.quantity * unitPrice) });
    }
  }
  return {
    object,
    snapshot: prices.snapshot.date,
    region: region ?? 'unknown',
    currency: prices.currency,
    monthly: round(lines.reduce((s, l) => s + l.monthly, 0)),
    lines,
    missing,
    notes,
  };
}

/** Rounded to the cent. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** `'500m'` → 0.5, `'2'` → 2 (cores); undefined when absent or not a quantity. */
export function cpuCores(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  const s = String(q);
  const m = /^([0-9.]+)(m?)$/.exec(s);
  if (!m) return undefined;
  return m[2] === 'm' ? Number(m[1]) / 1000 : Number(m[1]);
}

const BINARY: { [suffix: string]: number } = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024 };
const DECIMAL: { [suffix: string]: number } = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A Kubernetes quantity in MiB (`'2048Mi'` → 2048, `'8Gi'` → 8192, `'1G'` → 953.67…); undefined when not one. */
export function mebibytes(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  const m = /^([0-9.]+)([KMGT]i|[kMGT])?$/.exec(String(q));
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === undefined) return n / (1024 * 1024);
  if (BINARY[m[2]] !== undefined) return n * BINARY[m[2]];
  return (n * DECIMAL[m[2]]) / (1024 * 1024);
}

/** A Kubernetes quantity in GiB. */
export function gibibytes(q: string | number | undefined): number | undefined {
  const mib = mebibytes(q);
  return mib === undefined ? undefined : mib / 1024;
}

interface Resources {
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
}

/** The parts of a pod spec the requests are read from. */
interface PodSpecLike {
  readonly containers?: Array<{ resources?: Resources }>;
  readonly initContainers?: Array<{ resources?: Resources }>;
}

/**
 * What a pod requests, as the scheduler counts it: per resource, the larger of the sum over its containers and the
 * largest init container.
 */
export function podRequests(podSpec: PodSpecLike | undefined): PodRequests {
  const sum = (cs: Array<{ resources?: Resources }>, f: (r: Resources) => number) => cs.reduce((s, c) => s + f(c.resources ?? {}), 0);
  const max = (cs: Array<{ resources?: Resources }>, f: (r: Resources) => number) => cs.reduce((s, c) => Math.max(s, f(c.resources ?? {})), 0);
  const cpu = (r: Resources) => cpuCores(r.requests?.cpu) ?? 0;
  const mem = (r: Resources) => mebibytes(r.requests?.memory) ?? 0;
  const containers = podSpec?.containers ?? [];
  const inits = podSpec?.initContainers ?? [];
  return { cpu: Math.max(sum(containers, cpu), max(inits, cpu)), memoryMiB: Math.max(sum(containers, mem), max(inits, mem)) };
}

/** `1 CPU, 2 GiB memory` (or `100m CPU, 128 MiB memory`). */
export function describeRequests(r: PodRequests): string {
  const cpu = r.cpu >= 1 ? `${trim(r.cpu)} CPU` : `${Math.round(r.cpu * 1000)}m CPU`;
  const mem = r.memoryMiB >= 1024 ? `${trim(r.memoryMiB / 1024)} GiB` : `${trim(r.memoryMiB)} MiB`;
  return `${cpu}, ${mem} memory`;
}

/** A number without trailing zeros, at most 2 decimals. */
export function trim(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** `1 node`, `3 nodes`. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
