/**
 * Bad input, as a JavaScript or jsii caller (Python, Java, Go) can pass it: every public input is checked at
 * runtime, not only by the compiler. Each row fails with its exact message (naming the construct path or the
 * profile, option or file; the prop; the value; what is allowed; the fix), and never with a TypeError.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  AwsProfile, Backup, CacheSnapshot, CrossplaneProfile, CrossplaneQueuePlatform, Credentials, DataSource, DeletionPolicy, GcpProfile,
  InClusterProfile, InstanceSize, MySqlVersion, ObjectStoreOperator, PortableCache, PortableDatabase, PortableMySQL, PortableObjectStore,
  PortablePostgres, PortableQueue, PostgresOperator, PostgresVersion, Profile, RabbitMqVersion, ServiceKind,
} from '../src';

/** Casts a value as a JavaScript caller passes it. */
const js = (v: unknown): any => v;

let app: App;
let chart: Chart;

function setup(profile?: () => Profile, namespace: string = 'apps'): void {
  app = Testing.app();
  chart = new Chart(app, 'test', { namespace });
  if (profile) Profile.use(chart, profile());
}

const inCluster = () => new InClusterProfile();
const cnpg = () => new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, volumeSnapshotClassName: 'csi-snap' });
const cnpgArchive = () => new InClusterProfile({
  postgresOperator: PostgresOperator.CLOUDNATIVE_PG, storageReclaimPolicy: DeletionPolicy.RETAIN, volumeSnapshotClassName: 'csi-snap', walArchivePath: 's3://acme-pg-archive/prod', walArchiveSecretName: 'pg-archive-connection',
});
const rook = () => new InClusterProfile({ objectStoreOperator: ObjectStoreOperator.ROOK, bucketStorageClassName: 'rook-bucket' });
const AWS_OK = { region: 'eu-west-1', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'], eksClusterName: 'prod-eks' };
const aws = () => new AwsProfile(AWS_OK);
const GCP_OK = { projectId: 'acme-prod-123', region: 'europe-west1' };
const crossplane = (selector: unknown = { provider: 'aws' }, more: object = {}) => () => new CrossplaneProfile(js({ compositionSelector: selector, ...more }));

function web(scope: Chart = chart, id: string = 'Web'): kplus.Deployment {
  return new kplus.Deployment(scope, id, { containers: [{ name: 'app', image: 'example.com/shop:1.0.0', portNumber: 8080 }] });
}
const mysql = (props: unknown = {}, id = 'Db') => new PortableMySQL(chart, id, js(props));
const postgres = (props: unknown = {}, id = 'Pg') => new PortablePostgres(chart, id, js(props));
const bucket = (props: unknown = {}, id = 'Bucket') => new PortableObjectStore(chart, id, js(props));
const queue = (props: unknown = {}, id = 'Queue') => new PortableQueue(chart, id, js(props));
const cache = (props: unknown = {}, id = 'Cache') => new PortableCache(chart, id, js(props));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-input-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

/** A string matched literally in a RegExp (the temporary directory). */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Row = [name: string, thunk: () => unknown, expected: string | RegExp];

const rows: Row[] = [];
function group(profile: (() => Profile) | undefined, cases: Row[]): void {
  for (const [name, thunk, expected] of cases) {
    rows.push([name, () => {
      setup(profile); return thunk();
    }, expected]);
  }
}

// ---------------------------------------------------------------------------------------------------- PortableMySQL
group(inCluster, [
  ['fails when props is a string', () => mysql('small'), 'test/Db: invalid props "small": allowed: an object of PortableMySQLProps. Fix: pass the props as an object, e.g. { name: \'orders\' }'],
  ['fails when allowMajorVersionUpgrade is a string', () => mysql({ allowMajorVersionUpgrade: 'yes' }), 'test/Db: invalid allowMajorVersionUpgrade "yes": allowed: true or false. Fix: write allowMajorVersionUpgrade: true for the apply that raises the major version, and remove it after'],
  ['fails when a PostgreSQL StatefulSet is allowed a major version upgrade (it cannot upgrade in place)', () => postgres({ allowMajorVersionUpgrade: true }), 'test/Pg: invalid allowMajorVersionUpgrade true: allowed: not a major version upgrade of this engine on the in-cluster backend of profile "in-cluster": a PostgreSQL server of a new major cannot start on the data directory of the old one (pg_upgrade needs both majors\' binaries), so the StatefulSet cannot upgrade in place. Fix: keep the major, or upgrade by clone: a new service of the new major loaded from the last dump of <name>-backup, then move the workloads to it; or run PostgreSQL with postgresOperator: PostgresOperator.CLOUDNATIVE_PG (1.26+ upgrades in place)'],
  ['fails when storage is a number', () => mysql({ storage: 200 }), 'test/Db: invalid storage "200 (not a Size)": allowed: a whole number of GiB from 20 to 65536. Fix: use e.g. Size.gibibytes(20)'],
  ['fails when storage is a string', () => mysql({ storage: '20Gi' }), 'test/Db: invalid storage "\\"20Gi\\" (not a Size)": allowed: a whole number of GiB from 20 to 65536. Fix: use e.g. Size.gibibytes(20)'],
  ['fails when storage is NaN GiB', () => mysql({ storage: Size.gibibytes(NaN) }), 'test/Db: invalid storage "NaN gibibytes": allowed: a whole number of GiB from 20 to 65536. Fix: use e.g. Size.gibibytes(20)'],
  ['fails when storage is too small', () => mysql({ storage: Size.gibibytes(10) }), 'test/Db: invalid storage "10240 MiB": allowed: a whole number of GiB from 20 to 65536. Fix: use e.g. Size.gibibytes(20)'],
  ['fails when storage is not whole GiB', () => mysql({ storage: Size.mebibytes(20500) }), 'test/Db: invalid storage "20500 MiB": allowed: a whole number of GiB from 20 to 65536. Fix: use e.g. Size.gibibytes(20)'],
  ['fails when storage is a plain object', () => mysql({ storage: { amount: 20, unit: 'GiB' } }), 'test/Db: invalid storage "{\\"amount\\":20,\\"unit\\":\\"GiB\\"} (not a Size)": allowed: a whole number of GiB from 20 to 65536. Fix: use e.g. Size.gibibytes(20)'],
  ['fails when instanceSize is a string', () => mysql({ instanceSize: 'small' }), 'test/Db: invalid instanceSize "small": allowed: an InstanceSize made by its factories. Fix: use e.g. InstanceSize.SMALL'],
  ['fails when instanceSize is a plain object', () => mysql({ instanceSize: { cpu: 2, memory: Size.gibibytes(4) } }), 'test/Db: invalid instanceSize "a plain Object {\\"cpu\\":2,\\"memory\\":{\\"amount\\":4,\\"unit\\":{\\"label\\":\\"gibibytes\\",\\"inKibiBytes\\":1048576,\\"abbr\\":\\"Gi\\"}}}": allowed: an InstanceSize made by its factories. Fix: use e.g. InstanceSize.SMALL'],
  ['fails when InstanceSize.custom memory is a number', () => mysql({ instanceSize: InstanceSize.custom(js({ cpu: 2, memory: 4096 })) }), 'test/Db: invalid instanceSize memory "4096 (not a Size)": allowed: a Size of at least 512 MiB. Fix: use e.g. InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(8) })'],
  ['fails when InstanceSize.custom cpu is a string', () => mysql({ instanceSize: InstanceSize.custom(js({ cpu: '2', memory: Size.gibibytes(4) })) }), 'test/Db: invalid instanceSize cpu "2": allowed: a whole number of vCPUs from 1 to 96. Fix: use e.g. InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(8) })'],
  ['fails when InstanceSize.custom has no options', () => mysql({ instanceSize: InstanceSize.custom(js(undefined)) }), 'InstanceSize.custom: invalid options undefined: allowed: an object of CustomInstanceSizeOptions with cpu and memory. Fix: write e.g. InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(8) })'],
  ['fails when InstanceSize.custom cpu is NaN', () => mysql({ instanceSize: InstanceSize.custom({ cpu: NaN, memory: Size.gibibytes(4) }) }), 'test/Db: invalid instanceSize "custom(NaN vCPU, 4096 MiB)": allowed: a whole number of vCPUs from 1 to 96 and at least 512 MiB of memory. Fix: use InstanceSize.SMALL, MEDIUM, LARGE or a realistic InstanceSize.custom()'],
  ['fails when InstanceSize.custom memory is NaN', () => mysql({ instanceSize: InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(NaN) }) }), 'test/Db: invalid instanceSize memory "NaN gibibytes": allowed: a Size of at least 512 MiB. Fix: use e.g. InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(8) })'],
  ['fails when InstanceSize.custom cpu is fractional', () => mysql({ instanceSize: InstanceSize.custom({ cpu: 1.5, memory: Size.gibibytes(4) }) }), 'test/Db: invalid instanceSize "custom(1.5 vCPU, 4096 MiB)": allowed: a whole number of vCPUs from 1 to 96 and at least 512 MiB of memory. Fix: use InstanceSize.SMALL, MEDIUM, LARGE or a realistic InstanceSize.custom()'],
  ['fails when InstanceSize.custom memory is too small', () => mysql({ instanceSize: InstanceSize.custom({ cpu: 1, memory: Size.mebibytes(256) }) }), 'test/Db: invalid instanceSize "custom(1 vCPU, 256 MiB)": allowed: a whole number of vCPUs from 1 to 96 and at least 512 MiB of memory. Fix: use InstanceSize.SMALL, MEDIUM, LARGE or a realistic InstanceSize.custom()'],
  ['fails when databaseName is a number', () => mysql({ databaseName: 42 }), 'test/Db: invalid databaseName 42: allowed: 1 to 63 letters, digits or underscores, starting with a letter, not one of mysql, information_schema, performance_schema, sys, postgres, template0, template1. Fix: choose a name such as "app"'],
  ['fails when databaseName has a hyphen', () => mysql({ databaseName: 'my-db' }), 'test/Db: invalid databaseName "my-db": allowed: 1 to 63 letters, digits or underscores, starting with a letter, not one of mysql, information_schema, performance_schema, sys, postgres, template0, template1. Fix: choose a name such as "app"'],
  ['fails when databaseName is reserved', () => mysql({ databaseName: 'mysql' }), 'test/Db: invalid databaseName "mysql": allowed: 1 to 63 letters, digits or underscores, starting with a letter, not one of mysql, information_schema, performance_schema, sys, postgres, template0, template1. Fix: choose a name such as "app"'],
  ['fails when highAvailability is an unknown string', () => mysql({ highAvailability: 'yes' }), 'test/Db: invalid highAvailability "yes": allowed: one of HighAvailability.AUTO, HighAvailability.NONE, HighAvailability.REQUIRED. Fix: use HighAvailability.AUTO'],
  ['fails when highAvailability is a boolean', () => mysql({ highAvailability: true }), 'test/Db: invalid highAvailability true: allowed: one of HighAvailability.AUTO, HighAvailability.NONE, HighAvailability.REQUIRED. Fix: use HighAvailability.AUTO'],
  ['fails when deletionPolicy is "destroy"', () => mysql({ deletionPolicy: 'destroy' }), 'test/Db: invalid deletionPolicy "destroy": allowed: one of DeletionPolicy.RETAIN, DeletionPolicy.DELETE. Fix: use DeletionPolicy.RETAIN'],
  ['fails when deletionPolicy is the member name "DELETE"', () => mysql({ deletionPolicy: 'DELETE' }), 'test/Db: invalid deletionPolicy "DELETE": allowed: one of DeletionPolicy.RETAIN, DeletionPolicy.DELETE. Fix: use DeletionPolicy.RETAIN'],
  ['fails when backup is a plain object', () => mysql({ backup: { enabled: true, startTime: '03:00' } }), 'test/Db: invalid backup "a plain Object {\\"enabled\\":true,\\"startTime\\":\\"03:00\\"}": allowed: a Backup made by its factories. Fix: use e.g. Backup.daily()'],
  ['fails when backup is an empty object', () => mysql({ backup: {} }), 'test/Db: invalid backup "a plain Object {}": allowed: a Backup made by its factories. Fix: use e.g. Backup.daily()'],
  ['fails when backup is a string', () => mysql({ backup: 'daily' }), 'test/Db: invalid backup "daily": allowed: a Backup made by its factories. Fix: use e.g. Backup.daily()'],
  ['fails when Backup.daily startTime is not HH:MM', () => mysql({ backup: Backup.daily({ startTime: '3am' }) }), 'test/Db: invalid backup.startTime "3am": allowed: a UTC time HH:MM from 00:00 to 23:59. Fix: use e.g. Backup.daily({ startTime: \'03:00\' })'],
  ['fails when Backup.daily startTime is a number', () => mysql({ backup: Backup.daily(js({ startTime: 300 })) }), "test/Db: invalid backup.startTime 300: allowed: a UTC time HH:MM from 00:00 to 23:59. Fix: use e.g. Backup.daily({ startTime: '03:00' })"],
  ['fails when Backup.daily retention is a number', () => mysql({ backup: Backup.daily(js({ retention: 7 })) }), 'test/Db: invalid backup.retention "7 (not a Duration)": allowed: a whole number of days from 1 to 35. Fix: use e.g. Duration.days(7)'],
  ['fails when Backup.daily retention is not whole days', () => mysql({ backup: Backup.daily({ retention: Duration.hours(36) }) }), 'test/Db: invalid backup.retention "1 day 12 hours": allowed: a whole number of days from 1 to 35. Fix: use e.g. Duration.days(7)'],
  ['fails when Backup.daily retention is too long', () => mysql({ backup: Backup.daily({ retention: Duration.days(90) }) }), 'test/Db: invalid backup.retention "90 days": allowed: a whole number of days from 1 to 35. Fix: use e.g. Duration.days(7)'],
  ['fails when Backup.daily retention is NaN days', () => mysql({ backup: Backup.daily({ retention: Duration.days(NaN) }) }), 'test/Db: invalid backup.retention "NaN days": allowed: a whole number of days from 1 to 35. Fix: use e.g. Duration.days(7)'],
  ['fails when Backup.daily options are a string', () => mysql({ backup: Backup.daily(js('03:00')) }), 'Backup.daily: invalid options "03:00": allowed: an object of DailyBackupOptions. Fix: write e.g. Backup.daily({ startTime: \'03:00\', retention: Duration.days(7) })'],
  ['fails when credentials is a plain object', () => mysql({ credentials: { username: 'app' } }), 'test/Db: invalid credentials "a plain Object {\\"username\\":\\"app\\"}": allowed: a Credentials made by its factories. Fix: use e.g. Credentials.generated()'],
  ['fails when credentials is a string', () => mysql({ credentials: 'db-secret' }), 'test/Db: invalid credentials "db-secret": allowed: a Credentials made by its factories. Fix: use e.g. Credentials.generated()'],
  ['fails when Credentials.generated username is a number', () => mysql({ credentials: Credentials.generated(js({ username: 42 })) }), 'test/Db: invalid credentials.username 42: allowed: 1 to 16 letters, digits or underscores, starting with a letter, not one of root, mysql, postgres, rdsadmin, cloudsqlsuperuser. Fix: choose a user name such as "app"'],
  ['fails when Credentials.generated username is reserved', () => mysql({ credentials: Credentials.generated({ username: 'root' }) }), 'test/Db: invalid credentials.username "root": allowed: 1 to 16 letters, digits or underscores, starting with a letter, not one of root, mysql, postgres, rdsadmin, cloudsqlsuperuser. Fix: choose a user name such as "app"'],
  ['fails when Credentials.generated options are null', () => mysql({ credentials: Credentials.generated(js(null)) }), "Credentials.generated: invalid options null: allowed: an object of GeneratedCredentialsOptions. Fix: write e.g. Credentials.generated({ username: 'app' })"],
  ['fails when Credentials.fromSecret has no secret name', () => mysql({ credentials: Credentials.fromSecret(js(undefined)) }), 'test/Db: invalid credentials secret name undefined: allowed: 1 to 253 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "db-credentials"'],
  ['fails when Credentials.fromSecret secret name is invalid', () => mysql({ credentials: Credentials.fromSecret('My_Secret') }), 'test/Db: invalid credentials secret name "My_Secret": allowed: 1 to 253 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "my-secret"'],
  ['fails when Credentials.fromSecret secret name is a number', () => mysql({ credentials: Credentials.fromSecret(js(7)) }), 'test/Db: invalid credentials secret name 7: allowed: 1 to 253 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "db-credentials"'],
  ['fails when Credentials.fromSecret passwordKey has a space', () => mysql({ credentials: Credentials.fromSecret('db-creds', { passwordKey: 'pass word' }) }), 'test/Db: invalid credentials passwordKey "pass word": allowed: a Secret data key: 1 to 253 letters, digits, "-", "_" or ".". Fix: use the key of the Secret, e.g. \'password\''],
  ['fails when Credentials.fromSecret passwordKey is a number', () => mysql({ credentials: Credentials.fromSecret('db-creds', js({ passwordKey: 5 })) }), 'test/Db: invalid credentials passwordKey 5: allowed: a Secret data key: 1 to 253 letters, digits, "-", "_" or ".". Fix: use the key of the Secret, e.g. \'password\''],
  ['fails when Credentials.fromSecret adminPasswordKey is empty', () => mysql({ credentials: Credentials.fromSecret('db-creds', { adminPasswordKey: '' }) }), 'test/Db: invalid credentials adminPasswordKey "": allowed: a Secret data key: 1 to 253 letters, digits, "-", "_" or ".". Fix: use the key of the Secret, e.g. \'password\''],
  ['fails when parameters is a string', () => mysql({ parameters: 'max_connections=100' }), 'test/Db: invalid parameters "max_connections=100": allowed: a map of portable parameter names to string values. Fix: write e.g. { max_connections: \'200\' }'],
  ['fails when a parameter value is a number', () => mysql({ parameters: { max_connections: 200 } }), 'test/Db: invalid parameters["max_connections"] 200: allowed: a string. Fix: quote the value, e.g. \'200\''],
  ['fails when a parameter name is unknown', () => mysql({ parameters: { max_conections: '200' } }), 'test/Db: invalid mysql parameter "max_conections": allowed: a portable mysql parameter: max_connections, slow_query_log, long_query_time, log_queries_not_using_indexes, general_log, innodb_print_all_deadlocks, wait_timeout, interactive_timeout, lock_wait_timeout, innodb_lock_wait_timeout, max_allowed_packet, table_open_cache, transaction_isolation, sql_mode, event_scheduler, log_bin_trust_function_creators, binlog_expire_logs_seconds. Fix: did you mean "max_connections"?'],
  ['fails when version is a string', () => mysql({ version: '8.4' }), 'test/Db: invalid version "8.4": allowed: a MySqlVersion made by its factories. Fix: use e.g. MySqlVersion.V8_4'],
  ['fails when MySqlVersion.of major is not in the catalog', () => mysql({ version: MySqlVersion.of('9.9') }), 'test/Db: invalid version "9.9": allowed: one of the catalog\'s mysql versions 8.0, 8.4. Fix: use a catalog constant, or pin a version the catalog does not list with `of(major, fullVersion)`'],
  ['fails when MySqlVersion.of major is a number', () => mysql({ version: MySqlVersion.of(js(8.4)) }), "test/Db: invalid version 8.4: allowed: a major version string, one of the catalog's mysql versions 8.0, 8.4. Fix: quote the version, e.g. of('8.4'), or use a catalog constant"],
  ['fails when MySqlVersion.of full version is a number', () => mysql({ version: MySqlVersion.of('8.4', js(843)) }), "test/Db: invalid version 843: allowed: a full version string of major 8.4 (e.g. 8.4.1). Fix: quote the full version, e.g. of('8.4', '8.4.1')"],
  ['fails when MySqlVersion.of full version is of another major', () => mysql({ version: MySqlVersion.of('8.4', '8.0.36') }), 'test/Db: invalid version "8.0.36": allowed: a full version of major 8.4 (e.g. 8.4.1). Fix: make the full version start with the major version'],
  ['fails when MySqlVersion.of major is undefined', () => mysql({ version: MySqlVersion.of(js(undefined)) }), "test/Db: invalid version undefined: allowed: a major version string, one of the catalog's mysql versions 8.0, 8.4. Fix: quote the version, e.g. of('8.4'), or use a catalog constant"],
  ['fails when name has upper case', () => mysql({ name: 'Orders_DB' }), 'test/Db: invalid name "Orders_DB": allowed: 1 to 40 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "orders-db"'],
  ['fails when name is a number', () => mysql({ name: 42 }), 'test/Db: invalid name 42: allowed: 1 to 40 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "db"'],
  ['fails when labels is a string', () => mysql({ labels: 'team=data' }), 'test/Db: invalid labels "team=data": allowed: a map of label keys to string values. Fix: write e.g. { team: \'data\' }'],
  ['fails when a label is app.kubernetes.io/instance', () => mysql({ labels: { 'app.kubernetes.io/instance': 'shop' } }), 'test/Db: invalid labels key "app.kubernetes.io/instance": allowed: a label the library does not set itself (it sets app.kubernetes.io/* and portabledata.io/*). Fix: use a label of your own prefix, e.g. "example.com/tier"'],
  ['fails when a label is portabledata.io/backend', () => mysql({ labels: { 'portabledata.io/backend': 'aws' } }), 'test/Db: invalid labels key "portabledata.io/backend": allowed: a label the library does not set itself (it sets app.kubernetes.io/* and portabledata.io/*). Fix: use a label of your own prefix, e.g. "example.com/tier"'],
  ['fails when a label key has a space', () => mysql({ labels: { 'my team': 'data' } }), 'test/Db: invalid labels key "my team": allowed: a Kubernetes label key: an optional DNS subdomain and "/", then 1 to 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit. Fix: rename the label, e.g. "my-team"'],
  ['fails when a label key is empty', () => mysql({ labels: { '': 'data' } }), 'test/Db: invalid labels key "": allowed: a Kubernetes label key: an optional DNS subdomain and "/", then 1 to 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit. Fix: rename the label, e.g. "team"'],
  ['fails when a label value is a number', () => mysql({ labels: { team: 42 } }), 'test/Db: invalid labels["team"] 42: allowed: a string of at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (or empty). Fix: quote the value and remove other characters'],
  ['fails when a label value has a space', () => mysql({ labels: { team: 'data team' } }), 'test/Db: invalid labels["team"] "data team": allowed: a string of at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (or empty). Fix: quote the value and remove other characters'],
]);

