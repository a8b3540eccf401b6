import type { BinderClaim, BinderGrownClaim, BinderObjectRef, DeferredValue } from '../private/binder';
import type { IWorkloadBinder } from '../private/workload';

export type { BinderObjectRef, DeferredValue } from '../private/binder';
export type { IWorkloadBinder, WorkloadBindingContext } from '../private/workload';

/**
 * What every backend returns from `bind()`: the servicebinding.io `provider`, and what it adds to bound workloads
 * and to the binder. Each kind's binding extends it with the sources of its contract's values.
 */
export interface ServiceBinding {
  /** servicebinding.io `provider` value, e.g. `aws-rds`. */
  readonly provider: string;
  /**
   * What the backend adds to bound workloads (a NetworkPolicy rule, a proxy sidecar, a cloud identity).
   * @default - nothing
   */
  readonly workloadBinder?: IWorkloadBinder;
  /**
   * Claims the binder creates at deploy time when they are missing, so that they are not in the YAML and
   * `kubectl delete -f` of it does not delete them (a retained backup volume).
   * @default - none
   */
  readonly claims?: BinderClaim[];
  /**
   * Claims the binder grows to their size once they are bound (never shrinks nor creates): a StatefulSet's data
   * claims, whose template is immutable, on a StorageClass that allows expansion.
   * @default - none
   */
  readonly grownClaims?: BinderGrownClaim[];
  /**
   * Names of the objects an operator creates for the service in its namespace besides the ones named after the
   * service itself (CloudNativePG's `<name>-rw` Service, the RabbitMQ Cluster Operator's `<name>-nodes`): no other
   * service of the namespace may be named so, whatever its kind.
   * @default - none
   */
  readonly reservedNames?: string[];
  /**
   * Objects whose conditions the binder checks while it waits for the contract's values (a Crossplane claim, the
   * RabbitMQ operators' objects), so that an error they report ends the run with their message.
   * @default - none
   */
  readonly conditions?: BinderObjectRef[];
}

/**
 * The binding of a kind served at a network endpoint (databases, caches, brokers): host and port, each known at
 * synth time or read at deploy time, and whether clients connect with TLS.
 */
export interface EndpointBinding extends ServiceBinding {
  /**
   * Host, when known at synth time; `{namespace}` is replaced with the namespace at deploy time.
   * @default - read at deploy time from `hostFrom`
   */
  readonly host?: string;
  /**
   * Where the binder reads the host at deploy time.
   * @default - `host` is known at synth time
   */
  readonly hostFrom?: DeferredValue;
  /**
   * Port, when known at synth time.
   * @default - read at deploy time from `portFrom`
   */
  readonly port?: number;
  /**
   * Where the binder reads the port at deploy time.
   * @default - `port` is known at synth time
   */
  readonly portFrom?: DeferredValue;
  /** Whether the traffic between the workload's pod and the server is encrypted (TLS). */
  readonly tls: boolean;
}
