import { Duration } from 'cdk8s';
import { Backup } from './backup';
import { DatabaseSpec, RestoreSpec } from './resolved-spec';
import { featureTable } from '../../core/features';
import { HighAvailability } from '../../core/policies';

/**
 * The questions every database backend answers, in the order `PortableMySQL` and `PortablePostgres` check them
 * (the common ones, deletion and binding, follow).
 */
export const DATABASE_FEATURES = featureTable<DatabaseSpec>()({
  /** `HighAvailability.REQUIRED`: a standby in another zone (or replicas) with automatic failover. */
  highAvailability: {
    prop: 'highAvailability',
    title: '`HighAvailability.REQUIRED`',
    sample: HighAvailability.REQUIRED,
    ask: (s) => (s.highAvailability === HighAvailability.REQUIRED ? s.highAvailability : undefined),
  },
  /**
   * A recovery window (`Backup.daily({ pointInTimeWindow })`): the database can be restored to any point in time of
   * the window (a transaction log or WAL archive kept that long).
   */
  pointInTimeRecovery: {
    prop: 'backup',
    title: 'recovery window (`Backup.daily({ pointInTimeWindow })`)',
    sample: Backup.daily({ pointInTimeWindow: Duration.days(7) }),
    ask: (s) => (s.backup.enabled && s.backup.pointInTimeWindow !== undefined ? s.backup : undefined),
    describe: (b: Backup) => `a recovery window of ${b.pointInTimeWindow?.toDays()} days`,
    what: 'a recovery window on',
  },
  /** Scheduled backups with a retention (`Backup.daily()`). */
  backups: {
    prop: 'backup',
    title: 'backups (`Backup.daily()`)',
    sample: Backup.daily(),
    ask: (s) => (s.backup.enabled ? s.backup : undefined),
    describe: (b: Backup) => `daily at ${b.startTime} UTC, kept ${b.retention?.toDays()} days`,
  },
  /** Created from a named backup or snapshot (`DataSource.backup()`); read at creation only. */
  restoreFromBackup: {
    prop: 'restoreFrom',
    title: 'restore from a backup (`DataSource.backup()`)',
    day2: 'restore',
    sample: { type: 'backup', backupName: 'orders-db-20261201' } as RestoreSpec,
    ask: (s) => (s.restore?.type === 'backup' ? s.restore : undefined),
    describe: describeRestore,
  },
  /** Created as a copy of another database of the app (`DataSource.cloneOf()`); read at creation only. */
  clone: {
    prop: 'restoreFrom',
    title: 'clone (`DataSource.cloneOf()`)',
    day2: 'clone',
    sample: { type: 'clone', source: { name: 'orders-db', path: 'orders/Db', backup: Backup.daily({ pointInTimeWindow: Duration.days(7) }), majorVersion: '17' } } as RestoreSpec,
    ask: (s) => (s.restore?.type === 'clone' ? s.restore : undefined),
    describe: describeRestore,
  },
  /** Created from another database of the app as it was at a point in time (`DataSource.pointInTime()`). */
  pointInTime: {
    prop: 'restoreFrom',
    title: 'point in time (`DataSource.pointInTime()`)',
    day2: 'point in time',
    sample: {
      type: 'pointInTime', source: { name: 'orders-db', path: 'orders/Db', backup: Backup.daily({ pointInTimeWindow: Duration.days(7) }), majorVersion: '17' }, time: '2026-12-01T09:00:00Z',
    } as RestoreSpec,
    ask: (s) => (s.restore?.type === 'pointInTime' ? s.restore : undefined),
    describe: describeRestore,
  },
  /** Engine parameters (the portable `parameters` prop). */
  engineParameters: {
    prop: 'parameters',
    title: '`parameters`',
    sample: { max_connections: '200' } as { [name: string]: string },
    ask: (s) => (Object.keys(s.parameters).length > 0 ? s.parameters : undefined),
  },
  /**
   * Connections encrypted in transit (TLS): honoured where the server (or a proxy beside the workload) refuses
   * plaintext. A statement, and a requirement: asked only by `requireTls: true`; otherwise the contract's `tls` key
   * says whether it holds.
   */
  transitEncryption: {
    prop: 'requireTls',
    title: 'TLS in transit (`requireTls`)',
    sample: true,
    ask: (s) => (s.requireTls ? true : undefined),
  },
  /**
   * `allowMajorVersionUpgrade: true`: a change of major version is applied in place (irreversibly) when the app
   * raises `version`. Asked with the engine's name (`mysql`, `postgresql`): some backends upgrade one engine in
   * place and not the other.
   */
  majorVersionUpgrade: {
    prop: 'allowMajorVersionUpgrade',
    title: 'PostgreSQL major version upgrade in place (`allowMajorVersionUpgrade`; MySQL: see day-2.md)',
    sample: 'postgresql' as string,
    ask: (s) => (s.allowMajorVersionUpgrade ? s.engine.name : undefined),
    describe: () => true,
    what: 'a major version upgrade of this engine on',
  },
});

/** A database backend's answers to the database's own features. */
export type DatabaseFeatures = typeof DATABASE_FEATURES;

/** A restore as the error shows it: the factory call. */
function describeRestore(r: RestoreSpec): string {
  switch (r.type) {
    case 'backup': return `DataSource.backup(${JSON.stringify(r.backupName)})`;
    case 'clone': return `DataSource.cloneOf(${r.source?.path})`;
    default: return `DataSource.pointInTime(${r.source?.path}, ${JSON.stringify(r.time)})`;
  }
}