// ------------------------------------------------------------------------------------------------- PortablePostgres
group(inCluster, [
  ['fails when the Postgres version is a number', () => postgres({ version: 17 }), 'test/Pg: invalid version 17: allowed: a PostgresVersion made by its factories. Fix: use e.g. PostgresVersion.V17'],
  ['fails when PostgresVersion.of major is not in the catalog', () => postgres({ version: PostgresVersion.of('99') }), 'test/Pg: invalid version "99": allowed: one of the catalog\'s postgresql versions 15, 16, 17. Fix: use a catalog constant, or pin a version the catalog does not list with `of(major, fullVersion)`'],
  ['fails when PostgresVersion.of full version is of another major', () => postgres({ version: PostgresVersion.of('17', '16.4') }), 'test/Pg: invalid version "16.4": allowed: a full version of major 17 (e.g. 17.1). Fix: make the full version start with the major version'],
  ['fails when PostgresVersion.of major is null', () => postgres({ version: PostgresVersion.of(js(null)) }), "test/Pg: invalid version null: allowed: a major version string, one of the catalog's postgresql versions 15, 16, 17. Fix: quote the version, e.g. of('17'), or use a catalog constant"],
  ['fails when the Postgres storage is a string', () => postgres({ storage: '50Gi' }), 'test/Pg: invalid storage "\\"50Gi\\" (not a Size)": allowed: a whole number of GiB from 20 to 65536. Fix: use e.g. Size.gibibytes(20)'],
  ['fails when the Postgres deletionPolicy is "Retain"', () => postgres({ deletionPolicy: 'Retain' }), 'test/Pg: invalid deletionPolicy "Retain": allowed: one of DeletionPolicy.RETAIN, DeletionPolicy.DELETE. Fix: use DeletionPolicy.RETAIN'],
  ['fails when the Postgres databaseName is reserved', () => postgres({ databaseName: 'template1' }), 'test/Pg: invalid databaseName "template1": allowed: 1 to 63 letters, digits or underscores, starting with a letter, not one of mysql, information_schema, performance_schema, sys, postgres, template0, template1. Fix: choose a name such as "app"'],
  ['fails when the Postgres user is reserved', () => postgres({ credentials: Credentials.fromSecret('pg-creds', { username: 'postgres' }) }), 'test/Pg: invalid credentials.username "postgres": allowed: 1 to 16 letters, digits or underscores, starting with a letter, not one of root, mysql, postgres, rdsadmin, cloudsqlsuperuser. Fix: choose a user name such as "app"'],
  ['fails when a Postgres parameter value is invalid', () => postgres({ parameters: { work_mem: 'lots' } }), 'test/Pg: invalid parameter work_mem "lots": allowed: a size in kB (or with a unit) from 64 to 2147483647. Fix: give a size in kB (or with a unit) from 64 to 2147483647'],
  ['fails when the Postgres name is too long', () => postgres({ name: 'a'.repeat(41) }), `test/Pg: invalid name "${'a'.repeat(41)}": allowed: 1 to 40 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "${'a'.repeat(40)}"`],
  ['fails when the Postgres backup is a plain object', () => postgres({ backup: { enabled: false } }), 'test/Pg: invalid backup "a plain Object {\\"enabled\\":false}": allowed: a Backup made by its factories. Fix: use e.g. Backup.daily()'],
  ['fails when the Postgres instanceSize is a number', () => postgres({ instanceSize: 2 }), 'test/Pg: invalid instanceSize 2: allowed: an InstanceSize made by its factories. Fix: use e.g. InstanceSize.SMALL'],
]);
group(cnpg, [
  ['fails when a CloudNativePG Postgres backup retention is a string', () => postgres({ backup: Backup.daily(js({ retention: '7d' })) }), 'test/Pg: invalid backup.retention "\\"7d\\" (not a Duration)": allowed: a whole number of days from 1 to 35. Fix: use e.g. Duration.days(7)'],
  ['fails when a CloudNativePG Postgres highAvailability is a number', () => postgres({ highAvailability: 1 }), 'test/Pg: invalid highAvailability 1: allowed: one of HighAvailability.AUTO, HighAvailability.NONE, HighAvailability.REQUIRED. Fix: use HighAvailability.AUTO'],
]);

