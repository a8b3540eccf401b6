/**
 * The lifecycle the README promises (apply → bind → `kubectl delete -f` → apply again → bind), on the test cluster:
 * the real StatefulSet controller creates the data claims from the claim templates, the real garbage collector
 * decides by owner references what goes with the deleted objects.
 *
 * No kubelet runs and no operator: where an operator creates the claims, the test creates what it creates, with the
 * owner references it sets, read in its source (not run: see CONTRIBUTING.md):
 *
 * - the RabbitMQ cluster operator (github.com/rabbitmq/cluster-operator, internal/resource/statefulset.go at
 *   008183c5): a StatefulSet `<name>-server` controlled by the RabbitmqCluster, whose claim template `persistence`
 *   carries a controller reference to the RabbitmqCluster (`persistentVolumeClaim()`: SetControllerReference, then
 *   blockOwnerDeletion false); the real StatefulSet controller copies it onto the claim `persistence-<name>-server-0`.
 *   Its default user Secret `<name>-default-user` is controlled by the RabbitmqCluster too.
 * - CloudNativePG (github.com/cloudnative-pg/cloudnative-pg, pkg/reconciler/persistentvolumeclaim/build.go at
 *   0e1fec70): the claim `<cluster>-1` built with `WithClusterInheritance(cluster)`, a controller reference to the
 *   Cluster; the application Secret `<cluster>-app` likewise.
 * - Crossplane (github.com/crossplane/crossplane-runtime, pkg/resource/resource.go `ConnectionSecretFor`): the claim's
 *   connection Secret `<name>-crossplane` is controlled by the claim.
 * - Rook's bucket provisioner (lib-bucket-provisioner): a Secret and a ConfigMap named as the claim, with a finalizer
 *   and no owner reference; the provisioner deletes them with the claim and makes new credentials for a new claim.
 *   Not modelled: the Rook rows say so.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { ROOT, apply, applyAs, getJson, getObject, inNamespace, kubectl, parseYaml, toYaml, waitFor } from './kube';
import { containerOf, provide, resolveEnv, runAs, waitForRbac } from './programs';

/** One service of an example as the lifecycle saw it: what was left after `kubectl delete -f`, and after binding again. */
export interface Observed {
  /** The backend label of its binder Job (`in-cluster`, `cloudnative-pg`, `aws-ack`, …). */
  readonly backend: string;
  /** The servicebinding.io type of its contract (`mysql`, `postgresql`, `s3`, `redis`, `rabbitmq`). */
  readonly type: string;
  /** Its name (the connection Secret without `-connection`). */
  readonly name: string;
  /** Its claims that survived the delete (names with the service's name replaced by `<name>`). */
  readonly claimsKept: string[];
  /** Its claims the garbage collector deleted. */
  readonly claimsDeleted: string[];
  /** A kept claim is the same object again after the YAML is applied again (same uid). */
  readonly claimsTakenBack: boolean;
  /** Its Secrets that survived (with `<name>`). */
  readonly secretsKept: string[];
  /** The connection Secret holds the same credentials after applying again and binding (undefined: it has none). */
  readonly sameCredentials?: boolean;
}

