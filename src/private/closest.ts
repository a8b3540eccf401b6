/**
 * "Did you mean …" helpers: edit distance, nearest versions and nearest instance sizes.
 */

/**
 * Edit distance between two strings (optimal string alignment: insertions, deletions, substitutions and
 * transpositions of adjacent characters cost 1).
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidates closest to `value` by edit distance (case-insensitive), nearest first; ties keep the
 * candidates' order. Returns at most `count` candidates, and only those at most one edit farther than the best
 * (only the exact matches when the best differs in case alone).
 */
export function closest(value: string, candidates: readonly string[], count: number = 3): string[] {
  const v = String(value).toLowerCase();
  const ranked = candidates
    .map((candidate, index) => ({ candidate, index, distance: editDistance(v, candidate.toLowerCase()) }))
    .sort((x, y) => x.distance - y.distance || x.index - y.index);
  const best = ranked[0]?.distance ?? 0;
  return ranked.filter((x) => x.distance <= (best === 0 ? 0 : best + 1)).slice(0, count).map((x) => x.candidate);
}

/** Compares strings by code point (locale-independent, so generated files sort the same everywhere). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares strings with embedded numbers numerically (`db-n1-standard-2` < `db-n1-standard-16`), by code point
 * otherwise.
 */
export function compareNatural(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const na = /^\d+$/.test(pa[i]) && /^\d+$/.test(pb[i]);
    return na ? Number(pa[i]) - Number(pb[i]) : compareText(pa[i], pb[i]);
  }
  return pa.length - pb.length;
}

/** Numeric parts of a version (`8.0.43` → [8, 0, 43]); non-numeric parts compare as text. */
function versionParts(version: string): Array<number | string> {
  return version.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Compares dotted versions numerically (`8.0.9` < `8.0.43` < `8.4.1`); usable with `Array.sort`. */
export function compareVersions(a: string, b: string): number {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return compareText(String(x), String(y));
  }
  return 0;
}

/**
 * The versions nearest to `value`: for a version of a known major (`16.3`), the versions of that major nearest
 * in minor number; otherwise by edit distance.
 */
export function nearestVersions(value: string, versions: readonly string[], count: number = 3): string[] {
  const parts = versionParts(value);
  const sameMajor = versions.filter((v) => {
    const p = versionParts(v);
    return p.length === parts.length && p.slice(0, -1).join('.') === parts.slice(0, -1).join('.');
  });
  const last = parts[parts.length - 1];
  if (sameMajor.length === 0 || typeof last !== 'number') return closest(value, versions, count);
  const minor = (v: string) => Number(versionParts(v)[parts.length - 1]);
  return [...sameMajor]
    .sort((a, b) => Math.abs(minor(a) - last) - Math.abs(minor(b) - last) || compareVersions(b, a))
    .slice(0, count);
}

const SIZES = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge'];

/**
 * Rank of an EC2-style size name: `nano` < `micro` < … < `xlarge` < `2xlarge` < … < `48xlarge` < `metal`.
 * Unknown sizes rank last.
 */
export function sizeRank(size: string): number {
  const named = SIZES.indexOf(size);
  if (named >= 0) return named;
  const m = /^(\d+)xlarge$/.exec(size);
  if (m) return SIZES.length - 1 + Math.log2(Number(m[1])) + 0.5;
  return 1000;
}

/** `db.<family>.<size>` split into family and size; undefined for other names. */
export function instanceClassParts(name: string): { family: string; size: string } | undefined {
  const m = /^db\.([a-z0-9-]+)\.([a-z0-9-]+)$/.exec(name);
  return m ? { family: m[1], size: m[2] } : undefined;
}

/** Sorts DB instance classes by family, then size (`db.m6g.large` < `db.m6g.xlarge` < `db.m6g.2xlarge`). */
export function compareInstanceClasses(a: string, b: string): number {
  const pa = instanceClassParts(a);
  const pb = instanceClassParts(b);
  if (!pa || !pb) return compareText(a, b);
  return compareText(pa.family, pb.family) || sizeRank(pa.size) - sizeRank(pb.size) || compareText(a, b);
}

/**
 * The classes nearest to `value`: the nearest sizes of the same family when the family is offered (e.g.
 * `db.m6g.24xlarge` → `db.m6g.4xlarge`), otherwise by edit distance (typos such as `db.m6g.larg`).
 */
export function nearestInstanceClasses(value: string, classes: readonly string[], count: number = 3): string[] {
  const parts = instanceClassParts(value);
  if (parts) {
    const family = classes.filter((c) => instanceClassParts(c)?.family === parts.family);
    if (family.length > 0 && sizeRank(parts.size) < 1000) {
      const rank = sizeRank(parts.size);
      return [...family]
        .sort((a, b) => Math.abs(sizeRank(instanceClassParts(a)!.size) - rank) - Math.abs(sizeRank(instanceClassParts(b)!.size) - rank)
          || compareInstanceClasses(a, b))
        .slice(0, count);
    }
  }
  return closest(value, classes, count);
}

/** `"a", "b" or "c"` for an error message. */
export function quoteList(values: readonly string[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** At most `max` values, then `… (N more)`. */
export function abbreviate(values: readonly string[], max: number = 12): string {
  if (values.length <= max) return values.join(', ');
  return `${values.slice(0, max).join(', ')}, … (${values.length - max} more)`;
}

/** `did you mean "x" or "y"?`, or an empty string. */
export function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? `did you mean ${quoteList(suggestions)}?` : '';
}
