import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Size } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { registerProfiles } from '../../examples/worker/profiles';
import {
  HighAvailability, InClusterProfile, InstanceSize, PortableCache, PortablePostgres, PortablePostgresProps, PostgresVersion, Profile, GcpProfile,
} from '../../src';
import { CONSEQUENCES } from '../../src/cli/diff-rules';
import { main } from '../../src/cli/main';
import { diffObjects, EXIT_BLOCKING, PlanDiff } from '../../src/cli/plan-diff';

const BASE: PortablePostgresProps = { name: 'orders-db', databaseName: 'orders', storage: Size.gibibytes(40), version: PostgresVersion.V16 };

/**
 * Synthesizes a PostgreSQL (and, with `cache`, a cache) with the worker example's profiles and `PORTABLE_PROFILE=profile`,
 * as a user's app does; `gcpAutoresize: false` registers a GCP profile without disk autoresize.
 */
function synthApp(profile: string, props: Partial<PortablePostgresProps> = {}, opts: { cache?: boolean; gcpAutoresize?: boolean } = {}): any[] {
  const saved = process.env.PORTABLE_PROFILE;
  process.env.PORTABLE_PROFILE = profile;
  try {
    const app = new App();
    if (opts.gcpAutoresize === false) {
      Profile.register(app, new GcpProfile({ projectId: 'orders-4711', region: 'europe-west1', diskAutoresize: false }));
    } else {
      registerProfiles(app);
    }
    const chart = new Chart(app, 'orders', { namespace: 'orders' });
    new PortablePostgres(chart, 'Db', { ...BASE, ...props });
    if (opts.cache) new PortableCache(chart, 'Cache', { name: 'orders-cache', memory: Size.gibibytes(1) });
    return parseAllDocuments(app.synthYaml()).map((d) => d.toJS()).filter((o) => o);
  } finally {
    if (saved === undefined) delete process.env.PORTABLE_PROFILE;
    else process.env.PORTABLE_PROFILE = saved;
  }
}

/** Every consequence the cases below produced. */
const seen = new Set<string>();
const diff = (oldObjs: any[], newObjs: any[]) => {
  const d = diffObjects(oldObjs, newObjs, 'old', 'new');
  for (const s of d.services) seen.add(s.consequence);
  return d;
};
const service = (d: PlanDiff, name: string) => d.services.find((s) => s.service === name)!;
const change = (d: PlanDiff, path: string) => d.services.flatMap((s) => s.changes).find((c) => c.path === path);

