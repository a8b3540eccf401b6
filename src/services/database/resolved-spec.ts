import { Size } from 'cdk8s';
import { Backup } from './backup';
import { Credentials } from './credentials';
import { DatabaseEngine } from './engine';
import { InstanceSize } from '../../core/instance-size';
import { ServiceSpec } from '../../core/kind-module';
import { HighAvailability } from '../../core/policies';

/** The source database of a restore: another database of the app, on the same backend. */
export interface RestoreSourceSpec {
  /** Its service name (the name of its objects). */
  readonly name: string;
  /** Its construct path, for messages. */
  readonly path: string;
  /** Its backups (a point in time needs its recovery window). */
  readonly backup: Backup;
  /** Its major version. */
  readonly majorVersion: string;
}

/**
 * Where the data of a new database comes from (`restoreFrom`), validated: honoured only at creation.
 */
export interface RestoreSpec {
  /** `backup` (a named backup), `clone` (a copy of another database), `pointInTime` (another database at a time). */
  readonly type: 'backup' | 'clone' | 'pointInTime';
  /** The backup's name, identifier or ARN (`backup`). @default - none */
  readonly backupName?: string;
  /** The source database (`clone`, `pointInTime`). @default - none */
  readonly source?: RestoreSourceSpec;
  /** The point in time, RFC 3339 in UTC (`2026-12-01T09:00:00Z`) (`pointInTime`). @default - none */
  readonly time?: string;
}

/**
 * A relational database as the service asks for it: the portable declaration, validated and resolved.
 * Backends receive it in `bind()` and map it to their provider.
 */
export interface DatabaseSpec extends ServiceSpec {
  /** The engine. */
  readonly engine: DatabaseEngine;
  /** Major version, e.g. `8.4`. */
  readonly majorVersion: string;
  /** Full version, when the user pinned one with `of()`. @default - the backend's catalog version for the major */
  readonly fullVersion?: string;
  /**
   * Whether the app allows a change of major version to be applied in place (`allowMajorVersionUpgrade`): the
   * backend's object then carries the allowance the upgrade guard reads.
   */
  readonly allowMajorVersionUpgrade: boolean;
  /** Allocated storage. */
  readonly storage: Size;
  /** Compute. */
  readonly instanceSize: InstanceSize;
  /** Name of the database created for the application. */
  readonly databaseName: string;
  /** High availability. */
  readonly highAvailability: HighAvailability;
  /** Backups. */
  readonly backup: Backup;
  /**
   * Where the data comes from at creation (`restoreFrom`).
   * @default - an empty database
   */
  readonly restore?: RestoreSpec;
  /** The application user's credentials. */
  readonly credentials: Credentials;
  /** Name of the Secret holding the application user's password (generated or the user's). */
  readonly credentialsSecretName: string;
  /** Whether connections must be encrypted in transit (`requireTls`): a backend that serves plaintext refuses. */
  readonly requireTls: boolean;
  /**
   * Engine parameters, validated against the portable parameter table and normalized (see
   * `PortableDatabaseProps.parameters`): portable names, values in the engine's base unit without a unit, booleans
   * `on`/`off`, enums and lists spelled canonically, keys sorted. Empty when none were given: the engine's defaults.
   * Each environment maps them (its `parameters.ts`, from `checkParameters()`) or rejects them with an exact error.
   */
  readonly parameters: { [name: string]: string };
  /**
   * Image of the binder Job (the profile's `binderImage`: Python 3.8+, standard library). Backends may run helper
   * Jobs of their own with it, e.g. to expire backups their provider does not expire (CloudNativePG volume
   * snapshots).
   */
  readonly binderImage: string;
}