// ------------------------------------------------------------------------------- restoreFrom and pointInTimeWindow
const gcp = () => new GcpProfile(GCP_OK);
/** A source database with a recovery window (7 days), then the database restored from it. */
const WITH_WINDOW = { backup: Backup.daily({ pointInTimeWindow: Duration.days(7) }) };
function restored(from: (source: PortableDatabase) => unknown, sourceProps: unknown = WITH_WINDOW): unknown {
  const source = postgres(sourceProps, 'Source');
  return postgres({ restoreFrom: from(source) });
}
group(inCluster, [
  ['fails when restoreFrom is a string', () => mysql({ restoreFrom: 'orders-db' }), 'test/Db: invalid restoreFrom "orders-db": allowed: a DataSource made by its factories. Fix: use e.g. DataSource.backup(\'<name>\')'],
  ['fails when DataSource.backup name is empty', () => mysql({ restoreFrom: DataSource.backup('') }), 'test/Db: invalid restoreFrom "DataSource.backup(\\"\\")": allowed: the name, identifier or ARN of a backup: 1 to 255 letters, digits, ".", "_", "-", ":" or "/", starting with a letter or digit. Fix: name the backup, e.g. DataSource.backup(\'orders-db-20261201\') (kubectl get backups, aws rds describe-db-snapshots)'],
  ['fails when DataSource.backup name has a space', () => mysql({ restoreFrom: DataSource.backup('nightly backup') }), 'test/Db: invalid restoreFrom "DataSource.backup(\\"nightly backup\\")": allowed: the name, identifier or ARN of a backup: 1 to 255 letters, digits, ".", "_", "-", ":" or "/", starting with a letter or digit. Fix: name the backup, e.g. DataSource.backup(\'orders-db-20261201\') (kubectl get backups, aws rds describe-db-snapshots)'],
  ['fails when DataSource.cloneOf source is an object store', () => mysql({ restoreFrom: DataSource.cloneOf(bucket()) }), 'test/Db: invalid restoreFrom "DataSource.cloneOf(test/Bucket)": allowed: another PortableMySQL or PortablePostgres of this app (mysql), declared before this one. Fix: pass the source database, e.g. DataSource.cloneOf(orders)'],
  ['fails when DataSource.cloneOf source is of another engine', () => postgres({ restoreFrom: DataSource.cloneOf(mysql()) }), 'test/Pg: invalid restoreFrom "DataSource.cloneOf(test/Db): mysql on the in-cluster backend": allowed: a postgresql database on the same backend (in-cluster): a restore copies one engine\'s data within one provider. Fix: restore from a postgresql database, or make this database mysql'],
  ['fails when DataSource.cloneOf source is of another app', () => postgres({ restoreFrom: DataSource.cloneOf(new PortablePostgres(new Chart(Testing.app(), 'other'), 'Pg')) }), 'test/Pg: invalid restoreFrom "DataSource.cloneOf(other/Pg)": allowed: another PortableMySQL or PortablePostgres of this app (postgresql), declared before this one. Fix: pass the source database, e.g. DataSource.cloneOf(orders)'],
  ['fails when DataSource.cloneOf source is a string', () => postgres({ restoreFrom: DataSource.cloneOf(js('orders-db')) }), 'test/Pg: invalid restoreFrom "DataSource.cloneOf(orders-db)": allowed: another PortableMySQL or PortablePostgres of this app (postgresql), declared before this one. Fix: pass the source database, e.g. DataSource.cloneOf(orders)'],
  ['fails when pointInTimeWindow is longer than the retention', () => mysql({ backup: Backup.daily({ pointInTimeWindow: Duration.days(14) }) }), 'test/Db: invalid backup.pointInTimeWindow "14 days": allowed: a whole number of days from 1 to the retention (7 days): a point in time is restored from the backup before it and the log after it. Fix: use e.g. Duration.days(7), or a longer retention'],
  ['fails when pointInTimeWindow is not whole days', () => mysql({ backup: Backup.daily({ pointInTimeWindow: Duration.hours(12) }) }), 'test/Db: invalid backup.pointInTimeWindow "12 hours": allowed: a whole number of days from 1 to the retention (7 days): a point in time is restored from the backup before it and the log after it. Fix: use e.g. Duration.days(7), or a longer retention'],
  ['fails when pointInTimeWindow is asked of the StatefulSet', () => mysql({ backup: Backup.daily({ pointInTimeWindow: Duration.days(7) }) }), 'test/Db: invalid backup "a recovery window of 7 days": allowed: not a recovery window on the in-cluster backend of profile "in-cluster": the StatefulSet keeps a daily logical dump (mysqldump / pg_dumpall) and no binlog or WAL archive: it can go back to a dump, not to a point in time. Fix: for PostgreSQL run CloudNativePG (postgresOperator: PostgresOperator.CLOUDNATIVE_PG with walArchivePath and walArchiveSecretName in new InClusterProfile()); for MySQL select a cloud profile; or remove pointInTimeWindow'],
  ['fails when DataSource.pointInTime is asked of the StatefulSet', () => restored((s) => DataSource.pointInTime(s, '2026-12-01T09:00:00Z'), {}), 'test/Pg: invalid restoreFrom "DataSource.pointInTime(test/Source, \\"2026-12-01T09:00:00Z\\")": allowed: not this value on the in-cluster backend of profile "in-cluster": the StatefulSet backend does not load a dump into a new database: its daily dumps (claim <source>-backup) are restored by hand. Fix: create the database empty, load the newest dump of the source\'s <source>-backup claim into it (gunzip -c <file> | mysql / psql) and set the application user\'s password again from its credentials Secret; or, for PostgreSQL, run CloudNativePG (postgresOperator: PostgresOperator.CLOUDNATIVE_PG)'],
]);
group(gcp, [
  ['fails when DataSource.pointInTime time has no zone', () => restored((s) => DataSource.pointInTime(s, '2026-12-01T09:00:00')), 'test/Pg: invalid restoreFrom "DataSource.pointInTime(test/Source, \\"2026-12-01T09:00:00\\")": allowed: an RFC 3339 time with seconds and a zone, e.g. 2026-12-01T09:00:00Z or 2026-12-01T10:00:00+01:00. Fix: write the time in full, e.g. \'2026-12-01T09:00:00Z\''],
  ['fails when DataSource.pointInTime time is a date', () => restored((s) => DataSource.pointInTime(s, '2026-12-01')), 'test/Pg: invalid restoreFrom "DataSource.pointInTime(test/Source, \\"2026-12-01\\")": allowed: an RFC 3339 time with seconds and a zone, e.g. 2026-12-01T09:00:00Z or 2026-12-01T10:00:00+01:00. Fix: write the time in full, e.g. \'2026-12-01T09:00:00Z\''],
  ['fails when DataSource.pointInTime time is a number', () => restored((s) => DataSource.pointInTime(s, js(1764579600))), 'test/Pg: invalid restoreFrom "DataSource.pointInTime(test/Source, 1764579600)": allowed: an RFC 3339 time with seconds and a zone, e.g. 2026-12-01T09:00:00Z or 2026-12-01T10:00:00+01:00. Fix: write the time in full, e.g. \'2026-12-01T09:00:00Z\''],
  ['fails when DataSource.pointInTime time is in the future', () => restored((s) => DataSource.pointInTime(s, '2999-01-01T00:00:00Z')), 'test/Pg: invalid restoreFrom "DataSource.pointInTime(test/Source, \\"2999-01-01T00:00:00Z\\")": allowed: a time in the recovery window of test/Source (the last 7 days), not in the future. Fix: use a past time, or DataSource.cloneOf() for the latest data'],
  ['fails when DataSource.pointInTime source has no recovery window', () => restored((s) => DataSource.pointInTime(s, '2026-12-01T09:00:00Z'), {}), 'test/Pg: invalid restoreFrom "DataSource.pointInTime(test/Source, \\"2026-12-01T09:00:00Z\\")": allowed: a point in time of a database with a recovery window: test/Source has none. Fix: give test/Source a recovery window, e.g. backup: Backup.daily({ pointInTimeWindow: Duration.days(7) }), or use DataSource.cloneOf()'],
  ['fails when pointInTimeWindow is longer than Cloud SQL keeps logs', () => postgres({ backup: Backup.daily({ retention: Duration.days(14), pointInTimeWindow: Duration.days(10) }) }), 'test/Pg: invalid backup "a recovery window of 10 days": allowed: not a recovery window on the gcp-kcc backend of profile "gcp": Cloud SQL keeps transaction logs 1 to 7 days (asked: 10 days). Fix: use pointInTimeWindow: Duration.days(7) or less on this profile'],
  ['fails when DataSource.backup is asked of Cloud SQL', () => postgres({ restoreFrom: DataSource.backup('orders-db-20261201') }), 'test/Pg: invalid restoreFrom "DataSource.backup(\\"orders-db-20261201\\")": allowed: not this value on the gcp-kcc backend of profile "gcp": Config Connector\'s SQLInstance has no restore-from-backup field (Cloud SQL restores a backup run only onto an existing instance, out of band). Fix: use DataSource.cloneOf() or DataSource.pointInTime() of a database of the app, or create the database empty and run gcloud sql backups restore'],
]);
group(cnpgArchive, [
  ['fails when DataSource.cloneOf source of CloudNativePG has no recovery window', () => restored((s) => DataSource.cloneOf(s), {}), 'test/Pg: invalid restoreFrom "DataSource.cloneOf(test/Source)": allowed: not this value on the cloudnative-pg backend of profile "in-cluster": CloudNativePG replays the source\'s WAL archive, and test/Source has no recovery window, so it archives none. Fix: give test/Source a recovery window (backup: Backup.daily({ pointInTimeWindow: Duration.days(7) })), or restore a named Backup with DataSource.backup()'],
]);
group(aws, [
  ['fails when DataSource.pointInTime is asked of the rds-controller', () => restored((s) => DataSource.pointInTime(s, '2026-12-01T09:00:00Z')), 'test/Pg: invalid restoreFrom "DataSource.pointInTime(test/Source, \\"2026-12-01T09:00:00Z\\")": allowed: not this value on the aws-ack backend of profile "aws": the rds-controller\'s DBInstance has no point-in-time restore (RestoreDBInstanceToPointInTime is not mapped; only DBCluster has it). Fix: restore out of band (aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier <source> --restore-time <time> --target-db-instance-identifier <identifier>) and apply this database without restoreFrom to adopt it, or use DataSource.backup(\'<snapshot>\')'],
]);

// --------------------------------------------------------------------------------------------- PortableObjectStore
group(inCluster, [
  ['fails when the object store props is a number', () => bucket(3), "test/Bucket: invalid props 3: allowed: an object of PortableObjectStoreProps. Fix: pass the props as an object, e.g. { name: 'orders' }"],
  ['fails when bucketName is a number', () => bucket({ bucketName: 42 }), 'test/Bucket: invalid bucketName 42: allowed: 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (no dots), not starting with xn--, sthree-, amzn-s3-demo-, goog, not ending with -s3alias, --ol-s3, --x-s3, --table-s3, and not containing "google" (the rules of both Amazon S3 and Google Cloud Storage). Fix: choose a name such as "acme-orders-uploads", or omit it for a generated one'],
  ['fails when bucketName has upper case', () => bucket({ bucketName: 'My_Bucket' }), 'test/Bucket: invalid bucketName "My_Bucket": allowed: 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (no dots), not starting with xn--, sthree-, amzn-s3-demo-, goog, not ending with -s3alias, --ol-s3, --x-s3, --table-s3, and not containing "google" (the rules of both Amazon S3 and Google Cloud Storage). Fix: choose a name such as "acme-orders-uploads", or omit it for a generated one'],
  ['fails when bucketName has dots', () => bucket({ bucketName: 'photos.example.com' }), 'test/Bucket: invalid bucketName "photos.example.com": allowed: 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (no dots), not starting with xn--, sthree-, amzn-s3-demo-, goog, not ending with -s3alias, --ol-s3, --x-s3, --table-s3, and not containing "google" (the rules of both Amazon S3 and Google Cloud Storage). Fix: choose a name such as "acme-orders-uploads", or omit it for a generated one'],
  ['fails when versioned is a string', () => bucket({ versioned: 'yes' }), 'test/Bucket: invalid versioned "yes": allowed: true or false. Fix: write versioned: true or versioned: false'],
  ['fails when versioned is a number', () => bucket({ versioned: 1 }), 'test/Bucket: invalid versioned 1: allowed: true or false. Fix: write versioned: true or versioned: false'],
  ['fails when expiration is a number', () => bucket({ expiration: 30 }), 'test/Bucket: invalid expiration "30 (not a Duration)": allowed: a whole number of days from 1 to 36500 (lifecycle rules count in days). Fix: use e.g. Duration.days(30)'],
  ['fails when expiration is not whole days', () => bucket({ expiration: Duration.hours(12) }), 'test/Bucket: invalid expiration "12 hours": allowed: a whole number of days from 1 to 36500 (lifecycle rules count in days). Fix: use e.g. Duration.days(30)'],
  ['fails when expiration is NaN days', () => bucket({ expiration: Duration.days(NaN) }), 'test/Bucket: invalid expiration "NaN days": allowed: a whole number of days from 1 to 36500 (lifecycle rules count in days). Fix: use e.g. Duration.days(30)'],
  ['fails when expiration is a plain object', () => bucket({ expiration: { amount: 30 } }), 'test/Bucket: invalid expiration "{\\"amount\\":30} (not a Duration)": allowed: a whole number of days from 1 to 36500 (lifecycle rules count in days). Fix: use e.g. Duration.days(30)'],
  ['fails when noncurrentVersionExpiration is a string', () => bucket({ noncurrentVersionExpiration: '30d' }), 'test/Bucket: invalid noncurrentVersionExpiration "\\"30d\\" (not a Duration)": allowed: a whole number of days from 1 to 36500 (lifecycle rules count in days). Fix: use e.g. Duration.days(30)'],
  ['fails when noncurrentVersionExpiration is set on an unversioned bucket', () => bucket({ versioned: false, noncurrentVersionExpiration: Duration.days(30) }), 'test/Bucket: invalid noncurrentVersionExpiration "30 days": allowed: only with versioned: true (an unversioned bucket has no noncurrent versions). Fix: remove noncurrentVersionExpiration, or set versioned: true'],
  ['fails when the object store deletionPolicy is "destroy"', () => bucket({ deletionPolicy: 'destroy' }), 'test/Bucket: invalid deletionPolicy "destroy": allowed: one of DeletionPolicy.RETAIN, DeletionPolicy.DELETE. Fix: use DeletionPolicy.RETAIN'],
  ['fails when the object store labels are an array', () => bucket({ labels: ['team'] }), 'test/Bucket: invalid labels ["team"]: allowed: a map of label keys to string values. Fix: write e.g. { team: \'data\' }'],
  ['fails when the object store name ends with a hyphen', () => bucket({ name: 'photos-' }), 'test/Bucket: invalid name "photos-": allowed: 1 to 40 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "photos"'],
]);

