import { App, Chart, Size, Testing } from 'cdk8s';
import { baseOf, MATRIX_SERVICES, MatrixService } from './matrix';
import {
  InstanceSize, MySqlVersion, PostgresVersion, Profile, RabbitMqVersion, ServiceKind, ValkeyVersion,
} from '../../src';
import { Consequence } from '../../src/cli/diff-rules';
import { diffObjects, ServiceDiff } from '../../src/cli/plan-diff';
import { answerOf, Feature } from '../../src/core/features';
import { IKindBackend, kindModuleOf } from '../../src/core/kind-module';

/**
 * The day-2 tables of docs/day-2.md: per kind, each backend × operation, honoured or refused with its reason. A cell
 * comes from the kind's feature table where a row is tagged with the operation (`Feature.day2`: the backend's own
 * answer, checked at synth), else from `plan --diff`: the service is synthesized before and after the operation's
 * change on a profile of the backend, and the diff rules classify what applying it does. Nothing is written by hand.
 */

/** The operations, in the order of the columns. */
export const DAY2_OPERATIONS = ['restore', 'clone', 'point in time', 'major', 'minor', 'grow', 'shrink', 'instance size'] as const;

/** An operation as a change of props: what `plan --diff` classifies when no feature row answers it. */
export interface Day2Transition {
  readonly op: typeof DAY2_OPERATIONS[number];
  /** What the change is, as the table's note says it. */
  readonly what: string;
  readonly from: { [prop: string]: unknown };
  readonly to: { [prop: string]: unknown };
}

/** The operations of each kind the diff rules answer (by the matrix service's name). */
export const DAY2_TRANSITIONS: { [service: string]: Day2Transition[] } = {
  PortableMySQL: [
    { op: 'major', what: '`MySqlVersion.V8_0` → `V8_4`', from: { version: MySqlVersion.V8_0 }, to: { version: MySqlVersion.V8_4 } },
    { op: 'minor', what: "`MySqlVersion.of('8.4', '8.4.6')` → `'8.4.7'`", from: { version: MySqlVersion.of('8.4', '8.4.6') }, to: { version: MySqlVersion.of('8.4', '8.4.7') } },
    { op: 'grow', what: '`storage` 40 → 80 GiB', from: { storage: Size.gibibytes(40) }, to: { storage: Size.gibibytes(80) } },
    { op: 'shrink', what: '`storage` 80 → 40 GiB', from: { storage: Size.gibibytes(80) }, to: { storage: Size.gibibytes(40) } },
    { op: 'instance size', what: '`InstanceSize.MEDIUM` → `LARGE`', from: { instanceSize: InstanceSize.MEDIUM }, to: { instanceSize: InstanceSize.LARGE } },
  ],
  PortablePostgres: [
    { op: 'major', what: '`PostgresVersion.V16` → `V17`', from: { version: PostgresVersion.V16 }, to: { version: PostgresVersion.V17 } },
    { op: 'minor', what: "`PostgresVersion.of('16', '16.10')` → `'16.11'`", from: { version: PostgresVersion.of('16', '16.10') }, to: { version: PostgresVersion.of('16', '16.11') } },
    { op: 'grow', what: '`storage` 40 → 80 GiB', from: { storage: Size.gibibytes(40) }, to: { storage: Size.gibibytes(80) } },
    { op: 'shrink', what: '`storage` 80 → 40 GiB', from: { storage: Size.gibibytes(80) }, to: { storage: Size.gibibytes(40) } },
    { op: 'instance size', what: '`InstanceSize.MEDIUM` → `LARGE`', from: { instanceSize: InstanceSize.MEDIUM }, to: { instanceSize: InstanceSize.LARGE } },
  ],
  PortableCache: [
    { op: 'major', what: '`ValkeyVersion.V7_2` → `V8_0`', from: { version: ValkeyVersion.V7_2 }, to: { version: ValkeyVersion.V8_0 } },
    { op: 'minor', what: '`ValkeyVersion.V8_0` → `V8_1`', from: { version: ValkeyVersion.V8_0 }, to: { version: ValkeyVersion.V8_1 } },
    { op: 'grow', what: '`memory` 2 → 4 GiB', from: { memory: Size.gibibytes(2) }, to: { memory: Size.gibibytes(4) } },
    { op: 'shrink', what: '`memory` 4 → 2 GiB', from: { memory: Size.gibibytes(4) }, to: { memory: Size.gibibytes(2) } },
  ],
  PortableQueue: [
    { op: 'minor', what: '`RabbitMqVersion.V4_2` → `V4_3` (a RabbitMQ minor: one at a time, never back)', from: { version: RabbitMqVersion.V4_2 }, to: { version: RabbitMqVersion.V4_3 } },
    { op: 'grow', what: '`storage` 20 → 40 GiB', from: { storage: Size.gibibytes(20) }, to: { storage: Size.gibibytes(40) } },
    { op: 'shrink', what: '`storage` 40 → 20 GiB', from: { storage: Size.gibibytes(40) }, to: { storage: Size.gibibytes(20) } },
    { op: 'instance size', what: '`InstanceSize.SMALL` → `MEDIUM`', from: { instanceSize: InstanceSize.SMALL }, to: { instanceSize: InstanceSize.MEDIUM } },
  ],
};

