/**
 * Runs the deploy-time programs (src/programs/*.py) against the test cluster as their Jobs would run them: as a local
 * `python3` process that finds the API and its credentials the way it does in a pod (kube.py: `KUBERNETES_API_URL`
 * stands for the in-cluster address, `SERVICEACCOUNT_DIR` for the projected token and CA), with a token of the Job's
 * ServiceAccount from the TokenRequest API, under the Roles of the synthesized YAML, enforced by the real RBAC
 * authorizer. The RBAC grace period is off: any 403 ends the run with an error.
 *
 * Also plays the providers and operators the binder waits for: `provide()` writes each value the binder reads where
 * the provider would (a custom resource's status through the status subresource, typed as the pinned CRD's schema
 * says, or an operator's Secret or ConfigMap) and reads it back, so a status path the CRD does not have fails.
 */
import { createHash } from 'crypto';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ROOT, applyAs, clusterInfo, getJson, getObject, kubectl, serviceAccountToken, toYaml, waitFor } from './kube';
import { ProgramRun, runProgram, tempDir } from '../util/programs';

/** The folder of the programs' real source (what the ConfigMaps of the YAML embed). */
export const PROGRAMS = join(ROOT, 'src', 'programs');

/** The container of a pod spec (the first, or the named one). */
export function containerOf(podSpec: any, name?: string): any {
  const c = name === undefined ? podSpec.containers[0] : podSpec.containers.find((x: any) => x.name === name);
  if (!c) throw new Error(`no container ${name}`);
  return c;
}

/** The pod spec of a Job or CronJob. */
export function podSpecOf(obj: any): any {
  return obj.kind === 'CronJob' ? obj.spec.jobTemplate.spec.template.spec : obj.spec.template.spec;
}

/**
 * A container's environment as the kubelet resolves it in `namespace`: literal values, the pod's namespace, and keys of
 * Secrets and ConfigMaps read from the cluster (a missing one fails, as the pod would not start).
 */
export async function resolveEnv(container: any, namespace: string): Promise<{ [k: string]: string }> {
  const env: { [k: string]: string } = {};
  for (const e of container.env ?? []) {
    if (e.value !== undefined) {
      env[e.name] = e.value;
    } else if (e.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace') {
      env[e.name] = namespace;
    } else if (e.valueFrom?.secretKeyRef || e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.secretKeyRef ?? e.valueFrom.configMapKeyRef;
      const kind = e.valueFrom.secretKeyRef ? 'secret' : 'configmap';
      const obj = await getObject(kind, ref.name, namespace);
      const raw = obj?.data?.[ref.key];
      if (raw === undefined) {
        if (ref.optional) continue;
        throw new Error(`env ${e.name} of container ${container.name}: ${kind} ${ref.name} has no key ${ref.key} in ${namespace}`);
      }
      env[e.name] = kind === 'secret' ? Buffer.from(raw, 'base64').toString() : raw;
    } else {
      throw new Error(`env ${e.name}: unsupported source ${JSON.stringify(e.valueFrom)}`);
    }
  }
  return env;
}

/** What `runAs` returns: the run, and whether it was refused anything. */
export interface AuthorizedRun extends ProgramRun {
  /** The lines of the output that show a 403 from the API server. */
  readonly forbidden: string[];
}

/**
 * Runs `src/programs/<program>` with `args` and `env` as ServiceAccount `serviceAccount` of `namespace`: the token is
 * minted by the TokenRequest API for that account.
 */
export async function runAs(
  namespace: string, serviceAccount: string, program: string, args: string[], env: { [k: string]: string },
): Promise<AuthorizedRun> {
  const info = clusterInfo();
  const sa = tempDir('sa-');
  writeFileSync(join(sa, 'token'), await serviceAccountToken(namespace, serviceAccount));
  writeFileSync(join(sa, 'ca.crt'), readFileSync(info.caFile));
  writeFileSync(join(sa, 'namespace'), namespace);
  const run = await runProgram(['python3', join(PROGRAMS, program), ...args], {
    // The defaults of a pod's environment, then the container's.
    POLL_SECONDS: '0.2',
    SUPERSEDED_WAIT_SECONDS: '2',
    RETRY_ATTEMPTS: '3',
    RETRY_BASE_SECONDS: '0.1',
    ...env,
    KUBERNETES_API_URL: info.server,
    SERVICEACCOUNT_DIR: sa,
    // A 403 is final at once: least privilege is what the authorizer allows, with no retries to hide a refusal.
    RBAC_GRACE_SECONDS: '0',
  }, 60_000);
  return { ...run, forbidden: run.output.split('\n').filter((l) => /HTTP 403\b/.test(l)) };
}

