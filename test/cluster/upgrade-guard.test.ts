/**
 * The upgrade guard (`upgradeGuard: true`, issue 22 item 3 and 4) on the real API server, which evaluates its CEL:
 * for every backend's database object, before/after pairs of each transition (minor up, major up without and with
 * the app's allowance, downgrade, grow, shrink) are applied with `kubectl apply --server-side` (the after as a
 * server-side dry run: admission runs, nothing is stored) and are admitted or refused exactly as the table of
 * docs/day-2.md ("What the upgrade guard admits") says. The apps are synthesized with the public API.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Chart, Size } from 'cdk8s';
import { apply, ensureNamespace, FIELD_MANAGER, getObject, kubectl, parseYaml, ROOT, toYaml, waitFor } from './kube';
import * as lib from '../../src';
import { ALLOW_MAJOR_UPGRADE_ANNOTATION } from '../../src/private/upgrade-guard';
import { matrixProfilesOf } from '../util/matrix';

const NAMESPACE = 'upgrade-guard';
const PROFILES = matrixProfilesOf(lib);

/** The transitions, as the columns of the docs table name them. */
const TRANSITIONS = ['minor up', 'major up', 'major up, allowed', 'downgrade', 'grow', 'shrink'] as const;
type Transition = typeof TRANSITIONS[number];

type Engine = 'MySQL' | 'PostgreSQL';
/** Versions and sizes of each transition: before → after (the allowance only on the after). */
function transition(engine: Engine, t: Transition): { before: { [k: string]: unknown }; after: { [k: string]: unknown } } {
  const v = engine === 'MySQL'
    ? { minor: [lib.MySqlVersion.of('8.4', '8.4.5'), lib.MySqlVersion.of('8.4', '8.4.7')], major: [lib.MySqlVersion.V8_0, lib.MySqlVersion.V8_4] }
    : { minor: [lib.PostgresVersion.of('17', '17.6'), lib.PostgresVersion.of('17', '17.7')], major: [lib.PostgresVersion.of('16'), lib.PostgresVersion.of('17')] };
  const size = (gib: number) => ({ storage: Size.gibibytes(gib) });
  switch (t) {
    case 'minor up': return { before: { version: v.minor[0], ...size(30) }, after: { version: v.minor[1], ...size(30) } };
    case 'major up': return { before: { version: v.major[0], ...size(30) }, after: { version: v.major[1], ...size(30) } };
    case 'major up, allowed': return { before: { version: v.major[0], ...size(30) }, after: { version: v.major[1], ...size(30), allowMajorVersionUpgrade: true } };
    case 'downgrade': return { before: { version: v.major[1], ...size(30) }, after: { version: v.major[0], ...size(30) } };
    case 'grow': return { before: { version: v.major[1], ...size(30) }, after: { version: v.major[1], ...size(40) } };
    case 'shrink': return { before: { version: v.major[1], ...size(40) }, after: { version: v.major[1], ...size(30) } };
  }
}

/** One row of the table: a backend and engine, the profile that selects it and the kind of its guarded object. */
interface Row {
  readonly backend: string;
  readonly engine: Engine;
  readonly profile: string;
  readonly kind: string;
}

const ROWS: Row[] = [
  { backend: 'in-cluster', engine: 'MySQL', profile: 'in-cluster', kind: 'StatefulSet' },
  { backend: 'in-cluster', engine: 'PostgreSQL', profile: 'in-cluster', kind: 'StatefulSet' },
  { backend: 'cloudnative-pg', engine: 'PostgreSQL', profile: 'in-cluster-operators', kind: 'Cluster' },
  { backend: 'aws-ack', engine: 'MySQL', profile: 'aws', kind: 'DBInstance' },
  { backend: 'aws-ack', engine: 'PostgreSQL', profile: 'aws', kind: 'DBInstance' },
  { backend: 'gcp-kcc', engine: 'MySQL', profile: 'gcp', kind: 'SQLInstance' },
  { backend: 'gcp-kcc', engine: 'PostgreSQL', profile: 'gcp', kind: 'SQLInstance' },
  { backend: 'azure-aso', engine: 'MySQL', profile: 'azure', kind: 'FlexibleServer' },
  { backend: 'azure-aso', engine: 'PostgreSQL', profile: 'azure', kind: 'FlexibleServer' },
  { backend: 'crossplane', engine: 'MySQL', profile: 'crossplane', kind: 'Database' },
  { backend: 'crossplane', engine: 'PostgreSQL', profile: 'crossplane', kind: 'Database' },
];