/** One cell: the answer, its short form for the table, and its reason. */
export interface Day2Cell {
  readonly honoured: boolean;
  /** `in place`, `restart`, …, `refused at synth`. */
  readonly label: string;
  readonly reason: string;
  /** Where the answer comes from. */
  readonly source: 'feature' | 'plan --diff' | 'synth';
  /** The diff's consequence (for a cell from `plan --diff`). */
  readonly consequence?: Consequence;
}

const LABELS: { [c in Consequence]: string } = {
  'none': 'no change',
  'in-place': 'in place',
  'restart': 'restart',
  'failover': 'failover',
  'irreversible': 'irreversible',
  'replaces': 'replaces (data lost)',
  'refused': 'refused',
};

/** The rows of a kind's feature table tagged with a day-2 operation. */
export function day2Features(kind: ServiceKind): { [op: string]: { row: string; feature: Feature<any, any> } } {
  const out: { [op: string]: { row: string; feature: Feature<any, any> } } = {};
  for (const [row, feature] of Object.entries(kindModuleOf(kind).features as { [row: string]: Feature<any, any> })) {
    if (feature.day2 !== undefined) out[feature.day2] = { row, feature };
  }
  return out;
}

/** The backends of the matrix profiles that serve the service's kind, by name: the first profile of each. */
export function backendsOf(service: MatrixService): Map<string, { profile: string; make: () => Profile }> {
  const out = new Map<string, { profile: string; make: () => Profile }>();
  for (const [name, make] of Object.entries(service.profiles)) {
    const profile = make();
    if (!profile.kinds.includes(service.kind)) continue;
    const backend = profile.backendFor(service.kind) as IKindBackend<any, any, any>;
    if (!out.has(backend.name)) out.set(backend.name, { profile: name, make });
  }
  return out;
}

/** The service synthesized with `props` on a profile, or the synth error. */
function synthService(service: MatrixService, profileName: string, make: () => Profile, props: { [prop: string]: unknown }): any[] | Error {
  const app: App = Testing.app();
  const chart = new Chart(app, 'day2', { namespace: 'apps' });
  Profile.use(chart, make());
  try {
    service.make(chart, 'Service', { ...baseOf(service, profileName), ...props });
    return Testing.synth(chart);
  } catch (e) {
    return e as Error;
  }
}

/** The reasons of the changes that make the service's consequence, without repeats. */
function reasonsOf(s: ServiceDiff | undefined): string {
  if (s === undefined || s.changes.length === 0) return 'the synthesized objects do not change: nothing is applied';
  return [...new Set(s.changes.filter((c) => c.consequence === s.consequence).map((c) => c.reason))].join('; ');
}

/** The error's message without the construct path (the service's id here, not the user's). */
const refusal = (e: Error) => e.message.replace(/^day2\/Service: /, '').split('\n')[0];

/**
 * The cell of one backend and operation: the feature row's answer where a row is tagged with it (refused: the
 * refusal; honoured: what `plan --diff` says of the change too, where a transition names it), else `plan --diff`'s.
 */
