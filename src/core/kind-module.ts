import { Construct } from 'constructs';
import type { ServiceBinding } from './backend';
import { Answers, CommonAnswers, CommonSpec, FeatureTable } from './features';
import { ServiceKind } from './kind';
import type { IServiceBackend, ProfileBackend } from './profile-backend';
import { Support } from './support';

/**
 * The spec every kind's resolved declaration extends: the name and labels of its objects, and what the common
 * features ask.
 */
export interface ServiceSpec extends CommonSpec {
  /** Base name of every object the backend creates (a DNS label of at most 40 characters). */
  readonly name: string;
  /** Labels for every object. */
  readonly labels: { [key: string]: string };
}

/**
 * A kind of service as the core sees it: its kind (name and connection contract), how errors name one service of
 * it, and its feature table. Each `services/<kind>/` folder defines one.
 */
export interface KindModule<S extends ServiceSpec, T extends FeatureTable<S> = FeatureTable<S>> {
  /** The kind and its connection contract. */
  readonly kind: ServiceKind;
  /** One service of the kind, as errors name it: `a queue`. */
  readonly noun: string;
  /** The service class of the kind, as fix texts name it: `PortableQueue` (its kind is `PortableQueue.KIND`). */
  readonly construct: string;
  /** The kind's own features, in the order the service checks them (the common ones follow). */
  readonly features: T;
}

/**
 * A backend of a kind: its answers to every feature of the kind's table and the common ones, and `bind()`.
 *
 * @typeParam S the kind's spec
 * @typeParam B the kind's binding
 * @typeParam T the kind's feature table
 */
export interface IKindBackend<S, B extends ServiceBinding, T> extends IServiceBackend {
  /** What it honours of the portable features, and why not. */
  readonly capabilities: Answers<T> & CommonAnswers;
  /**
   * Set where the profile has no backend of the kind at all (e.g. GCP without `queuesInCluster`): every service of
   * the kind fails with it, before its props are read.
   * @default - the backend serves the kind
   */
  readonly refusal?: Support;
  /** Creates the backend's objects under `scope` and says how the connection contract is filled. */
  bind(scope: Construct, spec: S): B;
}

const MODULES = new Map<ServiceKind, KindModule<any>>();

/** Defines a kind's module: its services find their noun and feature table by their kind. */
export function defineKind<S extends ServiceSpec, T extends FeatureTable<S>>(module: KindModule<S, T>): KindModule<S, T> {
  MODULES.set(module.kind, module);
  return module;
}

/** How a fix text names a kind: the `KIND` of the first service class defined (e.g. `PortableMySQL.KIND`). */
export function kindExample(): string {
  const first = [...MODULES.values()][0];
  return first ? `${first.construct}.KIND` : '<service class>.KIND';
}

/** The module of a kind defined with `defineKind`. */
export function kindModuleOf(kind: ServiceKind): KindModule<any> {
  const module = MODULES.get(kind);
  if (!module) throw new Error(`service kind ${kind.name} has no module: define it with defineKind()`);
  return module;
}

/**
 * One line of an environment's profile: the kind and the backend that serves it (the compiler checks that the
 * backend answers the kind's features and takes its spec).
 */
export function serves<S extends ServiceSpec, T extends FeatureTable<S>>(
  module: KindModule<S, T>, backend: IKindBackend<S, ServiceBinding, T>): ProfileBackend {
  return { kind: module.kind, backend };
}
