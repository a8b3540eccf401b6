import { sha256Hex } from '../../../private/names';

/**
 * ElastiCache node types by their memory, smallest first: the `maxmemory` (bytes, not modifiable) AWS lists per node
 * type in "Engine specific parameters" > "Valkey node-type specific parameters" (and the same values under "Redis OSS
 * node-type specific parameters") of the ElastiCache user guide
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html). The pricing page rounds
 * these to GiB (`cache.r7g.16xlarge` 419.09 GiB is 450000750456 bytes); rounding up would promise a few MiB more
 * than a node holds (`cache.r7g.2xlarge`: 52.82 GiB is 40565 MiB of data, the node gives 40562). The largest,
 * `cache.r7g.16xlarge`, is there so that the largest portable memory (300 GiB) fits once the reserved memory is taken
 * off.
 */
export const CACHE_NODE_TYPES: [string, number][] = [
  ['cache.t4g.micro', 536870912],
  ['cache.t4g.small', 1471026299],
  ['cache.t4g.medium', 3317862236],
  ['cache.r7g.large', 14037181030],
  ['cache.r7g.xlarge', 28261849702],
  ['cache.r7g.2xlarge', 56711183565],
  ['cache.r7g.4xlarge', 113609865216],
  ['cache.r7g.8xlarge', 225000375228],
  ['cache.r7g.12xlarge', 341206346547],
  ['cache.r7g.16xlarge', 450000750456],
];

/**
 * The share of a node's memory ElastiCache keeps out of `maxmemory` for snapshots, replication and failover: the
 * `reserved-memory-percent` of the default parameter groups (25 %), which the caches' parameter groups leave as it
 * is. AWS: "a cluster using cache.t3.micro [0.5 GiB] in the default parameter group ... the available memory in this
 * node is 0.375 GiB" (knowledge center, "available memory elasticache redis node").
 */
export const RESERVED_MEMORY_PERCENT = 25;

/** The memory a node of `maxmemory` bytes gives data, in whole MiB: its memory less the reserved share. */
export function dataMebibytes(maxmemory: number): number {
  return Math.floor((maxmemory * (100 - RESERVED_MEMORY_PERCENT)) / 100 / 1024 / 1024);
}

/** A node's `maxmemory` in GiB, as messages show it (two decimals). */
export function gibibytesOf(maxmemory: number): string {
  return (maxmemory / 1024 ** 3).toFixed(2);
}

/** The smallest node type whose data memory holds `mebibytes`, or undefined when none does. */
export function cacheNodeType(mebibytes: number): string | undefined {
  return CACHE_NODE_TYPES.find(([, bytes]) => dataMebibytes(bytes) >= mebibytes)?.[0];
}

/** The ElastiCache identifier (at most 40 characters, no `--`, no trailing hyphen): a hash keeps long ones apart. */
export function replicationGroupId(prefix: string, name: string): string {
  const full = `${prefix}${name}`.replace(/-+/g, '-');
  if (full.length <= 40) return full;
  const hash = sha256Hex(full).slice(0, 6);
  return `${full.slice(0, 33).replace(/-+$/, '')}-${hash}`;
}