/** The table of docs/day-2.md: `backend engine` → transition → cell. */
function docsTable(): Map<string, Map<Transition, string>> {
  const text = readFileSync(join(ROOT, 'docs', 'day-2.md'), 'utf8');
  const block = text.split('<!-- upgrade-guard:start')[1].split('<!-- upgrade-guard:end -->')[0];
  const lines = block.split('\n').filter((l) => l.startsWith('|'));
  const header = lines[0].split('|').slice(1, -1).map((c) => c.trim());
  expect(header.slice(3)).toEqual([...TRANSITIONS]);
  const table = new Map<string, Map<Transition, string>>();
  for (const line of lines.slice(2)) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    table.set(`${cells[0].replace(/`/g, '')} ${cells[1]}`, new Map(TRANSITIONS.map((t, i) => [t, cells[3 + i]])));
  }
  return table;
}

const idOf = (row: Row) => `${row.backend}-${row.engine === 'MySQL' ? 'my' : 'pg'}`.replace(/^aws-ack/, 'ack').replace(/^gcp-kcc/, 'kcc').replace(/^azure-aso/, 'aso')
  .replace(/^cloudnative-pg/, 'cnpg').replace(/^crossplane/, 'xp').replace(/^in-cluster/, 'sts');
const slug = (t: Transition) => ({ 'minor up': 'minor', 'major up': 'major', 'major up, allowed': 'allowed', 'downgrade': 'down', 'grow': 'grow', 'shrink': 'shrink' })[t];

/**
 * The row's app, one service per transition (named `<row>-<transition>`), each with the transition's before or after
 * props; a transition whose props synth refuses is left out and its error returned.
 */
function synthesize(row: Row, side: 'before' | 'after'): { objs: any[]; refused: Map<Transition, Error> } {
  const app = new App();
  const chart = new Chart(app, idOf(row), { namespace: NAMESPACE });
  const profile = PROFILES[row.profile]();
  lib.Profile.use(chart, lib.Profile.custom({
    name: `${row.profile}-guarded`,
    upgradeGuard: true,
    backends: profile.kinds.map((kind) => ({ kind, backend: profile.backendFor(kind) })),
  }));
  const refused = new Map<Transition, Error>();
  for (const t of TRANSITIONS) {
    const props = { name: `${idOf(row)}-${slug(t)}`, ...transition(row.engine, t)[side] };
    const make = () => (row.engine === 'MySQL' ? new lib.PortableMySQL(chart, slug(t), props) : new lib.PortablePostgres(chart, slug(t), props));
    try {
      // A refusal leaves a half-built service behind: build it in a throwaway chart first.
      const probe = new Chart(new App(), 'probe', { namespace: NAMESPACE });
      lib.Profile.use(probe, lib.Profile.custom({ name: 'probe', backends: profile.kinds.map((kind) => ({ kind, backend: profile.backendFor(kind) })) }));
      if (row.engine === 'MySQL') new lib.PortableMySQL(probe, slug(t), props); else new lib.PortablePostgres(probe, slug(t), props);
      make();
    } catch (e) {
      refused.set(t, e as Error);
    }
  }
  return { objs: parseYaml(app.synthYaml()), refused };
}

const guardedOf = (objs: any[], row: Row, t: Transition) => objs.find((o) => o.kind === row.kind
  && o.metadata.labels?.['app.kubernetes.io/instance'] === `${idOf(row)}-${slug(t)}`);
const policiesOf = (objs: any[]) => objs.filter((o) => o.kind.startsWith('ValidatingAdmissionPolicy'));

/** A server-side dry-run apply of one object: admission runs, nothing is stored. */
async function dryRun(o: any) {
  return kubectl(['apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '--dry-run=server', '-f', '-'], { input: toYaml([o]), allowFailure: true });
}

const table = docsTable();
const apps = new Map(ROWS.map((row) => [row, { before: synthesize(row, 'before'), after: synthesize(row, 'after') }]));

beforeAll(async () => {
  await ensureNamespace(NAMESPACE);
  const objs: any[] = [];
  for (const [row, { before }] of apps) {
    objs.push(...policiesOf(before.objs));
    for (const t of TRANSITIONS) if (!before.refused.has(t)) objs.push(guardedOf(before.objs, row, t));
  }
  await apply(toYaml(objs));
  // A policy reaches admission through an informer: wait until the first row's downgrade is refused.
  const first = ROWS[0];
  await waitFor('the guard to be in force', async () => (await dryRun(guardedOf(apps.get(first)!.after.objs, first, 'downgrade'))).code !== 0, 30_000, 500);
});

test('the docs table has a row for every backend and engine, and no other', () => {
  expect([...table.keys()].sort()).toEqual(ROWS.map((r) => `${r.backend} ${r.engine}`).sort());
});

test('every guard policy is served, and the API server type-checks its CEL against each kind\'s schema without a warning', async () => {
  const names = [...new Set([...apps.values()].flatMap(({ before }) => policiesOf(before.objs)
    .filter((o) => o.kind === 'ValidatingAdmissionPolicy' && o.metadata.labels['app.kubernetes.io/name'] === 'portable-data-upgrade-guard')
    .map((o) => o.metadata.name)))];
  expect(names.length).toBeGreaterThanOrEqual(ROWS.length);
  for (const name of names) {
    const stored = await waitFor(`type checking of ${name}`, async () => {
      const p = await getObject('validatingadmissionpolicy', name);
      return p?.status?.observedGeneration === p?.metadata.generation ? p : undefined;
    });
    expect({ name, typeChecking: stored.status.typeChecking ?? {} }).toEqual({ name, typeChecking: {} });
  }
});

describe.each(ROWS.map((row) => [`${row.backend} ${row.engine}`, row] as const))('%s', (_label, row) => {
  test.each([...TRANSITIONS])('%s: as the docs table says', async (t) => {
    const cell = table.get(`${row.backend} ${row.engine}`)!.get(t)!;
    const { before, after } = apps.get(row)!;
    if (cell === 'refused at synth') {
      // The backend refuses the allowance: synth fails naming the prop and the way that works.
      expect(after.refused.get(t)?.message).toMatch(/invalid allowMajorVersionUpgrade true: allowed: not a major version upgrade of this engine on the .* \[PD200\]$/);
      return;
    }
    if (cell.startsWith('n/a')) {
      // The backend has no minor to pin (Azure refuses a pinned minor; Cloud SQL's databaseVersion names the major only).
      const refusedPin = before.refused.get(t) ?? after.refused.get(t);
      if (refusedPin) expect(refusedPin.message).toContain('invalid version');
      else expect(guardedOf(after.objs, row, t).spec).toEqual(guardedOf(before.objs, row, t).spec);
      return;
    }
    expect({ before: before.refused.get(t)?.message, after: after.refused.get(t)?.message }).toEqual({ before: undefined, after: undefined });
    const o = guardedOf(after.objs, row, t);
    expect(o.metadata.annotations?.[ALLOW_MAJOR_UPGRADE_ANNOTATION]).toBe(t === 'major up, allowed' ? 'true' : undefined);
    const res = await dryRun(o);
    if (cell === 'admitted') {
      expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    } else if (cell === 'refused') {
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(/ValidatingAdmissionPolicy '[^']*upgradeguard[^']*' with binding '[^']*' denied request: /);
      expect(res.stderr).toMatch({
        'major up': / is a major version (upgrade, applied in place with no way back but a restore: set allowMajorVersionUpgrade: true|change, refused: )/,
        'major up, allowed': / is a major version change, refused: /,
        'downgrade': / is a downgrade, refused: /,
        'shrink': / is a shrink, refused: storage only grows/,
      }[t as string] ?? /\(no message for this transition\)/);
    } else if (cell === 'refused (immutable)') {
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(/spec\.volumeClaimTemplates: Invalid value: .*field is immutable|updates to statefulset spec for fields other than/);
    } else {
      throw new Error(`unknown cell "${cell}" in the docs table (${row.backend} ${row.engine}, ${t})`);
    }
  });
});

test('in-cluster PostgreSQL: a major change is refused even with the allowance set by hand (the data directory cannot be upgraded in place)', async () => {
  const row = ROWS.find((r) => r.backend === 'in-cluster' && r.engine === 'PostgreSQL')!;
  const o = JSON.parse(JSON.stringify(guardedOf(apps.get(row)!.after.objs, row, 'major up')));
  o.metadata.annotations = { ...o.metadata.annotations, [ALLOW_MAJOR_UPGRADE_ANNOTATION]: 'true' };
  const res = await dryRun(o);
  expect(res.code).not.toBe(0);
  expect(res.stderr).toContain('16.11 -> 17.7 is a major version change, refused: a PostgreSQL StatefulSet cannot upgrade its data directory in place');
});

test('objects the guard does not select are left alone: the same downgrade of a StatefulSet without the library\'s labels is admitted', async () => {
  const row = ROWS[0];
  const before = JSON.parse(JSON.stringify(guardedOf(apps.get(row)!.before.objs, row, 'downgrade')));
  const after = JSON.parse(JSON.stringify(guardedOf(apps.get(row)!.after.objs, row, 'downgrade')));
  for (const o of [before, after]) {
    o.metadata.name = 'unguarded';
    delete o.metadata.labels['app.kubernetes.io/managed-by'];
  }
  await apply(toYaml([before]));
  const res = await dryRun(after);
  expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
});
