import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Backup } from './backup';
import { Credentials } from './credentials';
import { DatabaseEngine } from './engine';
import { InstanceSize } from './instance-size';
import { DeletionPolicy, HighAvailability } from './policies';

/**
 * A relational database as the service asks for it: the portable declaration, validated and resolved.
 * Backends receive it in `bind()` and map it to their provider.
 */
export interface DatabaseSpec {
  /** The engine. */
  readonly engine: DatabaseEngine;
  /** Major version, e.g. `8.4`. */
  readonly majorVersion: string;
  /** Full version, when the user pinned one with `of()`. @default - the backend's catalog version for the major */
  readonly fullVersion?: string;
  /** Base name of every object the backend creates (a DNS label of at most 40 characters). */
  readonly name: string;
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
  /** What happens to the data on deletion. */
  readonly deletionPolicy: DeletionPolicy;
  /** The application user's credentials. */
  readonly credentials: Credentials;
  /** Name of the Secret holding the application user's password (generated or the user's). */
  readonly credentialsSecretName: string;
  /** Labels for every object. */
  readonly labels: { [key: string]: string };
}

/**
 * A value known only after the provider created the service, read by the binder at deploy time from an object
 * in the application's namespace.
 */
export interface DeferredValue {
  /** API group of the object (`''` for core). */
  readonly apiGroup: string;
  /** API version, e.g. `v1alpha1`. */
  readonly apiVersion: string;
  /** Resource (plural), e.g. `dbinstances` or `secrets`. */
  readonly resource: string;
  /** Object name. */
  readonly name: string;
  /** Dot-separated path of the field, e.g. `status.endpoint.address` or `data.host`. */
  readonly fieldPath: string;
  /**
   * Whether the field is base64-encoded (Secret data).
   * @default false
   */
  readonly base64?: boolean;
}

/**
 * Options passed to a backend when a workload is bound to a service.
 */
export interface WorkloadBindingContext {
  /** The workload. */
  readonly workload: kplus.AbstractPod;
  /** Containers that receive the connection. */
  readonly containers: kplus.Container[];
  /** Labels that select the workload's pods. */
  readonly podLabels: { [key: string]: string };
}

/**
 * What a backend adds to a workload bound to its service (a NetworkPolicy rule, a proxy sidecar, …).
 */
export interface IWorkloadBinder {
  /** Called once for every workload bound to the service. */
  bindWorkload(scope: Construct, context: WorkloadBindingContext): void;
}

/**
 * What a backend returns from `bind()`: how the connection contract is filled for its service.
 */
export interface DatabaseBinding {
  /** servicebinding.io `provider` value, e.g. `aws-rds`. */
  readonly provider: string;
  /**
   * Host, when known at synth time. `{namespace}` is replaced with the namespace at deploy time.
   * @default - read at deploy time from `hostFrom`
   */
  readonly host?: string;
  /**
   * Where the binder reads the host at deploy time, when it is not known at synth time.
   * @default - `host` must be set
   */
  readonly hostFrom?: DeferredValue;
  /** Port. */
  readonly port: number;
  /**
   * Additional keys of the credentials Secret the binder generates (e.g. an administrator password).
   * @default - none
   */
  readonly generatedPasswordKeys?: string[];
  /**
   * What the backend adds to bound workloads.
   * @default - nothing
   */
  readonly workloadBinder?: IWorkloadBinder;
}

/**
 * A backend for relational databases: maps a `DatabaseSpec` to one environment's objects.
 */
export interface IDatabaseBackend {
  /** Backend name, e.g. `in-cluster` or `aws-ack`. */
  readonly name: string;
  /** Creates the backend's objects under `scope` and says how the connection contract is filled. */
  bind(scope: Construct, spec: DatabaseSpec): DatabaseBinding;
}
