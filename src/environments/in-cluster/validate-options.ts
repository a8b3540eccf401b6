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
  validateWalArchive(options);
}

/** The WAL archive of CloudNativePG: an S3 location, the Secret of its keys, and an endpoint for other stores. */
function validateWalArchive(options: InClusterOptions): void {
  const path = options.walArchivePath;
  if (path !== undefined && (typeof path !== 'string' || !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9._\/-]*)?$/.test(path))) {
    invalid('in-cluster profile option walArchivePath', {
      prop: 'walArchivePath',
      value: path,
      allowed: 's3://<bucket>[/<prefix>]: an S3 bucket name, then an optional prefix of letters, digits, ".", "_", "-" and "/"',
      fix: "write e.g. 's3://acme-pg-archive/prod'",
    });
  }
  const secret = options.walArchiveSecretName;
  if ((path === undefined) !== (secret === undefined)) {
    const prop = path === undefined ? 'walArchiveSecretName' : 'walArchivePath';
    invalid(`in-cluster profile option ${prop}`, {
      prop,
      value: path ?? secret,
      allowed: 'walArchivePath and walArchiveSecretName together',
      fix: path === undefined ? "set walArchivePath (e.g. 's3://acme-pg-archive/prod') or remove walArchiveSecretName" : 'set walArchiveSecretName to the Secret with the keys access-key-id and secret-access-key',
    });
  }
  if (secret !== undefined && (typeof secret !== 'string' || !DNS_SUBDOMAIN.test(secret))) {
    invalid('in-cluster profile option walArchiveSecretName', {
      prop: 'walArchiveSecretName',
      value: secret,
      allowed: 'a Secret name (lower-case DNS subdomain) with the keys access-key-id and secret-access-key',
      fix: 'use e.g. the connection Secret of a PortableObjectStore (<name>-connection)',
    });
  }
  const endpoint = options.walArchiveEndpoint;
  if (endpoint !== undefined && (path === undefined || typeof endpoint !== 'string' || !/^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(endpoint))) {
    invalid('in-cluster profile option walArchiveEndpoint', {
      prop: 'walArchiveEndpoint',
      value: endpoint,
      allowed: 'an http(s) URL of an S3 endpoint, with walArchivePath',
      fix: "write e.g. 'http://uploads.apps.svc.cluster.local:9000' and set walArchivePath",
    });
  }
}
