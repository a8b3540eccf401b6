import { PortableService } from '../../core/service';

/**
 * Where a new database's data comes from when it is created (`restoreFrom`): a named backup, a copy of another
 * database of the app, or another database of the app as it was at a point in time. Honoured only when the
 * database is created: every backend reads it once (CloudNativePG `bootstrap`, RDS `dbSnapshotIdentifier`, Cloud SQL
 * `cloneSource`, Azure `createMode`), so a later change does not restore again. The new database keeps its own
 * credentials, never the source's.
 *
 * @example
 *
 * // Cloud SQL (Config Connector) clones another instance as it was at a point in time.
 * const data = new Chart(app, 'data', { namespace: 'data' });
 * Profile.use(data, new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1' }));
 * const orders = new PortablePostgres(data, 'Orders', {
 *   backup: Backup.daily({ pointInTimeWindow: Duration.days(7) }),
 * });
 * // A copy of Orders as it was at 09:00 UTC on 1 December, for an investigation.
 * new PortablePostgres(data, 'OrdersAtNine', {
 *   restoreFrom: DataSource.pointInTime(orders, '2026-12-01T09:00:00Z'),
 * });
 */
export class DataSource {
  /**
   * A named backup or snapshot: a CloudNativePG `Backup` of the namespace, an RDS DB snapshot identifier or ARN
   * (`rds:…` for automated ones).
   * @param name the backup's name, identifier or ARN
   */
  public static backup(name: string): DataSource {
    return new DataSource('backup', undefined, name, undefined);
  }

  /**
   * A copy of another database of the app, as recent as the backend can take it: the live instance (Cloud SQL),
   * its latest restorable time (RDS through Crossplane), the end of its WAL archive (CloudNativePG).
   * @param source a `PortableMySQL` or `PortablePostgres` of the app, of the same engine
   */
  public static cloneOf(source: PortableService): DataSource {
    return new DataSource('clone', source, undefined, undefined);
  }

  /**
   * Another database of the app as it was at `time`: within the source's recovery window
   * (`Backup.daily({ pointInTimeWindow })`) and not in the future.
   * @param source a `PortableMySQL` or `PortablePostgres` of the app, of the same engine, with a recovery window
   * @param time an RFC 3339 time with a zone, e.g. `2026-12-01T09:00:00Z`
   */
  public static pointInTime(source: PortableService, time: string): DataSource {
    return new DataSource('pointInTime', source, undefined, time);
  }

  private constructor(
    /** `backup`, `clone` or `pointInTime`. @internal */
    public readonly _type: string,
    /** The source database. @internal */
    public readonly _source: PortableService | undefined,
    /** The backup's name. @internal */
    public readonly _backupName: string | undefined,
    /** The point in time. @internal */
    public readonly _time: string | undefined,
  ) {}
}