export function day2Cell(service: MatrixService, backend: string, profile: { profile: string; make: () => Profile },
  op: string, features: boolean = true): Day2Cell | undefined {
  const feature = features ? day2Features(service.kind)[op] : undefined;
  const transition = DAY2_TRANSITIONS[service.name]?.find((t) => t.op === op);
  if (feature !== undefined) {
    const b = profile.make().backendFor(service.kind) as IKindBackend<any, any, any>;
    const answer = answerOf((b.capabilities as { [row: string]: any })[feature.row], feature.feature.sample);
    if (!answer.honoured) return { honoured: false, label: 'refused at synth', reason: `${answer.description}. Fix: ${answer.fix}`, source: 'feature' };
    // Honoured, and the diff rules also know the change: what applying it does, after the backend's own words.
    const applied = transition === undefined ? undefined : day2Cell(service, backend, profile, op, false);
    return applied === undefined
      ? { honoured: true, label: 'honoured', reason: answer.description, source: 'feature' }
      : { ...applied, reason: `${answer.description}; applied: ${applied.reason}`, source: 'feature' };
  }
  if (transition === undefined) return undefined;
  const before = synthService(service, profile.profile, profile.make, transition.from);
  const after = synthService(service, profile.profile, profile.make, transition.to);
  const failed = [before, after].find((r): r is Error => r instanceof Error);
  if (failed !== undefined) return { honoured: false, label: 'refused at synth', reason: refusal(failed), source: 'synth' };
  const d = diffObjects(before as any[], after as any[], 'before', 'after');
  const s = d.services.find((x) => x.backend === backend) ?? d.services[0];
  const consequence = s?.consequence ?? 'none';
  return {
    honoured: consequence !== 'refused' && consequence !== 'replaces',
    label: LABELS[consequence],
    reason: reasonsOf(s),
    source: 'plan --diff',
    consequence,
  };
}

/** The columns of a kind's table: the operations a feature row or a transition answers. */
export function day2Columns(service: MatrixService): string[] {
  const features = day2Features(service.kind);
  const transitions = DAY2_TRANSITIONS[service.name] ?? [];
  return DAY2_OPERATIONS.filter((op) => features[op] !== undefined || transitions.some((t) => t.op === op));
}

/** The table of one kind, with one note per cell. */
export function day2Table(service: MatrixService): string {
  const backends = backendsOf(service);
  const ops = day2Columns(service);
  const cells = new Map([...backends].map(([name, p]) => [name, new Map(ops.map((op) => [op, day2Cell(service, name, p, op)!]))]));
  const features = day2Features(service.kind);
  const transitions = DAY2_TRANSITIONS[service.name] ?? [];
  const what = (op: string) => (features[op] !== undefined ? `\`${features[op].feature.prop}\` (checked at synth)` : transitions.find((t) => t.op === op)!.what);
  return [
    `| | ${ops.join(' | ')} |`,
    `|---|${ops.map(() => '---').join('|')}|`,
    ...[...cells].map(([name, row]) => `| \`${name}\` | ${ops.map((op) => `${row.get(op)!.honoured ? '✓' : '✗'} ${row.get(op)!.label}`).join(' | ')} |`),
    '',
    ...ops.flatMap((op) => [
      `- **${op}**: ${what(op)}`,
      ...[...cells].map(([name, row]) => `  - \`${name}\`: ${row.get(op)!.label}: ${row.get(op)!.reason.replace(/\.$/, '')}.`),
    ]),
  ].join('\n');
}

/** The titles of the kinds' tables. */
const TITLES: { [service: string]: string } = {
  PortableMySQL: 'MySQL (`PortableMySQL`)',
  PortablePostgres: 'PostgreSQL (`PortablePostgres`)',
  PortableCache: 'Caches (`PortableCache`)',
  PortableQueue: 'Queues (`PortableQueue`)',
};

/** The generated block of docs/day-2.md. */
export function day2Tables(): string {
  return [
    '<!-- day2-operations:start (generated from the feature tables and the plan --diff rules by test/readme.test.ts) -->',
    ...MATRIX_SERVICES.filter((s) => day2Columns(s).length > 0).flatMap((s) => [`${TITLES[s.name] ?? s.name}:`, '', day2Table(s), '']),
    '<!-- day2-operations:end -->',
  ].join('\n');
}
