import { Construct } from 'constructs';
import { PortableDatabase, PortableDatabaseProps } from './database';
import { POSTGRES } from './kind';
import { PostgresVersion } from './postgres-version';
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
  constructor(scope: Construct, id: string, props: PortablePostgresProps = {}) {
    super(checkScope(scope, id, 'PortablePostgres'), id, POSTGRES.kind, props ?? {});
  }

}
