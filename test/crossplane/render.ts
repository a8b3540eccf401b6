/**
 * Renders Crossplane claims with the real `crossplane render` and the real function-patch-and-transform, as built by
 * `npx projen crossplane:build` (tools/crossplane-render/). Consumes only YAML: a claim as an app synthesizes it and
 * the platform's XRDs and Compositions as `examples/platform` synthesizes them.
 *
 * What Crossplane does between a claim and its Composition's function, and how it is reproduced here (Crossplane
 * v2.2.1, which serves the v1-style claimable XRDs as legacy XRDs):
 * - The claim syncer (internal/controller/apiextensions/claim/syncer_ssa.go) creates the XR named `<claim>-<5 random
 *   characters>`, with the claim's labels and annotations except the `*.kubernetes.io` / `*.k8s.io` ones, the labels
 *   `crossplane.io/claim-name` and `crossplane.io/claim-namespace`, the claim's spec less the claim-only fields
 *   (`writeConnectionSecretToRef`, `resourceRef`, `compositeDeletePolicy`, `compositionRevisionRef`) and
 *   `spec.claimRef`. The random suffix and the UID are derived from the claim's namespace and name here, so that the
 *   output is stable.
 * - The XR reconciler labels it `crossplane.io/composite: <name>`, picks a Composition among those whose labels match
 *   `compositionSelector` and whose compositeTypeRef is the XR's type (at random when several match: `candidates`
 *   returns all; a platform must make it one) and sets `compositionRef`, and, for a legacy XR, sets
 *   `writeConnectionSecretToRef` to the Composition's `writeConnectionSecretsToNamespace` and the XR's UID
 *   (internal/controller/apiextensions/composite/api.go).
 * - The XR's connection details (what the function returns for the composite) are published to that Secret filtered
 *   to the XRD's `connectionSecretKeys` (APIFilteredSecretPublisher), and the claim's Secret gets a copy.
 *
 * `crossplane render` neither passes observed connection details to the function nor prints the connection details
 * it returns (cmd/crank/render/render.go), so `connectionDetails` sends the same RunFunctionRequest to the same
 * function process through tools/crossplane-render/function/fnrun.
 *
 * To apply the composed resources to an API server (test/cluster/): give each its name (`named()`), and create the XR
 * first (its CRD comes from the XRD) and point the ownerReferences at its UID, or the garbage collector deletes them
 * as dependents of a missing owner.
 *
 * The function runs as a local process (`--insecure`, on a loopback port chosen at start) that `crossplane render`
 * reaches through its Development runtime (`render.crossplane.io/runtime: Development` and
 * `render.crossplane.io/runtime-development-target` on the Function). `stopFunction()` ends it; it is also killed when
 * the test process exits.
 */
import { ChildProcess, execFile, spawn } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { Socket, createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { BINARIES, MANIFEST, binDir } from '../../tools/crossplane-render/pins';

/** The XRDs and Compositions of a platform. */
export interface Platform {
  readonly xrds: any[];
  readonly compositions: any[];
}

/** What a claim turns into. */
export interface RenderedClaim {
  /** The XRD that defines the claim's kind. */
  readonly xrd: any;
  /** The composite resource as Crossplane creates and configures it. */
  readonly composite: any;
  /** The Composition Crossplane selects for it. */
  readonly composition: any;
  /** The composed resources, as `crossplane render` prints them (sorted by their name in the Composition). */
  readonly composed: any[];
  /** The XR `crossplane render` prints: its status. */
  readonly compositeStatus: any;
  /** The function's results (warnings, …), as `crossplane render -r` prints them. */
  readonly results: any[];
}

/** The observed state of a composed resource: the object, and its provider's connection Secret. */
export interface Observed {
  readonly resource: any;
  readonly connectionDetails: { [key: string]: string };
}

const REPO = join(__dirname, '..', '..');
const ANNOTATION_NAME = 'crossplane.io/composition-resource-name';
const FUNCTION_INPUT = 'pt.fn.crossplane.io/v1beta1';

// ---------------------------------------------------------------------------
// The binaries and the function process
// ---------------------------------------------------------------------------

/** The folder of the binaries built for the current pins; fails naming the task when they are not built. */
export function tools(): { dir: string; crossplane: string; function: string; fnRun: string; manifest: any } {
  const dir = binDir();
  if (!existsSync(join(dir, MANIFEST))) {
    throw new Error(`the Crossplane render tools of the current pins are not built (${dir}): run \`npx projen crossplane:build\` (needs Go; see CONTRIBUTING.md)`);
  }
  return {
    dir,
    crossplane: join(dir, BINARIES.crossplane),
    function: join(dir, BINARIES.function),
    fnRun: join(dir, BINARIES.fnRun),
    manifest: JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')),
  };
}

let running: { process: ChildProcess; target: string; log: string[] } | undefined;
process.on('exit', () => running?.process.kill('SIGKILL'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as any).port as number;
      srv.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => { s.destroy(); resolve(false); });
    s.connect(port, '127.0.0.1');
  });
}

