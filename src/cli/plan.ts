/**
 * `cdk8s-portable-data plan`: what a synthesized app deploys, per profile and per service — the backend, the
 * objects, what must be installed first, and what the binder fills in at deploy time. Pure functions over parsed
 * objects; the command reads or synthesizes the manifests and prints `formatPlan`.
 */
import { serviceCost, ServiceCost, totalCost } from './cost';
import { apiGroupOf, KubeObject, objectRef, Prerequisite, prerequisitesOf } from './prerequisites';
import { PROFILE_ANNOTATION } from '../core/profile-annotation';

export type { KubeObject, Prerequisite } from './prerequisites';
export type { ServiceCost } from './cost';

/** The label that groups a service's objects. */
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';
/** The label that names the backend that made an object. */
export const BACKEND_LABEL = 'portabledata.io/backend';

/** An object in the plan. */
export interface PlannedObject {
  readonly kind: string;
  readonly name: string;
  readonly apiVersion: string;
}

/** A connection key the binder fills in at deploy time, and where from. */
export interface DeployTimeKey {
  readonly key: string;
  readonly from: string;
}

/** One service: the objects labelled with one `app.kubernetes.io/instance`. */
export interface ServicePlan {
  /** The `app.kubernetes.io/instance` label. */
  readonly service: string;
  /** The `portabledata.io/backend` label of its objects (several, comma-separated, if they disagree). */
  readonly backend: string;
  /** Its objects, in manifest order. */
  readonly objects: PlannedObject[];
  /** What must exist in the cluster and the cloud before the apply. */
  readonly prerequisites: Prerequisite[];
  /** The connection Secret the binder writes (from the binder Job's `BINDING_SPEC`). */
  readonly connectionSecret?: string;
  /** Connection keys known at synth, with their values (`{namespace}` is replaced at deploy time). */
  readonly atSynth: { [key: string]: string };
  /** Connection keys the binder fills in at deploy time. */
  readonly atDeploy: DeployTimeKey[];
  /** What it provisions (class, high availability, nodes, storage; in-cluster the pods' requests) and its monthly estimate. */
  readonly cost: ServiceCost;
}

/** The plan of one synthesized profile. */
export interface ProfilePlan {
  /** The `PORTABLE_PROFILE` synthesized, or undefined for a folder read as is (or the app's default profile). */
  readonly profile?: string;
  /** Where the manifests came from: the folder read, or the app folder synthesized. */
  readonly source: string;
  /**
   * The profiles the objects say they were synthesized for (their `portabledata.io/profile` annotations), sorted:
   * one name, or several when charts used different profiles.
   */
  readonly synthesizedFor: string[];
  /** One entry per service, in manifest order. */
  readonly services: ServicePlan[];
  /** Objects of no service (the application, the binder's shared RBAC), in manifest order. */
  readonly otherObjects: PlannedObject[];
  /** What the other objects need. */
  readonly otherPrerequisites: Prerequisite[];
  /** The sum of the services' estimates, per currency, and whether every part of every service is priced. */
  readonly cost: { readonly monthly: { [currency: string]: number }; readonly complete: boolean };
}

/** A field read at deploy time (`BinderSpec.deferred`). */
export interface DeferredRef {
  readonly apiGroup?: string;
  readonly resource?: string;
  readonly name?: string;
  readonly fieldPath?: string;
  readonly base64?: boolean;
}

/** The parts of the binder's `BINDING_SPEC` the plan reads. */
export interface BindingSpec {
  readonly connectionSecret?: string;
  readonly keys?: string[];
  readonly uriTemplate?: string;
  readonly values?: { [key: string]: string };
  readonly deferred?: { [key: string]: DeferredRef };
  readonly endpoints?: { [key: string]: { host: DeferredRef; port: DeferredRef } };
  readonly credentials?: { secret: string; generate: boolean; passwordKey?: string; passwordKeys?: string[]; copy?: { [key: string]: string } };
}

function planned(o: KubeObject): PlannedObject {
  return { kind: o.kind ?? '?', name: o.metadata?.name ?? '?', apiVersion: o.apiVersion ?? '?' };
}

function describeRef(r: DeferredRef): string {
  const resource = r.apiGroup ? `${r.resource}.${r.apiGroup}` : r.resource;
  return `${r.fieldPath} of ${resource}/${r.name}`;
}

