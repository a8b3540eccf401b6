/**
 * bind() takes a workload by what it is (an ApiObject with a pod template), not by the class that made it: the same
 * binding of every kind of service on every profile, to the four workload kinds made by cdk8s-plus-27, by the latest
 * cdk8s-plus (33), by the user's own `cdk8s import k8s` classes and by the library's generated imports, lands the
 * same edits in the pod template (variables, mount, sidecar, pod labels), gives the rest of the app the same objects,
 * and validates against the schemas. A backend that refuses a kind refuses it whatever made it.
 */
import { Cron, Yaml } from 'cdk8s';
import * as kplus27 from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
// The user's own `cdk8s import k8s` classes (cdk8s-plus-33 ships that import of Kubernetes 1.33).
import * as userK8s from 'cdk8s-plus-33/lib/imports/k8s';
import { Construct, IConstruct } from 'constructs';
import { Profile } from '../../src';
import { Support } from '../../src/core/support';
import * as ourK8s from '../../src/imports/k8s';
import { answerFor, baseOf, MATRIX_SERVICES, MatrixService, WORKLOADS } from '../util/matrix';
import { registerPortableApis } from '../util/portable-apis';
import { expectValid } from '../util/schema';
import { byKind, newChart, synth } from '../util/synth';

type Kind = 'Deployment' | 'StatefulSet' | 'Job' | 'CronJob';
const KINDS: Kind[] = ['Deployment', 'StatefulSet', 'Job', 'CronJob'];

/** One workload: a container named `app`, running as the ServiceAccount `app` created in the app. */
type Make = (scope: Construct) => IConstruct;

/** cdk8s-plus workloads of one major (the majors have the same props for what the tests need). */
function plus(k: typeof kplus27 | typeof kplus33): { [kind in Kind]: Make } {
  const pod = (s: Construct) => ({
    containers: [{ image: 'example.com/app:1.0.0', name: 'app', ports: [{ number: 8080 }] }],
    serviceAccount: new k.ServiceAccount(s, 'AppSa', { metadata: { name: 'app' } }),
  });
  return {
    Deployment: (s) => new k.Deployment(s, 'App', pod(s)),
    StatefulSet: (s) => new k.StatefulSet(s, 'App', pod(s)),
    Job: (s) => new k.Job(s, 'App', pod(s)),
    CronJob: (s) => new k.CronJob(s, 'App', { ...pod(s), schedule: Cron.daily() }),
  };
}

/** L1 workloads of a `cdk8s import k8s` module (the user's, or the library's generated one, which has no Deployment). */
function l1(k: typeof userK8s | typeof ourK8s): { [kind in Kind]?: Make } {
  const template = (s: Construct, restartPolicy?: string) => {
    new k.KubeServiceAccount(s, 'AppSa', { metadata: { name: 'app' } });
    return {
      metadata: { labels: { 'example.com/app': 'flavours' } },
      spec: { serviceAccountName: 'app', restartPolicy, containers: [{ name: 'app', image: 'example.com/app:1.0.0', ports: [{ containerPort: 8080 }] }] },
    };
  };
  const selector = { matchLabels: { 'example.com/app': 'flavours' } };
  const makers: { [kind in Kind]?: Make } = {
    StatefulSet: (s) => new k.KubeStatefulSet(s, 'App', { spec: { serviceName: 'app', selector, template: template(s) } }),
    Job: (s) => new k.KubeJob(s, 'App', { spec: { template: template(s, 'Never') } }),
    CronJob: (s) => new k.KubeCronJob(s, 'App', { spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: template(s, 'Never') } } } }),
  };
  if ('KubeDeployment' in k) makers.Deployment = (s) => new k.KubeDeployment(s, 'App', { spec: { selector, template: template(s) } });
  return makers;
}

const FLAVOURS: { [flavour: string]: { [kind in Kind]?: Make } } = {
  'cdk8s-plus-27': plus(kplus27),
  'cdk8s-plus-33': plus(kplus33),
  'cdk8s import k8s': l1(userK8s),
  'the library\'s k8s imports': l1(ourK8s),
};
const REFERENCE = 'cdk8s-plus-27';

/** The pod template of a synthesized workload. */
function templateOf(o: any): any {
  return o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template : o.spec.template;
}

/** The bound workload among the objects (the binder's Jobs have no container named `app`). */
function workloadOf(objs: any[], kind: Kind): any {
  const found = byKind(objs, kind).filter((o) => templateOf(o).spec.containers.some((c: any) => c.name === 'app'));
  expect(found).toHaveLength(1);
  return found[0];
}

/** The peers of every NetworkPolicy, by policy name. */
function peersOf(objs: any[]): Map<string, any[]> {
  return new Map(byKind(objs, 'NetworkPolicy').map((np) => [np.metadata.name,
    (np.spec.ingress ?? []).flatMap((rule: any) => (rule.from ?? []).map((peer: any) => peer.podSelector?.matchLabels ?? {}))]));
}

/** The peers the binding added: those of the bound output that the unbound one does not have. */
function addedPeers(bound: any[], unbound: any[]): any[] {
  const before = peersOf(unbound);
  const known = (name: string, p: any) => (before.get(name) ?? []).some((q) => JSON.stringify(q) === JSON.stringify(p));
  return [...peersOf(bound)].flatMap(([name, peers]) => peers.filter((p) => !known(name, p)));
}

/**
 * Everything but the workload, its ServiceAccount, the headless Service cdk8s-plus makes for a StatefulSet and the
 * NetworkPolicies (whose peers name the workload's labels).
 */
