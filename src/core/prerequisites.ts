/**
 * What must exist before a set of synthesized objects can be applied, as each environment states it: the
 * operators, controllers and CRDs that serve its API groups, and the cluster and cloud resources its objects
 * reference by name. Read from the objects alone, so `plan` needs neither a cluster nor an account.
 */

/** A Kubernetes object as read from a synthesized manifest (the fields the plan reads). */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: { readonly [key: string]: string };
    readonly annotations?: { readonly [key: string]: string };
  };
  readonly spec?: any;
}

/** Where a prerequisite lives. */
export type PrerequisiteScope = 'cluster' | 'cloud';

/** One thing to install or create before the apply. */
export interface Prerequisite {
  /** `cluster` (an operator, a controller, CRDs, a class) or `cloud` (an account's network, APIs, clusters). */
  readonly scope: PrerequisiteScope;
  /** What to install or create. */
  readonly requirement: string;
  /** The objects that need it, as `Kind/name`. */
  readonly neededBy: string[];
}

/** An API group (exact, or a suffix when it starts with `*.`) and what serves it. */
export interface GroupRule {
  readonly group: string;
  readonly requirement: (group: string, object: KubeObject) => string;
}

/** Records a prerequisite of the object being read. */
export type AddPrerequisite = (scope: PrerequisiteScope, requirement: string) => void;

/** What an object reading hook may ask of the whole table: what serves an API group (for composed resources). */
export interface PrerequisiteContext {
  readonly add: AddPrerequisite;
  /** What serves `group` for `object`, by the rules of every environment, if any. */
  readonly requirementOf: (group: string, object: KubeObject) => string | undefined;
}

/** An environment's part of the prerequisites: the API groups it serves and what its objects reference. */
export interface PrerequisiteRules {
  /** What serves each API group its objects use. */
  readonly groups: readonly GroupRule[];
  /**
   * Reads one object for the classes and the cluster or cloud resources it references by name, in the order they
   * are needed (cluster before cloud).
   * @default - its objects reference nothing by name
   */
  readonly inspect?: (object: KubeObject, context: PrerequisiteContext) => void;
}

/** `Kind/name` of an object, as `plan` names it. */
export function objectRef(o: KubeObject): string {
  return `${o.kind ?? '?'}/${o.metadata?.name ?? '?'}`;
}

/** The API group of an apiVersion (`''` for the core group). */
export function apiGroupOf(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  return v.includes('/') ? v.slice(0, v.indexOf('/')) : '';
}

/** The StorageClass a claim names, or the default one when it names none. */
export function storageClassRequirement(name: string | undefined): string {
  return name ? `StorageClass ${name}` : 'a default StorageClass (a claim names none)';
}
