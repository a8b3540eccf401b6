import { MYSQL_FIRST_TAGS, MYSQL_IMAGE_TAGS } from './catalog/engine-images';
import { EngineImageTable, imageTagFor } from './catalog/pins';
import { InClusterEngine, secretEnv } from './engine';
import { MYSQL_REPOSITORY } from './images';

/** The official `mysql` image's tags this release knows. */
const MYSQL_IMAGES: EngineImageTable = {
  engine: 'MySQL',
  image: MYSQL_REPOSITORY,
  versionClass: 'MySqlVersion',
  newestConstant: 'V8_4',
  newest: MYSQL_IMAGE_TAGS,
  first: MYSQL_FIRST_TAGS,
};

/** MySQL from the official `mysql` image. */
export const MYSQL_ENGINE: InClusterEngine = {
  repository: MYSQL_REPOSITORY,
  uid: 999,
  dataPath: '/var/lib/mysql',
  scratchPaths: ['/tmp', '/var/run/mysqld', '/var/lib/mysql-files'],
  sharedMemory: false,
  // `mysqladmin ping` exits 0 whenever the server answers, even with "access denied", so it needs no password.
  pingCommand: ['mysqladmin', 'ping', '--host=127.0.0.1', '--silent'],
  dumpScript: [
    'printf "[client]\\npassword=%s\\n" "$MYSQL_ROOT_PASSWORD" > /tmp/client.cnf',
    'mysqldump --defaults-extra-file=/tmp/client.cnf --host="$DB_HOST" --user=root --single-transaction --routines --events --triggers --all-databases | gzip > "$BACKUP_FILE"',
  ].join('\n'),
  tag(scope, spec) {
    return imageTagFor(scope, spec, MYSQL_IMAGES);
  },
  // The portable rules cover MySQL's names.
  checkSpec() {},
  env(spec) {
    return [
      { name: 'MYSQL_DATABASE', value: spec.databaseName },
      { name: 'MYSQL_USER', value: spec.credentials.username },
      secretEnv('MYSQL_PASSWORD', spec.credentialsSecretName, spec.credentials.passwordKey),
      secretEnv('MYSQL_ROOT_PASSWORD', spec.credentialsSecretName, spec.credentials.adminPasswordKey),
    ];
  },
  // `mysqld --name=value` (the image's entrypoint runs mysqld with arguments that start with "-"); the my.cnf key and
  // value of each parameter, so the root filesystem stays read-only (no configuration file to write).
  serverArgs(parameters) {
    return parameters.map((p) => `--${p.name}=${p.value}`);
  },
  backupEnv(spec) {
    return [secretEnv('MYSQL_ROOT_PASSWORD', spec.credentialsSecretName, spec.credentials.adminPasswordKey)];
  },
  // The image needs a root password besides the application user's.
  adminPasswordKeys(spec) {
    return [spec.credentials.adminPasswordKey];
  },
};
