// The public API of the database kind: re-exports only.
export { Backup } from './backup';
export type { DailyBackupOptions } from './backup';
export { Credentials } from './credentials';
export { DataSource } from './data-source';
export type { GeneratedCredentialsOptions, SecretCredentialsOptions } from './credentials';
export { PortableDatabase } from './database';
export type { PortableDatabaseProps } from './database';
export { DatabaseEngine } from './engine';
export { PortableMySQL } from './mysql';
export type { PortableMySQLProps } from './mysql';
export { MySqlVersion } from './mysql-version';
export { PortablePostgres } from './postgres';
export type { PortablePostgresProps } from './postgres';
export { PostgresVersion } from './postgres-version';