// --------------------------------------------------------------------------------------------------- PortableCache
group(inCluster, [
  ['fails when the cache props is a string', () => cache('big'), 'test/Cache: invalid props "big": allowed: an object of PortableCacheProps. Fix: pass the props as an object, e.g. { name: \'orders\' }'],
  ['fails when the cache memory is a number', () => cache({ memory: 1024 }), 'test/Cache: invalid memory "1024 (not a Size)": allowed: a whole number of MiB from 256 MiB to 300 GiB. Fix: use e.g. Size.gibibytes(1)'],
  ['fails when the cache memory is not a whole number of MiB', () => cache({ memory: Size.kibibytes(262656) }), 'test/Cache: invalid memory "256.5 MiB": allowed: a whole number of MiB from 256 MiB to 300 GiB. Fix: use e.g. Size.gibibytes(1)'],
  ['fails when the cache memory is NaN', () => cache({ memory: Size.mebibytes(NaN) }), 'test/Cache: invalid memory "NaN mebibytes": allowed: a whole number of MiB from 256 MiB to 300 GiB. Fix: use e.g. Size.gibibytes(1)'],
  ['fails when the cache memory is below 256 MiB', () => cache({ memory: Size.mebibytes(128) }), 'test/Cache: invalid memory "128 MiB": allowed: a whole number of MiB from 256 MiB to 300 GiB. Fix: use e.g. Size.gibibytes(1)'],
  ['fails when the cache version is a string', () => cache({ version: '8.1' }), 'test/Cache: invalid version "8.1": allowed: a ValkeyVersion made by its factories. Fix: use e.g. ValkeyVersion.V7_2'],
  ['fails when the cache restoreFrom is a string', () => cache({ restoreFrom: 'nightly' }), 'test/Cache: invalid restoreFrom "nightly": allowed: a CacheSnapshot made by its factories. Fix: use e.g. CacheSnapshot.named(\'…\')'],
  ['fails when the cache snapshot name has a space', () => cache({ restoreFrom: CacheSnapshot.named('my snapshot') }), 'test/Cache: invalid restoreFrom "my snapshot": allowed: a snapshot name of 1 to 255 letters, digits, hyphens, underscores, dots and colons. Fix: name the snapshot as the provider lists it, e.g. CacheSnapshot.named(\'sessions-before-migration\')'],
  ['fails when the cache persistence is "aof"', () => cache({ persistence: 'aof' }), 'test/Cache: invalid persistence "aof": allowed: one of CachePersistence.CACHE_ONLY, CachePersistence.DURABLE. Fix: use CachePersistence.CACHE_ONLY'],
  ['fails when the cache evictionPolicy is "lru"', () => cache({ evictionPolicy: 'lru' }), 'test/Cache: invalid evictionPolicy "lru": allowed: one of EvictionPolicy.NOEVICTION, EvictionPolicy.ALLKEYS_LRU, EvictionPolicy.ALLKEYS_LFU, EvictionPolicy.ALLKEYS_RANDOM, EvictionPolicy.VOLATILE_LRU, EvictionPolicy.VOLATILE_LFU, EvictionPolicy.VOLATILE_RANDOM, EvictionPolicy.VOLATILE_TTL. Fix: use EvictionPolicy.NOEVICTION'],
  ['fails when the cache highAvailability is a boolean', () => cache({ highAvailability: true }), 'test/Cache: invalid highAvailability true: allowed: one of HighAvailability.AUTO, HighAvailability.NONE, HighAvailability.REQUIRED. Fix: use HighAvailability.AUTO'],
  ['fails when the cache deletionPolicy is "destroy"', () => cache({ deletionPolicy: 'destroy' }), 'test/Cache: invalid deletionPolicy "destroy": allowed: one of DeletionPolicy.RETAIN, DeletionPolicy.DELETE. Fix: use DeletionPolicy.RETAIN'],
  ['fails when the cache labels are an array', () => cache({ labels: ['team'] }), 'test/Cache: invalid labels ["team"]: allowed: a map of label keys to string values. Fix: write e.g. { team: \'data\' }'],
  ['fails when the cache name has upper case', () => cache({ name: 'Sessions' }), 'test/Cache: invalid name "Sessions": allowed: 1 to 40 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "sessions"'],
]);

