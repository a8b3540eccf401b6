import { DeletionPolicy } from './policies';
import { Support } from './support';

/**
 * One portable question every backend of a kind answers: a row of the kind's feature table.
 *
 * The service asks it from its resolved spec (`ask`): a value (a prop's value, a restore source, a transition
 * `{ from, to }`), or nothing when the declaration does not ask it. Each backend answers with a `Support`, either
 * a constant or a function of the asked value (`Answer`). A refused answer fails at synth naming `prop`, the
 * described value, the backend's reason and its fix.
 *
 * @typeParam S the kind's spec
 * @typeParam A what the feature asks (a value, a transition, …)
 */
export interface Feature<S, A> {
  /** The prop the feature reads, as the error names it (`highAvailability`, `version`, …). */
  readonly prop: string;
  /** What the row is called in the README's capability tables and in `plan`. */
  readonly title: string;
  /**
   * A value the feature is asked with: the answer the README's capability table shows for a backend that answers
   * with a function of the value.
   */
  readonly sample: A;
  /**
   * What the spec asks, or `undefined` when it asks nothing of this feature.
   * @default - never asked: a statement about the backend (e.g. TLS always on where honoured), shown in the tables
   */
  readonly ask?: (spec: S) => A | undefined;
  /**
   * The asked value as the error shows it (called only for a refusal).
   * @default - the asked value itself
   */
  readonly describe?: (asked: A) => unknown;
  /**
   * What the error says is refused, before the backend's name: `not <what> the <backend> backend …`.
   * @default 'this value on'
   */
  readonly what?: string;
  /**
   * The day-2 operation the row answers (`restore`, `clone`, `point in time`, `major`, `minor`, `grow`, `shrink`,
   * `instance size`): the column of the kind's table in docs/day-2.md where each backend's answer appears.
   * @default - not a day-2 operation
   */
  readonly day2?: string;
}

/** A kind's feature table: every portable question of the kind, by name, in the order the service checks them. */
export type FeatureTable<S> = { readonly [name: string]: Feature<S, any> };

/** What a feature asks. */
export type AskedBy<F> = F extends Feature<any, infer A> ? A : never;

/** A backend's answer to a feature: a constant, or a function of the asked value. */
export type Answer<A> = Support | ((asked: A) => Support);

/**
 * A backend's answers to every row of a feature table. Adding a row makes the compiler list every backend that
 * must answer it.
 */
export type Answers<T> = { readonly [K in keyof T]: Answer<AskedBy<T[K]>> };

/** The answer to a feature for an asked value. */
export function answerOf<A>(answer: Answer<A>, asked: A): Support {
  return typeof answer === 'function' ? answer(asked) : answer;
}

/** A feature table with its spec type fixed, rows inferred (`featureTable<CacheSpec>()({ … })`). */
export function featureTable<S>(): <T extends { readonly [name: string]: Feature<S, any> }>(table: T) => T {
  return (table) => table;
}

/** The spec every kind's spec extends: what the common features ask. */
export interface CommonSpec {
  /** What happens to the data when the objects are deleted. */
  readonly deletionPolicy: DeletionPolicy;
}

/** The rows every kind has, last in its table: what happens to the data on deletion. */
export const COMMON_FEATURES = featureTable<CommonSpec>()({
  deletionRetain: {
    prop: 'deletionPolicy',
    title: '`DeletionPolicy.RETAIN`',
    sample: DeletionPolicy.RETAIN,
    ask: (s) => (s.deletionPolicy === DeletionPolicy.RETAIN ? s.deletionPolicy : undefined),
  },
  deletionDelete: {
    prop: 'deletionPolicy',
    title: '`DeletionPolicy.DELETE`',
    sample: DeletionPolicy.DELETE,
    ask: (s) => (s.deletionPolicy === DeletionPolicy.DELETE ? s.deletionPolicy : undefined),
  },
});

/** The kinds of workload `bind()` tells apart (a DaemonSet or a Pod binds as a Deployment does). */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'Job' | 'CronJob';

/** The rows every kind has about `bind()`, asked with the kind of the bound workload. */
export const BIND_FEATURES = featureTable<WorkloadKind>()({
  bindDeployment: { prop: 'bind', title: 'bind a Deployment', sample: 'Deployment', what: 'a Deployment on', ask: (k) => (k === 'Deployment' ? k : undefined) },
  bindStatefulSet: { prop: 'bind', title: 'bind a StatefulSet', sample: 'StatefulSet', what: 'a StatefulSet on', ask: (k) => (k === 'StatefulSet' ? k : undefined) },
  bindJob: { prop: 'bind', title: 'bind a Job', sample: 'Job', what: 'a Job on', ask: (k) => (k === 'Job' ? k : undefined) },
  bindCronJob: { prop: 'bind', title: 'bind a CronJob', sample: 'CronJob', what: 'a CronJob on', ask: (k) => (k === 'CronJob' ? k : undefined) },
});

/** The answers of a backend that binds every workload kind the same way (`how`). */
export function bindsEveryWorkload(how: string): Answers<typeof BIND_FEATURES> {
  const honoured = Support.honouredBy(how);
  return { bindDeployment: honoured, bindStatefulSet: honoured, bindJob: honoured, bindCronJob: honoured };
}

/** The answers every backend gives, whatever its kind. */
export type CommonAnswers = Answers<typeof COMMON_FEATURES> & Answers<typeof BIND_FEATURES>;
