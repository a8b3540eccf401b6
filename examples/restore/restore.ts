import { Chart, ChartProps, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
// In your app: import { Backup, DataSource, PortablePostgres } from 'cdk8s-portable-data';
import { Backup, DataSource, PortablePostgres } from '../../src';

/** The point in time the copy is taken at: 09:00 UTC on 1 December 2026. */
export const COPY_TIME = '2026-12-01T09:00:00Z';
/** The snapshot taken at that time, for a backend that restores snapshots only (RDS through ACK). */
export const COPY_SNAPSHOT = 'orders-20261201-0900';

/**
 * An orders database with a recovery window of 7 days, and a copy of it as it was at 09:00 UTC on 1 December, for an
 * audit Job to investigate without touching the live data. Nothing here names an environment: the copy is a point in
 * time where the profile's backend restores one (`supportOf`), and the snapshot taken then where it restores
 * snapshots only. Restores are read when the copy is created; the copy has its own credentials.
 */
export class RestoreChart extends Chart {
  public readonly orders: PortablePostgres;
  public readonly copy: PortablePostgres;
  public readonly audit: kplus.Job;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    this.orders = new PortablePostgres(this, 'Orders', {
      name: 'orders',
      // Two weeks of daily backups, and any point in time of the last week.
      backup: Backup.daily({ retention: Duration.days(14), pointInTimeWindow: Duration.days(7) }),
    });

    const restoreFrom = this.orders.supportOf('pointInTime').honoured
      ? DataSource.pointInTime(this.orders, COPY_TIME)
      : DataSource.backup(COPY_SNAPSHOT);
    this.copy = new PortablePostgres(this, 'OrdersCopy', { name: 'orders-copy', restoreFrom });

    this.audit = new kplus.Job(this, 'Audit', {
      serviceAccount: new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: { name: 'orders-audit' }, automountToken: false }),
      containers: [{
        name: 'audit',
        // A made-up application image: the example shows the wiring, not the app.
        image: 'ghcr.io/example/orders-audit:1.0.0',
        securityContext: { ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, user: 10001, group: 10001 },
      }],
    });
    // DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD, DB_DATABASE, DB_URI … of the copy.
    this.copy.bind(this.audit);
  }
}
