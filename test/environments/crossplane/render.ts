/**
 * A small, strict model of function-patch-and-transform (crossplane-contrib/function-patch-and-transform) for
 * the tests: renders the composed resources of a Composition for a composite resource, so that the tests can
 * validate what the cloud providers would receive against their CRDs. It implements only what the library's
 * Compositions use, and fails loudly on anything else.
 *
 * It is kept for the fast unit tests of the Crossplane backends (synchronous, no Go toolchain). test/crossplane/ holds
 * it against the real `crossplane render` and function-patch-and-transform: on every claim of the examples and every
 * variant these tests render, both must compose the same resources and the same connection details
 * (test/crossplane/model.ts).
 *
 * Semantics followed (upstream patches.go / transforms.go / connection.go):
 * - `FromCompositeFieldPath` / `CombineFromComposite`: a missing source field skips the patch, unless the patch
 *   has `policy.fromFieldPath: Required`, in which case the resource is not rendered;
 * - a transform error (e.g. a `map` key not found) is fatal for the whole Composition;
 * - the value replaces what is at `toFieldPath` (the default `Replace` policy; merge policies are not modelled), so
 *   a `map` patch may write a whole object that later patches fill in.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

/** A rendered composed resource, or the reason it was not rendered. */
export interface Rendered {
  readonly name: string;
  readonly resource?: any;
  readonly skipped?: string;
  readonly connectionDetails: any[];
}

class NotFound extends Error {}

/** Splits a Crossplane field path: `a.b[key.with.dots].c[0]`. */
export function parseFieldPath(p: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /([^.[\]]+)|\[([^\]]+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(p)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

export function getField(obj: any, p: string): any {
  let cur = obj;
  for (const seg of parseFieldPath(p)) {
    if (cur === null || typeof cur !== 'object' || !(seg in cur)) throw new NotFound(`${p}: no such field`);
    cur = cur[seg];
  }
  return cur;
}

function setField(obj: any, p: string, value: any): void {
  const segs = parseFieldPath(p);
  let cur = obj;
  segs.forEach((seg, i) => {
    if (i === segs.length - 1) {
      cur[seg] = value;
      return;
    }
    if (cur[seg] === undefined) cur[seg] = typeof segs[i + 1] === 'number' ? [] : {};
    cur = cur[seg];
  });
}

/** Go `fmt.Sprintf` for the verbs the Compositions use (`%s`, `%v`, `%d`). */
function sprintf(fmt: string, args: any[]): string {
  let i = 0;
  const out = fmt.replace(/%([svd%])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) throw new Error(`fmt ${fmt}: missing argument`);
    const a = args[i++];
    if (verb === 'd' && !Number.isInteger(a)) throw new Error(`fmt ${fmt}: %d of ${JSON.stringify(a)}`);
    return typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean' ? String(a) : JSON.stringify(a);
  });
  if (i !== args.length) throw new Error(`fmt ${fmt}: ${args.length - i} extra argument(s)`);
  return out;
}

function transform(t: any, input: any): any {
  switch (t.type) {
    case 'map': {
      if (typeof input !== 'string') throw new Error(`map transform: input ${JSON.stringify(input)} is not a string`);
      if (!(input in t.map)) throw new Error(`map transform: key ${input} not found in map`);
      // The function unmarshals the value's JSON: a fresh copy, which later patches may change.
      return JSON.parse(JSON.stringify(t.map[input]));
    }
    case 'convert': {
      switch (t.convert.toType) {
        case 'string': return String(input);
        case 'int':
        case 'int64': return Math.trunc(Number(input));
        case 'bool': return input === true || input === 'true';
        default: throw new Error(`convert to ${t.convert.toType} is not modelled`);
      }
    }
    case 'string': {
      if (t.string.type !== 'Format') throw new Error(`string transform ${t.string.type} is not modelled`);
      return sprintf(t.string.fmt, [input]);
    }
    case 'match': {
      if (typeof input !== 'string') throw new Error(`match transform: input ${JSON.stringify(input)} is not a string`);
      for (const p of t.match.patterns) {
        const hit = p.type === 'regexp' ? new RegExp(p.regexp).test(input) : p.literal === input;
        if (hit) return JSON.parse(JSON.stringify(p.result));
      }
      if ((t.match.fallbackTo ?? 'Value') === 'Input') return input;
      return JSON.parse(JSON.stringify(t.match.fallbackValue ?? null));
    }
    case 'math': {
      if (typeof input !== 'number') throw new Error(`math transform: input ${JSON.stringify(input)} is not a number`);
      if (t.math.type === 'ClampMax') return Math.min(input, t.math.clampMax);
      if (t.math.type === 'ClampMin') return Math.max(input, t.math.clampMin);
      throw new Error(`math transform ${t.math.type} is not modelled`);
    }
    default:
      throw new Error(`transform ${t.type} is not modelled`);
  }
}

function applyTransforms(ts: any[] | undefined, input: any): any {
  return (ts ?? []).reduce((v, t) => transform(t, v), input);
}

/** The composite resource Crossplane creates for a claim (claim-only fields dropped, `claimRef` added). */
export function compositeFor(claim: any, xrKind: string): any {
  const { compositionSelector, writeConnectionSecretToRef, ...rest } = claim.spec;
  return {
    apiVersion: claim.apiVersion,
    kind: xrKind,
    metadata: { name: `${claim.metadata.name}-abcde`, uid: '0b6f1c6e-5a4d-4f6e-9d0a-2f3c4b5a6d7e' },
    spec: {
      ...JSON.parse(JSON.stringify(rest)),
      compositionSelector,
      claimRef: { apiVersion: claim.apiVersion, kind: claim.kind, namespace: claim.metadata.namespace, name: claim.metadata.name },
      writeConnectionSecretToRef: { namespace: 'crossplane-system', name: 'uid' },
    },
  };
}

