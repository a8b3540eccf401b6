import * as kplus from 'cdk8s-plus-27';
import { invalid } from './errors';

/** The name of the workload's own ServiceAccount; fails for none or `default`. */
export function serviceAccountOf(workload: kplus.AbstractPod, what: string): string {
  const name = workload.serviceAccount?.name;
  if (name === undefined || name === 'default') {
    invalid(workload, {
      prop: 'serviceAccount',
      value: name ?? 'none (the namespace\'s default ServiceAccount)',
      allowed: `a ServiceAccount of the workload's own: binding gives it ${what}, and the default ServiceAccount is every pod's`,
      fix: 'create one (new kplus.ServiceAccount(chart, \'Sa\')) and pass it as the workload\'s serviceAccount',
    });
  }
  return name;
}
