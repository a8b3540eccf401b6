import { JsonTemplate } from '../../src/private/json-template';
import { stableJson } from '../../src/private/names';
import { HashedJobTemplate, jobHash } from '../../src/private/pods';

/** Park–Miller minimal standard PRNG, seeded, so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed % 2147483647;
  return () => (a = (a * 16807) % 2147483647) / 2147483647;
}

const KEYS = ['b', 'a', 'z', '10', '2', 'app.kubernetes.io/name', '"quoted"', 'ünïcode', '__proto__x', ''];

/** A random JSON value: objects with keys out of order, arrays, strings that need escaping, numbers, booleans, null. */
function randomJson(random: () => number, depth: number): unknown {
  const r = random();
  if (depth <= 0 || r < 0.35) {
    const leaves = ['plain', 'needs "escaping"\n\t\\', '\u0000ctl\u001f', 'ünïcode ✓', '', 42, -1.5, 0, true, false, null];
    return leaves[Math.floor(random() * leaves.length)];
  }
  if (r < 0.55) return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth - 1));
  const out: Record<string, unknown> = {};
  for (const key of KEYS) if (random() < 0.4) out[key] = randomJson(random, depth - 1);
  return out;
}

describe('JsonTemplate', () => {
  const placeholders = { labels: '\u0000labels\u0000', spec: '\u0000spec\u0000', last: '\u0000last\u0000' };
  const template = () => ({
    z: { metadata: { labels: placeholders.labels }, keep: [1, 'two', { x: null }] },
    a: [{ name: 'SPEC', value: placeholders.spec }, { name: 'OTHER', value: 'same for all' }],
    m: { deep: { deeper: placeholders.last }, sibling: true },
  });

  test('fill gives the value with the holes replaced, and the pieces around the holes\' JSON are its stableJson, for random values', () => {
    const random = prng(20261129);
    const t = new JsonTemplate(template(), placeholders);
    for (let i = 0; i < 300; i++) {
      const values = { labels: randomJson(random, 3), spec: randomJson(random, 3), last: randomJson(random, 2) };
      const expected = template();
      expected.z.metadata.labels = values.labels as any;
      expected.a[0].value = values.spec as any;
      expected.m.deep.deeper = values.last as any;
      const { value, holes } = t.fill(values);
      expect(value).toEqual(expected);
      expect(t.json(holes)).toEqual(stableJson(expected));
    }
  });

  test('fill copies only the objects on the paths to the holes; the shared ones are frozen', () => {
    const t = new JsonTemplate(template(), placeholders);
    const one = t.fill({ labels: { a: '1' }, spec: 's1', last: 1 }).value;
    const two = t.fill({ labels: { a: '2' }, spec: 's2', last: 2 }).value;
    expect(one.z).not.toBe(two.z);
    expect(one.z.keep).toBe(two.z.keep);
    expect(one.a[1]).toBe(two.a[1]);
    expect(one.m.sibling).toBe(true);
    expect(Object.isFrozen(one.z.keep)).toBe(true);
    expect(Object.isFrozen(one.z)).toBe(false);
    expect(one.z.metadata.labels).toEqual({ a: '1' });
    expect(two.a[0].value).toBe('s2');
  });

  test('a placeholder that is missing or occurs twice is refused', () => {
    expect(() => new JsonTemplate({ a: 'x' }, { h: '\u0000h\u0000' })).toThrow('placeholder of hole "h" not found');
    expect(() => new JsonTemplate({ a: '\u0000h\u0000', b: ['\u0000h\u0000'] }, { h: '\u0000h\u0000' })).toThrow('occurs more than once');
  });
});

describe('HashedJobTemplate', () => {
  test('the hash of a rendered spec is jobHash of it, for random values', () => {
    const random = prng(7);
    const programs = { 'main.py': 'print("hi")\n', 'lib.py': '# lib\n' };
    const spec = {
      backoffLimit: 10,
      template: {
        metadata: { labels: '\u0000labels\u0000' },
        spec: { containers: [{ name: 'c', env: [{ name: 'SPEC', value: '\u0000spec\u0000' }], image: 'python:3.13' }] },
      },
    };
    const t = new HashedJobTemplate(spec, { labels: '\u0000labels\u0000', spec: '\u0000spec\u0000' }, programs);
    const hashByValues = new Map<string, string>();
    for (let i = 0; i < 100; i++) {
      const values = { labels: randomJson(random, 2), spec: stableJson(randomJson(random, 3)) };
      const rendered = t.render(values);
      expect(rendered.hash).toEqual(jobHash(rendered.spec, programs));
      hashByValues.set(stableJson(values), rendered.hash);
    }
    // Different values, different names.
    expect(new Set(hashByValues.values()).size).toEqual(hashByValues.size);
  });
});