/**
 * Waits until the RBAC authorizer allows `serviceAccount` of `namespace` to `verb` `resource` (a Role applied a moment
 * ago reaches the authorizer's cache within milliseconds; the programs must then never see a 403).
 */
export async function waitForRbac(namespace: string, serviceAccount: string, verb: string, resource: string): Promise<void> {
  await waitFor(`RBAC: ${serviceAccount} may ${verb} ${resource} in ${namespace}`, async () => {
    const res = await kubectl(['auth', 'can-i', verb, resource, '-n', namespace, `--as=system:serviceaccount:${namespace}:${serviceAccount}`], { allowFailure: true });
    return res.stdout.trim() === 'yes';
  }, 20_000);
}

/** A reference to a value the binder reads (BINDING_SPEC `deferred` and `endpoints`). */
export interface DeferredRef {
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly resource: string;
  readonly name: string;
  readonly fieldPath: string;
  readonly base64?: boolean;
  readonly uriPart?: string;
}

/**
 * `status.nodeGroups[0].primaryEndpoint.address` → ['status', 'nodeGroups', 0, 'primaryEndpoint', 'address'];
 * `[*]` (every item of a list) → '*'.
 */
export function fieldPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\.?([^.[\]]+)|\[(\d+|\*)\]|\[["']([^"']+)["']\]/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < path.length && (m = re.exec(path))) out.push(m[2] === '*' ? '*' : m[2] !== undefined ? Number(m[2]) : m[3] ?? m[1]);
  return out;
}

function fieldOf(obj: any, path: Array<string | number>): any {
  return path.reduce((o, p) => (o === undefined || o === null ? undefined : o[p]), obj);
}

function setField(obj: any, path: Array<string | number>, value: any): void {
  let o = obj;
  path.forEach((p, i) => {
    if (i === path.length - 1) {
      o[p] = value;
    } else {
      if (o[p] === undefined) o[p] = typeof path[i + 1] === 'number' ? [] : {};
      o = o[p];
    }
  });
}

/**
 * The schema type of a field of a custom resource, from the served CRD's openAPIV3Schema; fails naming the path when
 * the schema has no such field (the API server would prune it from a status written there).
 */
function schemaType(crd: any, version: string, path: Array<string | number>): string {
  const v = crd.spec.versions.find((x: any) => x.name === version);
  let schema = v?.schema?.openAPIV3Schema;
  for (const [i, p] of path.entries()) {
    if (schema?.['x-kubernetes-preserve-unknown-fields'] && !schema.properties && !schema.items) return 'string';
    schema = typeof p === 'number' || p === '*' ? schema?.items : schema?.properties?.[p] ?? schema?.additionalProperties;
    if (!schema) {
      throw new Error(`${crd.metadata.name} ${version} has no field ${path.slice(0, i + 1).join('.')} in its schema (the binder reads ${path.join('.')})`);
    }
  }
  return schema.type;
}

/**
 * A value a provider would write for a field the binder reads, by the field's name and the kind of service. Secrets
 * are derived from the object's name and namespace: the same provider object gives the same value again (an
 * instance the provider keeps and takes back).
 */
function providerValue(ref: DeferredRef, serviceType: string, namespace: string): string {
  const last = String(fieldPath(ref.fieldPath).slice(-1)[0]);
  const secret = createHash('sha256').update(`${namespace}/${ref.resource}/${ref.name}/${ref.fieldPath}`).digest('hex').slice(0, 24);
  if (ref.uriPart) return 'amqps://b-0123abcd.mq.eu-west-1.on.aws:5671';
  if (/port/i.test(last)) return ({ mysql: '3306', postgresql: '5432', redis: '6379', rabbitmq: '5672', s3: '443' } as any)[serviceType] ?? '443';
  if (/cert|ca\.crt/i.test(last)) return '-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n';
  if (/password|authString|SECRET_ACCESS_KEY/i.test(last)) return `pw-${secret}`;
  if (/ACCESS_KEY_ID/.test(last)) return `AKIA${secret.slice(0, 16).toUpperCase()}`;
  if (/bucket/i.test(last)) return `${ref.name}-0a1b2c3d`;
  if (/region/i.test(last)) return 'eu-west-1';
  if (last === 'endpoint') return 'https://s3.eu-west-1.amazonaws.com';
  return `${ref.name}.${serviceType}.provider.test`;
}

