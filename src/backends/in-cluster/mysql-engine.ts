import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DatabaseSpec } from '../../backend';
import { MYSQL_CATALOG } from '../../catalog/mysql';
import { invalid } from '../../private/errors';

/**
 * What the in-cluster backend needs to know to run one engine from its official image.
 */
export interface InClusterEngine {
  /** Repository of the official image under the registry prefix, e.g. `mysql`. */
  readonly repository: string;
  /** UID/GID the official image runs the server as. */
  readonly uid: number;
  /** Where the data volume is mounted. */
  readonly dataPath: string;
  /** Writable scratch directories (emptyDir), since the root filesystem is read-only. */
  readonly scratchPaths: string[];
  /** Command that exits 0 when the server accepts connections. */
  readonly pingCommand: string[];
  /** Shell script of the backup CronJob: writes a compressed dump of every database to `$BACKUP_FILE`. */
  readonly dumpScript: string;
  /** Image tag for the spec's version. */
  tag(scope: Construct, spec: DatabaseSpec): string;
  /** Server container environment. */
  env(spec: DatabaseSpec): k8s.EnvVar[];
  /** Environment of the backup container (credentials for the dump). */
  backupEnv(spec: DatabaseSpec): k8s.EnvVar[];
}

function secretEnv(name: string, secret: string, key: string): k8s.EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

/** MySQL from the official `mysql` image. */
export const MYSQL_ENGINE: InClusterEngine = {
  repository: 'mysql',
  uid: 999,
  dataPath: '/var/lib/mysql',
  scratchPaths: ['/tmp', '/var/run/mysqld', '/var/lib/mysql-files'],
  // `mysqladmin ping` exits 0 whenever the server answers, even with "access denied", so it needs no password.
  pingCommand: ['mysqladmin', 'ping', '--host=127.0.0.1', '--silent'],
  dumpScript: [
    'printf "[client]\\npassword=%s\\n" "$MYSQL_ROOT_PASSWORD" > /tmp/client.cnf',
    'mysqldump --defaults-extra-file=/tmp/client.cnf --host="$DB_HOST" --user=root --single-transaction --routines --events --triggers --all-databases | gzip > "$BACKUP_FILE"',
  ].join('\n'),
  tag(scope, spec) {
    const tag = spec.fullVersion ?? MYSQL_CATALOG[spec.majorVersion]?.image;
    if (!tag) {
      invalid(scope, {
        prop: 'version',
        value: spec.majorVersion,
        allowed: `a MySQL version with an official image: ${Object.keys(MYSQL_CATALOG).join(', ')}`,
        fix: 'use MySqlVersion.V8_4, or pin an image tag with MySqlVersion.of(major, fullVersion)',
      });
    }
    return tag;
  },
  env(spec) {
    return [
      { name: 'MYSQL_DATABASE', value: spec.databaseName },
      { name: 'MYSQL_USER', value: spec.credentials.username },
      secretEnv('MYSQL_PASSWORD', spec.credentialsSecretName, spec.credentials.passwordKey),
      secretEnv('MYSQL_ROOT_PASSWORD', spec.credentialsSecretName, spec.credentials.adminPasswordKey),
    ];
  },
  backupEnv(spec) {
    return [secretEnv('MYSQL_ROOT_PASSWORD', spec.credentialsSecretName, spec.credentials.adminPasswordKey)];
  },
};
