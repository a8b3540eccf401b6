import { sha256Hex } from '../../../private/names';

/**
 * ElastiCache node types by their memory (GiB, as the ElastiCache pricing page lists it), smallest first. The
 * largest, `cache.r7g.16xlarge`, is there so that the largest portable memory (300 GiB) fits once the reserved
 * memory is taken off.
 */
export const CACHE_NODE_TYPES: [string, number][] = [
  ['cache.t4g.micro', 0.5],
  ['cache.t4g.small', 1.37],
  ['cache.t4g.medium', 3.09],
  ['cache.r7g.large', 13.07],
  ['cache.r7g.xlarge', 26.32],
  ['cache.r7g.2xlarge', 52.82],
  ['cache.r7g.4xlarge', 105.81],
  ['cache.r7g.8xlarge', 209.55],
  ['cache.r7g.12xlarge', 317.77],
  ['cache.r7g.16xlarge', 419.09],
];

/**
 * The share of a node's memory ElastiCache keeps out of `maxmemory` for snapshots, replication and failover: the
 * `reserved-memory-percent` of the default parameter groups (25 %), which the caches' parameter groups leave as it
 * is. AWS: "a cluster using cache.t3.micro [0.5 GiB] in the default parameter group ... the available memory in this
 * node is 0.375 GiB" (knowledge center, "available memory elasticache redis node").
 */
export const RESERVED_MEMORY_PERCENT = 25;

/** The memory a node of `gib` GiB gives data (`maxmemory`), in whole MiB: its memory less the reserved share. */
export function dataMebibytes(gib: number): number {
  return Math.floor((gib * 1024 * (100 - RESERVED_MEMORY_PERCENT)) / 100);
}

/** The smallest node type whose data memory holds `mebibytes`, or undefined when none does. */
export function cacheNodeType(mebibytes: number): string | undefined {
  return CACHE_NODE_TYPES.find(([, gib]) => dataMebibytes(gib) >= mebibytes)?.[0];
}

/** The ElastiCache identifier (at most 40 characters, no `--`, no trailing hyphen): a hash keeps long ones apart. */
export function replicationGroupId(prefix: string, name: string): string {
  const full = `${prefix}${name}`.replace(/-+/g, '-');
  if (full.length <= 40) return full;
  const hash = sha256Hex(full).slice(0, 6);
  return `${full.slice(0, 33).replace(/-+$/, '')}-${hash}`;
}
