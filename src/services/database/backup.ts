import { Duration } from 'cdk8s';
import { checkFactoryOptions } from '../../private/validate';

/**
 * Options for daily backups.
 */
export interface DailyBackupOptions {
  /**
   * Start of the daily backup window, `HH:MM` in UTC. Backends that take a window (RDS) use 30 minutes from here.
   * @default '03:00'
   */
  readonly startTime?: string;
  /**
   * How long backups are kept, in whole days (1 to 35, the range every backend supports).
   * @default Duration.days(7)
   */
  readonly retention?: Duration;
  /**
   * A recovery window: how far back the database can be restored to any point in time
   * (`DataSource.pointInTime`), in whole days, at most the retention. The clouds keep their transaction logs for it
   * (Cloud SQL at most 7 days); CloudNativePG archives WAL to the object store the profile names
   * (`walArchive`); the in-cluster StatefulSets refuse it.
   * @default - none: restores go back to a backup only (RDS, Cloud SQL and Azure still keep their own log for the retention)
   */
  readonly pointInTimeWindow?: Duration;
}

/**
 * Backups of a data service.
 *
 * @example
 *
 * new PortablePostgres(chart, 'Db', {
 *   backup: Backup.daily({ startTime: '02:30', retention: Duration.days(14) }),
 * });
 * // No backups, for a throw-away database:
 * new PortableMySQL(chart, 'Scratch', { backup: Backup.disabled(), deletionPolicy: DeletionPolicy.DELETE });
 */
export class Backup {
  /** Daily backups (the default: daily at 03:00 UTC, kept 7 days). */
  public static daily(options: DailyBackupOptions = {}): Backup {
    const o = checkFactoryOptions('Backup.daily', options, 'DailyBackupOptions', "write e.g. Backup.daily({ startTime: '03:00', retention: Duration.days(7) })");
    return new Backup(true, o.startTime ?? '03:00', o.retention ?? Duration.days(7), o.pointInTimeWindow);
  }

  /** No backups. Not allowed together with high availability on backends that need backups for it (Cloud SQL). */
  public static disabled(): Backup {
    return new Backup(false, undefined, undefined, undefined);
  }

  private constructor(
    /** Whether backups are taken. */
    public readonly enabled: boolean,
    /**
     * Start time `HH:MM` (UTC), when enabled.
     * @default - undefined when backups are disabled
     */
    public readonly startTime?: string,
    /**
     * Retention, when enabled.
     * @default - undefined when backups are disabled
     */
    public readonly retention?: Duration,
    /**
     * The recovery window for point-in-time restores, when asked.
     * @default - none
     */
    public readonly pointInTimeWindow?: Duration,
  ) {}
}