/** The `BINDING_SPEC` of the binder Job among a service's objects, if any. */
export function bindingSpecOf(objects: readonly KubeObject[]): BindingSpec | undefined {
  for (const o of objects) {
    if (o.kind !== 'Job' || apiGroupOf(o.apiVersion) !== 'batch') continue;
    for (const c of o.spec?.template?.spec?.containers ?? []) {
      const env = (c.env ?? []).find((e: { name?: string }) => e.name === 'BINDING_SPEC');
      if (env?.value) return JSON.parse(env.value);
    }
  }
  return undefined;
}

/** Splits a binding spec into keys known at synth and keys the binder fills in at deploy time. */
export function connectionKeys(spec: BindingSpec): { atSynth: { [key: string]: string }; atDeploy: DeployTimeKey[] } {
  const atSynth: { [key: string]: string } = {};
  const atDeploy: DeployTimeKey[] = [];
  const c = spec.credentials;
  const copy = c ? (c.copy ?? (c.passwordKey ? { password: c.passwordKey } : {})) : {};
  for (const key of spec.keys ?? []) {
    const value = spec.values?.[key];
    const deferred = spec.deferred?.[key];
    const endpoint = spec.endpoints?.[key];
    if (deferred) {
      atDeploy.push({ key, from: describeRef(deferred) });
    } else if (endpoint) {
      atDeploy.push({ key, from: `http(s)://host:port from ${describeRef(endpoint.host)} and ${describeRef(endpoint.port)}` });
    } else if (c && copy[key]) {
      const generated = c.generate && (c.passwordKeys ?? []).includes(copy[key]);
      atDeploy.push({ key, from: `key ${copy[key]} of Secret ${c.secret}${generated ? ' (generated once by the binder)' : ' (written by the user or the operator)'}` });
    } else if (key === 'uri' && spec.uriTemplate && value === undefined) {
      atDeploy.push({ key, from: `${spec.uriTemplate}, built from the other keys` });
    } else if (value !== undefined) {
      if (value.includes('{namespace}')) atDeploy.push({ key, from: `${value}, with {namespace} the namespace deployed to` });
      else atSynth[key] = value;
    } else {
      atDeploy.push({ key, from: 'not set by the spec (the binder fails without it)' });
    }
  }
  return { atSynth, atDeploy };
}

function servicePlan(service: string, objects: KubeObject[]): ServicePlan {
  const backends = [...new Set(objects.map((o) => o.metadata?.labels?.[BACKEND_LABEL] ?? '(no backend label)'))];
  const spec = bindingSpecOf(objects);
  const keys = spec ? connectionKeys(spec) : { atSynth: {}, atDeploy: [] };
  return {
    service,
    backend: backends.join(', '),
    objects: objects.map(planned),
    prerequisites: prerequisitesOf(objects),
    connectionSecret: spec?.connectionSecret,
    ...keys,
    cost: serviceCost(objects),
  };
}

/**
 * The plan of one set of synthesized objects: services grouped by their `app.kubernetes.io/instance` label (in
 * order of first appearance; a group is a service when a backend labelled one of its objects), each object in
 * exactly one service or in `otherObjects`.
 */
export function planObjects(objects: readonly KubeObject[], source: string, profile?: string): ProfilePlan {
  const byService = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const service = o.metadata?.labels?.[INSTANCE_LABEL];
    if (service === undefined) continue;
    if (!byService.has(service)) byService.set(service, []);
    byService.get(service)!.push(o);
  }
  // A group none of whose objects a backend labelled is the application's own, not a service.
  const services = [...byService.entries()].filter(([, objs]) => objs.some((o) => o.metadata?.labels?.[BACKEND_LABEL] !== undefined));
  const own = new Set(services.flatMap(([, objs]) => objs));
  const others = objects.filter((o) => !own.has(o));
  const plans = services.map(([service, objs]) => servicePlan(service, objs));
  return {
    profile,
    source,
    synthesizedFor: annotatedProfiles(objects),
    services: plans,
    otherObjects: others.map(planned),
    otherPrerequisites: prerequisitesOf(others),
    cost: totalCost(plans.map((p) => p.cost)),
  };
}

/** The profile names the objects carry (`portabledata.io/profile`), each once, sorted. */
function annotatedProfiles(objects: readonly KubeObject[]): string[] {
  const names = new Set<string>();
  for (const o of objects) {
    const name = o.metadata?.annotations?.[PROFILE_ANNOTATION];
    if (name !== undefined) names.add(name);
  }
  return [...names].sort();
}

export { objectRef };