// --------------------------------------------------------------------------------------------------- PortableQueue
const QUEUE_NAMES = 'queue names of letters, digits and ._:- (at most 255 characters), not starting with amq. (reserved by the broker). Fix: rename the queue, e.g. orders.created';
const VHOSTS = 'a virtual host name of letters, digits and /._~:@- (at most 255 characters). Fix: use \'/\' (the default) or a name such as \'orders\'';
group(inCluster, [
  ['fails when the queue props is a string', () => queue('small'), 'test/Queue: invalid props "small": allowed: an object of PortableQueueProps. Fix: pass the props as an object, e.g. { name: \'orders\' }'],
  ['fails when the queue version is a string', () => queue({ version: '4.2' }), 'test/Queue: invalid version "4.2": allowed: a RabbitMqVersion made by its factories. Fix: use e.g. RabbitMqVersion.V4_2'],
  ['fails when RabbitMqVersion.of gets a number', () => queue({ version: RabbitMqVersion.of(js(4.2)) }), 'test/Queue: invalid version 4.2: allowed: one of the catalog\'s RabbitMQ versions 4.2, 4.3. Fix: use a catalog constant, or pin a version the catalog does not list with RabbitMqVersion.of(minor, fullVersion), e.g. RabbitMqVersion.of(\'4.4\', \'4.4.0\')'],
  ['fails when the queue storage is a number', () => queue({ storage: 8 }), 'test/Queue: invalid storage "8 (not a Size)": allowed: a whole number of GiB from 1 to 1024. Fix: use e.g. Size.gibibytes(8)'],
  ['fails when the queue storage is too large', () => queue({ storage: Size.gibibytes(2048) }), 'test/Queue: invalid storage "2097152 MiB": allowed: a whole number of GiB from 1 to 1024. Fix: use e.g. Size.gibibytes(8)'],
  ['fails when the queue instanceSize is a string', () => queue({ instanceSize: 'small' }), 'test/Queue: invalid instanceSize "small": allowed: an InstanceSize made by its factories. Fix: use e.g. InstanceSize.SMALL'],
  ['fails when the queue InstanceSize.custom cpu is NaN', () => queue({ instanceSize: InstanceSize.custom({ cpu: NaN, memory: Size.gibibytes(4) }) }), 'test/Queue: invalid instanceSize "custom(NaN vCPU, 4096 MiB)": allowed: a whole number of vCPUs from 1 to 64 and at least 512 MiB of memory. Fix: use InstanceSize.SMALL, MEDIUM, LARGE or a realistic InstanceSize.custom()'],
  ['fails when the queue highAvailability is a boolean', () => queue({ highAvailability: true }), 'test/Queue: invalid highAvailability true: allowed: one of HighAvailability.AUTO, HighAvailability.NONE, HighAvailability.REQUIRED. Fix: use HighAvailability.AUTO'],
  ['fails when queues is a string', () => queue({ queues: 'orders' }), 'test/Queue: invalid queues "orders": allowed: a list of queue names. Fix: write e.g. [\'orders\', \'orders.dead-letter\']'],
  ['fails when queues has a number', () => queue({ queues: ['orders', 7] }), `test/Queue: invalid queues 7: allowed: ${QUEUE_NAMES}`],
  ['fails when queues has an empty name', () => queue({ queues: [''] }), `test/Queue: invalid queues "": allowed: ${QUEUE_NAMES}`],
  ['fails when virtualHost is a number', () => queue({ virtualHost: 1 }), `test/Queue: invalid virtualHost 1: allowed: ${VHOSTS}`],
  ['fails when virtualHost is empty', () => queue({ virtualHost: '' }), `test/Queue: invalid virtualHost "": allowed: ${VHOSTS}`],
  ['fails when the queue deletionPolicy is a string', () => queue({ deletionPolicy: 'keep' }), 'test/Queue: invalid deletionPolicy "keep": allowed: one of DeletionPolicy.RETAIN, DeletionPolicy.DELETE. Fix: use DeletionPolicy.RETAIN'],
]);
group(() => new AwsProfile({ ...AWS_OK, brokerSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'] } as any), [
  ['fails when the Amazon MQ user would be guest', () => queue({ name: 'guest' }), 'test/Queue: invalid name "guest": allowed: a name of at least 2 characters, other than guest, on Amazon MQ (it is the broker user\'s name; Amazon MQ deletes users named guest). Fix: give the queue a longer name, or another one'],
]);
rows.push(['fails when brokerSubnetIds is a string', () => new AwsProfile(js({ ...AWS_OK, brokerSubnetIds: 'subnet-0123456789abcdef0' })), 'aws profile option brokerSubnetIds: invalid brokerSubnetIds "subnet-0123456789abcdef0": allowed: a list of one or more private subnet IDs (subnet-…): one for a single-instance broker, two or more in different availability zones for a highly available one. Fix: write e.g. brokerSubnetIds: [\'subnet-0123456789abcdef0\', \'subnet-0fedcba9876543210\'], or leave it out']);

// ---------------------------------------------------------------------------------------------------------- bind()
group(inCluster, [
  ['fails when bind() gets undefined', () => mysql().bind(js(undefined)), 'test/Db: invalid bind(workload) undefined: allowed: a workload: a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, or its ApiObject (e.g. KubeDeployment, KubeStatefulSet, KubeJob, KubeCronJob of cdk8s import k8s). Fix: pass the workload to bind, e.g. db.bind(deployment)'],
  ['fails when bind() gets null', () => mysql().bind(js(null)), 'test/Db: invalid bind(workload) null: allowed: a workload: a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, or its ApiObject (e.g. KubeDeployment, KubeStatefulSet, KubeJob, KubeCronJob of cdk8s import k8s). Fix: pass the workload to bind, e.g. db.bind(deployment)'],
  ['fails when bind() gets a string', () => mysql().bind(js('web')), 'test/Db: invalid bind(workload) "web": allowed: a workload: a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, or its ApiObject (e.g. KubeDeployment, KubeStatefulSet, KubeJob, KubeCronJob of cdk8s import k8s). Fix: pass the workload to bind, e.g. db.bind(deployment)'],
  ['fails when bind() gets a plain object', () => mysql().bind(js({ containers: [] })), 'test/Db: invalid bind(workload) "a plain Object {\\"containers\\":[]}": allowed: a workload: a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, or its ApiObject (e.g. KubeDeployment, KubeStatefulSet, KubeJob, KubeCronJob of cdk8s import k8s). Fix: pass the workload to bind, e.g. db.bind(deployment)'],
  ['fails when the object store bind() gets undefined', () => bucket().bind(js(undefined)), 'test/Bucket: invalid bind(workload) undefined: allowed: a workload: a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, or its ApiObject (e.g. KubeDeployment, KubeStatefulSet, KubeJob, KubeCronJob of cdk8s import k8s). Fix: pass the workload to bind, e.g. db.bind(deployment)'],
  ['fails when bind() gets a construct that is not a workload', () => mysql().bind(new kplus.Service(chart, 'Svc', { ports: [{ port: 80 }] })), 'test/Db: invalid bind(workload) "test/Svc (a v1 Service)": allowed: a workload: a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, or its ApiObject (e.g. KubeDeployment, KubeStatefulSet, KubeJob, KubeCronJob of cdk8s import k8s). Fix: pass the workload to bind, e.g. db.bind(deployment)'],
  ['fails when bind() gets a construct without an ApiObject', () => mysql().bind(new Construct(chart, 'Group')), 'test/Db: invalid bind(workload) "test/Group (a Construct without an ApiObject)": allowed: a workload: a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, or its ApiObject (e.g. KubeDeployment, KubeStatefulSet, KubeJob, KubeCronJob of cdk8s import k8s). Fix: pass the workload to bind, e.g. db.bind(deployment)'],
  ['fails when bind options are a string', () => mysql().bind(web(), js('env')), 'test/Db: invalid bind options "env": allowed: an object of BindOptions. Fix: write e.g. service.bind(deployment, { envPrefix: \'ORDERS_DB_\' })'],
  ['fails when a bind option is unknown', () => mysql().bind(web(), js({ envprefix: 'ORDERS_' })), 'test/Db: invalid bind options key "envprefix": allowed: the options of this service\'s bind(): containers, env, envPrefix, mount, bindingName. Fix: did you mean "envPrefix"?'],
  ['fails when awsSdkEnv is given to a database', () => mysql().bind(web(), js({ awsSdkEnv: true })), 'test/Db: invalid bind options key "awsSdkEnv": allowed: the options of this service\'s bind(): containers, env, envPrefix, mount, bindingName. Fix: remove the key'],
  ['fails when envPrefix has a space', () => mysql().bind(web(), { envPrefix: 'MY DB_' }), 'test/Db: invalid envPrefix "MY DB_": allowed: upper-case letters, digits and "_", not starting with a digit (environment variable names). Fix: use e.g. "MY_DB_"'],
  ['fails when envPrefix is lower case', () => mysql().bind(web(), { envPrefix: 'db_' }), 'test/Db: invalid envPrefix "db_": allowed: upper-case letters, digits and "_", not starting with a digit (environment variable names). Fix: use e.g. "DB_"'],
  ['fails when envPrefix starts with a digit', () => mysql().bind(web(), { envPrefix: '1DB_' }), 'test/Db: invalid envPrefix "1DB_": allowed: upper-case letters, digits and "_", not starting with a digit (environment variable names). Fix: use e.g. "_1DB_"'],
  ['fails when envPrefix is empty', () => mysql().bind(web(), { envPrefix: '' }), 'test/Db: invalid envPrefix "": allowed: upper-case letters, digits and "_", not starting with a digit (environment variable names). Fix: use e.g. "ORDERS_DB_"'],
  ['fails when envPrefix is a number', () => mysql().bind(web(), js({ envPrefix: 42 })), 'test/Db: invalid envPrefix 42: allowed: upper-case letters, digits and "_", not starting with a digit (environment variable names). Fix: use e.g. "ORDERS_DB_"'],
  ['fails when envPrefix has a hyphen', () => bucket().bind(web(), { envPrefix: 'MEDIA-' }), 'test/Bucket: invalid envPrefix "MEDIA-": allowed: upper-case letters, digits and "_", not starting with a digit (environment variable names). Fix: use e.g. "MEDIA_"'],
  ['fails when bindingName has a space', () => mysql().bind(web(), { mount: true, bindingName: 'orders db' }), 'test/Db: invalid bindingName "orders db": allowed: 1 to 253 lower-case letters, digits, "-" and ".", not "." and without ".." (a directory under /bindings). Fix: use e.g. "orders-db"'],
  ['fails when bindingName climbs out with ..', () => mysql().bind(web(), { mount: true, bindingName: '../etc' }), 'test/Db: invalid bindingName "../etc": allowed: 1 to 253 lower-case letters, digits, "-" and ".", not "." and without ".." (a directory under /bindings). Fix: use e.g. "orders-db"'],
  ['fails when bindingName contains ..', () => mysql().bind(web(), { mount: true, bindingName: 'a..b' }), 'test/Db: invalid bindingName "a..b": allowed: 1 to 253 lower-case letters, digits, "-" and ".", not "." and without ".." (a directory under /bindings). Fix: use e.g. "orders-db"'],
  ['fails when bindingName is upper case', () => mysql().bind(web(), { mount: true, bindingName: 'Orders' }), 'test/Db: invalid bindingName "Orders": allowed: 1 to 253 lower-case letters, digits, "-" and ".", not "." and without ".." (a directory under /bindings). Fix: use e.g. "orders-db"'],
  ['fails when bindingName is too long', () => mysql().bind(web(), { mount: true, bindingName: 'a'.repeat(254) }), `test/Db: invalid bindingName "${'a'.repeat(254)}": allowed: 1 to 253 lower-case letters, digits, "-" and ".", not "." and without ".." (a directory under /bindings). Fix: use e.g. "orders-db"`],
  ['fails when bindingName is empty', () => mysql().bind(web(), { mount: true, bindingName: '' }), 'test/Db: invalid bindingName "": allowed: 1 to 253 lower-case letters, digits, "-" and ".", not "." and without ".." (a directory under /bindings). Fix: use e.g. "orders-db"'],
  ['fails when bindingName is a number', () => mysql().bind(web(), js({ mount: true, bindingName: 7 })), 'test/Db: invalid bindingName 7: allowed: 1 to 253 lower-case letters, digits, "-" and ".", not "." and without ".." (a directory under /bindings). Fix: use e.g. "orders-db"'],
  ['fails when bindingName is given without mount', () => mysql().bind(web(), { bindingName: 'orders' }), 'test/Db: invalid bindingName "orders": allowed: only with mount: true (it names the mounted binding). Fix: set mount: true, or remove bindingName'],
  ['fails when containers is a string', () => mysql().bind(web(), js({ containers: 'app' })), 'test/Db: invalid containers "app": allowed: a list of container names of the bound workload. Fix: pass e.g. containers: [\'app\']'],
  ['fails when containers holds a plain object', () => mysql().bind(web(), js({ containers: [{ name: 'app' }] })), 'test/Db: invalid containers[0] "a plain Object {\\"name\\":\\"app\\"}": allowed: the name of a container of the bound workload test/Web (a DNS label). Fix: pass the container\'s name: containers: ["app"]'],
  ['fails when containers is empty', () => mysql().bind(web(), { containers: [] }), 'test/Db: invalid containers []: allowed: the names of one or more containers of test/Web, or no containers option (every container of the workload). Fix: leave containers out to bind every container of test/Web, or name the ones to bind, e.g. containers: [\'app\']'],
  ['fails when the same service is bound twice to one container with other options', () => {
    const db = mysql(); const w = web(); db.bind(w); db.bind(w, { envPrefix: 'ORDERS_' });
  }, 'test/Db: invalid bind(workload) "test/Web again, with {\\"env\\":true,\\"envPrefix\\":\\"ORDERS_\\",\\"mount\\":false}": allowed: one binding of test/Db per container of test/Web: it is bound already (every container, with {"env":true,"envPrefix":"DB_","mount":false}), and this binding reaches every container. Fix: bind it once, with the options you need (binding again with the same options changes nothing), or bind other containers with `containers`'],
  ['fails when a database\'s credentials are another service\'s connection Secret', () => {
    bucket({ name: 'uploads' }); mysql({ credentials: Credentials.fromSecret('uploads-connection') });
  }, 'test/Db: invalid credentials "Credentials.fromSecret(\\"uploads-connection\\")": allowed: a Secret of your own: uploads-connection is the connection Secret of test/Bucket, which its binder writes (its keys change whenever that binder rewrites it). Fix: create a Secret of your own with the password and name it in Credentials.fromSecret(), or use Credentials.generated()'],
  // BindOptions.containers takes names (any cdk8s-plus major, or an ApiObject): a container object says to pass its name.
  ['fails when containers holds a cdk8s-plus container', () => mysql().bind(web(), js({ containers: [web(chart, 'Other').containers[0]] })), 'test/Db: invalid containers[0] "a Container named \\"app\\"": allowed: the name of a container of the bound workload test/Web (a DNS label). Fix: pass the container\'s name: containers: ["app"]'],
  ['fails when a container name is not a DNS label', () => mysql().bind(web(), { containers: ['App'] }), 'test/Db: invalid containers[0] "App": allowed: the name of a container of the bound workload test/Web (a DNS label). Fix: name the containers, e.g. containers: [\'app\']'],
  // The workload's containers are known in its pod template, at synth.
  ['fails when the workload has no container of that name (at synth)', () => {
    mysql().bind(web(), { containers: ['worker'] });
    return Testing.synth(chart);
  }, 'test/Db: invalid containers[0] "worker": allowed: names of containers of the bound workload test/Web (app). Fix: name containers of the workload being bound, e.g. containers: [\'app\']'],
  ['fails when env is a string', () => mysql().bind(web(), js({ env: 'false' })), 'test/Db: invalid env "false": allowed: true or false. Fix: write env: true or env: false'],
  ['fails when mount is a number', () => mysql().bind(web(), js({ mount: 1 })), 'test/Db: invalid mount 1: allowed: true or false. Fix: write mount: true or mount: false'],
  ['fails when awsSdkEnv is a string', () => bucket().bind(web(), js({ awsSdkEnv: 'true' })), 'test/Bucket: invalid awsSdkEnv "true": allowed: true or false. Fix: write awsSdkEnv: true or awsSdkEnv: false'],
  ['fails when two databases bind with the same env prefix to one container (at synth)', () => {
    const w = web();
    mysql({ name: 'orders' }).bind(w);
    postgres({ name: 'sessions' }).bind(w);
    return Testing.synth(chart);
  }, 'test/Pg: invalid envPrefix "DB_": allowed: a prefix whose variables no other service sets in container "app" of test/Web (test/Db already sets DB_TYPE, DB_PROVIDER, DB_HOST, DB_PORT, DB_DATABASE, DB_USERNAME, DB_PASSWORD, DB_TLS, DB_URI). Fix: bind one of the services with another envPrefix, e.g. envPrefix: \'SESSIONS_\''],
  ['fails when two object stores bind with the same custom env prefix to one container (at synth)', () => {
    const w = web();
    bucket({ name: 'photos' }, 'Photos').bind(w, { envPrefix: 'MEDIA_' });
    bucket({ name: 'videos' }, 'Videos').bind(w, { envPrefix: 'MEDIA_' });
    return Testing.synth(chart);
  }, 'test/Videos: invalid envPrefix "MEDIA_": allowed: a prefix whose variables no other service sets in container "app" of test/Web (test/Photos already sets MEDIA_TYPE, MEDIA_PROVIDER, MEDIA_ENDPOINT, MEDIA_BUCKET, MEDIA_REGION, MEDIA_ACCESS_KEY_ID, MEDIA_SECRET_ACCESS_KEY). Fix: bind one of the services with another envPrefix, e.g. envPrefix: \'VIDEOS_\''],
  ['fails when a prefix of one binding makes the variables of another (at synth)', () => {
    const w = web();
    mysql({ name: 'orders' }).bind(w, { envPrefix: 'A_' });
    postgres({ name: 'sessions' }).bind(w, { envPrefix: 'A_' });
    return Testing.synth(chart);
  }, 'test/Pg: invalid envPrefix "A_": allowed: a prefix whose variables no other service sets in container "app" of test/Web (test/Db already sets A_TYPE, A_PROVIDER, A_HOST, A_PORT, A_DATABASE, A_USERNAME, A_PASSWORD, A_TLS, A_URI). Fix: bind one of the services with another envPrefix, e.g. envPrefix: \'SESSIONS_\''],
  ['fails when two services mount the same binding name in one container (at synth)', () => {
    const w = web();
    mysql({ name: 'orders' }).bind(w, { env: false, mount: true, bindingName: 'db' });
    postgres({ name: 'sessions' }).bind(w, { env: false, mount: true, bindingName: 'db' });
    return Testing.synth(chart);
  }, 'test/Pg: invalid bindingName "db": allowed: a binding name no other binding mounts in container "app" of test/Web (test/Db mounts /bindings/db). Fix: give one of the bindings another bindingName, e.g. bindingName: \'sessions\''],
  ['fails when the workload is in another namespace than the service', () => {
    const other = new Chart(app, 'frontend', { namespace: 'web' });
    return mysql().bind(web(other));
  }, 'test/Db: invalid bind(workload) namespace "web": allowed: a workload in the service\'s namespace "apps" (frontend/Web is in "web"): the connection Secret exists only in the service\'s namespace. Fix: create frontend/Web in a chart of the service\'s namespace, or the service in the workload\'s chart'],
  ['fails when the object store is bound to a workload in another namespace', () => {
    const other = new Chart(app, 'frontend', { namespace: 'web' });
    return bucket().bind(web(other));
  }, 'test/Bucket: invalid bind(workload) namespace "web": allowed: a workload in the service\'s namespace "apps" (frontend/Web is in "web"): the connection Secret exists only in the service\'s namespace. Fix: create frontend/Web in a chart of the service\'s namespace, or the service in the workload\'s chart'],
  ['fails when injectEnv gets a lower-case prefix', () => mysql().connection.injectEnv(web().containers[0], 'db_'), 'test/Db: invalid envPrefix "db_": allowed: upper-case letters, digits and "_", not starting with a digit (environment variable names). Fix: use e.g. "DB_"'],
  ['fails when injectEnv gets a plain object', () => mysql().connection.injectEnv(js({ name: 'app' })), 'test/Db: invalid injectEnv container "a plain Object {\\"name\\":\\"app\\"}": allowed: a container of any cdk8s-plus major (an object whose env has addVariable()). Fix: use e.g. deployment.containers[0], or bind the workload: bind(deployment, { containers: [\'app\'] })'],
  ['fails when the mysql scope is undefined', () => new PortableMySQL(js(undefined), 'Db'), 'new PortableMySQL(scope, "Db"): invalid scope undefined: allowed: a construct: a cdk8s Chart or a construct in one. Fix: pass the chart, e.g. new PortableMySQL(chart, "Db")'],
  ['fails when the postgres scope is a string', () => new PortablePostgres(js('test'), 'Pg'), 'new PortablePostgres(scope, "Pg"): invalid scope "test": allowed: a construct: a cdk8s Chart or a construct in one. Fix: pass the chart, e.g. new PortablePostgres(chart, "Pg")'],
  ['fails when the object store scope is a plain object', () => new PortableObjectStore(js({ node: {} }), 'Bucket'), 'new PortableObjectStore(scope, "Bucket"): invalid scope "a plain Object {\\"node\\":{}}": allowed: a construct: a cdk8s Chart or a construct in one. Fix: pass the chart, e.g. new PortableObjectStore(chart, "Bucket")'],
]);
group(rook, [
  ['fails when a Rook object store deletionPolicy is "destroy"', () => bucket({ deletionPolicy: 'destroy' }), 'test/Bucket: invalid deletionPolicy "destroy": allowed: one of DeletionPolicy.RETAIN, DeletionPolicy.DELETE. Fix: use DeletionPolicy.RETAIN'],
  ['fails when a Rook object store expiration is a number', () => bucket({ expiration: 7 }), 'test/Bucket: invalid expiration "7 (not a Duration)": allowed: a whole number of days from 1 to 36500 (lifecycle rules count in days). Fix: use e.g. Duration.days(30)'],
]);
group(aws, [
  ['fails when awsSdkEnv is a number on AWS', () => bucket().bind(web(), js({ awsSdkEnv: 1 })), 'test/Bucket: invalid awsSdkEnv 1: allowed: true or false. Fix: write awsSdkEnv: true or awsSdkEnv: false'],
]);

// ----------------------------------------------------------------------------------------------- InClusterProfile
rows.push(
  ['fails when InClusterProfile options are a string', () => new InClusterProfile(js('fast')), 'in-cluster profile options: invalid options "fast": allowed: an object of InClusterProfileOptions. Fix: pass an object, e.g. new InClusterProfile({ storageClassName: \'fast-ssd\' })'],
  ['fails when storageClassName has upper case', () => new InClusterProfile({ storageClassName: 'Fast SSD' }), 'in-cluster profile option storageClassName: invalid storageClassName "Fast SSD": allowed: a StorageClass name (lower-case DNS subdomain). Fix: use the name shown by `kubectl get storageclass`'],
  ['fails when storageClassName is a number', () => new InClusterProfile(js({ storageClassName: 42 })), 'in-cluster profile option storageClassName: invalid storageClassName 42: allowed: a StorageClass name (lower-case DNS subdomain). Fix: use the name shown by `kubectl get storageclass`'],
  ['fails when imageRegistry has upper case', () => new InClusterProfile({ imageRegistry: 'Mirror.example.com/Library' }), 'in-cluster profile option imageRegistry: invalid imageRegistry "Mirror.example.com/Library": allowed: a registry and repository prefix in lower case, without a tag or a trailing slash. Fix: use e.g. "mirror.gcr.io/library"'],
  ['fails when imageRegistry ends with a slash', () => new InClusterProfile({ imageRegistry: 'mirror.gcr.io/library/' }), 'in-cluster profile option imageRegistry: invalid imageRegistry "mirror.gcr.io/library/": allowed: a registry and repository prefix in lower case, without a tag or a trailing slash. Fix: use e.g. "mirror.gcr.io/library"'],
  ['fails when imageRegistry has a tag', () => new InClusterProfile({ imageRegistry: 'mirror.gcr.io/library:latest' }), 'in-cluster profile option imageRegistry: invalid imageRegistry "mirror.gcr.io/library:latest": allowed: a registry and repository prefix in lower case, without a tag or a trailing slash. Fix: use e.g. "mirror.gcr.io/library"'],
  ['fails when imageRegistry is a number', () => new InClusterProfile(js({ imageRegistry: 5 })), 'in-cluster profile option imageRegistry: invalid imageRegistry 5: allowed: a registry and repository prefix in lower case, without a tag or a trailing slash. Fix: use e.g. "mirror.gcr.io/library"'],
  ['fails when postgresOperator is "cnpg"', () => new InClusterProfile(js({ postgresOperator: 'cnpg' })), 'in-cluster profile option postgresOperator: invalid postgresOperator "cnpg": allowed: one of PostgresOperator.NONE, PostgresOperator.CLOUDNATIVE_PG. Fix: use PostgresOperator.NONE'],
  ['fails when postgresOperator is the member name', () => new InClusterProfile(js({ postgresOperator: 'CLOUDNATIVE_PG' })), 'in-cluster profile option postgresOperator: invalid postgresOperator "CLOUDNATIVE_PG": allowed: one of PostgresOperator.NONE, PostgresOperator.CLOUDNATIVE_PG. Fix: use PostgresOperator.NONE'],
  ['fails when walArchivePath is not an s3 URL', () => new InClusterProfile({ walArchivePath: 'acme-pg-archive', walArchiveSecretName: 'pg-archive' }), 'in-cluster profile option walArchivePath: invalid walArchivePath "acme-pg-archive": allowed: s3://<bucket>[/<prefix>]: an S3 bucket name, then an optional prefix of letters, digits, ".", "_", "-" and "/". Fix: write e.g. \'s3://acme-pg-archive/prod\''],
  ['fails when walArchivePath has no walArchiveSecretName', () => new InClusterProfile({ walArchivePath: 's3://acme-pg-archive/prod' }), 'in-cluster profile option walArchivePath: invalid walArchivePath "s3://acme-pg-archive/prod": allowed: walArchivePath and walArchiveSecretName together. Fix: set walArchiveSecretName to the Secret with the keys access-key-id and secret-access-key'],
  ['fails when walArchiveSecretName has no walArchivePath', () => new InClusterProfile({ walArchiveSecretName: 'pg-archive' }), 'in-cluster profile option walArchiveSecretName: invalid walArchiveSecretName "pg-archive": allowed: walArchivePath and walArchiveSecretName together. Fix: set walArchivePath (e.g. \'s3://acme-pg-archive/prod\') or remove walArchiveSecretName'],
  ['fails when walArchiveEndpoint is not a URL', () => new InClusterProfile({ walArchivePath: 's3://acme-pg-archive/prod', walArchiveSecretName: 'pg-archive', walArchiveEndpoint: 'rook-ceph-rgw:80' }), 'in-cluster profile option walArchiveEndpoint: invalid walArchiveEndpoint "rook-ceph-rgw:80": allowed: an http(s) URL of an S3 endpoint, with walArchivePath. Fix: write e.g. \'http://uploads.apps.svc.cluster.local:9000\' and set walArchivePath'],
  ['fails when volumeSnapshotClassName has a space', () => new InClusterProfile({ postgresOperator: PostgresOperator.CLOUDNATIVE_PG, volumeSnapshotClassName: 'csi snap' }), 'in-cluster profile option volumeSnapshotClassName: invalid volumeSnapshotClassName "csi snap": allowed: a VolumeSnapshotClass name (lower-case DNS subdomain). Fix: use the name shown by `kubectl get volumesnapshotclass`'],
  ['fails when objectStoreOperator is "minio"', () => new InClusterProfile(js({ objectStoreOperator: 'minio' })), 'in-cluster profile option objectStoreOperator: invalid objectStoreOperator "minio": allowed: one of ObjectStoreOperator.NONE, ObjectStoreOperator.ROOK. Fix: use ObjectStoreOperator.NONE'],
  ['fails when Rook has no bucketStorageClassName', () => new InClusterProfile({ objectStoreOperator: ObjectStoreOperator.ROOK }), 'in-cluster profile option bucketStorageClassName: invalid bucketStorageClassName undefined: allowed: the name of a Rook bucket StorageClass (lower-case DNS subdomain), required with ObjectStoreOperator.ROOK. Fix: set bucketStorageClassName to a StorageClass whose provisioner is <rook namespace>.ceph.rook.io/bucket'],
  ['fails when Rook bucketStorageClassName has a space', () => new InClusterProfile({ objectStoreOperator: ObjectStoreOperator.ROOK, bucketStorageClassName: 'rook bucket' }), 'in-cluster profile option bucketStorageClassName: invalid bucketStorageClassName "rook bucket": allowed: the name of a Rook bucket StorageClass (lower-case DNS subdomain), required with ObjectStoreOperator.ROOK. Fix: set bucketStorageClassName to a StorageClass whose provisioner is <rook namespace>.ceph.rook.io/bucket'],
  ['fails when Rook bucketReclaimPolicy is "Delete"', () => new InClusterProfile(js({ objectStoreOperator: 'rook', bucketStorageClassName: 'rook-bucket', bucketReclaimPolicy: 'Delete' })), 'in-cluster profile option bucketReclaimPolicy: invalid bucketReclaimPolicy "Delete": allowed: retain, delete. Fix: set the reclaimPolicy of the bucket StorageClass (retain or delete)'],
  ['fails when bucketReclaimPolicy is unknown without Rook', () => new InClusterProfile(js({ bucketReclaimPolicy: 'keep' })), 'in-cluster profile option bucketReclaimPolicy: invalid bucketReclaimPolicy "keep": allowed: retain, delete. Fix: set the reclaimPolicy of the bucket StorageClass (retain or delete)'],
  ['fails when objectStoreImage is latest', () => new InClusterProfile({ objectStoreImage: 'docker.io/versity/versitygw:latest' }), 'in-cluster profile option objectStoreImage: invalid objectStoreImage "docker.io/versity/versitygw:latest": allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "docker.io/versity/versitygw:v1.8.0"'],
  ['fails when objectStoreImage has no tag', () => new InClusterProfile({ objectStoreImage: 'docker.io/versity/versitygw' }), 'in-cluster profile option objectStoreImage: invalid objectStoreImage "docker.io/versity/versitygw": allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "docker.io/versity/versitygw:v1.8.0"'],
  ['fails when objectStoreImage is a number', () => new InClusterProfile(js({ objectStoreImage: 42 })), 'in-cluster profile option objectStoreImage: invalid objectStoreImage 42: allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "docker.io/versity/versitygw:v1.8.0"'],
  ['fails when objectStoreVolumeSize is a string', () => new InClusterProfile(js({ objectStoreVolumeSize: '20Gi' })), 'in-cluster profile option objectStoreVolumeSize: invalid objectStoreVolumeSize "\\"20Gi\\" (not a Size)": allowed: a whole number of GiB from 1 to 65536. Fix: use e.g. Size.gibibytes(20) (the default)'],
  ['fails when objectStoreVolumeSize is not whole GiB', () => new InClusterProfile({ objectStoreVolumeSize: Size.mebibytes(512) }), 'in-cluster profile option objectStoreVolumeSize: invalid objectStoreVolumeSize "512 MiB": allowed: a whole number of GiB from 1 to 65536. Fix: use e.g. Size.gibibytes(20) (the default)'],
  ['fails when the profile name has upper case', () => new InClusterProfile({ name: 'In Cluster' }), 'profile: invalid name "In Cluster": allowed: 1 to 63 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "in-cluster"'],
  ['fails when the profile name is a number', () => new InClusterProfile(js({ name: 7 })), 'profile: invalid name 7: allowed: 1 to 63 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "my-profile"'],
  ['fails when profile labels use app.kubernetes.io/part-of', () => new InClusterProfile({ labels: { 'app.kubernetes.io/part-of': 'shop' } }), 'profile "in-cluster": invalid labels key "app.kubernetes.io/part-of": allowed: a label the library does not set itself (it sets app.kubernetes.io/* and portabledata.io/*). Fix: use a label of your own prefix, e.g. "example.com/tier"'],
  ['fails when profile labels are a string', () => new InClusterProfile(js({ labels: 'team=data' })), 'profile "in-cluster": invalid labels "team=data": allowed: a map of label keys to string values. Fix: write e.g. { team: \'data\' }'],
  ['fails when binderImage is python:latest', () => new InClusterProfile({ binderImage: 'python:latest' }), 'profile "in-cluster": invalid binderImage "python:latest": allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "docker.io/library/python:3.13.9-alpine3.22"'],
  ['fails when binderImage has no tag', () => new InClusterProfile({ binderImage: 'docker.io/library/python' }), 'profile "in-cluster": invalid binderImage "docker.io/library/python": allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "docker.io/library/python:3.13.9-alpine3.22"'],
  ['fails when binderImage is a number', () => new InClusterProfile(js({ binderImage: 3.13 })), 'profile "in-cluster": invalid binderImage 3.13: allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "docker.io/library/python:3.13.9-alpine3.22"'],
  ['fails when upgradeGuard is a string', () => new InClusterProfile(js({ upgradeGuard: 'yes' })), 'profile "in-cluster": invalid upgradeGuard "yes": allowed: true or false. Fix: write upgradeGuard: true or upgradeGuard: false'],
  ['fails when upgradeGuard of an AWS profile is a number', () => new AwsProfile(js({ ...AWS_OK, upgradeGuard: 1 })), 'profile "aws": invalid upgradeGuard 1: allowed: true or false. Fix: write upgradeGuard: true or upgradeGuard: false'],
  ['fails when upgradeGuard of a custom profile is a string', () => Profile.custom(js({ name: 'mixed', upgradeGuard: 'on' })), 'profile "mixed": invalid upgradeGuard "on": allowed: true or false. Fix: write upgradeGuard: true or upgradeGuard: false'],
  ['fails when storageExpansion is a string', () => new InClusterProfile(js({ storageExpansion: 'true' })), 'in-cluster profile option storageExpansion: invalid storageExpansion "true": allowed: true or false. Fix: write storageExpansion: true or storageExpansion: false'],
);

// ------------------------------------------------------------------------------------------------------ AwsProfile
const awsProfile = (over: object) => new AwsProfile(js({ ...AWS_OK, ...over }));
rows.push(
  ['fails when AwsProfile has no options', () => new AwsProfile(js(undefined)), "aws profile options: invalid options undefined: allowed: an object of AwsProfileOptions with region, dbSubnetGroupName and vpcSecurityGroupIds. Fix: write e.g. new AwsProfile({ region: 'eu-west-1', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] })"],
  ['fails when the AWS region does not exist', () => awsProfile({ region: 'eu-west-9' }), 'aws profile option region: invalid region "eu-west-9": allowed: an AWS region that exists (the catalog lists every region code). Fix: did you mean "eu-west-1", "eu-west-2" or "eu-west-3"?'],
  ['fails when the AWS region is upper case', () => awsProfile({ region: 'EU-WEST-1' }), 'aws profile option region: invalid region "EU-WEST-1": allowed: an AWS region code such as eu-west-1 or us-gov-west-1. Fix: set the region the ACK RDS controller manages'],
  ['fails when the AWS region is a zone', () => awsProfile({ region: 'us-east-1a' }), 'aws profile option region: invalid region "us-east-1a": allowed: an AWS region code such as eu-west-1 or us-gov-west-1. Fix: set the region the ACK RDS controller manages'],
  ['fails when the AWS region is missing', () => awsProfile({ region: undefined }), 'aws profile option region: invalid region undefined: allowed: an AWS region code such as eu-west-1 or us-gov-west-1. Fix: set the region the ACK RDS controller manages'],
  ['fails when the AWS region is a number', () => awsProfile({ region: 1 }), 'aws profile option region: invalid region 1: allowed: an AWS region code such as eu-west-1 or us-gov-west-1. Fix: set the region the ACK RDS controller manages'],
  ['fails when dbSubnetGroupName is default', () => awsProfile({ dbSubnetGroupName: 'default' }), 'aws profile option dbSubnetGroupName: invalid dbSubnetGroupName "default": allowed: an RDS DB subnet group name: 1 to 255 letters, digits, periods, underscores, spaces or hyphens, starting with a letter, not "default" (the default VPC\'s subnets are usually public). Fix: create a DB subnet group of private subnets and name it here'],
  ['fails when dbSubnetGroupName is a number', () => awsProfile({ dbSubnetGroupName: 42 }), 'aws profile option dbSubnetGroupName: invalid dbSubnetGroupName 42: allowed: an RDS DB subnet group name: 1 to 255 letters, digits, periods, underscores, spaces or hyphens, starting with a letter, not "default" (the default VPC\'s subnets are usually public). Fix: create a DB subnet group of private subnets and name it here'],
  ['fails when vpcSecurityGroupIds is a string', () => awsProfile({ vpcSecurityGroupIds: 'sg-0123456789abcdef0' }), 'aws profile option vpcSecurityGroupIds: invalid vpcSecurityGroupIds "sg-0123456789abcdef0": allowed: at least one VPC security group ID. Fix: list the security groups that admit the cluster\'s pods, e.g. [\'sg-0123456789abcdef0\']'],
  ['fails when vpcSecurityGroupIds is empty', () => awsProfile({ vpcSecurityGroupIds: [] }), "aws profile option vpcSecurityGroupIds: invalid vpcSecurityGroupIds []: allowed: at least one VPC security group ID. Fix: list the security groups that admit the cluster's pods, e.g. ['sg-0123456789abcdef0']"],
  ['fails when a security group ID is malformed', () => awsProfile({ vpcSecurityGroupIds: ['sg-123'] }), 'aws profile option vpcSecurityGroupIds: invalid vpcSecurityGroupIds "sg-123": allowed: security group IDs: "sg-" and 8 or 17 lower-case hex digits. Fix: copy the GroupId from `aws ec2 describe-security-groups`'],
  ['fails when a security group ID is repeated', () => awsProfile({ vpcSecurityGroupIds: ['sg-0123456789abcdef0', 'sg-0123456789abcdef0'] }), 'aws profile option vpcSecurityGroupIds: invalid vpcSecurityGroupIds ["sg-0123456789abcdef0"]: allowed: each security group ID once. Fix: remove the duplicates'],
  ['fails when kmsKeyArn is in another region', () => awsProfile({ kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/0123abcd-0123-4567-89ab-0123456789ab' }), 'aws profile option kmsKeyArn: invalid kmsKeyArn "arn:aws:kms:us-east-1:123456789012:key/0123abcd-0123-4567-89ab-0123456789ab": allowed: a key in the profile\'s region eu-west-1 (partition aws): RDS encrypts with keys of its own region. Fix: use a key (or a multi-Region replica) in eu-west-1'],
  ['fails when kmsKeyArn is not an ARN', () => awsProfile({ kmsKeyArn: 'alias/aws/rds' }), 'aws profile option kmsKeyArn: invalid kmsKeyArn "alias/aws/rds": allowed: a KMS key or alias ARN: arn:<partition>:kms:<region>:<account>:key/<key-id> or …:alias/<name>. Fix: copy the key ARN from `aws kms describe-key`'],
  ['fails when the AWS namePrefix has an underscore', () => awsProfile({ namePrefix: 'prod_' }), 'aws profile option namePrefix: invalid namePrefix "prod_": allowed: 1 to 23 lower-case letters, digits and single hyphens, starting with a letter (prefix + a 40-character name must fit the 63 characters of an RDS identifier). Fix: use e.g. "prod-"'],
  ['fails when storageType is io1', () => awsProfile({ storageType: 'io1' }), 'aws profile option storageType: invalid storageType "io1": allowed: gp3, gp2. Fix: use \'gp3\' (the default)'],
  ['fails when storageType is a number', () => awsProfile({ storageType: 3 }), "aws profile option storageType: invalid storageType 3: allowed: gp3, gp2. Fix: use 'gp3' (the default)"],
  ['fails when maxAllocatedStorageFactor is a string', () => awsProfile({ maxAllocatedStorageFactor: '2' }), 'aws profile option maxAllocatedStorageFactor: invalid maxAllocatedStorageFactor "2": allowed: a number from 1 (no storage autoscaling) to 10. Fix: use e.g. 2 (the default)'],
  ['fails when maxAllocatedStorageFactor is too large', () => awsProfile({ maxAllocatedStorageFactor: 20 }), 'aws profile option maxAllocatedStorageFactor: invalid maxAllocatedStorageFactor 20: allowed: a number from 1 (no storage autoscaling) to 10. Fix: use e.g. 2 (the default)'],
  ['fails when instanceClasses is a string', () => awsProfile({ instanceClasses: 'db.t4g.small' }), 'aws profile option instanceClasses: invalid instanceClasses "db.t4g.small": allowed: a map of size names (small, medium, large) to RDS instance classes. Fix: write e.g. { small: \'db.t4g.medium\' }'],
  ['fails when instanceClasses has an unknown size', () => awsProfile({ instanceClasses: { huge: 'db.m6g.large' } }), 'aws profile option instanceClasses: invalid instanceClasses "huge": allowed: keys small, medium, large. Fix: key the classes by size name; custom sizes map to the exact class'],
  ['fails when an instance class is malformed', () => awsProfile({ instanceClasses: { small: 'm6g.large' } }), 'aws profile option instanceClasses.small: invalid instanceClasses.small "m6g.large": allowed: an RDS DB instance class such as db.m6g.large. Fix: use a class RDS offers for your engines in the region'],
  ['fails when maintenanceWindow is a number', () => awsProfile({ maintenanceWindow: 5 }), "aws profile option maintenanceWindow: invalid maintenanceWindow 5: allowed: ddd:hh24:mi-ddd:hh24:mi in UTC (days mon to sun), at least 30 minutes. Fix: use e.g. 'sun:04:00-sun:04:30'"],
  ['fails when kmsKeyArn is a number', () => awsProfile({ kmsKeyArn: 5 }), 'aws profile option kmsKeyArn: invalid kmsKeyArn 5: allowed: a KMS key or alias ARN: arn:<partition>:kms:<region>:<account>:key/<key-id> or …:alias/<name>. Fix: copy the key ARN from `aws kms describe-key`'],
  ['fails when maintenanceWindow is prose', () => awsProfile({ maintenanceWindow: 'sunday 4am' }), 'aws profile option maintenanceWindow: invalid maintenanceWindow "sunday 4am": allowed: ddd:hh24:mi-ddd:hh24:mi in UTC (days mon to sun), at least 30 minutes. Fix: use e.g. \'sun:04:00-sun:04:30\''],
  ['fails when eksClusterName has a space', () => awsProfile({ eksClusterName: 'prod cluster' }), 'aws profile option eksClusterName: invalid eksClusterName "prod cluster": allowed: an EKS cluster name: 1 to 100 letters, digits, hyphens and underscores, starting with a letter or digit. Fix: use the name shown by `aws eks list-clusters`'],
  ['fails when eksClusterName is a number', () => awsProfile({ eksClusterName: 42 }), 'aws profile option eksClusterName: invalid eksClusterName 42: allowed: an EKS cluster name: 1 to 100 letters, digits, hyphens and underscores, starting with a letter or digit. Fix: use the name shown by `aws eks list-clusters`'],
  ['fails when the AWS binderImage is latest', () => awsProfile({ binderImage: 'python:latest' }), 'profile "aws": invalid binderImage "python:latest": allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "docker.io/library/python:3.13.9-alpine3.22"'],
);

// ------------------------------------------------------------------------------------------------------ GcpProfile
const gcpProfile = (over: object) => new GcpProfile(js({ ...GCP_OK, ...over }));
rows.push(
  ['fails when GcpProfile has no options', () => new GcpProfile(js(undefined)), "gcp profile options: invalid options undefined: allowed: an object of GcpProfileOptions with projectId and region. Fix: write e.g. new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1' })"],
  ['fails when projectId has upper case', () => gcpProfile({ projectId: 'Acme-Prod' }), 'gcp profile option projectId: invalid projectId "Acme-Prod": allowed: a GCP project ID: 6 to 30 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen. Fix: use the project ID (not the project name or number), e.g. "acme-prod-123"'],
  ['fails when projectId is a number', () => gcpProfile({ projectId: 123456 }), 'gcp profile option projectId: invalid projectId 123456: allowed: a GCP project ID: 6 to 30 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen. Fix: use the project ID (not the project name or number), e.g. "acme-prod-123"'],
  ['fails when the GCP region is a zone', () => gcpProfile({ region: 'europe-west1-b' }), 'gcp profile option region: invalid region "europe-west1-b": allowed: a GCP region such as europe-west1 or us-central1 (not a zone such as europe-west1-b). Fix: use the region of the cluster, e.g. "europe-west1"'],
  ['fails when the GCP region is missing', () => gcpProfile({ region: undefined }), 'gcp profile option region: invalid region undefined: allowed: a GCP region such as europe-west1 or us-central1 (not a zone such as europe-west1-b). Fix: use the region of the cluster, e.g. "europe-west1"'],
  ['fails when privateNetwork is a bare name', () => gcpProfile({ privateNetwork: 'default' }), 'gcp profile option privateNetwork: invalid privateNetwork "default": allowed: projects/<project ID>/global/networks/<network name>, or the same behind https://www.googleapis.com/compute/v1/. Fix: use e.g. "projects/acme-prod-123/global/networks/default" (the host project for a Shared VPC)'],
  ['fails when the GCP namePrefix is too long', () => gcpProfile({ namePrefix: `p${'a'.repeat(29)}` }), 'gcp profile option namePrefix: invalid namePrefix "paaaaaaaaaaaaaaaaaaaaaaaaaaaaa": allowed: 1 to 27 lower-case letters, digits and hyphens, starting with a letter (Cloud SQL instance names). Fix: use e.g. "prod-"'],
  ['fails when the GCP namePrefix is a number', () => gcpProfile({ namePrefix: 42 }), 'gcp profile option namePrefix: invalid namePrefix 42: allowed: 1 to 27 lower-case letters, digits and hyphens, starting with a letter (Cloud SQL instance names). Fix: use e.g. "prod-"'],
  ['fails when proxyImage is latest', () => gcpProfile({ proxyImage: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:latest' }), 'gcp profile option proxyImage: invalid proxyImage "gcr.io/cloud-sql-connectors/cloud-sql-proxy:latest": allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.18.2"'],
  ['fails when proxyImage has no tag', () => gcpProfile({ proxyImage: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy' }), 'gcp profile option proxyImage: invalid proxyImage "gcr.io/cloud-sql-connectors/cloud-sql-proxy": allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.18.2"'],
  ['fails when proxyImage is a number', () => gcpProfile({ proxyImage: 2 }), 'gcp profile option proxyImage: invalid proxyImage 2: allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.18.2"'],
  ['fails when privateNetwork is a number', () => gcpProfile({ privateNetwork: 5 }), 'gcp profile option privateNetwork: invalid privateNetwork 5: allowed: projects/<project ID>/global/networks/<network name>, or the same behind https://www.googleapis.com/compute/v1/. Fix: use e.g. "projects/acme-prod-123/global/networks/default" (the host project for a Shared VPC)'],
  ['fails when the GCP maintenanceWindow is a string', () => gcpProfile({ maintenanceWindow: 'sun 03:00' }), 'gcp profile option maintenanceWindow: invalid maintenanceWindow "sun 03:00": allowed: day 1 (Monday) to 7 (Sunday), hour 0 to 23 (UTC), updateTrack one of canary, stable, week5. Fix: use e.g. { day: 7, hour: 3 } for Sundays 03:00-04:00 UTC'],
  ['fails when the GCP maintenance day is 8', () => gcpProfile({ maintenanceWindow: { day: 8, hour: 3 } }), 'gcp profile option maintenanceWindow: invalid maintenanceWindow {"day":8,"hour":3}: allowed: day 1 (Monday) to 7 (Sunday), hour 0 to 23 (UTC), updateTrack one of canary, stable, week5. Fix: use e.g. { day: 7, hour: 3 } for Sundays 03:00-04:00 UTC'],
  ['fails when the GCP maintenance updateTrack is unknown', () => gcpProfile({ maintenanceWindow: { day: 7, hour: 3, updateTrack: 'fast' } }), 'gcp profile option maintenanceWindow: invalid maintenanceWindow {"day":7,"hour":3,"updateTrack":"fast"}: allowed: day 1 (Monday) to 7 (Sunday), hour 0 to 23 (UTC), updateTrack one of canary, stable, week5. Fix: use e.g. { day: 7, hour: 3 } for Sundays 03:00-04:00 UTC'],
  ['fails when requireConnectors is a string', () => gcpProfile({ requireConnectors: 'false' }), 'gcp profile option requireConnectors: invalid requireConnectors "false": allowed: true or false. Fix: write requireConnectors: true or requireConnectors: false'],
  ['fails when diskAutoresize is a number', () => gcpProfile({ diskAutoresize: 0 }), 'gcp profile option diskAutoresize: invalid diskAutoresize 0: allowed: true or false. Fix: write diskAutoresize: true or diskAutoresize: false'],
  ['fails when the GCP queueOperator is unknown', () => gcpProfile({ queuesInCluster: true, queueOperator: 'rabbit' }), 'gcp profile option queueOperator: invalid queueOperator "rabbit": allowed: one of QueueOperator.NONE, QueueOperator.RABBITMQ_OPERATORS. Fix: use QueueOperator.NONE'],
  ['fails when the GCP queueOperator is set without queuesInCluster', () => gcpProfile({ queueOperator: 'none' }), 'gcp profile option queueOperator: invalid queueOperator "none": allowed: queueOperator only together with queuesInCluster: true (it says how queues run in the cluster). Fix: add queuesInCluster: true, or remove queueOperator'],
  ['fails when queuesInCluster is a string', () => gcpProfile({ queuesInCluster: 'yes' }), 'gcp profile option queuesInCluster: invalid queuesInCluster "yes": allowed: true or false. Fix: write queuesInCluster: true or queuesInCluster: false'],
  ['fails when the GCP labels have a bad value', () => gcpProfile({ labels: { team: 'a/b' } }), 'profile "gcp": invalid labels["team"] "a/b": allowed: a string of at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (or empty). Fix: quote the value and remove other characters'],
);

// ------------------------------------------------------------------------------------------------ CrossplaneProfile
rows.push(
  ['fails when CrossplaneProfile has no options', () => new CrossplaneProfile(js(undefined)), "crossplane profile options: invalid options undefined: allowed: an object of CrossplaneProfileOptions with compositionSelector. Fix: write e.g. new CrossplaneProfile({ compositionSelector: { provider: 'aws' } })"],
  ['fails when the Crossplane queuesInCluster is a number', () => new CrossplaneProfile(js({ compositionSelector: { provider: 'gcp' }, queuesInCluster: 1 })), 'crossplane profile option queuesInCluster: invalid queuesInCluster 1: allowed: true or false. Fix: write queuesInCluster: true or queuesInCluster: false'],
  ['fails when the Crossplane queueOperator is set without queuesInCluster', () => new CrossplaneProfile(js({ compositionSelector: { provider: 'aws' }, queueOperator: 'rabbitmq-operators' })), 'crossplane profile option queueOperator: invalid queueOperator "rabbitmq-operators": allowed: queueOperator only together with queuesInCluster: true (it says how queues run in the cluster). Fix: add queuesInCluster: true, or remove queueOperator'],
  ['fails when CrossplaneQueuePlatform has no props', () => new CrossplaneQueuePlatform(new Chart(Testing.app(), 'platform'), 'Queues', js(undefined)), 'platform/Queues: invalid aws.region undefined: allowed: an AWS region such as "eu-west-1". Fix: pass aws: { region, subnetIds, securityGroupIds }'],
  ['fails when the Crossplane binderImage is latest', () => new CrossplaneProfile(js({ compositionSelector: { provider: 'aws' }, binderImage: 'python:latest' })), 'profile "crossplane": invalid binderImage "python:latest": allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "docker.io/library/python:3.13.9-alpine3.22"'],
);
rows.push(['fails when compositionSelector is empty', crossplane({}), 'crossplane profile options: invalid compositionSelector {}: allowed: at least one label of the Composition to use, e.g. { provider: "aws" }. Fix: set compositionSelector in new CrossplaneProfile() to the labels of a Composition installed by CrossplaneDatabasePlatform (provider: aws or gcp)']);
rows.push(['fails when compositionSelector is a string', crossplane('aws'), 'crossplane profile options: invalid compositionSelector "aws": allowed: at least one label of the Composition to use, e.g. { provider: "aws" }. Fix: set compositionSelector in new CrossplaneProfile() to the labels of a Composition installed by CrossplaneDatabasePlatform (provider: aws or gcp)']);
rows.push(['fails when a compositionSelector value is a number', crossplane({ provider: 42 }), 'crossplane profile options: invalid compositionSelector["provider"] 42: allowed: a label value: at most 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit. Fix: use a value such as "aws"']);
rows.push(['fails when a compositionSelector key has a space', crossplane({ 'cloud provider': 'aws' }), 'crossplane profile options: invalid compositionSelector key "cloud provider": allowed: a label key: an optional DNS subdomain prefix and "/", then 1 to 63 letters, digits, "-", "_" or "." starting and ending with a letter or digit. Fix: use a key such as "provider"']);
rows.push(['fails when the Crossplane namePrefix has upper case', crossplane({ provider: 'aws' }, { namePrefix: 'Prod' }), 'crossplane profile options: invalid namePrefix "Prod": allowed: 1 to 23 lower-case letters, digits and single hyphens, starting with a letter (the prefix and a 40-character name form a 63-character cloud identifier). Fix: use a prefix such as "prod-"']);
group(crossplane({ provider: 'gcp' }), [['fails when a queue is claimed where the selector picks GCP', () => queue({ name: 'orders' }), 'test/Queue: invalid profile "crossplane": allowed: not a queue on the crossplane-none backend of profile "crossplane": the portable Crossplane queue API has no GCP Composition (GCP has no managed AMQP 0-9-1 service) and the compositionSelector picks provider: gcp, and the profile does not say where queues run. Fix: set queuesInCluster: true on the crossplane profile to run each queue in the cluster (a RabbitMQ StatefulSet, or the RabbitMQ operators with queueOperator), or select another profile for the queue']]);
group(crossplane({ provider: 'aws' }), [
  ['fails when the Crossplane queue is custom-sized', () => queue({ name: 'orders', instanceSize: InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(4) }) }), 'test/Queue: invalid instanceSize "custom(2 vCPU, 4096 MiB)": allowed: a named size of the portable Crossplane queue API (small, medium, large): Amazon MQ has a fixed set of host instance types. Fix: use InstanceSize.SMALL, MEDIUM or LARGE on this profile'],
  ['fails when the Crossplane queue name is one character', () => queue({ name: 'q' }), 'test/Queue: invalid name "q": allowed: a name of at least 2 characters, other than guest, on this profile (it is the broker user\'s name; Amazon MQ deletes users named guest). Fix: give the queue a longer name, or another one'],
]);
rows.push(['fails when the object store Crossplane namePrefix is a number', crossplane({ provider: 'aws' }, { namePrefix: 7 }), 'crossplane profile options: invalid namePrefix 7: allowed: 1 to 23 lower-case letters, digits and single hyphens, starting with a letter (the prefix and a 40-character name form a 63-character cloud identifier). Fix: use a prefix such as "prod-"']);

// -------------------------------------------------------------------------------------------------- Profile.custom
const mysqlBackend = () => new InClusterProfile().backendFor(PortableMySQL.KIND);
rows.push(
  ['fails when Profile.custom has no name', () => Profile.custom(js({})), 'profile: invalid name undefined: allowed: 1 to 63 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "my-profile"'],
  ['fails when Profile.custom has no props', () => Profile.custom(js(undefined)), "profile: invalid props undefined: allowed: an object of ProfileProps. Fix: write e.g. Profile.custom({ name: 'hybrid', backends: [...] })"],
  ['fails when the Profile.custom name has a space', () => Profile.custom({ name: 'my profile' }), 'profile: invalid name "my profile": allowed: 1 to 63 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "my-profile"'],
  ['fails when Profile.custom backends is a string', () => Profile.custom(js({ name: 'hybrid', backends: 'mysql' })), 'profile "hybrid": invalid backends "mysql": allowed: a list of { kind, backend }. Fix: write backends: [{ kind: PortableMySQL.KIND, backend: otherProfile.backendFor(PortableMySQL.KIND) }]'],
  ['fails when a Profile.custom backend kind is a string', () => Profile.custom(js({ name: 'hybrid', backends: [{ kind: 'mysql', backend: mysqlBackend() }] })), 'profile "hybrid": invalid backends[0] {"kind":"mysql","backend":"backend in-cluster"}: allowed: a kind (PortableMySQL.KIND, …) and a backend (profile.backendFor(kind)). Fix: write { kind: PortableMySQL.KIND, backend: otherProfile.backendFor(PortableMySQL.KIND) }'],
  ['fails when a Profile.custom kind is repeated', () => Profile.custom({ name: 'hybrid', backends: [{ kind: PortableMySQL.KIND, backend: mysqlBackend() }, { kind: PortableMySQL.KIND, backend: mysqlBackend() }] }), 'profile "hybrid": invalid backends[1].kind "mysql": allowed: each kind once. Fix: remove one of the backends of this kind'],
  ['fails when Profile.custom environment is a number', () => Profile.custom(js({ name: 'hybrid', environment: 5 })), 'profile "hybrid": invalid environment 5: allowed: 1 to 63 lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen. Fix: choose a name such as "custom"'],
  ['fails when Profile.custom binderImage is latest', () => Profile.custom({ name: 'hybrid', binderImage: 'python:latest' }), 'profile "hybrid": invalid binderImage "python:latest": allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "docker.io/library/python:3.13.9-alpine3.22"'],
  ['fails when Profile.register gets a string', () => Profile.register(Testing.app(), js('aws')), 'app: invalid Profile.register profile "aws": allowed: a Profile made by its factories. Fix: use e.g. new InClusterProfile()'],
  ['fails when backendFor gets a string', () => new InClusterProfile().backendFor(js('mysql')), 'profile "in-cluster": invalid backendFor kind "mysql": allowed: a ServiceKind made by its factories. Fix: use e.g. PortableMySQL.KIND'],
  ['fails when Profile.use gets a plain object', () => Profile.use(Testing.app(), js({ name: 'aws' })), 'app: invalid Profile.use profile "a plain Object {\\"name\\":\\"aws\\"}": allowed: a Profile made by its factories. Fix: use e.g. new InClusterProfile()'],
);

// ---------------------------------------------------------------------------------------------------- ServiceKind.of
const KV = { type: 'kv', keys: ['type', 'provider', 'host'], envPrefix: 'KV_' };
rows.push(
  ['fails when a kind name has upper case', () => ServiceKind._of('MongoDB', KV), 'ServiceKind MongoDB: invalid name "MongoDB": allowed: a DNS label (lower-case letters, digits, -). Fix: name the kind e.g. "mongodb"'],
  ['fails when a kind name is a number', () => ServiceKind._of(js(42), KV), 'ServiceKind 42: invalid name 42: allowed: a DNS label (lower-case letters, digits, -). Fix: name the kind e.g. "mongodb"'],
  ['fails when a kind has no contract', () => ServiceKind._of('kv-none', js(undefined)), "ServiceKind kv-none: invalid contract undefined: allowed: a connection contract: { type, keys, envPrefix }. Fix: write e.g. { type: 'mongodb', keys: ['type', 'provider', 'host', 'port'], envPrefix: 'MONGO_' }"],
  ['fails when contract keys is a string', () => ServiceKind._of('kv-string', js({ ...KV, keys: 'type,provider,host' })), 'ServiceKind kv-string: invalid contract.keys "type,provider,host": allowed: a list of servicebinding.io entry names. Fix: write e.g. [\'type\', \'provider\', \'host\', \'port\']'],
  ['fails when contract keys lack provider', () => ServiceKind._of('kv-noprov', { ...KV, keys: ['type', 'host'] }), 'ServiceKind kv-noprov: invalid contract.keys ["type","host"]: allowed: a list with `type` and `provider` (servicebinding.io). Fix: add "provider"'],
  ['fails when a contract key has upper case', () => ServiceKind._of('kv-upper', { ...KV, keys: ['type', 'provider', 'Host'] }), 'ServiceKind kv-upper: invalid contract.keys "Host": allowed: servicebinding.io entry names: lower-case letters, digits, - and .. Fix: rename the key'],
  ['fails when a contract key is repeated', () => ServiceKind._of('kv-dup', { ...KV, keys: ['type', 'provider', 'host'], optionalKeys: ['host'] }), 'ServiceKind kv-dup: invalid contract.keys ["type","provider","host","host"]: allowed: each key once across keys and optionalKeys. Fix: remove the duplicate'],
  ['fails when contract optionalKeys is a string', () => ServiceKind._of('kv-opt', js({ ...KV, optionalKeys: 'token' })), 'ServiceKind kv-opt: invalid contract.optionalKeys "token": allowed: a list of servicebinding.io entry names. Fix: write e.g. [\'type\', \'provider\', \'host\', \'port\']'],
  ['fails when the contract envPrefix is lower case', () => ServiceKind._of('kv-lower', { ...KV, envPrefix: 'kv_' }), 'ServiceKind kv-lower: invalid contract.envPrefix "kv_": allowed: upper-case letters, digits and _ (an environment variable prefix). Fix: use e.g. "MONGO_"'],
  ['fails when the contract type has a space', () => ServiceKind._of('kv-space', { ...KV, type: 'key value' }), 'ServiceKind kv-space: invalid contract.type "key value": allowed: a servicebinding.io type: lower-case letters, digits, - and .. Fix: use e.g. "mongodb"'],
  ['fails when a uriTemplate names an unknown key', () => ServiceKind._of('kv-uri', { ...KV, keys: ['type', 'provider', 'host', 'uri'], uriTemplate: 'kv://{hostname}' }), 'ServiceKind kv-uri: invalid contract.uriTemplate "kv://{hostname}": allowed: placeholders naming connection keys (type, provider, host, uri). Fix: fix {hostname}'],
  ['fails when a kind is redefined with another contract', () => ServiceKind._of('mysql', KV), 'ServiceKind mysql: invalid contract {"type":"kv","keys":["type","provider","host"],"envPrefix":"KV_"}: allowed: the contract the kind was defined with: {"type":"mysql","keys":["type","provider","host","port","database","username","password","tls","uri"],"optionalKeys":["ssl-mode"],"uriTemplate":"mysql://{username}:{password}@{host}:{port}/{database}[?ssl-mode={ssl-mode}]","envPrefix":"DB_"}. Fix: give a new kind its own name'],
);

// -------------------------------------------------------------------------------------------------- Profile.fromFile
rows.push(
  ['fails when the profiles file path is a number', () => Profile.fromFile(js(42)), "profiles file: invalid path 42: allowed: the path of a YAML or JSON file. Fix: pass a path, e.g. Profile.fromFile('profiles.yaml')"],
  ['fails when registerFile gets no path', () => Profile.registerFile(Testing.app(), js(undefined)), "profiles file: invalid path undefined: allowed: the path of a YAML or JSON file. Fix: pass a path, e.g. Profile.fromFile('profiles.yaml')"],
  ['fails when the profiles file does not exist', () => Profile.fromFile(path.join(dir, 'missing.yaml')), `${dir}/missing.yaml: invalid profiles file "${dir}/missing.yaml": allowed: the path of an existing YAML or JSON file (URLs are not read: profiles must not change between syntheses). Fix: check the path; relative paths are resolved from the working directory (here: ${dir}/missing.yaml)`],
  ['fails when the profiles file is not YAML', () => Profile.fromFile(file('syntax.yaml', 'profiles:\n  - type: aws\n   region: [eu-west-1\n')), `${dir}/syntax.yaml:3:1: invalid YAML "Sequence item without - indicator": allowed: well-formed YAML 1.2 with unique keys. Fix: fix the syntax at the line and column given`],
  ['fails when the profiles file is not JSON', () => Profile.fromFile(file('syntax.json', '{"profiles": [{"type": "aws",}]}')), new RegExp(`^${escape(dir)}/syntax\\.json: invalid JSON "[^"]+": allowed: one JSON document \\(RFC 8259\\)\\. Fix: fix the syntax at the position given, or use a \\.yaml file$`)],
  ['fails when the profiles file is empty', () => Profile.fromFile(file('empty.yaml', '')), `${dir}/empty.yaml: invalid profiles file "empty": allowed: at least one profile: a \`profiles:\` list, a single profile mapping, or YAML documents of either. Fix: add a profile, e.g. \`profiles: [{ type: in-cluster }]\``],
  ['fails when the profiles file is a scalar', () => Profile.fromFile(file('scalar.yaml', 'aws\n')), `${dir}/scalar.yaml: invalid document "aws": allowed: a mapping: \`profiles:\` with a list of profiles, or a single profile (got a string). Fix: write \`profiles:\` followed by a list of profiles, each with a \`type:\``],
  ['fails when profiles is not a list', () => Profile.fromFile(file('notlist.yaml', 'profiles: aws\n')), `${dir}/notlist.yaml: invalid profiles "aws": allowed: a non-empty list of profiles (got a string). Fix: list the profiles under \`profiles:\`, each starting with \`- type: …\``],
  ['fails when a profile type is unknown', () => Profile.fromFile(file('type.yaml', 'profiles:\n  - type: onprem\n')), `${dir}/type.yaml: profiles[0]: invalid type "onprem": allowed: one of in-cluster, aws, gcp, crossplane, azure. Fix: use one of the allowed types (Profile.custom() profiles cannot be written in a file)`],
  ['fails when a profile option is unknown', () => Profile.fromFile(file('key.yaml', 'profiles:\n  - type: in-cluster\n    options: { storageClass: fast }\n')), `${dir}/key.yaml: profiles[0]: invalid options key "storageClass": allowed: the options of type "in-cluster": name, labels, binderImage, binderRepair, binderAdmissionPolicy, upgradeGuard, storageClassName, storageReclaimPolicy, storageExpansion, imageRegistry, postgresOperator, volumeSnapshotClassName, walArchivePath, walArchiveSecretName, walArchiveEndpoint, objectStoreOperator, bucketStorageClassName, bucketReclaimPolicy, objectStoreImage, objectStoreVolumeSize, queueOperator, clusterDomain. Fix: did you mean "storageClassName"? (or remove the key)`],
  ['fails when a profile option has the wrong kind', () => Profile.fromFile(file('kind.yaml', 'profiles:\n  - type: gcp\n    options: { projectId: acme-prod-123, region: 1 }\n')), `${dir}/kind.yaml: profiles[0]: invalid options.region 1: allowed: a string (got a number). Fix: write a string; quote strings that YAML would read as another type (yes, no, on, off, numbers, dates)`],
  ['fails when a required profile option is missing', () => Profile.fromFile(file('required.yaml', 'profiles:\n  - type: aws\n    options: { region: eu-west-1 }\n')), `${dir}/required.yaml: profiles[0]: invalid options.dbSubnetGroupName undefined: allowed: a string; type "aws" requires it. Fix: add \`dbSubnetGroupName:\` under \`options:\``],
  ['fails when two profiles of a file have the same name', () => Profile.fromFile(file('dup.yaml', 'profiles:\n  - type: in-cluster\n  - type: in-cluster\n')), `${dir}/dup.yaml: profiles[1]: invalid name "in-cluster": allowed: a name no other profile of the file has (profiles[0] is also named "in-cluster"; a name defaults to the type). Fix: give each profile of the same type its own \`name:\``],
  ['fails when a profile of a file has an AWS region that does not exist', () => Profile.fromFile(file('region.json', JSON.stringify({
    profiles: [{ type: 'aws', options: { region: 'eu-west-9', dbSubnetGroupName: 'app-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] } }],
  }))), `${dir}/region.json: profiles[0]: aws profile option region: invalid region "eu-west-9": allowed: an AWS region that exists (the catalog lists every region code). Fix: did you mean "eu-west-1", "eu-west-2" or "eu-west-3"?`],
  ['fails when a profile of a file has a latest binderImage', () => Profile.fromFile(file('image.yaml', 'type: in-cluster\nbinderImage: python:latest\n')), `${dir}/image.yaml: profile "in-cluster": invalid binderImage "python:latest": allowed: an image reference with a version tag other than latest, or a sha256 digest. Fix: pin a version, e.g. "docker.io/library/python:3.13.9-alpine3.22"`],
);

describe('bad input', () => {
  const saved = process.env[Profile.ENV_VAR];
  beforeAll(() => {
    delete process.env[Profile.ENV_VAR];
  });
  afterAll(() => {
    if (saved !== undefined) process.env[Profile.ENV_VAR] = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the table has at least 150 cases, each named "fails when …" and once', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    for (const [name] of rows) expect(name).toMatch(/^fails when /);
  });

  if (process.env.DUMP_BAD_INPUT) {
    test('dump', () => {
      const out: string[] = [];
      for (const [name, thunk] of rows) {
        try {
          thunk();
          out.push(`${name}\n  NO ERROR`);
        } catch (e: any) {
          out.push(`${name}\n  ${e?.constructor?.name}: ${e?.message}`);
        }
      }
      fs.writeFileSync(process.env.DUMP_BAD_INPUT!, out.join('\n'));
    });
    return;
  }

  const CODE_SUFFIX = / \[PD[1-5]00\]$/;
  test.each(rows)('%s', (name, thunk, expected) => {
    let error: unknown;
    try {
      thunk();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const err = error as Error;
    expect(err.constructor).toBe(Error);
    // Every message ends with the stable code of its kind of problem (test/error-codes.test.ts checks which).
    expect(err.message).toMatch(CODE_SUFFIX);
    const message = err.message.replace(CODE_SUFFIX, '');
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
    expect(err.message).not.toMatch(/\[object Object\]/);
    // `undefined` appears only where the value given was undefined.
    expect(/\bundefined\b/.test(err.message)).toBe(/undefined|missing|has no (options|props|name|secret name|contract|bucket)|gets no/.test(name));
  });
});