/** Starts function-patch-and-transform on a free loopback port (once); returns its gRPC target. */
export async function startFunction(): Promise<string> {
  if (running) return running.target;
  const bin = tools().function;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const log: string[] = [];
    const child = spawn(bin, ['--insecure', '--address', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => log.push(String(d)));
    child.stderr!.on('data', (d) => log.push(String(d)));
    let exited = false;
    child.once('exit', () => { exited = true; });
    const deadline = Date.now() + 15_000;
    while (!exited && Date.now() < deadline && !(await accepts(port))) await new Promise((r) => setTimeout(r, 50));
    if (!exited && await accepts(port)) {
      running = { process: child, target: `127.0.0.1:${port}`, log };
      child.once('exit', () => { if (running?.process === child) running = undefined; });
      return running.target;
    }
    child.kill('SIGKILL');
    // Another process may have taken the port between freePort() and the function's listen: try another one.
    if (attempt >= 3) throw new Error(`function-patch-and-transform did not listen on 127.0.0.1:${port}: ${log.join('')}`);
  }
}

/** Stops the function process, if it runs. */
export async function stopFunction(): Promise<void> {
  const r = running;
  if (!r) return;
  running = undefined;
  await new Promise<void>((resolve) => {
    if (r.process.exitCode !== null || r.process.signalCode !== null) return resolve();
    r.process.once('exit', () => resolve());
    r.process.kill('SIGTERM');
  });
}

/** The function's own log lines (JSON), for a failing test's message. */
export function functionLog(): string {
  return running?.log.join('') ?? '';
}

// ---------------------------------------------------------------------------
// Claim → XR → Composition, as Crossplane does it
// ---------------------------------------------------------------------------

/** The XRDs and Compositions of a platform's synthesized YAML (or its parsed objects). */
export function parsePlatform(platform: string | any[]): Platform {
  const objs = typeof platform === 'string' ? parseAllDocuments(platform).map((d) => d.toJSON()).filter((o) => o) : platform;
  return {
    xrds: objs.filter((o) => o.apiVersion?.startsWith('apiextensions.crossplane.io/') && o.kind === 'CompositeResourceDefinition'),
    compositions: objs.filter((o) => o.apiVersion?.startsWith('apiextensions.crossplane.io/') && o.kind === 'Composition'),
  };
}

/** The XRD whose claim kind (and group and version) is the claim's. */
export function xrdOf(claim: any, platform: Platform): any {
  const [group, version] = claim.apiVersion.split('/');
  const found = platform.xrds.filter((x) => x.spec.group === group && x.spec.claimNames?.kind === claim.kind
    && x.spec.versions.some((v: any) => v.name === version && v.served));
  if (found.length !== 1) throw new Error(`${found.length} XRDs serve the claim kind ${claim.apiVersion} ${claim.kind} (expected 1)`);
  return found[0];
}

function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\0')).digest();
}

/** Kubernetes' generateName alphabet (no vowels, no look-alikes). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function withoutReserved(m: { [k: string]: string } | undefined): { [k: string]: string } {
  return Object.fromEntries(Object.entries(m ?? {}).filter(([k]) => {
    const prefix = k.split('/')[0];
    return !(k.includes('/') && (prefix.endsWith('kubernetes.io') || prefix.endsWith('k8s.io')));
  }));
}

/** Claim spec fields Crossplane does not copy to the XR. */
const CLAIM_ONLY_FIELDS = ['writeConnectionSecretToRef', 'resourceRef', 'compositeDeletePolicy', 'compositionRevisionRef'];

/** The XR the claim syncer creates for a claim (before the XR reconciler configures it). */
export function compositeForClaim(claim: any, xrd: any): any {
  const { namespace, name } = claim.metadata;
  const d = digest(namespace, name);
  const suffix = [...d.subarray(0, 5)].map((b) => NAME_ALPHABET[b % NAME_ALPHABET.length]).join('');
  const hex = d.toString('hex');
  const uid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  const spec = Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(claim.spec))).filter(([k]) => !CLAIM_ONLY_FIELDS.includes(k)));
  const annotations = withoutReserved(claim.metadata.annotations);
  return {
    apiVersion: claim.apiVersion,
    kind: xrd.spec.names.kind,
    metadata: {
      name: `${name}-${suffix}`,
      uid,
      labels: { ...withoutReserved(claim.metadata.labels), 'crossplane.io/claim-name': name, 'crossplane.io/claim-namespace': namespace },
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: { ...spec, claimRef: { apiVersion: claim.apiVersion, kind: claim.kind, namespace, name } },
  };
}

