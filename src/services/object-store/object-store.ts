import { Chart, Duration, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ObjectStoreSpec } from './backend';
import { ObjectStoreBindOptions, ObjectStoreConnection } from './connection';
import { DeletionPolicy } from '../../core/policies';
import { Profile } from '../../core/profile';
import { checkBucketName, generatedBucketName } from '../../private/bucket-names';
import { invalid } from '../../private/errors';
import { checkDnsLabel } from '../../private/names';
import { MAX_NAME_LENGTH } from '../database/database';

/** Lifecycle expirations every backend supports, in whole days. */
export const EXPIRATION_RANGE_DAYS = { min: 1, max: 36500 };
/** How long noncurrent versions are kept by default in versioned buckets. */
export const DEFAULT_NONCURRENT_VERSION_EXPIRATION = Duration.days(30);

/**
 * Properties of `PortableObjectStore`.
 */
export interface PortableObjectStoreProps {
  /**
   * Base name of the service's Kubernetes objects (claims, Secrets, StatefulSet). Changing it replaces the bucket.
   * @default - derived from the construct path
   */
  readonly name?: string;
  /**
   * Name of the bucket. Bucket names are global on AWS and GCP: prefer the generated one. 3 to 63 lower-case
   * letters, digits and hyphens (no dots), starting and ending with a letter or digit.
   * @default - the profile's name prefix + name + a short hash of the prefix, the chart's namespace and the name
   * (stable across synths; different in every environment and namespace)
   */
  readonly bucketName?: string;
  /**
   * Keep every version of an object: overwritten and deleted objects stay as noncurrent versions (recoverable)
   * until `noncurrentVersionExpiration`. On by default because an overwrite or a delete by mistake is otherwise
   * unrecoverable; the default noncurrent expiration bounds what it costs.
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * Delete objects this long after they were written (lifecycle expiration), in whole days. In a versioned
   * bucket an expired object becomes noncurrent (and is deleted after `noncurrentVersionExpiration`).
   * @default - objects never expire
   */
  readonly expiration?: Duration;
  /**
   * Delete noncurrent versions this long after they became noncurrent, in whole days (versioned buckets only).
   * @default Duration.days(30) for versioned buckets
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * What happens to the bucket and its objects when the objects are deleted from the cluster.
   * @default DeletionPolicy.RETAIN
   */
  readonly deletionPolicy?: DeletionPolicy;
  /**
   * Labels added to every object of the service.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * An S3-compatible bucket, served by the backend the profile in scope chooses: an S3 server in the cluster, a
 * Rook/Ceph ObjectBucketClaim, Amazon S3 through ACK, Google Cloud Storage through Config Connector, or a
 * Crossplane claim. Public access is always blocked. The application binds to the same connection Secret
 * (`<name>-connection`, type `servicebinding.io/s3`, `S3_*` variables) everywhere; where the environment has
 * no access keys, binding gives the workload's ServiceAccount access to exactly this bucket.
 *
 * @example
 *
 * const uploads = new PortableObjectStore(chart, 'Uploads', { expiration: Duration.days(90) });
 * uploads.bind(deployment);
 */
export class PortableObjectStore extends Construct {
  /** Base name of the service's objects. */
  public readonly name: string;
  /** Name of the bucket. */
  public readonly bucketName: string;
  /** The profile that chose the backend. */
  public readonly profile: Profile;
  /** Name of the backend that serves this bucket in the selected profile. */
  public readonly backendName: string;
  /** The connection contract: bind workloads to it. */
  public readonly connection: ObjectStoreConnection;
  /** The resolved declaration the backend received. */
  public readonly spec: ObjectStoreSpec;

  constructor(scope: Construct, id: string, props: PortableObjectStoreProps = {}) {
    super(scope, id);
    this.profile = Profile.of(this);
    const backend = this.profile.objectStoreBackend(this);
    this.backendName = backend.name;
    this.name = checkDnsLabel(this, 'name', props.name ?? Names.toDnsLabel(this, { maxLen: MAX_NAME_LENGTH }), MAX_NAME_LENGTH);
    this.bucketName = props.bucketName !== undefined
      ? checkBucketName(this, 'bucketName', props.bucketName)
      : generatedBucketName(this, backend.bucketNamePrefix, Chart.of(this).namespace, this.name);

    const versioned = props.versioned ?? true;
    const expiration = props.expiration === undefined ? undefined : this.checkDays('expiration', props.expiration);
    if (!versioned && props.noncurrentVersionExpiration !== undefined) {
      invalid(this, {
        prop: 'noncurrentVersionExpiration',
        value: props.noncurrentVersionExpiration.toHumanString(),
        allowed: 'only with versioned: true (an unversioned bucket has no noncurrent versions)',
        fix: 'remove noncurrentVersionExpiration, or set versioned: true',
      });
    }
    const noncurrent = versioned
      ? this.checkDays('noncurrentVersionExpiration', props.noncurrentVersionExpiration ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION)
      : undefined;

    this.spec = {
      name: this.name,
      bucketName: this.bucketName,
      versioned,
      expiration,
      noncurrentVersionExpiration: noncurrent,
      deletionPolicy: props.deletionPolicy ?? DeletionPolicy.RETAIN,
      credentialsSecretName: `${this.name}-credentials`,
      labels: {
        ...this.profile.labels,
        ...(props.labels ?? {}),
        'app.kubernetes.io/name': 'object-store',
        'app.kubernetes.io/instance': this.name,
        'app.kubernetes.io/managed-by': 'cdk8s-portable-data',
        'portabledata.io/backend': backend.name,
      },
      binderImage: this.profile.binderImage,
    };

    const binding = backend.bind(this, this.spec);
    this.connection = new ObjectStoreConnection(this, 'Connection', {
      name: this.name,
      bucketName: this.bucketName,
      credentialsSecretName: this.spec.credentialsSecretName,
      binding,
      labels: this.spec.labels,
      binderImage: this.profile.binderImage,
    });
  }

  /** Binds a workload to this bucket (see `ObjectStoreConnection.bind`). */
  public bind(workload: kplus.AbstractPod, options: ObjectStoreBindOptions = {}): void {
    this.connection.bind(workload, options);
  }

  private checkDays(prop: string, duration: Duration): Duration {
    let days = NaN;
    try {
      days = duration.toDays();
    } catch {
      days = NaN;
    }
    if (!Number.isInteger(days) || days < EXPIRATION_RANGE_DAYS.min || days > EXPIRATION_RANGE_DAYS.max) {
      invalid(this, {
        prop,
        value: duration.toHumanString(),
        allowed: `a whole number of days from ${EXPIRATION_RANGE_DAYS.min} to ${EXPIRATION_RANGE_DAYS.max} (lifecycle rules count in days)`,
        fix: 'use e.g. Duration.days(30)',
      });
    }
    return duration;
  }
}
