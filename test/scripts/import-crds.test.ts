import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ts from 'typescript';
import { cdk8sImport, filterCrd, HEADER, postprocess } from '../../scripts/import-crds';

const ROOT = join(__dirname, '..', '..');

/** Whole pinned CRDs (not filtered): between them, every form of json2jsii's undefined filter. */
const CRDS = {
  'postgresql.cnpg.io': 'cloudnative-pg/postgresql.cnpg.io_clusters.yaml',
  's3.services.k8s.aws': 'ack/s3.services.k8s.aws_buckets.yaml',
  'objectbucket.io': 'rook/objectbucket.io_objectbucketclaims.yaml',
};

/** Transpiles a generated module and loads it (it requires cdk8s and constructs). */
function load(source: string): Record<string, any> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const mod = { exports: {} as Record<string, any> };
  new Function('require', 'module', 'exports', js)(require, mod, mod.exports);
  return mod.exports;
}

/** Park–Miller minimal standard PRNG, seeded, so a failure reproduces. */
function prng(seed: number): () => number {
  let a = seed % 2147483647;
  return () => {
    a = (a * 16807) % 2147483647;
    return (a - 1) / 2147483646;
  };
}

/** The fields of every `toJson_*` function of a json2jsii module, as `[key, expression]`. */
function toJsonFields(source: string): Map<string, [string, string][]> {
  const out = new Map<string, [string, string][]>();
  const fn = /export function (toJson_\w+)\(obj: [^\n]*\{\n {2}if \(obj === undefined\) \{ return undefined; \}\n {2}const result = \{\n((?: {4}.*\n)*?) {2}\};/g;
  for (const m of source.matchAll(fn)) {
    out.set(m[1], m[2].split('\n').filter(Boolean).map((line) => {
      const [, key, expr] = /^ {4}'([^']+)': (.*),$/.exec(line)!;
      return [key, expr];
    }));
  }
  return out;
}

/** Random inputs shaped by the fields each `toJson_*` function reads (plus undefined everywhere it may be). */
class Inputs {
  private readonly keys = ['a', 'b-c', '__proto__', '10', '2', 'z', 'app.kubernetes.io/name', 'constructor'];

  constructor(private readonly fields: Map<string, [string, string][]>, private readonly random: () => number) {}

  public of(fn: string, depth = 0): any {
    if (depth > 4) return undefined;
    const obj: Record<string, any> = {};
    for (const [, expr] of this.fields.get(fn)!) {
      const prop = /obj\.(\w+)/.exec(expr)![1];
      if (this.random() < 0.3) continue; // absent
      obj[prop] = this.random() < 0.15 ? undefined : this.value(expr, depth);
    }
    return obj;
  }

  private value(expr: string, depth: number): any {
    const nested = /toJson_\w+/.exec(expr)?.[0];
    if (expr.includes('Object.entries')) {
      const map: Record<string, any> = {};
      for (const k of this.keys) {
        if (this.random() < 0.4) continue;
        const v = this.random() < 0.25 ? undefined
          : expr.includes('i[1]?.value') ? { value: this.leaf() }
            : nested ? this.of(nested, depth + 1) : this.leaf();
        Object.defineProperty(map, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      return map;
    }
    if (expr.includes('?.map(')) return this.list(() => (nested ? this.of(nested, depth + 1) : this.leaf()));
    if (nested) return this.of(nested, depth + 1);
    if (expr.endsWith('?.value')) return { value: this.leaf() };
    if (expr.endsWith('?.toISOString()')) return new Date(Math.floor(this.random() * 2e12));
    return this.leaf();
  }

  private list(item: () => any): any[] {
    return Array.from({ length: Math.floor(this.random() * 4) }, item);
  }

  private leaf(): any {
    const r = this.random();
    if (r < 0.2) return `s${Math.floor(r * 1000)}`;
    if (r < 0.4) return Math.floor(r * 100);
    if (r < 0.5) return r < 0.45;
    if (r < 0.6) return null;
    if (r < 0.7) return undefined;
    if (r < 0.8) return this.list(() => this.random());
    return { x: 1, y: undefined };
  }
}

/** A comparable form that keeps key order, own `__proto__` keys, undefined values and prototypes. */
function canon(x: any): any {
  if (x === undefined) return '<undefined>';
  if (x instanceof Date) return ['date', x.toISOString()];
  if (Array.isArray(x)) return ['array', x.map(canon)];
  if (x !== null && typeof x === 'object') {
    return ['object', Object.getPrototypeOf(x) === Object.prototype, Object.keys(x).map((k) => [k, canon(x[k])])];
  }
  return [typeof x, x];
}

function outcome(fn: (obj: any) => any, input: any): any {
  try {
    return canon(fn(input));
  } catch (e) {
    return ['threw', (e as Error).message];
  }
}

describe('import-crds post-processing', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'import-crds-test-'));
  const raw: Record<string, string> = {};

