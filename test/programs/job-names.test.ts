/**
 * Every plain Job's name carries a hash of its whole rendered spec and the programs it mounts, so changing anything
 * in its pod template (image, resources, environment, script…) runs a new Job instead of failing with
 * "spec.template: field is immutable".
 */
import { PortableMySQL, PortableObjectStore, PortablePostgres, Profile } from '../../src';
import { shortHash, stableJson } from '../../src/private/names';
import { jobHash } from '../../src/private/pods';
import { PROFILE_NAMES, PROFILES } from '../profiles.fixture';
import { byKind, newChart, synth } from '../util/synth';

/** Every Job of a chart with a MySQL, a Postgres and an object store under a profile. */
function jobs(profile: string): { objs: any[]; jobs: any[] } {
  const { chart } = newChart();
  Profile.use(chart, PROFILES[profile]());
  new PortableMySQL(chart, 'Db', { name: 'orders-db' });
  new PortablePostgres(chart, 'Pg', { name: 'ledger-db' });
  new PortableObjectStore(chart, 'Uploads', { name: 'uploads' });
  const objs = synth(chart);
  return { objs, jobs: byKind(objs, 'Job') };
}

/** The `.py` files of the ConfigMaps a pod template mounts. */
function mountedPrograms(objs: any[], template: any): { [file: string]: string } {
  const out: { [file: string]: string } = {};
  for (const v of template.spec.volumes ?? []) {
    const cm = v.configMap && byKind(objs, 'ConfigMap').find((c) => c.metadata.name === v.configMap.name);
    for (const [file, text] of Object.entries((cm?.data ?? {}) as { [k: string]: string })) {
      if (file.endsWith('.py')) out[file] = text;
    }
  }
  return out;
}

/** Every leaf path of a JSON value. */
function leaves(value: any, at: (string | number)[] = []): (string | number)[][] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, Array.isArray(value) ? Number(k) : k]));
  }
  return [at];
}

describe.each(PROFILE_NAMES)('Job names under the %s profile', (profile) => {
  test('each Job is named <prefix>-<hash of its rendered spec and mounted programs>', () => {
    const { objs, jobs: found } = jobs(profile);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const job of found) {
      const hash = jobHash(job.spec, mountedPrograms(objs, job.spec.template));
      expect(job.metadata.name).toMatch(new RegExp(`-${hash}$`));
    }
  });

  test('changing any field of any Job\'s pod template, or a program it mounts, changes its name', () => {
    const { objs, jobs: found } = jobs(profile);
    for (const job of found) {
      const programs = mountedPrograms(objs, job.spec.template);
      const original = jobHash(job.spec, programs);
      const paths = leaves(job.spec.template);
      expect(paths.length).toBeGreaterThan(20);
      for (const p of paths) {
        const changed = JSON.parse(JSON.stringify(job.spec));
        let target = changed.template;
        for (const k of p.slice(0, -1)) target = target[k];
        const last = p[p.length - 1];
        target[last] = typeof target[last] === 'string' ? `${target[last]}x` : typeof target[last] === 'number' ? target[last] + 1 : !target[last];
        expect(jobHash(changed, programs)).not.toEqual(original);
      }
      for (const file of Object.keys(programs)) {
        expect(jobHash(job.spec, { ...programs, [file]: `${programs[file]}\n# changed` })).not.toEqual(original);
      }
      expect(Object.keys(programs)).toContain('kube.py');
    }
  });
});

test('the hash is the short hash of stableJson({ spec, programs }), on every call with the same programs object', () => {
  const programs = Object.freeze({ 'a.py': 'print("a")\n', 'kube.py': '"quoted" \\ \u00e9' });
  const specs = [{ template: { spec: { containers: [{ name: 'c', image: 'i' }] } } }, { backoffLimit: 2, template: {} }, {}];
  for (const spec of [...specs, ...specs]) {
    expect(jobHash(spec, programs)).toEqual(shortHash(stableJson({ spec, programs })));
  }
  expect(jobHash(specs[0], programs)).not.toEqual(jobHash(specs[1], programs));
  expect(jobHash(undefined, programs)).toEqual(shortHash(stableJson({ programs })));
});

test('stableJson is JSON.stringify of a copy with every object\'s keys sorted, for any JSON data', () => {
  const sorted = (v: any): any => Array.isArray(v) ? v.map(sorted)
    : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => [k, sorted(v[k])])) : v;
  let seed = 7;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const value = (depth: number): any => {
    const r = rand();
    if (depth > 3 || r < 0.3) return [null, true, false, 0, -1.5, 'a"b\n', 'é', undefined, NaN][Math.floor(rand() * 9)];
    if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [['z', 'a', '10', '2', 'b-c', '__x'][Math.floor(rand() * 6)], value(depth + 1)]));
  };
  for (let i = 0; i < 500; i++) {
    const v = value(0);
    expect(stableJson(v)).toBe(JSON.stringify(sorted(v)));
  }
});
