import { Construct } from 'constructs';
import { PortableDatabase, PortableDatabaseProps } from './database';
import { MYSQL } from './kind';
import { MySqlVersion } from './mysql-version';
import { ServiceKind } from '../../core/kind';
import { checkScope } from '../../private/validate';

/**
 * Properties of `PortableMySQL`.
 */
export interface PortableMySQLProps extends PortableDatabaseProps {
  /**
   * MySQL version.
   * @default MySqlVersion.V8_4
   */
  readonly version?: MySqlVersion;
}

/**
 * A MySQL database, served by the backend the profile in scope chooses: a StatefulSet in-cluster, RDS through
 * ACK, Cloud SQL through Config Connector, or a Crossplane claim. The application binds to the same connection
 * Secret (`<name>-connection`, type `servicebinding.io/mysql`) everywhere.
 *
 * @example
 *
 * const db = new PortableMySQL(chart, 'Db', { storage: Size.gibibytes(200) });
 * db.bind(web);
 */
export class PortableMySQL extends PortableDatabase {
  /**
   * The MySQL kind (`mysql`) and its connection contract: `type` `mysql`, `provider`, `host`, `port`, `database`,
   * `username`, `password`, `tls`, `uri`. `tls` is `true` when the connection is encrypted in transit, `false` when
   * it is plaintext; `ssl-mode` (`REQUIRED`) is there only when the client itself must negotiate TLS, and then the
   * `uri` ends in `?ssl-mode=REQUIRED` (MySQL's connection-string option). Variables `DB_*`.
   */
  public static readonly KIND: ServiceKind = MYSQL.kind;

  constructor(scope: Construct, id: string, props: PortableMySQLProps = {}) {
    super(checkScope(scope, id, 'PortableMySQL'), id, MYSQL.kind, props ?? {});
  }

}
