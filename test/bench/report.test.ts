import { readFileSync } from 'fs';
import { join } from 'path';
import { FIGURES_PAGE } from '../../bench/readme';
import {
  exitCode, grade, median, README_END, README_START, renderReadme, replaceBetweenMarkers, Report, Row, sample, targetLines, TARGETS,
} from '../../bench/report';

const s = (...runs: number[]) => sample(runs);
const row = (profile: string, n: number, libMs: number, floorMs: number, libMiB = 120, floorMiB = 100): Row => ({
  profile,
  n,
  objects: n * 3,
  yamlBytes: n * 4096,
  library: { ms: s(libMs, libMs + 10, libMs - 10), rssMiB: s(libMiB) },
  floor: { ms: s(floorMs), rssMiB: s(floorMiB) },
});
const requires = (lib: number, plus: number) => ({ 'cdk8s-portable-data': s(lib), 'cdk8s-plus-27': s(plus), 'cdk8s': s(40) });

describe('statistics', () => {
  test('median of odd and even counts, unsorted input', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  test('a sample keeps min, median and every run in order', () => {
    expect(sample([30, 10, 20, 50])).toEqual({ min: 10, median: 25, runs: [30, 10, 20, 50] });
  });
});

describe('grade', () => {
  test('the targets are the documented ones', () => {
    // Issue 26: synth ≤ 1.1× the floor, peak RSS ≤ 1.2×, cold require ≤ 1.0× cdk8s-plus-27, every profile at once ≤ 1.5× one synth.
    expect(TARGETS).toEqual({ synth: 1.1, rss: 1.2, require: 1.0, linearity: 1.1, multiProfile: 1.5 });
  });

  test('grades synth and RSS per point on medians, linearity per profile, require once', () => {
    const checks = grade([row('aws', 1000, 1100, 1000), row('aws', 5000, 5500, 5000, 160, 100)], requires(105, 100));
    expect(checks.map((c) => [c.target, c.subject, +c.value.toFixed(3), c.met])).toEqual([
      ['synth', 'aws N=1000', 1.1, true],
      ['rss', 'aws N=1000', 1.2, true],
      ['synth', 'aws N=5000', 1.1, true],
      ['rss', 'aws N=5000', 1.6, false],
      ['linearity', 'aws N=5000 vs N=1000', 1, true],
      ['require', 'cdk8s-portable-data vs cdk8s-plus-27', 1.05, false],
    ]);
  });

  test('grades the multi-profile point once: check\'s median against one synth\'s; a failed point misses it', () => {
    const multi = { app: 'examples/worker', profiles: ['aws', 'gcp'], synthProfile: 'in-cluster', check: s(5900, 6000, 6100), synth: s(4000), identical: true };
    const [met] = grade([], requires(100, 100), multi).filter((c) => c.target === 'multiProfile');
    expect([met.subject, met.value, met.limit, met.met]).toEqual(['check of 2 profiles of examples/worker vs one cdk8s synth', 1.5, 1.5, true]);
    const [above] = grade([], requires(100, 100), { ...multi, check: s(6001) }).filter((c) => c.target === 'multiProfile');
    expect(above.met).toBe(false);
    const [failed] = grade([], requires(100, 100), { ...multi, error: 'boom' }).filter((c) => c.target === 'multiProfile');
    expect([failed.value, failed.met]).toEqual([NaN, false]);
    expect(grade([], requires(100, 100)).map((c) => c.target)).toEqual(['require']);
  });

  test('a ratio on the limit is met, just above it is not', () => {
    const [atLimit] = grade([row('gcp', 1000, 1100, 1000)], requires(100, 100));
    const [above] = grade([row('gcp', 1000, 1101, 1000)], requires(100, 100));
    expect([atLimit.met, above.met]).toEqual([true, false]);
  });

  test('linearity compares the per-service cost at the largest N with the smallest, whatever the order of rows', () => {
    const checks = grade([row('gcp', 5000, 6000, 5000), row('gcp', 200, 200, 200), row('gcp', 1000, 1000, 1000)], requires(100, 100));
    const linearity = checks.find((c) => c.target === 'linearity')!;
    expect(linearity.subject).toBe('gcp N=5000 vs N=200');
    expect(linearity.value).toBeCloseTo(1.2);
    expect(linearity.met).toBe(false);
  });

  test('a failed point misses its targets', () => {
    const checks = grade([{ profile: 'crossplane', n: 1000, error: 'boom' }, row('crossplane', 5000, 1, 1)], requires(100, 100));
    expect(checks.filter((c) => !c.met).map((c) => `${c.target} ${c.subject}`)).toEqual([
      'synth crossplane N=1000', 'rss crossplane N=1000', 'linearity crossplane N=5000 vs N=1000',
    ]);
  });

  test('exit code: 0 when every target is met, 1 when one is missed, 2 when an invariant broke', () => {
    const met = grade([row('aws', 1000, 100, 100)], requires(100, 100));
    const missed = grade([row('aws', 1000, 100, 100)], requires(101, 100));
    expect(exitCode({ checks: met, broken: [] })).toBe(0);
    expect(exitCode({ checks: missed, broken: [] })).toBe(1);
    expect(exitCode({ checks: met, broken: ['aws N=1000: the floor\'s YAML differs from the first library run\'s'] })).toBe(2);
  });

  test('target lines: the range when met, the points that missed when not', () => {
    const checks = grade([row('aws', 1000, 1100, 1000), row('gcp', 1000, 1500, 1000)], requires(100, 100));
    expect(targetLines(checks).slice(0, 2)).toEqual([
      { text: 'synth ≤ 1.1× the floor', met: false, detail: '1 of 2: gcp N=1000 1.50×' },
      { text: 'peak RSS ≤ 1.2× the floor', met: true, detail: '1.20×–1.20× over 2 points' },
    ]);
  });
});

describe('README table', () => {
  const report: Report = {
    machine: {
      cpu: 'AMD EPYC 7B13',
      cores: 2,
      memoryGiB: 23.5,
      node: 'v20.20.2',
      platform: 'linux x64',
      date: '2026-11-29T10:00:00.000Z',
      commit: 'abc1234',
      dirty: false,
      loadavg: [1.23, 1, 0.5],
      loadavgEnd: [2.5, 1.5, 0.75],
    },
    options: { sizes: [1000, 5000], repeats: 5, profiles: ['aws'] },
    targets: TARGETS,
    requires: requires(150, 100),
    rows: [row('aws', 1000, 1100, 1000), row('aws', 5000, 5600, 5000), { profile: 'gcp', n: 1000, error: 'Error: boom' }],
    checks: [],
    broken: [],
    seconds: 1,
  };
  const multiProfile = { app: 'examples/worker', profiles: ['aws', 'gcp'], synthProfile: 'in-cluster', check: s(5000, 5200, 5400), synth: s(3900, 4000, 4100), identical: true };
  const full = { ...report, multiProfile, checks: grade(report.rows, report.requires, multiProfile) };

  test('names the machine, the sizes and the repeats', () => {
    expect(renderReadme(full).split('\n')[0]).toBe('Measured 2026-11-29 on AMD EPYC 7B13 (2 cores, 23.5 GiB), Node v20.20.2, linux x64, '
      + 'commit `abc1234`; load average 1.2 / 1.0 / 0.5 at the start and 2.5 / 1.5 / 0.8 at the end. N = 1,000 and 5,000 services, 5 fresh processes per '
      + 'variant and point, library and floor in alternating order; time = construct + resolve + YAML + write (`app.synth()`), '
      + 'RSS = peak RSS of the process.');
  });

  test('one row per point with min / median and the ratios of the medians; failed points say so', () => {
    const lines = renderReadme(full).split('\n');
    expect(lines).toContain('| aws | 1,000 | 3,000 | 3.9 MiB | 1,090 / 1,100 | 1,000 / 1,000 | 1.10× | 120 | 100 | 1.20× | 1,100 |');
    expect(lines).toContain('| aws | 5,000 | 15,000 | 19.5 MiB | 5,590 / 5,600 | 5,000 / 5,000 | 1.12× | 120 | 100 | 1.20× | 1,120 |');
    expect(lines).toContain('| gcp | 1,000 | failed: Error: boom | | | | | | | | |');
    expect(lines).toContain('Cold `require` (min / median): `cdk8s-portable-data` 150.0 / 150.0 ms, `cdk8s-plus-27` 100.0 / 100.0 ms, `cdk8s` 40.0 / 40.0 ms.');
  });

  test('one line per target, met or not met', () => {
    const lines = renderReadme(full).split('\n');
    expect(lines).toContain('| synth ≤ 1.1× the floor | **not met** | 2 of 3: aws N=5000 1.12×, gcp N=1000 failed |');
    expect(lines).toContain('| cold `require` ≤ 1× `cdk8s-plus-27` | **not met** | 1 of 1: cdk8s-portable-data vs cdk8s-plus-27 1.50× |');
    expect(lines).toContain('| per-service cost at the largest N ≤ 1.1× at the smallest N | met | 1.02×–1.02× over 1 point |');
    expect(lines).toContain('| `check` of every profile of `examples/worker` ≤ 1.5× one `npx cdk8s synth` of one profile | met | 1.30×–1.30× over 1 point |');
  });

  test('the multi-profile point: both commands, min / median, the ratio, and whether the YAML is identical', () => {
    const line = 'All profiles at once: `check --app examples/worker` of its 2 profiles (aws, gcp) in one process 5,000 / 5,200 ms, one '
      + '`npx cdk8s synth` of one profile (in-cluster) 3,900 / 4,000 ms (min / median of 3 fresh runs each, alternating): 1.30×; '
      + '`check`\'s YAML is byte-identical to what 2 separate synths write.';
    expect(renderReadme(full).split('\n')).toContain(line);
    expect(renderReadme({ ...full, multiProfile: { ...multiProfile, identical: false } })).toContain('`check`\'s YAML **differs** from what 2 separate synths write.');
    expect(renderReadme({ ...full, multiProfile: { ...multiProfile, error: 'boom' } })).toContain('All profiles at once (`check --app examples/worker`): failed: boom.');
    expect(renderReadme(report)).not.toContain('All profiles at once');
  });

  test('broken invariants are printed under the table', () => {
    expect(renderReadme({ ...full, broken: ['aws N=1000: x'] })).toContain('Broken invariants (the figures above cannot be trusted): aws N=1000: x.');
  });

  test('replaces only what is between the markers', () => {
    const readme = `# Title\n\n${README_START}\nold figures\n${README_END}\n\n## License\n`;
    expect(replaceBetweenMarkers(readme, 'new figures')).toBe(`# Title\n\n${README_START}\nnew figures\n${README_END}\n\n## License\n`);
    const twice = replaceBetweenMarkers(replaceBetweenMarkers(readme, 'a'), 'b');
    expect(twice).toBe(`# Title\n\n${README_START}\nb\n${README_END}\n\n## License\n`);
  });

  test('fails when the page has no markers', () => {
    expect(() => replaceBetweenMarkers('# Title\n', 'x'))
      .toThrow('docs/performance.md has no <!-- bench:start --> … <!-- bench:end --> section: add the two markers where the figures go');
  });

  test('the page the figures are written to (bench:readme) has the markers', () => {
    expect(FIGURES_PAGE).toBe(join(__dirname, '..', '..', 'docs', 'performance.md'));
    const page = readFileSync(FIGURES_PAGE, 'utf8');
    expect(replaceBetweenMarkers(page, 'x')).toContain(`${README_START}\nx\n${README_END}`);
  });
});
