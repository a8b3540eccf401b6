/**
 * examples/restore: an orders database with a recovery window and a copy of it at a point in time (or from the
 * snapshot taken then, where the backend restores snapshots only), under one profile per built-in environment. Its
 * golden YAML (test/golden/restore, byte-identical to `npx cdk8s synth`: test/golden/golden.test.ts) validates strictly,
 * and each backend carries the restore in its own field; the built-in in-cluster StatefulSets refuse it.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { registerProfiles } from '../../examples/restore/profiles';
import { COPY_SNAPSHOT, COPY_TIME, RestoreChart } from '../../examples/restore/restore';
import { Profile } from '../../src';
import { registerPortableApis } from '../util/portable-apis';
import { expectValid } from '../util/schema';
import { byKind } from '../util/synth';

const GOLDEN = join(__dirname, '..', 'golden', 'restore');

function golden(profile: string): any[] {
  return parseAllDocuments(readFileSync(join(GOLDEN, `${profile}.k8s.yaml`), 'utf8')).map((d) => d.toJSON()).filter((o) => o);
}

/** The object of the copy of a kind (`orders-copy`). */
function copyOf(objs: any[], kind: string): any {
  const [copy] = byKind(objs, kind).filter((o) => o.metadata.name === 'orders-copy');
  expect(copy).toBeDefined();
  return copy;
}

/** Per profile: the kind of the database objects, and what the copy's spec carries (the source's is without it). */
const EXPECTED: { [profile: string]: { kind: string; restore: (spec: any) => unknown; expected: unknown; empty: (spec: any) => boolean } } = {
  'in-cluster-operators': {
    kind: 'Cluster',
    restore: (s) => ({ bootstrap: s.bootstrap, externalClusters: s.externalClusters.map((c: any) => [c.name, c.barmanObjectStore.serverName]) }),
    expected: {
      bootstrap: { recovery: { source: 'orders', recoveryTarget: { targetTime: COPY_TIME }, database: 'app', owner: 'app' } },
      externalClusters: [['orders', 'orders']],
    },
    empty: (s) => s.bootstrap.initdb !== undefined && s.bootstrap.recovery === undefined && s.externalClusters === undefined,
  },
  'aws': { kind: 'DBInstance', restore: (s) => s.dbSnapshotIdentifier, expected: COPY_SNAPSHOT, empty: (s) => s.dbSnapshotIdentifier === undefined },
  'gcp': {
    kind: 'SQLInstance', restore: (s) => s.cloneSource, expected: { sqlInstanceRef: { name: 'orders' }, pointInTime: COPY_TIME }, empty: (s) => s.cloneSource === undefined,
  },
  'crossplane': {
    kind: 'Database', restore: (s) => s.parameters.restore, expected: { sourceIdentifier: 'prod-orders', pointInTime: COPY_TIME }, empty: (s) => s.parameters.restore === undefined,
  },
  'azure': {
    kind: 'FlexibleServer',
    restore: (s) => [s.createMode, s.sourceServerResourceReference, s.pointInTimeUTC],
    expected: ['PointInTimeRestore', { group: 'dbforpostgresql.azure.com', kind: 'FlexibleServer', name: 'orders' }, COPY_TIME],
    empty: (s) => s.createMode === undefined && s.sourceServerResourceReference === undefined,
  },
};

beforeAll(() => registerPortableApis());

describe.each(Object.keys(EXPECTED))('examples/restore with PORTABLE_PROFILE=%s', (profile) => {
  const objs = golden(profile);

  test('every object validates strictly', () => {
    expectValid(objs);
  });

  test('the copy is created from the source as its backend restores it; the source is created empty', () => {
    const e = EXPECTED[profile];
    expect(e.restore(copyOf(objs, e.kind).spec)).toEqual(e.expected);
    const [source] = byKind(objs, e.kind).filter((o) => o.metadata.name === 'orders');
    expect(e.empty(source.spec)).toBe(true);
  });

  test('the copy has credentials of its own, and the audit Job reads them', () => {
    const job = byKind(objs, 'Job').find((j) => j.metadata.name.startsWith('orders-copy-bind-'));
    const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.connectionSecret).toBe('orders-copy-connection');
    const source = JSON.parse(byKind(objs, 'Job').find((j) => j.metadata.name.startsWith('orders-bind-')).spec.template.spec.containers[0].env
      .find((e: any) => e.name === 'BINDING_SPEC').value);
    expect(spec.credentials.secret).not.toEqual(source.credentials.secret);
    const [audit] = byKind(objs, 'Job').filter((j) => j.metadata.name.startsWith('restore-audit'));
    const secrets = new Set(audit.spec.template.spec.containers[0].env.map((e: any) => e.valueFrom?.secretKeyRef?.name));
    expect(secrets).toEqual(new Set(['orders-copy-connection']));
  });
});

test('fails when synthesized with the built-in in-cluster profile: the StatefulSets keep no WAL archive', () => {
  const app = new App();
  registerProfiles(app);
  const saved = process.env[Profile.ENV_VAR];
  process.env[Profile.ENV_VAR] = 'in-cluster';
  try {
    expect(() => new RestoreChart(app, 'restore', { namespace: 'restore' })).toThrow(
      'restore/Orders: invalid backup "a recovery window of 7 days": allowed: not a recovery window on the in-cluster backend of profile "in-cluster"');
  } finally {
    if (saved === undefined) delete process.env[Profile.ENV_VAR];
    else process.env[Profile.ENV_VAR] = saved;
  }
});
