/**
 * The synthesized binder run against the fake Kubernetes API as its Job's pod would run it: the scaffolding the
 * program suites share (a service-account token, a fake API per test, the binder's command, environment, binding spec
 * and state ConfigMap taken from the synthesized objects).
 */
import * as fs from 'fs';
import * as path from 'path';
import { FakeKubeApi } from './fake-kube-api';
import { killPrograms, materialize, ProgramRun, runProgram, tempDir } from './programs';
import { byKind } from './synth';

/** A directory holding a service-account token, as the binder reads it (`SERVICEACCOUNT_DIR`). */
export function serviceAccountDir(token: string, prefix = 'binder-sa-'): string {
  const dir = tempDir(prefix);
  fs.writeFileSync(path.join(dir, 'token'), token);
  return dir;
}

/** A fresh fake API for each test of a file, and the service-account directory of its token. */
export interface FakeApiPerTest {
  /** The current test's fake API. */
  readonly api: FakeKubeApi;
  /** The service-account directory (`SERVICEACCOUNT_DIR`) holding the API's token. */
  readonly sa: string;
  /** Closes the current test's API and starts a fresh one in its place. */
  restart(): Promise<FakeKubeApi>;
}

/**
 * Registers the hooks of a file whose tests each get a fresh fake API accepting `token`: the service-account
 * directory once (`beforeAll`), the API before each test, and after each test every program still running killed and
 * the API closed.
 */
export function fakeApiPerTest(token: string, prefix = 'binder-sa-'): FakeApiPerTest {
  let api: FakeKubeApi | undefined;
  let sa: string | undefined;
  beforeAll(() => {
    sa = serviceAccountDir(token, prefix);
  });
  beforeEach(async () => {
    api = await FakeKubeApi.start(token);
  });
  afterEach(async () => {
    killPrograms();
    await api?.close();
  });
  return {
    get api(): FakeKubeApi {
      if (api === undefined) throw new Error('the fake API runs only inside a test');
      return api;
    },
    get sa(): string {
      if (sa === undefined) throw new Error('the service-account directory exists only inside a test');
      return sa;
    },
    async restart(): Promise<FakeKubeApi> {
      await api?.close();
      api = await FakeKubeApi.start(token);
      return api;
    },
  };
}

/** A chart's binder, prepared to run as its Job's pod runs it. */
export interface PreparedBinder {
  /** The container's command, with the ConfigMaps it mounts written to a temporary directory. */
  readonly command: string[];
  /** `defaults`, then the container's environment (a value from the downward API reads as the namespace). */
  readonly env: { [key: string]: string };
  /** `BINDING_SPEC`, parsed. */
  readonly spec: any;
  /** The state ConfigMap the Job names (`STATE_CONFIGMAP`), when it has one. */
  readonly state: any;
}

/** Whether a Job is a binder's (its first container is `binder`). */
export function isBinderJob(job: any): boolean {
  return job.spec.template.spec.containers[0].name === 'binder';
}

/** Prepares the binder of the synthesized objects: the first Job `select` picks (by default, a binder's). */
export function prepareBinder(objs: any[], namespace: string, options: {
  readonly select?: (job: any) => boolean;
  readonly defaults?: { [key: string]: string };
  readonly dirPrefix?: string;
} = {}): PreparedBinder {
  const job = byKind(objs, 'Job').find(options.select ?? isBinderJob);
  if (!job) throw new Error('no binder Job among the synthesized objects');
  const pod = job.spec.template.spec;
  const command = materialize(objs, pod, 'binder', tempDir(options.dirPrefix ?? 'binder-'));
  const env: { [key: string]: string } = { ...options.defaults };
  for (const e of pod.containers[0].env) env[e.name] = e.value ?? namespace;
  const state = byKind(objs, 'ConfigMap').find((c) => c.metadata.name === env.STATE_CONFIGMAP);
  return { command, env, spec: JSON.parse(env.BINDING_SPEC), state };
}

/**
 * Runs a prepared binder against `api` with `extra` on top of its environment; its state ConfigMap is applied first
 * unless it already exists.
 */
export function runBinder(api: FakeKubeApi, namespace: string, b: PreparedBinder,
  extra: { [key: string]: string } = {}, timeoutMs?: number): Promise<ProgramRun> {
  if (b.state && !api.configMaps.has(`${namespace}/${b.state.metadata.name}`)) api.putConfigMap(namespace, b.state.metadata.name, { ...b.state.data });
  return runProgram(b.command, { ...b.env, KUBERNETES_API_URL: api.url, ...extra }, timeoutMs);
}

/**
 * Runs the chart's binder once with the binding spec's `values` replaced by `overrides` (the names its backend gives
 * them, as the cluster would show them) and no state ConfigMap; expects it to write the connection Secret, and
 * returns the Secret's values.
 */
export async function bindWithValues(api: FakeKubeApi, sa: string, objs: any[], namespace: string,
  overrides: { [key: string]: string }, dirPrefix?: string): Promise<{ [key: string]: string }> {
  const b = prepareBinder(objs, namespace, { dirPrefix });
  const env = { ...b.env };
  delete env.STATE_CONFIGMAP;
  const bindingSpec = JSON.stringify({ ...b.spec, values: { ...b.spec.values, ...overrides } });
  const r = await runProgram(b.command, { ...env, BINDING_SPEC: bindingSpec, KUBERNETES_API_URL: api.url, SERVICEACCOUNT_DIR: sa, POLL_SECONDS: '0.05' });
  expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/wrote connection Secret/) });
  return api.secretValues(namespace, b.spec.connectionSecret)!;
}
