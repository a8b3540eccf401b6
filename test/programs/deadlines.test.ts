/**
 * Every Job and CronJob the library creates is bounded: a Job by `activeDeadlineSeconds`, a CronJob by
 * `startingDeadlineSeconds` and its Job template's `activeDeadlineSeconds`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { Backup, DeletionPolicy, InClusterProfile, PortableMySQL, PortableObjectStore, PortablePostgres, PostgresOperator, Profile } from '../../src';
import { PROFILE_NAMES, PROFILES } from '../profiles.fixture';
import { tempDir } from '../util/programs';
import { byKind, newChart, synth } from '../util/synth';

const CASES: { [name: string]: () => Profile } = {
  ...PROFILES,
  'in-cluster-cloudnative-pg': () => new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: DeletionPolicy.RETAIN, volumeSnapshotClassName: 'csi-snapclass' }),
};

function everything(profile: string): any[] {
  const { chart } = newChart();
  Profile.use(chart, CASES[profile]());
  const backup = Backup.daily({ retention: Duration.days(7) });
  new PortableMySQL(chart, 'Db', { name: 'orders-db', backup });
  new PortablePostgres(chart, 'Pg', { name: 'ledger-db', backup });
  new PortableObjectStore(chart, 'Uploads', { name: 'uploads', expiration: Duration.days(30) });
  return synth(chart);
}

describe.each([...PROFILE_NAMES, 'in-cluster-cloudnative-pg'])('deadlines under the %s profile', (profile) => {
  test('every Job has activeDeadlineSeconds; every CronJob startingDeadlineSeconds and a Job deadline', () => {
    const objs = everything(profile);
    const jobs = byKind(objs, 'Job');
    const crons = byKind(objs, 'CronJob');
    expect(jobs.length + crons.length).toBeGreaterThanOrEqual(4);
    for (const job of jobs) {
      const name = job.metadata.name;
      expect({ name, deadline: job.spec.activeDeadlineSeconds }).toEqual({ name, deadline: expect.any(Number) });
    }
    for (const cron of crons) {
      expect({ name: cron.metadata.name, starting: cron.spec.startingDeadlineSeconds, active: cron.spec.jobTemplate.spec.activeDeadlineSeconds })
        .toEqual({ name: cron.metadata.name, starting: expect.any(Number), active: expect.any(Number) });
    }
  });
});

describe('in-cluster backup files', () => {
  /** The backup CronJob's script, with /backup pointed at a temp dir and the dump replaced. */
  function script(dir: string, dump: string): string {
    const cron = byKind(everything('in-cluster'), 'CronJob').find((c) => c.metadata.name === 'orders-db-backup');
    const text: string = cron.spec.jobTemplate.spec.template.spec.containers[0].command[2];
    const lines = text.split('\n');
    const dumpLine = lines.findIndex((l) => l.includes('"$BACKUP_FILE.partial"') && !l.startsWith('mv') && !l.startsWith('trap'));
    expect(dumpLine).toBeGreaterThan(0);
    lines[dumpLine] = `${dump} > "$BACKUP_FILE.partial"`;
    return lines.join('\n').split('/tmp/').join(`${tempDir('dump-tmp-')}/`).split('/backup').join(dir);
  }

  test('a run deletes stale .partial files left by a killed run, and its own when the dump fails', () => {
    const dir = tempDir('backup-');
    fs.writeFileSync(path.join(dir, 'orders-db-20250101T000000Z.sql.gz.partial'), 'half');
    fs.writeFileSync(path.join(dir, 'other-db-20250101T000000Z.sql.gz.partial'), 'not ours');
    expect(() => execFileSync('bash', ['-c', script(dir, 'false')], { stdio: 'pipe', env: { PATH: process.env.PATH, MYSQL_ROOT_PASSWORD: 'x' } })).toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['other-db-20250101T000000Z.sql.gz.partial']);

    execFileSync('bash', ['-c', script(dir, 'echo dump | gzip')], { stdio: 'pipe', env: { PATH: process.env.PATH, MYSQL_ROOT_PASSWORD: 'x' } });
    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^orders-db-\d{8}T\d{6}Z\.sql\.gz$/);
  });
});
