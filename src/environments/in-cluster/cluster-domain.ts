import { invalid } from '../../private/errors';

/** The DNS domain of a cluster unless its profile says otherwise (the kubelet's `clusterDomain` default). */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** A DNS name of one or more lower-case labels, without a leading or trailing dot. */
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;

/** Checks a profile's `clusterDomain` option; returns it, or the default when unset. */
export function checkClusterDomain(where: string, value: string | undefined): string {
  if (value === undefined) return DEFAULT_CLUSTER_DOMAIN;
  if (typeof value !== 'string' || !DNS_NAME.test(value)) {
    invalid(where, {
      prop: 'clusterDomain',
      value,
      allowed: 'the cluster\'s DNS domain: lower-case DNS labels separated by dots, without a leading or trailing dot (e.g. cluster.local)',
      fix: 'use the kubelet\'s clusterDomain (the search domain after svc. in a pod\'s /etc/resolv.conf)',
    });
  }
  return value;
}

/** The host of a Service of the app's namespace (`{namespace}` is filled in at deploy time) in the cluster domain. */
export function serviceHost(service: string, clusterDomain: string | undefined): string {
  return `${service}.{namespace}.svc.${clusterDomain ?? DEFAULT_CLUSTER_DOMAIN}`;
}