/** Renders the composed resources of a Pipeline Composition whose only step is function-patch-and-transform. */
export function render(composition: any, xr: any): Rendered[] {
  const steps = composition.spec.pipeline;
  if (steps.length !== 1 || steps[0].input.kind !== 'Resources') throw new Error('only a single patch-and-transform step is modelled');
  return steps[0].input.resources.map((r: any): Rendered => {
    const resource = JSON.parse(JSON.stringify(r.base));
    for (const p of r.patches ?? []) {
      if (p.policy?.toFieldPath !== undefined) throw new Error(`toFieldPath policy ${p.policy.toFieldPath} is not modelled`);
      let value: any;
      try {
        if (p.type === 'FromCompositeFieldPath') {
          value = getField(xr, p.fromFieldPath);
        } else if (p.type === 'CombineFromComposite') {
          if (p.combine.strategy !== 'string') throw new Error(`combine strategy ${p.combine.strategy}`);
          value = sprintf(p.combine.string.fmt, p.combine.variables.map((v: any) => getField(xr, v.fromFieldPath)));
        } else {
          throw new Error(`patch type ${p.type} is not modelled`);
        }
      } catch (e) {
        if (!(e instanceof NotFound)) throw e;
        if (p.policy?.fromFieldPath === 'Required') return { name: r.name, skipped: e.message, connectionDetails: r.connectionDetails ?? [] };
        continue;
      }
      setField(resource, p.toFieldPath, applyTransforms(p.transforms, value));
    }
    resource.metadata = { name: `${xr.metadata.name}-${r.name}`, ...(resource.metadata ?? {}) };
    return { name: r.name, resource, connectionDetails: r.connectionDetails ?? [] };
  });
}

const CRD_DIR = path.resolve(__dirname, '..', '..', '..', 'schemas', 'crds');

function crdFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? crdFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** The openAPIV3Schema of a kind in schemas/crds, or undefined when the CRD is not pinned there. */
const crdSchemas = new Map<string, any>();

export function crdSchema(apiVersion: string, kind: string): any | undefined {
  const key = `${apiVersion}|${kind}`;
  if (!crdSchemas.has(key)) crdSchemas.set(key, readCrdSchema(apiVersion, kind));
  return crdSchemas.get(key);
}

function readCrdSchema(apiVersion: string, kind: string): any | undefined {
  const [group, version] = apiVersion.split('/');
  for (const file of crdFiles(CRD_DIR)) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(group) || !text.includes(kind)) continue;
    const crd = YAML.parse(text);
    if (crd?.spec?.group !== group || crd?.spec?.names?.kind !== kind) continue;
    return crd.spec.versions.find((v: any) => v.name === version)?.schema?.openAPIV3Schema;
  }
  return undefined;
}

/**
 * The schema type at a field path of a CRD schema, or undefined when the path does not exist. `metadata` is an
 * ObjectMeta (CRDs declare it as a bare object): only its `labels[…]` and `annotations[…]` maps are known here.
 */
export function schemaTypeAt(schema: any, p: string): string | undefined {
  const segs = parseFieldPath(p);
  if (segs[0] === 'metadata') {
    return segs.length === 3 && (segs[1] === 'labels' || segs[1] === 'annotations') && typeof segs[2] === 'string' ? 'string' : undefined;
  }
  let cur = schema;
  for (const seg of segs) {
    if (typeof seg === 'number') cur = cur?.type === 'array' ? cur.items : undefined;
    else cur = cur?.properties?.[seg] ?? (typeof cur?.additionalProperties === 'object' ? cur.additionalProperties : undefined);
    if (cur === undefined) return undefined;
  }
  return cur.type;
}

/**
 * What the providers and the function would reject in a Composition whose only step is function-patch-and-transform,
 * before any claim exists: the step's `input` not valid against the function's input CRD, a `base` not valid against
 * its provider CRD (strict: unknown fields fail), or a patch whose `toFieldPath` names no field of the base's schema.
 * Each problem reads `<template>: <what>`.
 */
export function compositionProblems(composition: any, validate: (obj: any) => string[], validateInput: (obj: any) => string[]): string[] {
  const problems: string[] = [];
  for (const step of composition.spec.pipeline) {
    problems.push(...validateInput(step.input).map((e) => `input of step ${step.step}: ${e}`));
    for (const t of step.input.resources ?? []) {
      const base = { ...t.base, metadata: { name: `example-${t.name}`, ...(t.base.metadata ?? {}) } };
      problems.push(...validate(base).map((e) => `${t.name}: base: ${e}`));
      const schema = crdSchema(t.base.apiVersion, t.base.kind);
      if (!schema) {
        problems.push(`${t.name}: no CRD for ${t.base.apiVersion} ${t.base.kind} in schemas/crds`);
        continue;
      }
      for (const patch of t.patches ?? []) {
        if (schemaTypeAt(schema, patch.toFieldPath) === undefined) {
          problems.push(`${t.name}: toFieldPath ${patch.toFieldPath} is not a field of ${t.base.apiVersion} ${t.base.kind}`);
        }
      }
    }
  }
  return problems;
}