describe('plan --diff classifies each change of real synth output', () => {
  test('none: the same app synthesized twice changes nothing', () => {
    const d = diff(synthApp('aws'), synthApp('aws'));
    expect(service(d, 'orders-db')).toMatchObject({ backend: 'aws-ack', consequence: 'none', changes: [] });
    expect(d).toMatchObject({ consequence: 'none', blocking: false });
  });

  test('in place: a larger storage on RDS grows allocatedStorage online', () => {
    const d = diff(synthApp('aws'), synthApp('aws', { storage: Size.gibibytes(80) }));
    expect(change(d, 'spec.allocatedStorage')).toMatchObject({ object: 'DBInstance/orders-db', old: '40', new: '80', consequence: 'in-place' });
    expect(service(d, 'orders-db').consequence).toBe('in-place');
    expect(d.blocking).toBe(false);
  });

  test('restart: a new instance size on Cloud SQL changes the tier (zonal instance)', () => {
    const d = diff(synthApp('gcp', { highAvailability: HighAvailability.NONE }), synthApp('gcp', { highAvailability: HighAvailability.NONE, instanceSize: InstanceSize.LARGE }));
    expect(change(d, 'spec.settings.tier')).toMatchObject({ consequence: 'restart' });
    expect(service(d, 'orders-db').consequence).toBe('restart');
  });

  test('failover: a new instance class of a Multi-AZ RDS instance', () => {
    const ha = { highAvailability: HighAvailability.REQUIRED };
    const d = diff(synthApp('aws', ha), synthApp('aws', { ...ha, instanceSize: InstanceSize.LARGE }));
    expect(change(d, 'spec.dbInstanceClass')).toMatchObject({ consequence: 'failover' });
    // The same change without a standby restarts.
    const single = diff(synthApp('aws', { highAvailability: HighAvailability.NONE }), synthApp('aws', { highAvailability: HighAvailability.NONE, instanceSize: InstanceSize.LARGE }));
    expect(change(single, 'spec.dbInstanceClass')).toMatchObject({ consequence: 'restart' });
  });

  test.each([
    ['aws', 'spec.engineVersion'],
    ['gcp', 'spec.databaseVersion'],
    ['crossplane', 'spec.parameters.majorVersion'],
    ['in-cluster-operators', 'spec.imageName'],
    ['in-cluster', 'spec.template.spec.containers[0].image'],
  ])('irreversible: PostgreSQL 16 → 17 on %s (%s)', (profile, path) => {
    const d = diff(synthApp(profile), synthApp(profile, { version: PostgresVersion.V17 }));
    expect(change(d, path)).toMatchObject({ consequence: 'irreversible' });
    expect(change(d, path)!.reason).toMatch(/major upgrade/);
    expect(d.blocking).toBe(false);
  });

  test('replaces: a renamed service deletes the old resource', () => {
    const d = diff(synthApp('aws'), synthApp('aws', { name: 'orders2-db' }));
    expect(service(d, 'orders-db').changes).toContainEqual(expect.objectContaining({ object: 'DBInstance/orders-db', path: '(object)', consequence: 'replaces' }));
    expect(service(d, 'orders2-db').changes).toContainEqual(expect.objectContaining({ object: 'DBInstance/orders2-db', path: '(object)', consequence: 'in-place' }));
    expect(d).toMatchObject({ consequence: 'replaces', blocking: true });
  });

  test('replaces: another profile puts the service on another backend', () => {
    const d = diff(synthApp('in-cluster'), synthApp('aws'));
    expect(service(d, 'orders-db')).toMatchObject({ backend: 'in-cluster → aws-ack', consequence: 'replaces' });
    expect(service(d, 'orders-db').changes[0]).toMatchObject({ path: 'backend', consequence: 'replaces' });
  });

  test.each([
    ['aws', 'spec.allocatedStorage', {}],
    ['gcp', 'spec.settings.diskSize', { gcpAutoresize: false }],
    ['crossplane', 'spec.parameters.storageGB', {}],
    ['in-cluster-operators', 'spec.storage.size', {}],
  ])('refused: a smaller storage on %s (%s)', (profile, path, opts) => {
    const d = diff(synthApp(profile, {}, opts), synthApp(profile, { storage: Size.gibibytes(20) }, opts));
    expect(change(d, path)).toMatchObject({ consequence: 'refused' });
    expect(change(d, path)!.reason).toMatch(/shrink/);
    expect(d.blocking).toBe(true);
  });

  test('none: a new storage on Cloud SQL with diskAutoresize (Config Connector keeps the live size)', () => {
    const d = diff(synthApp('gcp'), synthApp('gcp', { storage: Size.gibibytes(20) }));
    expect(change(d, 'spec.settings.diskSize')).toMatchObject({ old: '40', new: '20', consequence: 'none' });
    expect(change(d, 'spec.settings.diskSize')!.reason).toMatch(/cnrm.cloud.google.com\/unmanaged/);
    expect(d.blocking).toBe(false);
  });

  test('refused: a larger storage of an in-cluster StatefulSet (volumeClaimTemplates are immutable), naming storageExpansion', () => {
    const d = diff(synthApp('in-cluster'), synthApp('in-cluster', { storage: Size.gibibytes(80) }));
    expect(change(d, 'spec.volumeClaimTemplates[0].spec.resources.requests.storage')).toMatchObject({ consequence: 'refused' });
    expect(change(d, 'spec.volumeClaimTemplates[0].spec.resources.requests.storage')!.reason).toMatch(/set storageExpansion: true in the profile/);
  });

  test('with storageExpansion a larger storage of an in-cluster database leaves the StatefulSet as it is: nothing is refused', () => {
    const synthExpanding = (gib: number) => {
      const app = new App();
      const chart = new Chart(app, 'orders', { namespace: 'orders' });
      Profile.use(chart, new InClusterProfile({ storageExpansion: true }));
      new PortablePostgres(chart, 'Db', { ...BASE, storage: Size.gibibytes(gib) });
      return parseAllDocuments(app.synthYaml()).map((x) => x.toJS()).filter((o) => o);
    };
    const d = diff(synthExpanding(40), synthExpanding(80));
    expect(d.services[0].changes.filter((c) => c.object.startsWith('StatefulSet/'))).toEqual([]);
    expect(d.blocking).toBe(false);
  });

  test('refused: a downgrade (PostgreSQL 17 → 16 on RDS)', () => {
    const d = diff(synthApp('aws', { version: PostgresVersion.V17 }), synthApp('aws', { version: PostgresVersion.V16 }));
    expect(change(d, 'spec.engineVersion')).toMatchObject({ consequence: 'refused' });
    expect(change(d, 'spec.engineVersion')!.reason).toMatch(/downgrade/);
  });

  test('refused: the database name is create-only (RDS dbName)', () => {
    const d = diff(synthApp('aws'), synthApp('aws', { databaseName: 'orders2' }));
    expect(change(d, 'spec.dbName')).toMatchObject({ consequence: 'refused' });
  });

  test('the cases above are the worst consequence of a service for every consequence class', () => {
    // Runs last in this describe: adding a class to CONSEQUENCES needs a case above.
    expect([...seen].sort()).toEqual([...CONSEQUENCES].sort());
  });
});

