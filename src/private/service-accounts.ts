import { invalid } from './errors';
import { BoundWorkload } from './workload';

/**
 * The name of the workload's own ServiceAccount, read from its pod template (`serviceAccountName`); fails for none or
 * `default`.
 */
export function serviceAccountOf(workload: BoundWorkload, what: string): string {
  const name = workload.serviceAccountName();
  if (name === undefined || name === 'default') {
    invalid(workload.path, {
      prop: 'serviceAccount',
      value: name ?? 'none (the namespace\'s default ServiceAccount)',
      allowed: `a ServiceAccount of the workload's own: binding gives it ${what}, and the default ServiceAccount is every pod's`,
      fix: 'create one (new kplus.ServiceAccount(chart, \'Sa\')) and pass it as the workload\'s serviceAccount',
    });
  }
  return name;
}
