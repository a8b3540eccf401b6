/**
 * What the tests of test/cluster/ use to talk to the test cluster: kubectl (the pinned build) as the cluster admin
 * or with a ServiceAccount's token, and the YAML files the tests apply.
 */
import { execFile, execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import type { ClusterInfo } from './cluster';

/** The environment variable naming the JSON file with the running cluster's `ClusterInfo` (set by the global setup). */
export const CLUSTER_INFO_ENV = 'PORTABLE_DATA_CLUSTER_INFO';

/** The running cluster, as written by the global setup. */
export function clusterInfo(): ClusterInfo {
  const file = process.env[CLUSTER_INFO_ENV];
  if (!file) throw new Error(`${CLUSTER_INFO_ENV} is not set: run the cluster suite with \`npx projen test:cluster\``);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** What a kubectl run printed. */
export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of a kubectl run. */
export interface KubectlOptions {
  /** Standard input (YAML to apply). */
  readonly input?: string;
  /** Run with this bearer token instead of the admin's client certificate. */
  readonly token?: string;
  /** Resolve with a non-zero exit code instead of rejecting. */
  readonly allowFailure?: boolean;
}

/** Runs kubectl against the test cluster. */
export function kubectl(args: string[], options: KubectlOptions = {}): Promise<KubectlResult> {
  const info = clusterInfo();
  const auth = options.token === undefined
    ? ['--kubeconfig', info.kubeconfig]
    : ['--kubeconfig', '/dev/null', '--server', info.server, '--certificate-authority', info.caFile, '--token', options.token];
  return new Promise((resolve, reject) => {
    const child = execFile(join(info.binDir, 'kubectl'), [...auth, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as any).code === 'number' ? (error as any).code : 1) : 0;
      if (code !== 0 && !options.allowFailure) {
        reject(new Error(`kubectl ${args.join(' ')} failed (exit ${code}):\n${stderr}${stdout}`));
      } else {
        resolve({ code, stdout, stderr });
      }
    });
    child.stdin!.end(options.input ?? '');
  });
}

/** The parsed JSON kubectl prints with `-o json`. */
export async function getJson(args: string[], options: KubectlOptions = {}): Promise<any> {
  return JSON.parse((await kubectl([...args, '-o', 'json'], options)).stdout);
}

/** One object, or undefined when it does not exist. */
export async function getObject(resource: string, name: string, namespace?: string): Promise<any | undefined> {
  const res = await kubectl(['get', resource, name, ...(namespace ? ['-n', namespace] : []), '-o', 'json', '--ignore-not-found'], {});
  return res.stdout.trim() ? JSON.parse(res.stdout) : undefined;
}

/** The field manager of every apply and diff of the tests (a user's `kubectl apply --server-side`). */
export const FIELD_MANAGER = 'kubectl';

/**
 * `kubectl apply --server-side` of YAML; fails on any error and on any warning the API server or kubectl printed
 * other than `expectedWarnings` (whole lines), and returns the output.
 */
