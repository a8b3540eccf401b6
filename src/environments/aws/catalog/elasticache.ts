import { sha256Hex } from '../../../private/names';

/**
 * ElastiCache node types by the memory they give data (GiB, as AWS lists it), smallest first: the cache gets the
 * smallest that holds its `memory`.
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
];

/** The ElastiCache identifier (at most 40 characters, no `--`, no trailing hyphen): a hash keeps long ones apart. */
export function replicationGroupId(prefix: string, name: string): string {
  const full = `${prefix}${name}`.replace(/-+/g, '-');
  if (full.length <= 40) return full;
  const hash = sha256Hex(full).slice(0, 6);
  return `${full.slice(0, 33).replace(/-+$/, '')}-${hash}`;
}
