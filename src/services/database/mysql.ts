import { Construct } from 'constructs';
import { PortableDatabase, PortableDatabaseProps } from './database';
import { DatabaseEngine } from './engine';
import { MySqlVersion } from './mysql-version';
import { ServiceKind } from '../../core/kind';
import { checkInstance, checkScope } from '../../private/validate';

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
  constructor(scope: Construct, id: string, props: PortableMySQLProps = {}) {
    checkScope(scope, id, 'PortableMySQL');
    const version = checkInstance(`${scope.node.path}/${id}`, 'version', props?.version ?? MySqlVersion.V8_4, MySqlVersion, 'MySqlVersion.V8_4');
    super(scope, id, props ?? {}, {
      engine: DatabaseEngine.MYSQL,
      kind: ServiceKind.MYSQL,
      majorVersion: version.major,
      fullVersion: version.fullVersion,
      knownMajors: MySqlVersion.knownMajors,
    });
  }
}
