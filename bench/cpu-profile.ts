/**
 * Summary of a V8 CPU profile (`.cpuprofile`) of one measured region: self time by owner (this library, the
 * generated L1 classes, cdk8s, constructs, garbage collection, …) and the functions with the most self time.
 */

/** The parts of the V8 `Profiler.Profile` the summary reads. */
export interface CpuProfile {
  readonly nodes: { readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number } }[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

/** Self time, in ms, by owner and by function. */
export interface CpuSummary {
  readonly totalMs: number;
  readonly byOwner: { [owner: string]: number };
  readonly top: { readonly fn: string; readonly owner: string; readonly ms: number }[];
}

function owner(fn: string, url: string, libDir: string): string {
  if (fn === '(garbage collector)') return 'garbage collection';
  if (/[\\/]imports[\\/][^\\/]+\.js$/.test(url) && (url.includes('cdk8s-plus-27') || url.includes(libDir))) return 'generated L1 classes (imports)';
  if (url.includes(libDir)) return 'this library';
  if (url.includes('/.bench/build/')) return 'bench harness';
  for (const pkg of ['cdk8s-plus-27', 'cdk8s', 'constructs']) if (url.includes(`/node_modules/${pkg}/`)) return pkg;
  return 'node, V8 builtins, other';
}

/** Self time of every sampled function, grouped; `libDir` is the folder of the compiled library. */
export function summarize(profile: CpuProfile, libDir: string, top = 20): CpuSummary {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byOwner: { [o: string]: number } = {};
  const byFn = new Map<string, { owner: string; ms: number }>();
  let totalMs = 0;
  for (const { id, callFrame: { functionName, url, lineNumber } } of profile.nodes) {
    const ms = (selfUs.get(id) ?? 0) / 1000;
    if (ms === 0 || functionName === '(idle)') continue;
    const o = owner(functionName, url, libDir);
    const file = url.replace(/^file:\/\//, '').replace(/^.*node_modules[\\/]/, '').replace(libDir, 'lib');
    const fn = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    byOwner[o] = (byOwner[o] ?? 0) + ms;
    byFn.set(fn, { owner: o, ms: (byFn.get(fn)?.ms ?? 0) + ms });
    totalMs += ms;
  }
  const sorted = [...byFn].map(([fn, v]) => ({ fn, ...v })).sort((a, b) => b.ms - a.ms);
  return { totalMs, byOwner, top: sorted.slice(0, top) };
}

/** Prints summaries side by side by owner, then each one's top functions. */
export function printSummaries(summaries: { [name: string]: CpuSummary }): void {
  const names = Object.keys(summaries);
  const owners = [...new Set(names.flatMap((n) => Object.keys(summaries[n].byOwner)))]
    .sort((a, b) => summaries[names[0]].byOwner[b] - summaries[names[0]].byOwner[a] || a.localeCompare(b));
  console.log(`self time by owner, ms: ${names.join(' | ')}`);
  for (const o of [...owners, 'total']) {
    const cells = names.map((n) => (o === 'total' ? summaries[n].totalMs : summaries[n].byOwner[o] ?? 0).toFixed(0).padStart(7));
    console.log(`  ${o.padEnd(32)} ${cells.join(' ')}`);
  }
  for (const n of names) {
    console.log(`\n${n}: top self time`);
    for (const f of summaries[n].top) console.log(`  ${f.ms.toFixed(0).padStart(6)} ms ${(100 * f.ms / summaries[n].totalMs).toFixed(1).padStart(5)}%  ${f.fn}`);
  }
}
