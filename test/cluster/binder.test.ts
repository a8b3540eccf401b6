/**
 * The binder (src/programs/binder.py) end to end on the real API server, for every binder Job of every example under
 * every profile (the golden YAML): applied in a namespace of its own, run as the Job's ServiceAccount under the Role
 * of the YAML (the real RBAC authorizer; any 403 fails), with the test playing the provider or operator it waits for
 * (`provide`: custom resources' status written through the status subresource as the pinned CRD allows, operators'
 * Secrets and ConfigMaps). Each run must produce the connection Secret with every key of its kind's contract, the
 * credentials Secret where they are generated, and the state ConfigMap's record; a second run changes nothing.
 * Then every Secret key a workload, Job or CronJob of the YAML reads exists.
 */
import { createHash } from 'crypto';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ROOT, apply, ensureNamespace, getObject, inNamespace, parseYaml, toYaml } from './kube';
import { PROGRAMS, containerOf, podSpecOf, provide, resolveEnv, runAs, waitForRbac } from './programs';
import { PortableCache, PortableMySQL, PortableObjectStore, PortablePostgres, PortableQueue, ServiceKind } from '../../src';
import { killPrograms } from '../util/programs';

const GOLDEN = join(ROOT, 'test', 'golden');
const FILES = ['photos', 'wordpress', 'worker'].flatMap((e) => readdirSync(join(GOLDEN, e)).filter((f) => f.endsWith('.k8s.yaml'))
  .map((f) => [e, f.replace(/\.k8s\.yaml$/, '')] as const));

/** The kind whose contract a binding spec fills, by its servicebinding.io type. */
const KINDS: { [type: string]: ServiceKind } = Object.fromEntries(
  [PortableMySQL.KIND, PortablePostgres.KIND, PortableObjectStore.KIND, PortableCache.KIND, PortableQueue.KIND].map((k) => [k.contract.type, k]));