/** The Compositions Crossplane may select for an XR: its compositionRef, or those its compositionSelector matches. */
export function candidates(xr: any, platform: Platform): any[] {
  const ofType = platform.compositions.filter((c) => c.spec.compositeTypeRef.apiVersion === xr.apiVersion
    && c.spec.compositeTypeRef.kind === xr.kind);
  if (xr.spec.compositionRef) return ofType.filter((c) => c.metadata.name === xr.spec.compositionRef.name);
  const labels: { [k: string]: string } = xr.spec.compositionSelector?.matchLabels ?? {};
  return ofType.filter((c) => Object.entries(labels).every(([k, v]) => c.metadata.labels?.[k] === v));
}

/** The XR as the XR reconciler configures it with its Composition. */
export function configureComposite(xr: any, composition: any): any {
  const out = JSON.parse(JSON.stringify(xr));
  out.metadata.labels = { ...out.metadata.labels, 'crossplane.io/composite': out.metadata.name };
  out.spec.compositionRef = { name: composition.metadata.name };
  const ns = composition.spec.writeConnectionSecretsToNamespace;
  if (!out.spec.writeConnectionSecretToRef && ns) out.spec.writeConnectionSecretToRef = { name: out.metadata.uid, namespace: ns };
  return out;
}

/** The claim's XR, configured with the one Composition it selects; fails when it selects none or several. */
export function composeClaim(claim: any, platform: Platform): { xrd: any; composite: any; composition: any } {
  const xrd = xrdOf(claim, platform);
  const xr = compositeForClaim(claim, xrd);
  const found = candidates(xr, platform);
  if (found.length !== 1) {
    throw new Error(`claim ${claim.metadata.namespace}/${claim.metadata.name} selects ${found.length} Compositions of ${xr.kind} `
      + `(${found.map((c) => c.metadata.name).join(', ') || 'none'}); Crossplane needs exactly one (it picks at random among several)`);
  }
  return { xrd, composite: configureComposite(xr, found[0]), composition: found[0] };
}

// ---------------------------------------------------------------------------
// crossplane render
// ---------------------------------------------------------------------------

function stepsOf(composition: any): any[] {
  if (composition.spec.mode !== 'Pipeline') throw new Error(`Composition ${composition.metadata.name}: only Pipeline mode renders`);
  for (const s of composition.spec.pipeline) {
    if (s.input?.apiVersion !== FUNCTION_INPUT || s.input?.kind !== 'Resources') {
      throw new Error(`Composition ${composition.metadata.name}, step ${s.step}: only function-patch-and-transform steps (${FUNCTION_INPUT} Resources) are rendered here`);
    }
  }
  return composition.spec.pipeline;
}

/** The Function objects of a Composition's steps, all run by the local function process (Development runtime). */
function functionObjects(composition: any, target: string): any[] {
  const names = [...new Set(stepsOf(composition).map((s) => s.functionRef.name))];
  return names.map((name) => ({
    apiVersion: 'pkg.crossplane.io/v1',
    kind: 'Function',
    metadata: {
      name,
      annotations: { 'render.crossplane.io/runtime': 'Development', 'render.crossplane.io/runtime-development-target': target },
    },
    spec: { package: 'xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform' },
  }));
}