  beforeAll(() => {
    for (const [group, file] of Object.entries(CRDS)) {
      const out = join(tmp, group);
      cdk8sImport(join(ROOT, 'schemas/crds', file), out);
      raw[group] = readFileSync(join(out, `${group}.ts`), 'utf8');
    }
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test.each(Object.keys(CRDS))('the linear toJson_* of %s return what json2jsii\'s reduce returns, on random inputs', (group) => {
    const source = raw[group];
    expect(source).toContain('Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})');
    const processed = postprocess(source);
    const code = processed.split('\n').filter((line) => !/^\s*(\*|\/\*\*)/.test(line));
    expect(code.filter((line) => line.includes('...r,'))).toEqual([]);
    const [original, linear] = [load(source), load(processed)];
    const fields = toJsonFields(source);
    expect(fields.size).toBeGreaterThan(1);
    const random = prng(20251129);
    const inputs = new Inputs(fields, random);
    let compared = 0;
    for (const fn of fields.keys()) {
      expect(typeof linear[fn]).toBe('function');
      expect(outcome(linear[fn], undefined)).toEqual(outcome(original[fn], undefined));
      for (let i = 0; i < 25; i++) {
        const input = inputs.of(fn);
        expect([fn, outcome(linear[fn], input)]).toEqual([fn, outcome(original[fn], input)]);
        compared++;
      }
    }
    expect(compared).toBe(fields.size * 25);
  });

  test('the map forms (identity, ?.value, toJson_*) keep key order, `__proto__` and integer keys, and drop undefined', () => {
    const linear = load(postprocess(raw['postgresql.cnpg.io']));
    const original = load(raw['postgresql.cnpg.io']);
    const labels = JSON.parse('{"z": "1", "__proto__": "p", "10": "a", "2": "b", "gone": null}');
    labels.gone = undefined;
    const input = { labels, annotations: { b: 'x', a: undefined } };
    const expected = canon(original.toJson_ClusterSpecInheritedMetadata(input));
    expect(canon(linear.toJson_ClusterSpecInheritedMetadata(input))).toEqual(expected);
    expect(expected).toEqual(['object', true, [
      ['annotations', ['object', true, [['b', ['string', 'x']]]]],
      ['labels', ['object', true, [['2', ['string', 'b']], ['10', ['string', 'a']], ['z', ['string', '1']], ['__proto__', ['string', 'p']]]]],
    ]]);
    for (const form of ['}), {})),', 'i[1]?.value }), {})),', ': toJson_']) expect(raw['postgresql.cnpg.io']).toContain(form);
  });

  test('objects assign their defined fields in order, without building and filtering an object of every field', () => {
    const source = [
      'export function toJson_X(obj: X | undefined): Record<string, any> | undefined {',
      '  if (obj === undefined) { return undefined; }',
      '  const result = {',
      "    'b': obj.b,",
      "    'a': toJson_Y(obj.a),",
      '  };',
      '  // filter undefined values',
      '  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});',
      '}',
    ].join('\n');
    const out = postprocess(source);
    expect(out).toContain([
      '  const result: Record<string, any> = {};',
      '  let v: any;',
      '  v = obj.b;',
      "  if (v !== undefined) { result['b'] = v; }",
      '  v = toJson_Y(obj.a);',
      "  if (v !== undefined) { result['a'] = v; }",
      '  return result;',
    ].join('\n'));
    expect(out).not.toContain('__definedEntries');
  });

  test('marks the module as generated, on its first line', () => {
    expect(postprocess(raw['objectbucket.io']).split('\n')[0]).toBe(HEADER);
    expect(HEADER).toBe('// Generated by scripts/import-crds.ts from schemas/crds — do not edit.');
  });

  test('fails when json2jsii emits a filter value it does not know', () => {
    const source = 'const x = Object.entries(obj.a).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[0] }), {});';
    expect(() => postprocess(source)).toThrow('import-crds: unexpected value in json2jsii\'s undefined filter: i[0]');
  });

  test('fails when a quadratic filter is left in place', () => {
    const source = 'const x = Object.entries(obj).reduce((acc, e) => ({ ...r, [e[0]]: e[1] }), {});';
    expect(() => postprocess(source)).toThrow('import-crds: a quadratic undefined filter was left in place (json2jsii output changed?)');
  });

  test('filters a CRD to the listed versions and spec fields, keeping the rest of the schema', () => {
    const crd = filterCrd(ROOT, {
      file: 'cloudnative-pg/postgresql.cnpg.io_clusters.yaml',
      versions: ['v1'],
      specFields: ['instances', 'affinity.topologyKey'],
    });
    const schema = crd.spec.versions[0].schema.openAPIV3Schema;
    expect(crd.spec.versions.map((v: any) => v.name)).toEqual(['v1']);
    expect(Object.keys(schema.properties.spec.properties)).toEqual(['affinity', 'instances']);
    expect(Object.keys(schema.properties.spec.properties.affinity.properties)).toEqual(['topologyKey']);
    expect(schema.properties.metadata).toBeDefined();
    const xrd = filterCrd(ROOT, { file: 'crossplane/apiextensions.crossplane.io_compositeresourcedefinitions.yaml', versions: ['v1'] });
    expect(xrd.spec.versions.map((v: any) => v.name)).toEqual(['v1']);
  });

  test('fails when a listed version is not in the pinned CRD', () => {
    expect(() => filterCrd(ROOT, { file: 'rook/objectbucket.io_objectbucketclaims.yaml', versions: ['v1'] }))
      .toThrow('import-crds: rook/objectbucket.io_objectbucketclaims.yaml has no version v1');
  });

  test('fails when a listed version is an ASO storage version (cdk8s import rejects its $propertyBag)', () => {
    const file = 'azure-service-operator/cache.azure.com_redisenterprises.yaml';
    expect(() => filterCrd(ROOT, { file, versions: ['v1api20250401storage'] }))
      .toThrow(`import-crds: ${file}: v1api20250401storage is a storage version (cdk8s import rejects its $propertyBag)`);
  });

  test('an ASO CRD keeps only the listed hub version, without the storage versions', () => {
    const crd = filterCrd(ROOT, { file: 'azure-service-operator/cache.azure.com_redisenterprises.yaml', versions: ['v1api20250401'] });
    expect(crd.spec.versions.map((v: any) => v.name)).toEqual(['v1api20250401']);
    expect(JSON.stringify(crd)).not.toContain('$propertyBag');
  });

  test('fails when a listed spec field is not in the schema', () => {
    expect(() => filterCrd(ROOT, { file: 'rook/objectbucket.io_objectbucketclaims.yaml', versions: ['v1alpha1'], specFields: ['bucketName', 'nope'] }))
      .toThrow('import-crds: ObjectBucketClaim.spec.nope is not in the schema (specFields)');
  });
});