/** The value the binder derives from what the provider wrote. */
function bound(ref: DeferredRef, written: string): string {
  if (ref.uriPart === 'host') return new URL(written).hostname;
  if (ref.uriPart === 'port') return new URL(written).port;
  return written;
}

/**
 * Plays the providers and operators of a binding spec in `namespace`: writes every value the binder reads (custom
 * resources' status through the status subresource, Secrets and ConfigMaps as the operator writes them) and returns
 * the value the binder should put under each connection key (`endpoints` keys: the URL it builds).
 */
export async function provide(spec: any, namespace: string): Promise<{ [key: string]: string }> {
  const refs: Array<[string, DeferredRef]> = [
    ...Object.entries<DeferredRef>(spec.deferred ?? {}),
    ...Object.entries<any>(spec.endpoints ?? {}).flatMap(([k, e]) => [[`${k}\u0000host`, e.host], [`${k}\u0000port`, e.port]] as Array<[string, DeferredRef]>),
  ];
  const objects = new Map<string, { ref: DeferredRef; body: any; fields: Array<[Array<string | number>, any]> }>();
  const expected: { [key: string]: string } = {};
  for (const [key, ref] of refs) {
    const written = providerValue(ref, spec.values.type, namespace);
    expected[key] = bound(ref, written);
    const id = `${ref.apiGroup}/${ref.resource}/${ref.name}`;
    if (!objects.has(id)) objects.set(id, { ref, body: {}, fields: [] });
    const o = objects.get(id)!;
    let path = fieldPath(ref.fieldPath);
    let value: any = ref.base64 ? Buffer.from(written).toString('base64') : written;
    // The field must be in the CRD's schema (a status written where it has none would be pruned).
    const type = ref.apiGroup === '' ? 'string' : schemaType(await getJson(['get', 'crd', `${ref.resource}.${ref.apiGroup}`]), ref.apiVersion, path);
    const every = path.indexOf('*');
    if (every >= 0) {
      // A list the binder reads every item of (`status.serverCaCerts[*].cert`): two items, the value of each on its
      // own line in the connection Secret.
      const item = path.slice(every + 1);
      const items = [written, written.replace('MIIBtest', 'MIIBnext')];
      value = items.map((v) => { const entry = {}; setField(entry, item, v); return entry; });
      path = path.slice(0, every);
      expected[key] = items.join('');
    }
    if (every < 0 && (type === 'integer' || type === 'number')) value = Number(written);
    setField(o.body, path, value);
    o.fields.push([path, value]);
  }
  for (const { ref, body, fields } of objects.values()) {
    if (ref.apiGroup === '') {
      const kind = ref.resource === 'secrets' ? 'Secret' : 'ConfigMap';
      await applyAs('test-provider', toYaml([{ apiVersion: 'v1', kind, metadata: { name: ref.name, namespace }, ...body }]));
    } else {
      await kubectl(['patch', `${ref.resource}.${ref.apiGroup}`, ref.name, '-n', namespace, '--subresource=status', '--type=merge', '-p', JSON.stringify(body)]);
    }
    const stored = await getObject(`${ref.resource}${ref.apiGroup ? `.${ref.apiGroup}` : ''}`, ref.name, namespace);
    for (const [path, value] of fields) {
      if (JSON.stringify(fieldOf(stored, path)) !== JSON.stringify(value)) {
        throw new Error(`${ref.resource}/${ref.name}: ${path.join('.')} was written as ${JSON.stringify(value)} and reads back as ${JSON.stringify(fieldOf(stored, path))}`);
      }
    }
  }
  for (const [k] of Object.entries<any>(spec.endpoints ?? {})) {
    const host = expected[`${k}\u0000host`];
    const port = expected[`${k}\u0000port`];
    delete expected[`${k}\u0000host`];
    delete expected[`${k}\u0000port`];
    expected[k] = port === '443' ? `https://${host}` : `http://${host}:${port}`;
  }
  return expected;
}