function decode(secret: any): { [k: string]: string } {
  return Object.fromEntries(Object.entries<string>(secret?.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
}

function binderSpecs(objs: any[]): Array<{ job: any; json: string; spec: any }> {
  return objs.filter((o) => o.kind === 'Job' && o.spec.template.spec.containers[0].name === 'binder').map((job) => {
    const json = containerOf(job.spec.template.spec).env.find((e: any) => e.name === 'BINDING_SPEC').value;
    return { job, json, spec: JSON.parse(json) };
  });
}

function owner(obj: any) {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, uid: obj.metadata.uid, controller: true, blockOwnerDeletion: true };
}

/** Creates what the operators of the YAML create (see the module comment), with their owner references. */
async function playOperators(objs: any[], namespace: string): Promise<void> {
  const created: any[] = [];
  for (const o of objs) {
    if (o.kind === 'RabbitmqCluster') {
      const rmq = await getObject('rabbitmqclusters.rabbitmq.com', o.metadata.name, namespace);
      const labels = { 'app.kubernetes.io/name': o.metadata.name };
      created.push({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: `${o.metadata.name}-server`, namespace, ownerReferences: [owner(rmq)] },
        spec: {
          replicas: 1,
          serviceName: `${o.metadata.name}-nodes`,
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: 'rabbitmq', image: o.spec.image }] } },
          volumeClaimTemplates: [{
            metadata: { name: 'persistence', labels, ownerReferences: [{ ...owner(rmq), blockOwnerDeletion: false }] },
            spec: { accessModes: ['ReadWriteOnce'], storageClassName: o.spec.persistence.storageClassName, resources: { requests: { storage: o.spec.persistence.storage } } },
          }],
        },
      }, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `${o.metadata.name}-default-user`, namespace, ownerReferences: [owner(rmq)] },
        stringData: { host: `${o.metadata.name}.${namespace}.svc`, port: '5672', username: 'default_user_x', password: 'operator-pw' },
      });
    } else if (o.kind === 'Cluster' && o.apiVersion === 'postgresql.cnpg.io/v1') {
      const cluster = await getObject('clusters.postgresql.cnpg.io', o.metadata.name, namespace);
      created.push({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: `${o.metadata.name}-1`, namespace, labels: { 'cnpg.io/cluster': o.metadata.name, 'cnpg.io/pvcRole': 'PG_DATA' }, ownerReferences: [owner(cluster)] },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: o.spec.storage.storageClass, resources: { requests: { storage: o.spec.storage.size } } },
      }, {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/basic-auth',
        metadata: { name: `${o.metadata.name}-app`, namespace, ownerReferences: [owner(cluster)] },
        // A new Cluster gets a new password (CloudNativePG generates it when the Secret is missing).
        stringData: { username: 'app', password: `cnpg-${cluster.metadata.uid}` },
      });
    }
  }
  if (created.length > 0) await applyAs('test-operator', toYaml(created));
}

/** Crossplane makes each claim the controller of its connection Secret (once the test, as the provider, wrote it). */
async function adoptConnectionSecrets(objs: any[], namespace: string): Promise<void> {
  const adopted: any[] = [];
  for (const o of objs.filter((x) => x.apiVersion === 'portabledata.io/v1alpha1' && x.spec?.writeConnectionSecretToRef)) {
    const claim = await getObject(`${o.kind.toLowerCase()}s.portabledata.io`, o.metadata.name, namespace);
    adopted.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: o.spec.writeConnectionSecretToRef.name, namespace, ownerReferences: [owner(claim)] } });
  }
  if (adopted.length > 0) await applyAs('test-crossplane', toYaml(adopted));
}

/** The claims of the namespace, by name: uid and owners. */
async function claims(namespace: string): Promise<Map<string, any>> {
  const list = await getJson(['get', 'persistentvolumeclaims', '-n', namespace]);
  return new Map(list.items.filter((c: any) => !c.metadata.deletionTimestamp).map((c: any) => [c.metadata.name, c]));
}

/** Runs every binder of the YAML as its ServiceAccount, after playing the providers. */
async function bindAll(objs: any[], namespace: string): Promise<void> {
  for (const { job, spec } of binderSpecs(objs)) {
    await provide(spec, namespace);
    const podSpec = job.spec.template.spec;
    await waitForRbac(namespace, podSpec.serviceAccountName, 'get', `secrets/${spec.connectionSecret}`);
    const run = await runAs(namespace, podSpec.serviceAccountName, 'binder.py', [], await resolveEnv(containerOf(podSpec), namespace));
    if (run.code !== 0 || run.forbidden.length > 0) throw new Error(`binder ${job.metadata.name} failed:\n${run.output}`);
  }
}

/** The claims the StatefulSets of the YAML (and the operators' StatefulSets) must have created before the delete. */
async function waitForClaims(namespace: string): Promise<void> {
  await waitFor('the StatefulSet controller to create the data claims', async () => {
    const sets = (await getJson(['get', 'statefulsets', '-n', namespace])).items;
    const want = sets.flatMap((s: any) => (s.spec.volumeClaimTemplates ?? []).map((t: any) => `${t.metadata.name}-${s.metadata.name}-0`));
    const have = await claims(namespace);
    return want.every((n: string) => have.has(n));
  }, 60_000);
}

