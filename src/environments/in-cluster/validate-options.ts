import { checkClusterDomain } from './cluster-domain';
import { InClusterOptions } from './options';
import { DeletionPolicy } from '../../core/policies';
import { invalid } from '../../private/errors';
import { checkBoolean, checkImagePrefix } from '../../private/validate';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Checks the options of the in-cluster backends (StatefulSet and CloudNativePG) when the profile is built. */
export function validateInClusterOptions(options: InClusterOptions): void {
  if (options.imageRegistry !== undefined) {
    checkImagePrefix('in-cluster profile option imageRegistry', 'imageRegistry', options.imageRegistry, 'mirror.gcr.io/library');
  }
  if (options.storageClassName !== undefined && (typeof options.storageClassName !== 'string' || !DNS_SUBDOMAIN.test(options.storageClassName))) {
    invalid('in-cluster profile option storageClassName', {
      prop: 'storageClassName',
      value: options.storageClassName,
      allowed: 'a StorageClass name (lower-case DNS subdomain)',
      fix: 'use the name shown by `kubectl get storageclass`',
    });
  }
  checkClusterDomain('in-cluster profile option clusterDomain', options.clusterDomain);
  if (options.storageExpansion !== undefined) checkBoolean('in-cluster profile option storageExpansion', 'storageExpansion', options.storageExpansion);
  const policies = Object.values(DeletionPolicy) as string[];
  if (options.storageReclaimPolicy !== undefined && !policies.includes(options.storageReclaimPolicy)) {
    invalid('in-cluster profile option storageReclaimPolicy', {
      prop: 'storageReclaimPolicy',
      value: options.storageReclaimPolicy,
      allowed: policies.join(', '),
      fix: 'set the reclaimPolicy of the data volumes\' StorageClass (retain or delete)',
    });
  }
  if (options.volumeSnapshotClassName !== undefined && (typeof options.volumeSnapshotClassName !== 'string' || !DNS_SUBDOMAIN.test(options.volumeSnapshotClassName))) {
    invalid('in-cluster profile option volumeSnapshotClassName', {
      prop: 'volumeSnapshotClassName',
      value: options.volumeSnapshotClassName,
      allowed: 'a VolumeSnapshotClass name (lower-case DNS subdomain)',
      fix: 'use the name shown by `kubectl get volumesnapshotclass`',
    });
  }
}
