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
    return new Backup(true, o.startTime ?? '03:00', o.retention ?? Duration.days(7));
  }

  /** No backups. Not allowed together with high availability on backends that need backups for it (Cloud SQL). */
  public static disabled(): Backup {
    return new Backup(false, undefined, undefined);
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
  ) {}
}