function decode(secret: any): { [k: string]: string } {
  return Object.fromEntries(Object.entries<string>(secret?.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
}

function binderJobs(objs: any[]): any[] {
  return objs.filter((o) => o.kind === 'Job' && o.spec.template.spec.containers[0].name === 'binder');
}

function specOf(job: any): { json: string; spec: any } {
  const json = containerOf(job.spec.template.spec).env.find((e: any) => e.name === 'BINDING_SPEC').value;
  return { json, spec: JSON.parse(json) };
}

afterEach(() => killPrograms());

test('the examples\' binder Jobs cover every kind of service', () => {
  const types = new Set(FILES.flatMap(([e, p]) => binderJobs(parseYaml(readFileSync(join(GOLDEN, e, `${p}.k8s.yaml`), 'utf8'))))
    .map((j) => specOf(j).spec.values.type));
  expect([...types].sort()).toEqual(Object.keys(KINDS).sort());
});

describe.each(FILES)('the binder of test/golden/%s/%s.k8s.yaml', (example, profile) => {
  const namespace = `bind-${example}-${profile}`;
  const objs = inNamespace(parseYaml(readFileSync(join(GOLDEN, example, `${profile}.k8s.yaml`), 'utf8')), example, namespace);
  const jobs = binderJobs(objs);

  beforeAll(async () => {
    await ensureNamespace(namespace);
    await apply(toYaml(objs));
  });

  test('runs the program of src/programs/ (the binder ConfigMap embeds it byte for byte)', () => {
    const podSpec = jobs[0].spec.template.spec;
    const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === podSpec.volumes.find((v: any) => v.name === 'script').configMap.name);
    expect(containerOf(podSpec).command).toEqual(['python3', '/binder/binder.py']);
    expect(cm.data).toEqual({
      'binder.py': readFileSync(join(PROGRAMS, 'binder.py'), 'utf8'),
      'kube.py': readFileSync(join(PROGRAMS, 'kube.py'), 'utf8'),
    });
  });

  test.each(jobs.map((j) => [j.metadata.name, j]))('%s fills the connection Secret under its own RBAC, and a second run changes nothing', async (_name, job) => {
    const { json, spec } = specOf(job);
    const podSpec = job.spec.template.spec;
    const sa = podSpec.serviceAccountName;
    const kind = KINDS[spec.values.type];
    expect(kind).toBeDefined();

    // The operator's own credentials Secret (CloudNativePG's `<cluster>-app`), which the binder only reads.
    if (spec.credentials && !spec.credentials.generate) {
      await apply(toYaml([{
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: spec.credentials.secret, namespace },
        type: 'kubernetes.io/basic-auth',
        stringData: { [spec.credentials.usernameKey]: spec.credentials.username, [spec.credentials.passwordKey]: 'operator-generated-pw' },
      }]));
    }
    const deferred = await provide(spec, namespace);
    const state = containerOf(podSpec).env.find((e: any) => e.name === 'STATE_CONFIGMAP').value;
    await waitForRbac(namespace, sa, 'patch', `configmaps/${state}`);

    const env = await resolveEnv(containerOf(podSpec), namespace);
    const first = await runAs(namespace, sa, 'binder.py', [], env);
    expect(first.forbidden).toEqual([]);
    expect({ code: first.code, output: first.output }).toEqual({ code: 0, output: expect.stringContaining(`wrote connection Secret ${spec.connectionSecret}`) });

    const secret = await getObject('secret', spec.connectionSecret, namespace);
    const values = decode(secret);
    expect(secret.type).toBe(`servicebinding.io/${kind.contract.type}`);
    expect(Object.keys(values).sort()).toEqual([...spec.keys].sort());
    expect([...kind.contract.keys, ...kind.contract.optionalKeys ?? []]).toEqual(expect.arrayContaining(spec.keys));
    for (const key of kind.contract.keys) expect(values[key]).toBeTruthy();
    for (const [key, value] of Object.entries<string>(spec.values)) {
      if (spec.keys.includes(key)) expect(values[key]).toBe(value.replace('{namespace}', namespace));
    }
    for (const [key, value] of Object.entries(deferred)) expect(values[key]).toBe(value);
    if (spec.credentials) {
      const creds = decode(await getObject('secret', spec.credentials.secret, namespace));
      const copy = spec.credentials.copy ?? { password: spec.credentials.passwordKey };
      for (const [connKey, credKey] of Object.entries<string>(copy)) {
        if (spec.deferred?.[connKey]) continue;
        expect(values[connKey]).toBe(creds[credKey]);
        expect(values[connKey].length).toBeGreaterThanOrEqual(spec.credentials.generate ? 32 : 1);
      }
      if (spec.credentials.generate) {
        for (const key of spec.credentials.passwordKeys) expect(creds[key]).toMatch(/^[A-Za-z0-9]{32}$/);
      }
    }
    if (kind.contract.uriTemplate) {
      expect(values.uri).toMatch(new RegExp(`^${kind.contract.uriTemplate.split(':')[0].replace(/s$/, '')}s?://`));
      expect(values.uri).toContain(values.host.includes(':') ? `[${values.host}]` : values.host);
    }
    const hash = createHash('sha256').update(json).digest('hex').slice(0, 16);
    const stateCm = await getObject('configmap', state, namespace);
    expect(stateCm.data).toMatchObject({ [`${spec.connectionSecret}.desired`]: hash, [`${spec.connectionSecret}.bound`]: hash });

    const versions = async () => [
      (await getObject('secret', spec.connectionSecret, namespace)).metadata.resourceVersion,
      spec.credentials ? (await getObject('secret', spec.credentials.secret, namespace)).metadata.resourceVersion : undefined,
      (await getObject('configmap', state, namespace)).metadata.resourceVersion,
    ];
    const before = await versions();
    const second = await runAs(namespace, sa, 'binder.py', [], env);
    expect(second.forbidden).toEqual([]);
    expect({ code: second.code, output: second.output }).toEqual({ code: 0, output: expect.stringContaining('is up to date; nothing to do') });
    expect(await versions()).toEqual(before);
  });

  test('every Secret key a workload, Job or CronJob of the YAML reads exists once the binders ran', async () => {
    const pods = objs.filter((o) => ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(o.kind)).map((o) => [o, podSpecOf(o.kind === 'CronJob' || o.kind === 'Job' ? o : { kind: 'Job', spec: o.spec })]);
    let refs = 0;
    for (const [, podSpec] of pods) {
      for (const c of [...podSpec.containers, ...(podSpec.initContainers ?? [])]) {
        refs += (c.env ?? []).filter((e: any) => e.valueFrom?.secretKeyRef || e.valueFrom?.configMapKeyRef).length;
        await resolveEnv(c, namespace);
      }
    }
    expect(refs).toBeGreaterThan(0);
  });
});
