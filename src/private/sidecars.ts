import * as kplus from 'cdk8s-plus-27';

/** Containers a backend added to a workload (e.g. the Cloud SQL Auth Proxy): bindings never inject into them. */
const sidecars = new WeakSet<kplus.Container>();

/** Marks a container as a backend's sidecar. */
export function markSidecar(container: kplus.Container): kplus.Container {
  sidecars.add(container);
  return container;
}

/** Whether a container is a backend's sidecar. */
export function isSidecar(container: kplus.Container): boolean {
  return sidecars.has(container);
}
