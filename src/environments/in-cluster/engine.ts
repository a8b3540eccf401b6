import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { MappedSetting } from '../../services/database/parameters';
import { DatabaseSpec } from '../../services/database/resolved-spec';

/**
 * What the in-cluster backend needs to know to run one engine from its official image.
 */
export interface InClusterEngine {
  /** Repository of the official image (in the image table), e.g. `docker.io/library/mysql`. */
  readonly repository: string;
  /** UID/GID the official image runs the server as. */
  readonly uid: number;
  /** Where the data volume is mounted. */
  readonly dataPath: string;
  /** Writable scratch directories (emptyDir), since the root filesystem is read-only. */
  readonly scratchPaths: string[];
  /** Whether the server needs a memory-backed `/dev/shm` larger than the container runtime's 64 MiB default. */
  readonly sharedMemory: boolean;
  /** Command that exits 0 when the server accepts connections. */
  readonly pingCommand: string[];
  /**
   * Command run before the container is stopped, for servers that do not shut down cleanly on SIGTERM.
   * @default - none: SIGTERM stops the server
   */
  readonly stopCommand?: string[];
  /** Shell script of the backup CronJob: writes a compressed dump of every database to `$BACKUP_FILE`. */
  readonly dumpScript: string;
  /**
   * Scripts the image's entrypoint runs once, when it initializes an empty data directory (file name → content,
   * mounted read-only from the ConfigMap `<name>-init` at `initScriptsPath`).
   * @default - none
   */
  readonly initScripts?: { [file: string]: string };
  /**
   * Where the image's entrypoint looks for initialization scripts.
   * @default - no initialization scripts
   */
  readonly initScriptsPath?: string;
  /** Image tag for the spec's version. */
  tag(scope: Construct, spec: DatabaseSpec): string;
  /** Fails on what the engine refuses beyond the portable rules (e.g. reserved names). */
  checkSpec(scope: Construct, spec: DatabaseSpec): void;
  /** Server container environment. */
  env(spec: DatabaseSpec): k8s.EnvVar[];
  /**
   * Server options for the portable parameters (container `args`, which the official images' entrypoints pass on to
   * the server, also while they initialize the data directory). Empty without parameters.
   */
  serverArgs(options: MappedSetting[]): string[];
  /** Environment of the backup container (credentials for the dump). */
  backupEnv(spec: DatabaseSpec): k8s.EnvVar[];
  /** Keys of administrator passwords the binder generates next to the application password (generated credentials). */
  adminPasswordKeys(spec: DatabaseSpec): string[];
}

/** An environment variable read from a key of a Secret. */
export function secretEnv(name: string, secret: string, key: string): k8s.EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}