function run(bin: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(bin, args, { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${bin.split('/').pop()} ${args.filter((a) => !a.startsWith('/')).join(' ')}: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

/**
 * Runs `crossplane render` for a configured XR: the composed resources it prints, the XR (its status) and the
 * function's results. `observed`: composed resources that already exist (`--observed-resources`).
 */
export async function crossplaneRender(xr: any, composition: any, xrd: any, observed: any[] = []):
Promise<{ composed: any[]; compositeStatus: any; results: any[] }> {
  const target = await startFunction();
  const dir = mkdtempSync(join(tmpdir(), 'xrender-'));
  try {
    const file = (name: string, objs: any[]) => {
      writeFileSync(join(dir, name), objs.map((o) => stringify(o)).join('---\n'));
      return join(dir, name);
    };
    const args = ['render', file('xr.yaml', [xr]), file('composition.yaml', [composition]), file('functions.yaml', functionObjects(composition, target)),
      '--xrd', file('xrd.yaml', [xrd]), '--include-function-results'];
    if (observed.length > 0) args.push('--observed-resources', file('observed.yaml', observed));
    const out = parseAllDocuments(await run(tools().crossplane, args)).map((d) => d.toJSON()).filter((o) => o);
    const results = out.filter((o) => o.apiVersion === 'render.crossplane.io/v1beta1' && o.kind === 'Result');
    const rest = out.filter((o) => !results.includes(o));
    const [compositeStatus, ...composed] = rest;
    if (compositeStatus?.kind !== xr.kind) throw new Error(`crossplane render printed ${compositeStatus?.kind} first, not the XR`);
    return { composed, compositeStatus, results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A claim, rendered with the real `crossplane render` through the Composition of the platform it selects. */
export async function renderClaim(claim: any, platform: string | any[] | Platform, observed: any[] = []): Promise<RenderedClaim> {
  const p = isPlatform(platform) ? platform : parsePlatform(platform);
  const { xrd, composite, composition } = composeClaim(claim, p);
  return { xrd, composite, composition, ...await crossplaneRender(composite, composition, xrd, observed) };
}

function isPlatform(p: any): p is Platform {
  return !Array.isArray(p) && typeof p === 'object' && Array.isArray(p.xrds) && Array.isArray(p.compositions);
}

/** The composed resource of a Composition template, by its name in the Composition. */
export function composedNamed(composed: any[], name: string): any {
  const found = composed.filter((r) => r.metadata?.annotations?.[ANNOTATION_NAME] === name);
  if (found.length !== 1) throw new Error(`${found.length} composed resources named ${name} (expected 1)`);
  return found[0];
}

// ---------------------------------------------------------------------------
// The function, called directly: connection details
// ---------------------------------------------------------------------------

/** What the function returns for one request. */
export interface FunctionResponse {
  /** The XR's connection details (decoded), before Crossplane filters them to the XRD's connectionSecretKeys. */
  readonly connectionDetails: { [key: string]: string };
  /** The desired composed resources, by name in the Composition. */
  readonly desired: { [name: string]: any };
  /** The desired composite (status) and its readiness (`READY_TRUE`, …), if the function set one. */
  readonly compositeReady?: string;
  readonly results: Array<{ severity: string; message: string }>;
}

/**
 * Sends a Composition's (single) function step the RunFunctionRequest Crossplane sends for the XR with these observed
 * composed resources (by name in the Composition), through fn-run, and returns its response.
 */
export async function runFunction(xr: any, composition: any, observed: { [name: string]: Observed }): Promise<FunctionResponse> {
  const steps = stepsOf(composition);
  if (steps.length !== 1) throw new Error(`Composition ${composition.metadata.name}: ${steps.length} steps; runFunction sends one`);
  const b64 = (m: { [k: string]: string }) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  const request = {
    meta: { tag: 'cdk8s-portable-data-test' },
    observed: {
      composite: { resource: xr },
      resources: Object.fromEntries(Object.entries(observed)
        .map(([name, o]) => [name, { resource: o.resource, connectionDetails: b64(o.connectionDetails) }])),
    },
    desired: {},
    input: steps[0].input,
  };
  const target = await startFunction();
  const rsp = JSON.parse(await run(tools().fnRun, ['--target', target], JSON.stringify(request)));
  const decoded = Object.fromEntries(Object.entries((rsp.desired?.composite?.connectionDetails ?? {}) as { [k: string]: string })
    .map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  return {
    connectionDetails: decoded,
    desired: Object.fromEntries(Object.entries((rsp.desired?.resources ?? {}) as { [k: string]: any }).map(([k, v]) => [k, v.resource])),
    compositeReady: rsp.desired?.composite?.ready,
    results: (rsp.results ?? []).map((r: any) => ({ severity: r.severity, message: r.message })),
  };
}

/** What reaches the claim's connection Secret: the XR's details filtered to the XRD's connectionSecretKeys. */
export function claimSecret(xrd: any, details: { [key: string]: string }): { [key: string]: string } {
  const keys: string[] | undefined = xrd.spec.connectionSecretKeys;
  if (!keys || keys.length === 0) return { ...details };
  return Object.fromEntries(Object.entries(details).filter(([k]) => keys.includes(k)));
}

// ---------------------------------------------------------------------------
// A stand-in for the providers: observed state
// ---------------------------------------------------------------------------

const CRD_DIR = join(REPO, 'schemas', 'crds');
const crdCache = new Map<string, any>();

function crdFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? crdFiles(join(dir, e.name))
    : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** The openAPIV3Schema of a custom resource's version, from schemas/crds. */
export function crdSchema(apiVersion: string, kind: string): any {
  const key = `${apiVersion}|${kind}`;
  if (!crdCache.has(key)) {
    const [group, version] = apiVersion.split('/');
    let schema: any;
    for (const f of crdFiles(CRD_DIR)) {
      const text = readFileSync(f, 'utf8');
      if (!text.includes(group) || !text.includes(kind)) continue;
      const crd = parseAllDocuments(text)[0].toJSON();
      if (crd?.spec?.group === group && crd.spec.names?.kind === kind) {
        schema = crd.spec.versions.find((v: any) => v.name === version)?.schema?.openAPIV3Schema;
        break;
      }
    }
    crdCache.set(key, schema);
  }
  return crdCache.get(key);
}

/** Splits a Crossplane field path: `a.b[key.with.dots].c[0]`. */
export function fieldPath(p: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /([^.[\]]+)|\[([^\]]+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(p)) !== null) out.push(m[1] !== undefined ? m[1] : /^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  return out;
}

function schemaAt(schema: any, segs: Array<string | number>): any {
  let cur = schema;
  for (const s of segs) {
    cur = typeof s === 'number' ? (cur?.type === 'array' ? cur.items : undefined)
      : cur?.properties?.[s] ?? (typeof cur?.additionalProperties === 'object' ? cur.additionalProperties : undefined);
    if (cur === undefined) return undefined;
  }
  return cur;
}

function setAt(obj: any, segs: Array<string | number>, value: any): void {
  let cur = obj;
  segs.forEach((s, i) => {
    if (i === segs.length - 1) {
      cur[s] = value;
    } else {
      if (cur[s] === undefined) cur[s] = typeof segs[i + 1] === 'number' ? [] : {};
      cur = cur[s];
    }
  });
}

/**
 * A composed resource with the name the API server would give it for its `generateName` (`crossplane render` prints
 * the `generateName` Crossplane sets; `kubectl apply` needs a name). The 5 characters are derived from the
 * `generateName` and the resource's name in the Composition, so the name is stable.
 */
export function named(resource: any): any {
  const o = JSON.parse(JSON.stringify(resource));
  if (!o.metadata.name) {
    const suffix = [...digest(o.metadata.generateName, o.metadata.annotations?.[ANNOTATION_NAME] ?? '').subarray(0, 5)]
      .map((b) => NAME_ALPHABET[b % NAME_ALPHABET.length]).join('');
    o.metadata.name = `${o.metadata.generateName}${suffix}`;
    delete o.metadata.generateName;
  }
  return o;
}

/**
 * What a provider would report for each composed resource once it exists and is ready: the object with a name (the
 * one its generateName would get), `Ready` and `Synced` conditions and, at every `status` field a connection detail
 * of its template reads, a made-up value of the type the provider's CRD declares there (`<field>-of-<template>` for a
 * string, 4711 for a number); and the connection Secret keys its templates read (`<key>-of-<template>`). A path the
 * CRD does not declare gets a string too, which strict validation of the observed object then rejects, naming it.
 */
export function observe(composed: any[], composition: any): { [name: string]: Observed } {
  const templates = new Map<string, any>(stepsOf(composition).flatMap((s) => s.input.resources.map((t: any) => [t.name, t] as [string, any])));
  const out: { [name: string]: Observed } = {};
  for (const r of composed) {
    const name: string = r.metadata.annotations[ANNOTATION_NAME];
    const t = templates.get(name);
    const o = named(r);
    const now = '2026-01-01T00:00:00Z';
    o.status = {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: now },
        { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: now },
      ],
    };
    const secret: { [k: string]: string } = {};
    const schema = crdSchema(o.apiVersion, o.kind);
    for (const d of t?.connectionDetails ?? []) {
      if (d.type === 'FromConnectionSecretKey') secret[d.fromConnectionSecretKey] = `${d.fromConnectionSecretKey}-of-${name}`;
      if (d.type !== 'FromFieldPath' || !d.fromFieldPath.startsWith('status.')) continue;
      const segs = fieldPath(d.fromFieldPath);
      const type = schemaAt(schema, segs)?.type;
      const leaf = String(segs.filter((s) => typeof s === 'string').pop());
      setAt(o, segs, type === 'number' || type === 'integer' ? 4711 : type === 'boolean' ? true : `${leaf}-of-${name}`);
    }
    out[name] = { resource: o, connectionDetails: secret };
  }
  return out;
}
