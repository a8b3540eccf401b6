import { Construct } from 'constructs';
import { PortableDatabase, PortableDatabaseProps } from './database';
import { POSTGRES } from './kind';
import { PostgresVersion } from './postgres-version';
import { ServiceKind } from '../../core/kind';
import { checkScope } from '../../private/validate';

/**
 * Properties of `PortablePostgres`.
 */
export interface PortablePostgresProps extends PortableDatabaseProps {
  /**
   * PostgreSQL version.
   * @default PostgresVersion.V17
   */
  readonly version?: PostgresVersion;
}

/**
 * A PostgreSQL database, served by the backend the profile in scope chooses: a StatefulSet or a CloudNativePG
 * cluster in-cluster, RDS through ACK, Cloud SQL through Config Connector, or a Crossplane claim. The application
 * binds to the same connection Secret (`<name>-connection`, type `servicebinding.io/postgresql`) everywhere.
 *
 * @example
 *
 * const db = new PortablePostgres(chart, 'Db', { storage: Size.gibibytes(50) });
 * db.bind(web);
 */
export class PortablePostgres extends PortableDatabase {
  /**
   * The PostgreSQL kind (`postgres`) and its connection contract: `type` `postgresql`, `provider`, `host`, `port`,
   * `database`, `username`, `password`, `tls`, `uri`. `tls` is `true` when the connection is encrypted in transit,
   * `false` when it is plaintext; `sslmode` (`require`) is there only when the client itself must negotiate TLS, and
   * then the `uri` ends in `?sslmode=require` (libpq's parameter). Variables `DB_*`.
   */
  public static readonly KIND: ServiceKind = POSTGRES.kind;

  constructor(scope: Construct, id: string, props: PortablePostgresProps = {}) {
    super(checkScope(scope, id, 'PortablePostgres'), id, POSTGRES.kind, props ?? {});
  }

}
