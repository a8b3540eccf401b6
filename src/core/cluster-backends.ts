import { ServiceKind } from './kind';
import { IServiceBackend } from './profile';
import { invalid } from '../private/errors';

/**
 * The in-cluster backend of a kind, for the profiles of environments that have no managed service of that kind and
 * run it in their Kubernetes cluster instead (e.g. AMQP queues on GCP). The one list of environments
 * (`environments/index.ts`) registers them, so that no environment imports another one's folder.
 */
const FACTORIES = new Map<string, (options: object) => IServiceBackend>();

/** Registers the factory of the in-cluster backend of a kind (the one list of environments calls it). */
export function registerClusterBackend(kind: ServiceKind, factory: (options: object) => IServiceBackend): void {
  FACTORIES.set(kind.name, factory);
}

/** A new in-cluster backend of the kind, with the in-cluster backend options given. */
export function clusterBackend(kind: ServiceKind, options: object = {}): IServiceBackend {
  const factory = FACTORIES.get(kind.name);
  if (!factory) {
    invalid(`service kind ${kind.name}`, {
      prop: 'cluster backend',
      value: kind.name,
      allowed: `a kind whose in-cluster backend is registered: ${[...FACTORIES.keys()].join(', ') || 'none'}`,
      fix: 'register it in the one list of environments (registerClusterBackend)',
    });
  }
  return factory(options);
}
