import { stableJson } from '../../src/private/names';

/** Park–Miller minimal standard PRNG, seeded, so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed % 2147483647;
  return () => (a = (a * 16807) % 2147483647) / 2147483647;
}

/** What `stableJson` is defined to be: `JSON.stringify` with every object's keys sorted (the first implementation). */
function reference(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = v[k];
    return out;
  });
}

const KEYS = ['b', 'a', 'z', '10', '2', '0', 'app.kubernetes.io/name', '"q"', 'ü', ''];

class WithToJson {
  constructor(private readonly inner: unknown) {}
  public toJSON(key: string): unknown {
    return { key, inner: this.inner };
  }
}

function random(r: () => number, depth: number): unknown {
  const x = r();
  if (depth <= 0 || x < 0.3) {
    const leaves = ['s', 'needs "escaping"\n', '\u0000', 1, -2.5, 0, true, false, null, undefined, () => 1, new Date(0)];
    return leaves[Math.floor(r() * leaves.length)];
  }
  if (x < 0.45) return Array.from({ length: Math.floor(r() * 4) }, () => random(r, depth - 1));
  if (x < 0.48) return new WithToJson(random(r, depth - 1));
  if (x < 0.5) {
    // A toJSON that returns an object with a toJSON of its own (JSON.stringify calls only the first).
    const returned = new WithToJson(random(r, depth - 1));
    return { toJSON: () => returned };
  }
  const out: Record<string, unknown> = {};
  // Keys inserted in a random order: sometimes sorted already, mostly not.
  const keys = r() < 0.5 ? [...KEYS].sort() : [...KEYS].sort(() => r() - 0.5);
  for (const k of keys) if (r() < 0.4) out[k] = random(r, depth - 1);
  return out;
}

test('stableJson writes what JSON.stringify with sorted keys writes, for random values (toJSON, integer keys, undefined, functions)', () => {
  const r = prng(42);
  for (let i = 0; i < 2000; i++) {
    const value = random(r, 4);
    expect(stableJson(value)).toEqual(reference(value));
  }
});

test('stableJson does not change its input, and equal values give equal bytes whatever their key order', () => {
  const value = { b: { y: 1, x: [{ d: 1, c: 2 }] }, a: 1 };
  const before = JSON.stringify(value);
  expect(stableJson(value)).toEqual('{"a":1,"b":{"x":[{"c":2,"d":1}],"y":1}}');
  expect(JSON.stringify(value)).toEqual(before);
  expect(stableJson({ a: 1, b: { x: [{ c: 2, d: 1 }], y: 1 } })).toEqual(stableJson(value));
});

test('stableJson applies toJSON once, as JSON.stringify does (not again to what it returns)', () => {
  const inner = { toJSON: () => 'inner called', b: 2, a: 1 };
  const outer = { toJSON: () => inner };
  expect(stableJson({ x: outer })).toEqual(reference({ x: outer }));
  expect(stableJson({ x: outer })).toEqual('{"x":{"a":1,"b":2}}');
});