describe('plan --diff on the command line', () => {
  const dirs: string[] = [];
  const folder = (objs: any[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-diff-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'app.k8s.yaml'), objs.map((o) => JSON.stringify(o)).join('\n---\n'));
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  test('exit 0 and a table for a change that loses nothing', async () => {
    const r = await run(['plan', '--diff', folder(synthApp('aws')), '--dir', folder(synthApp('aws', { storage: Size.gibibytes(80) }))]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/service orders-db: backend aws-ack: in-place/);
    expect(r.out).toMatch(/in-place +DBInstance\/orders-db spec\.allocatedStorage +40 → 80/);
  });

  test(`exit ${EXIT_BLOCKING} for a shrink, in json for CI`, async () => {
    const r = await run(['plan', '--diff', folder(synthApp('aws')), '--dir', folder(synthApp('aws', { storage: Size.gibibytes(20) })), '--format', 'json']);
    expect(r.code).toBe(EXIT_BLOCKING);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ blocking: true, consequence: 'refused' });
    expect(json.services[0].changes).toContainEqual(expect.objectContaining({ path: 'spec.allocatedStorage', consequence: 'refused' }));
  });

  test('markdown for a pull request, with every service of both folders', async () => {
    const r = await run(['plan', '--diff', folder(synthApp('aws')), '--dir', folder(synthApp('aws', { version: PostgresVersion.V17 }, { cache: true })), '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/### `orders-db`: backend `aws-ack`: \*\*irreversible\*\*/);
    expect(r.out).toMatch(/\| \*\*irreversible\*\* \| `DBInstance\/orders-db` \| `spec.engineVersion` \| `"16"` → `"17"` \|/);
    expect(r.out).toMatch(/### `orders-cache`: backend `aws-elasticache`: \*\*in-place\*\*/);
  });

  test('fails when --diff is given with --app (a usage error, exit 2)', async () => {
    const r = await run(['plan', '--diff', 'old', '--app', '.']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--diff <folder>' cannot be used with option '--app <folder>'/);
  });

  test('fails when the old folder holds no manifest (exit 2)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'plan-diff-empty-'));
    dirs.push(empty);
    const r = await run(['plan', '--diff', empty, '--dir', folder(synthApp('aws'))]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plan --diff: /);
  });
});
