import { InClusterEngine, secretEnv } from './engine';
import { POSTGRES_REPOSITORY } from './images';
import { invalid } from '../../private/errors';
import { checkPostgresNames } from '../../private/postgres-names';
import { POSTGRES_CATALOG } from '../../services/database/catalog/postgres';

/** The extension whose settings need its library preloaded. */
const PG_STAT_STATEMENTS = 'pg_stat_statements';
/** Where the data claim is mounted. */
const DATA_MOUNT = '/var/lib/postgresql/data';

/**
 * PostgreSQL from the official `postgres` image (Debian variant: the `postgres` user has uid/gid 999).
 *
 * - `PGDATA` is a subdirectory of the claim: the root of a fresh volume holds `lost+found`, which `initdb`
 *   refuses (and which the 18+ images take for old data).
 * - The application user (`POSTGRES_USER`) is the superuser the image creates; it owns `POSTGRES_DB`. PostgreSQL
 *   needs no separate administrator password, so the binder generates none (unlike MySQL's root password). The
 *   backup job connects as that user.
 * - The entrypoint writes only to `PGDATA`, the socket directory `/var/run/postgresql` and `/tmp`, so the root
 *   filesystem stays read-only; `/dev/shm` is memory-backed because parallel queries outgrow the runtime's 64 MiB.
 */
export const POSTGRES_ENGINE: InClusterEngine = {
  repository: POSTGRES_REPOSITORY,
  uid: 999,
  dataPath: DATA_MOUNT,
  scratchPaths: ['/tmp', '/var/run/postgresql'],
  sharedMemory: true,
  // TCP, not the socket: the entrypoint's temporary init server listens on the socket only, so the pod is ready
  // only once the real server runs. `pg_isready` needs no password.
  pingCommand: ['sh', '-c', 'pg_isready -h 127.0.0.1 -U "$POSTGRES_USER" -d "$POSTGRES_DB"'],
  // SIGTERM is PostgreSQL's "smart" shutdown, which waits for every client (pooled connections never leave) until
  // the grace period ends in SIGKILL and crash recovery; stop it the image's way instead (STOPSIGNAL SIGINT: fast).
  stopCommand: ['sh', '-c', 'pg_ctl stop --pgdata="$PGDATA" --mode=fast --wait --timeout=50'],
  dumpScript: 'pg_dumpall --host="$DB_HOST" --username="$PGUSER" --no-password | gzip > "$BACKUP_FILE"',
  tag(scope, spec) {
    const tag = spec.fullVersion ?? POSTGRES_CATALOG[spec.majorVersion]?.image;
    if (!tag) {
      invalid(scope, {
        prop: 'version',
        value: spec.majorVersion,
        allowed: `a PostgreSQL version with an official image: ${Object.keys(POSTGRES_CATALOG).join(', ')}`,
        fix: 'use PostgresVersion.V17, or pin an image tag with PostgresVersion.of(major, fullVersion)',
      });
    }
    return tag;
  },
  // PostgreSQL's own rules only: the image keeps no names of its own.
  checkSpec(scope, spec) {
    checkPostgresNames(scope, spec, { where: 'in the official postgres image', users: [], userPrefixes: [], databases: [] });
  },
  env(spec) {
    return [
      { name: 'POSTGRES_DB', value: spec.databaseName },
      { name: 'POSTGRES_USER', value: spec.credentials.username },
      secretEnv('POSTGRES_PASSWORD', spec.credentialsSecretName, spec.credentials.passwordKey),
      { name: 'PGDATA', value: `${DATA_MOUNT}/pgdata` },
    ];
  },
  // `postgres -c name=value` (the image's entrypoint runs postgres with arguments that start with "-").
  // pg_stat_statements settings only act once the extension's library is preloaded, so it is preloaded with them.
  serverArgs(parameters) {
    const settings = parameters.map((p) => `${p.config.name}=${p.config.value}`);
    if (parameters.some((p) => p.config.name.startsWith(`${PG_STAT_STATEMENTS}.`))) settings.push(`shared_preload_libraries=${PG_STAT_STATEMENTS}`);
    return settings.flatMap((setting) => ['-c', setting]);
  },
  backupEnv(spec) {
    return [
      { name: 'PGUSER', value: spec.credentials.username },
      secretEnv('PGPASSWORD', spec.credentialsSecretName, spec.credentials.passwordKey),
    ];
  },
  adminPasswordKeys() {
    return [];
  },
};
