import { Construct } from 'constructs';
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

