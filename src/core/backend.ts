import { Construct } from 'constructs';
import type { BinderClaim } from '../private/binder';
import { BoundWorkload } from '../private/workload';

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
  /**
   * Where the field is a URI (e.g. `amqps://b-1234.mq.eu-west-1.on.aws:5671`), the part of it to take: `host` or
   * `port`.
   * @default - the whole value
   */
  readonly uriPart?: string;
}

/**
 * Options passed to a backend when a workload is bound to a service.
 */
export interface WorkloadBindingContext {
  /**
   * The workload, whatever made it: its kind, the edits of its pod template, its ServiceAccount and the labels that
   * select its pods.
   */
  readonly workload: BoundWorkload;
}

/**
 * What a backend adds to a workload bound to its service (a NetworkPolicy rule, a proxy sidecar, …).
 */
export interface IWorkloadBinder {
  /** Called once for every workload bound to the service. */
  bindWorkload(scope: Construct, context: WorkloadBindingContext): void;
}


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
