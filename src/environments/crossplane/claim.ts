import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';
import { CLAIM_KIND, GROUP_VERSION } from './api';

/**
 * Backups of a `DatabaseClaim` (`spec.parameters.backup`).
 */
export interface DatabaseClaimBackup {
  /** Whether daily backups are taken. */
  readonly enabled: boolean;
  /**
   * Start of the daily backup window, `HH:MM` UTC.
   * @default - none (required when enabled)
   */
  readonly startTime?: string;
  /**
   * End of the daily backup window, `HH:MM` UTC (RDS takes a window; Cloud SQL only the start).
   * @default - none (required when enabled)
   */
  readonly endTime?: string;
  /**
   * Days backups are kept, 1 to 35.
   * @default - none (required when enabled)
   */
  readonly retentionDays?: number;
}

/**
 * A key of a Secret in the claim's namespace (`spec.parameters.passwordSecretRef`).
 */
export interface DatabaseClaimSecretKeyRef {
  /** Secret name. */
  readonly name: string;
  /** Key in the Secret. */
  readonly key: string;
}

/**
 * The portable parameters of a `DatabaseClaim` (`spec.parameters`), as the XRD of `CrossplanePlatform` defines
 * them.
 */
export interface DatabaseClaimParameters {
  /** Engine: `mysql` or `postgresql`. */
  readonly engine: string;
  /** Major version of the engine, e.g. `8.4` or `17`. */
  readonly majorVersion: string;
  /**
   * Full version, e.g. `8.4.6` or `17.2` (RDS pins it; Cloud SQL takes the major only).
   * @default - the provider's current minor of the major
   */
  readonly engineVersion?: string;
  /** Allocated storage in GiB, 20 to 65536. */
  readonly storageGB: number;
  /** `small`, `medium`, `large` or `custom`. */
  readonly instanceSize: string;
  /**
   * vCPUs of a `custom` size.
   * @default - none (required for `custom`)
   */
  readonly cpu?: number;
  /**
   * Memory of a `custom` size, in MiB.
   * @default - none (required for `custom`)
   */
  readonly memoryMiB?: number;
  /** Name of the application's database. */
  readonly databaseName: string;
  /** The application user. */
  readonly username: string;
  /** Whether the database is highly available (Multi-AZ, regional). */
  readonly highAvailability: boolean;
  /** Backups. */
  readonly backup: DatabaseClaimBackup;
  /** `Retain` (deletion-protected, orphaned on delete) or `Delete`. */
  readonly deletionPolicy: string;
  /** The Secret (in the claim's namespace) holding the application user's password. */
  readonly passwordSecretRef: DatabaseClaimSecretKeyRef;
  /** Cloud identifier of the instance (DNS label, at most 63 characters). */
  readonly identifier: string;
}

/**
 * Selects the Composition of a claim by labels.
 */
export interface DatabaseClaimCompositionSelector {
  /** Labels of the Composition, e.g. `{ provider: 'aws' }`. */
  readonly matchLabels: { [key: string]: string };
}

/**
 * Where Crossplane writes the claim's connection details.
 */
export interface DatabaseClaimConnectionSecretRef {
  /** Name of the Secret, in the claim's namespace. */
  readonly name: string;
}

/**
 * The spec of a `DatabaseClaim`.
 */
export interface DatabaseClaimSpec {
  /** Selects the Composition (the cloud) that serves the claim. */
  readonly compositionSelector: DatabaseClaimCompositionSelector;
  /** The portable parameters. */
  readonly parameters: DatabaseClaimParameters;
  /** The Secret Crossplane writes the connection details (`host`, `port`) to. */
  readonly writeConnectionSecretToRef: DatabaseClaimConnectionSecretRef;
}

/**
 * Properties of a `DatabaseClaim`.
 */
export interface DatabaseClaimProps {
  /** Metadata (`name` is required). */
  readonly metadata: ApiObjectMetadata;
  /** The spec. */
  readonly spec: DatabaseClaimSpec;
}

/**
 * A claim of the portable Crossplane database API (`portabledata.io/v1alpha1` `Database`, served by the
 * CompositeResourceDefinition and Compositions of `CrossplanePlatform`). This is the library's own API, so it is
 * modelled by hand rather than generated. `CrossplaneDatabaseBackend` creates one per database.
 */
export class DatabaseClaim extends ApiObject {
  /** apiVersion and kind of the claim. */
  public static readonly GVK: GroupVersionKind = {
    apiVersion: GROUP_VERSION,
    kind: CLAIM_KIND,
  };

  /** The props the claim was created with. */
  public readonly spec: DatabaseClaimSpec;

  constructor(scope: Construct, id: string, props: DatabaseClaimProps) {
    super(scope, id, { ...DatabaseClaim.GVK, metadata: props.metadata, spec: props.spec });
    this.spec = props.spec;
  }
}
