import { ServiceKind } from './kind';

/**
 * A backend: what serves one kind of service in one environment. Get one with `Profile.backendFor()`.
 */
export interface IServiceBackend {
  /** Backend name, e.g. `in-cluster` (the `portabledata.io/backend` label of its objects). */
  readonly name: string;
}

/** One kind of service and the backend that serves it in a profile. */
export interface ProfileBackend {
  /** The kind of service. */
  readonly kind: ServiceKind;
  /** Its backend. */
  readonly backend: IServiceBackend;
}