function rest(objs: any[], workload: any): string {
  return Yaml.stringify(...objs.filter((o) => o !== workload && !(o.kind === 'ServiceAccount' && o.metadata.name === 'app')
    && !(o.kind === 'Service' && o.metadata.name.startsWith('test-app-service-')) && o.kind !== 'NetworkPolicy'));
}

function build(service: MatrixService, profileName: string, make?: Make) {
  const { chart } = newChart();
  Profile.use(chart, service.profiles[profileName]());
  const svc = service.make(chart, 'Svc', baseOf(service, profileName));
  if (make) svc.bind(make(chart), { mount: true });
  return { chart, svc };
}

function capability(service: ReturnType<typeof build>['svc'], kind: Kind): Support {
  return answerFor(service, WORKLOADS[kind].feature);
}

/** The unbound and the cdk8s-plus-27 outputs, once per service, profile and kind. */
const memo = new Map<string, any[]>();
function once(key: string, produce: () => any[]): any[] {
  if (!memo.has(key)) memo.set(key, produce());
  return memo.get(key)!;
}

beforeAll(() => registerPortableApis());

const cases = Object.entries(FLAVOURS).flatMap(([flavour, makers]) => MATRIX_SERVICES.flatMap((s) => Object.keys(s.profiles).flatMap((p) =>
  KINDS.filter((k) => makers[k] !== undefined).map((k) => [s.name, p, flavour, k, s] as const))));

test.each(cases)('%s on %s: binding a %s %s lands in its pod template, as with cdk8s-plus-27, or is refused the same way',
  (_, profileName, flavour, kind, service) => {
    const make = FLAVOURS[flavour][kind]!;
    const probe = build(service, profileName).svc;
    const support = capability(probe, kind);
    const what = WORKLOADS[kind].what;
    if (!support.honoured) {
      expect(() => build(service, profileName, make)).toThrow(
        `test/Svc: invalid bind "test/App (${what})": allowed: not ${what} on the ${probe.backendName} backend of profile "${probe.profile.name}": `
        + `${support.description}. Fix: ${support.fix}`);
      return;
    }
    const { chart, svc } = build(service, profileName, make);
    const objs = synth(chart);
    expectValid(objs);
    const workload = workloadOf(objs, kind);
    const template = templateOf(workload);
    const containers: any[] = template.spec.containers;
    const app = containers.find((c) => c.name === 'app');
    const secret = svc.connection.secretName;
    const prefix = service.kind.contract.envPrefix;

    // The variables of every key, first in the container and in the contract's order, then the binding root.
    expect(app.env.slice(0, svc.connection.keys.length)).toEqual(svc.connection.keys.map((key) =>
      ({ name: `${prefix}${key.toUpperCase().replace(/[-.]/g, '_')}`, valueFrom: { secretKeyRef: { key, name: secret } } })));
    expect(app.env).toContainEqual({ name: 'SERVICE_BINDING_ROOT', value: '/bindings' });
    // The mounted binding and its volume.
    expect(app.volumeMounts).toEqual([{ mountPath: `/bindings/${svc.name}`, name: `binding-${svc.name}`, readOnly: true }]);
    expect(template.spec.volumes).toEqual([{ name: `binding-${svc.name}`, secret: { secretName: secret } }]);
    // Pods without a selector of their own are labelled for the NetworkPolicies.
    if (kind === 'Job' || kind === 'CronJob') expect(template.metadata.labels['portabledata.io/workload']).toBe('test-App-c88c38e4');

    // The same edits as with cdk8s-plus-27: the same containers (a backend's sidecar included) with the same
    // binding, and the same objects in the rest of the app.
    const reference = once(`${service.name}/${profileName}/${kind}`, () => synth(build(service, profileName, FLAVOURS[REFERENCE][kind]).chart));
    const refWorkload = workloadOf(reference, kind);
    const refContainers: any[] = templateOf(refWorkload).spec.containers;
    expect(containers.map((c) => c.name)).toEqual(refContainers.map((c) => c.name));
    expect(containers.filter((c) => c.name !== 'app')).toEqual(refContainers.filter((c) => c.name !== 'app'));
    expect(template.spec.initContainers).toEqual(templateOf(refWorkload).spec.initContainers);
    if (svc.backendName === 'gcp-kcc' && ['mysql', 'postgresql'].includes(service.kind.contract.type)) {
      // The Auth Proxy is a native sidecar (Kubernetes 1.29+): the first init container, restartPolicy Always.
      expect(containers.map((c) => c.name)).toEqual(['app']);
      expect(template.spec.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['cloud-sql-proxy', 'Always']]);
      expect(template.spec.initContainers[0].env).toBeUndefined();
    }
    const bindingOf = (c: any) => ({
      env: c.env.filter((e: any) => e.valueFrom?.secretKeyRef?.name === secret || e.name === 'SERVICE_BINDING_ROOT'),
      volumeMounts: c.volumeMounts,
    });
    expect(bindingOf(app)).toEqual(bindingOf(refContainers.find((c) => c.name === 'app')));
    expect(rest(objs, workload)).toEqual(rest(reference, refWorkload));
    const sa = (os: any[]) => byKind(os, 'ServiceAccount').find((o) => o.metadata.name === 'app').metadata.annotations;
    expect(sa(objs)).toEqual(sa(reference));

    // The NetworkPolicy rules the binding added select this workload's pods, as many as with cdk8s-plus-27.
    const unbound = once(`${service.name}/${profileName}`, () => synth(build(service, profileName).chart));
    const added = addedPeers(objs, unbound);
    expect(added).toHaveLength(addedPeers(reference, unbound).length);
    if (profileName === 'in-cluster') expect(added.length).toBeGreaterThan(0);
    for (const labels of added) expect(template.metadata.labels).toMatchObject(labels);
  });