export async function apply(yaml: string, expectedWarnings: readonly string[] = []): Promise<string> {
  const res = await kubectl(['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '-f', '-'], { input: yaml });
  const warnings = res.stderr.split('\n').filter((l) => l.trim() !== '' && !expectedWarnings.includes(l.trim()));
  if (warnings.length > 0) throw new Error(`kubectl apply --server-side printed warnings:\n${warnings.join('\n')}`);
  return res.stdout;
}

/**
 * `kubectl apply --server-side --force-conflicts` as another field manager: what a controller or operator writes
 * (the fields it owns are its own; what the YAML's manager set, owner references included, stays).
 */
export async function applyAs(fieldManager: string, yaml: string): Promise<void> {
  await kubectl(['apply', '--server-side', '--force-conflicts', `--field-manager=${fieldManager}`, '-f', '-'], { input: yaml });
}

/** `kubectl diff --server-side` of YAML: the diff (empty when applying it would change nothing). */
export async function diff(yaml: string): Promise<string> {
  const res = await kubectl(['diff', '--server-side', `--field-manager=${FIELD_MANAGER}`, '-f', '-'], { input: yaml, allowFailure: true });
  if (res.code > 1) throw new Error(`kubectl diff failed (exit ${res.code}):\n${res.stderr}`);
  return res.stdout + (res.code === 1 && !res.stdout ? res.stderr : '');
}

/** Creates a namespace (labels optional); an existing one is kept. */
export async function ensureNamespace(name: string, labels: { [k: string]: string } = {}): Promise<void> {
  await apply(stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));
}

/** A token for a ServiceAccount from the TokenRequest API (`kubectl create token`), as a pod of that account gets. */
export async function serviceAccountToken(namespace: string, serviceAccount: string): Promise<string> {
  return (await kubectl(['create', 'token', serviceAccount, '-n', namespace, '--duration', '1h'])).stdout.trim();
}

/** The objects of a multi-document YAML text. */
export function parseYaml(yaml: string): any[] {
  return parseAllDocuments(yaml).map((d) => d.toJSON()).filter((o) => o);
}

/**
 * YAML of objects, one document each, for kubectl: in YAML 1.1 (kubectl's), so a string such as `no`, `on` or `y` is
 * quoted and stays a string.
 */
export function toYaml(objs: any[]): string {
  return objs.map((o) => stringify(o, { version: '1.1' })).join('---\n');
}

/**
 * The objects of a synthesized YAML moved to another namespace: every object's `metadata.namespace`, every
 * RoleBinding subject in the chart's namespace, and the chart's cluster-scoped admission policies (the binder's and
 * the upgrade guard's): their namespace selectors follow, and their names (and the bindings' `policyName`) get the
 * new namespace as a suffix. Without the rename, the examples' profiles, applied side by side into their own
 * namespaces, would share one policy of the chart's namespace and overwrite each other's. Nothing else of the YAML
 * names the namespace (the binder reads it from its pod, `{namespace}` in its spec).
 */
export function inNamespace(objs: any[], from: string, to: string): any[] {
  const selectsFrom = (selector: any) => selector?.matchLabels?.['kubernetes.io/metadata.name'] === from;
  const moved = new Set(objs
    .filter((o) => o.kind === 'ValidatingAdmissionPolicy' && selectsFrom(o.spec?.matchConstraints?.namespaceSelector))
    .map((o) => o.metadata.name));
  return objs.map((o) => {
    const copy = JSON.parse(JSON.stringify(o));
    if (copy.metadata?.namespace === from) copy.metadata.namespace = to;
    for (const s of copy.kind === 'RoleBinding' ? copy.subjects ?? [] : []) {
      if (s.namespace === from) s.namespace = to;
    }
    if (copy.kind === 'ValidatingAdmissionPolicy' && moved.has(copy.metadata.name)) {
      copy.metadata.name = `${copy.metadata.name}-${to}`;
      copy.spec.matchConstraints.namespaceSelector.matchLabels['kubernetes.io/metadata.name'] = to;
    }
    if (copy.kind === 'ValidatingAdmissionPolicyBinding' && moved.has(copy.spec?.policyName)) {
      copy.metadata.name = `${copy.metadata.name}-${to}`;
      copy.spec.policyName = `${copy.spec.policyName}-${to}`;
      if (selectsFrom(copy.spec.matchResources?.namespaceSelector)) copy.spec.matchResources.namespaceSelector.matchLabels['kubernetes.io/metadata.name'] = to;
    }
    return copy;
  });
}

/** Waits until `check` resolves to a value other than undefined/false; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The root of the repository. */
export const ROOT = join(__dirname, '..', '..');

/** Runs kubectl synchronously (global setup only). */
export function kubectlSync(info: ClusterInfo, args: string[], input?: string): string {
  return execFileSync(join(info.binDir, 'kubectl'), ['--kubeconfig', info.kubeconfig, ...args], { input, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 }).toString();
}