/**
 * Runs the lifecycle of one example's golden YAML under a profile in namespace `life-<example>-<profile>` and returns
 * what it saw for each service.
 */
export async function lifecycle(example: string, profile: string): Promise<Observed[]> {
  const namespace = `life-${example}-${profile}`;
  const objs = inNamespace(parseYaml(readFileSync(join(ROOT, 'test', 'golden', example, `${profile}.k8s.yaml`), 'utf8')), example, namespace);
  const yaml = toYaml(objs);
  await apply(toYaml([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }]));

  // apply → bind
  await apply(yaml);
  await playOperators(objs, namespace);
  await waitForClaims(namespace);
  await bindAll(objs, namespace);
  await adoptConnectionSecrets(objs, namespace);
  const services = binderSpecs(objs).map(({ job, spec }) => ({ job, spec, name: spec.connectionSecret.replace(/-connection$/, '') }));
  const before = await claims(namespace);
  const credentials = new Map<string, { [k: string]: string }>();
  for (const { spec } of services) credentials.set(spec.connectionSecret, decode(await getObject('secret', spec.connectionSecret, namespace)));

  // kubectl delete -f, then the garbage collector: wait until nothing left has an owner that is gone. (The chart's
  // cluster-scoped admission policies were renamed for this namespace by inNamespace, so no other suite shares them.)
  await kubectl(['delete', '-f', '-', '--wait=true'], { input: yaml });
  await waitFor('the garbage collector', async () => {
    const uids = new Set<string>();
    for (const kind of ['statefulsets', 'pods', 'persistentvolumeclaims', 'secrets', 'configmaps']) {
      for (const o of (await getJson(['get', kind, '-n', namespace])).items) uids.add(o.metadata.uid);
    }
    for (const kind of ['statefulsets', 'pods', 'persistentvolumeclaims', 'secrets']) {
      for (const o of (await getJson(['get', kind, '-n', namespace])).items) {
        if ((o.metadata.ownerReferences ?? []).some((r: any) => !uids.has(r.uid)) && !o.metadata.ownerReferences.some((r: any) => r.kind === 'ServiceAccount')) return false;
      }
    }
    return (await getJson(['get', 'pods', '-n', namespace])).items.length === 0;
  }, 90_000, 500);
  const afterDelete = await claims(namespace);
  const secretsLeft = new Set<string>((await getJson(['get', 'secrets', '-n', namespace])).items.map((s: any) => s.metadata.name as string));

  // apply again → bind
  await apply(yaml);
  await playOperators(objs, namespace);
  await waitForClaims(namespace);
  await bindAll(objs, namespace);
  await adoptConnectionSecrets(objs, namespace);
  const again = await claims(namespace);

  const observed: Observed[] = [];
  for (const { job, spec, name } of services) {
    const mine = (n: string) => n.includes(name);
    const generic = (n: string) => n.split(name).join('<name>');
    const kept = [...before.keys()].filter((n) => mine(n) && afterDelete.has(n));
    const credentialKeys = ['password', 'secret-access-key'].filter((k) => spec.keys.includes(k));
    const now = decode(await getObject('secret', spec.connectionSecret, namespace));
    const was = credentials.get(spec.connectionSecret)!;
    observed.push({
      backend: job.metadata.labels['portabledata.io/backend'],
      type: spec.values.type,
      name,
      claimsKept: kept.map(generic).sort(),
      claimsDeleted: [...before.keys()].filter((n) => mine(n) && !afterDelete.has(n)).map(generic).sort(),
      claimsTakenBack: kept.every((n) => again.get(n)?.metadata.uid === before.get(n).metadata.uid),
      secretsKept: [...secretsLeft].filter(mine).map(generic).sort(),
      sameCredentials: credentialKeys.length === 0 ? undefined : credentialKeys.every((k) => now[k] === was[k]),
    });
  }
  return observed;
}
