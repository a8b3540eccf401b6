import { App, Chart, Testing } from 'cdk8s';
import { PortableMySQL, PortableObjectStore } from '../../src';

/** A fresh app and chart (namespace `apps`) for a test. */
export function newChart(namespace: string = 'apps'): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace });
  return { app, chart };
}

/** Synthesizes a chart into plain objects. */
export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

/** The objects of one kind (optionally one apiVersion). */
export function byKind(objs: any[], kind: string, apiVersion?: string): any[] {
  return objs.filter((o) => o.kind === kind && (apiVersion === undefined || o.apiVersion === apiVersion));
}

/** The single object of a kind; fails when there is not exactly one. */
export function oneOf(objs: any[], kind: string, apiVersion?: string): any {
  const found = byKind(objs, kind, apiVersion);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${kind}, found ${found.length}: ${found.map((o) => o.metadata?.name).join(', ')}`);
  }
  return found[0];
}

/**
 * The `BINDING_SPEC` of a binder Job: what the connection Secret will hold at deploy time. With several services in
 * the objects, name the service.
 */
export function bindingSpec(objs: any[], service?: string): any {
  const jobs = byKind(objs, 'Job').filter((j) => j.spec.template.spec.containers[0].name === 'binder'
    && (service === undefined || j.metadata.name.startsWith(`${service}-bind-`)));
  if (jobs.length !== 1) {
    throw new Error(`expected exactly one binder Job${service ? ` of ${service}` : ''}, found ${jobs.length}`);
  }
  return JSON.parse(jobs[0].spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
}

/** The contract keys, from the kinds' contracts (the one place they are declared). */
export const DATABASE_CONNECTION_KEYS = PortableMySQL.KIND.contract.keys;
export const OBJECT_STORE_CONNECTION_KEYS = PortableObjectStore.KIND.contract.keys;
export const OBJECT_STORE_ACCESS_KEYS = PortableObjectStore.KIND.contract.optionalKeys!;

/** The objects without the binder's (its Job and repair CronJob), for tests of a backend's own CronJobs. */
export function withoutBinder(objs: any[]): any[] {
  return objs.filter((o) => o.metadata?.labels?.['app.kubernetes.io/component'] !== 'binder');
}

/**
 * An object's annotations without `portabledata.io/profile` (every object of an app with a service has it;
 * `test/profile.test.ts` checks it), or `undefined` when none is left.
 */
export function ownAnnotations(obj: any): { [key: string]: string } | undefined {
  const { 'portabledata.io/profile': _profile, ...rest } = obj?.metadata?.annotations ?? {};
  return Object.keys(rest).length > 0 ? rest : undefined;
}
