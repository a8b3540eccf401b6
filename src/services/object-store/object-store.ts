import { Chart, Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { IObjectStoreBackend, ObjectStoreBinding } from './backend';
import { checkBucketName, generatedBucketName } from './bucket-names';
import { OBJECT_STORE } from './kind';
import { ObjectStoreSpec } from './resolved-spec';
import { DeferredValue } from '../../core/backend';
import { BindOptions } from '../../core/connection-api';
import { ServiceKind } from '../../core/kind';
import { DeletionPolicy } from '../../core/policies';
import { PortableService, PortableServiceProps } from '../../core/service';
import { invalid } from '../../private/errors';
import { setVariable } from '../../private/secret-binding';
import { checkBoolean, checkEnum, checkScope, describeDuration } from '../../private/validate';

/** Lifecycle expirations every backend supports, in whole days. */
export const EXPIRATION_RANGE_DAYS = { min: 1, max: 36500 };
/** Days after which every backend aborts incomplete multipart uploads (a lifecycle rule, or the bucket keeper's). */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;
/** How long noncurrent versions are kept by default in versioned buckets. */
export const DEFAULT_NONCURRENT_VERSION_EXPIRATION = Duration.days(30);

/**
 * Properties of `PortableObjectStore`.
 */
export interface PortableObjectStoreProps extends PortableServiceProps {
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
}

/**
 * Options for binding a workload to an object store.
 */
export interface ObjectStoreBindOptions extends BindOptions {
  /**
   * Also set the variables AWS SDKs and CLIs read by themselves: `AWS_REGION`, `AWS_ENDPOINT_URL_S3`, and, where
   * the contract has access keys, `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`. They apply to every AWS call of
   * the process, so they are off by default; binding a second object store with this option to the same container
   * fails. Servers other than AWS usually also need path-style addressing, which has no common variable: set it
   * in the application's S3 client.
   * @default false
   */
  readonly awsSdkEnv?: boolean;
}

const SDK_ENV: { [variable: string]: string } = {
  AWS_REGION: 'region',
  AWS_ENDPOINT_URL_S3: 'endpoint',
  AWS_ACCESS_KEY_ID: 'access-key-id',
  AWS_SECRET_ACCESS_KEY: 'secret-access-key',
};

/** The access keys of the contract, where the environment authenticates with keys. */
const ACCESS_KEYS = ['access-key-id', 'secret-access-key'];

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
 * uploads.bind(web);
 */
export class PortableObjectStore extends PortableService {
  /**
   * The object store kind (`object-store`) and its connection contract: S3-compatible buckets, `type` `s3`,
   * `provider`, `endpoint`, `bucket`, `region`, and where the environment authenticates with keys
   * `access-key-id` and `secret-access-key`. Variables `S3_*`.
   */
  public static readonly KIND: ServiceKind = OBJECT_STORE.kind;

  /** Name of the bucket. */
  public readonly bucketName: string;
  /** Whether the contract carries access keys (otherwise binding gives the workload's identity access). */
  public readonly accessKeys: boolean;
  /** The resolved declaration the backend received. @internal */
  public readonly _spec: ObjectStoreSpec;

  constructor(scope: Construct, id: string, props: PortableObjectStoreProps = {}) {
    super(checkScope(scope, id, 'PortableObjectStore'), id, OBJECT_STORE.kind, props ?? {});
    props = props ?? {};
    const backend = this._backend<IObjectStoreBackend>();
    this.bucketName = props.bucketName !== undefined
      ? checkBucketName(this, 'bucketName', props.bucketName)
      : generatedBucketName(this, backend.bucketNamePrefix, Chart.of(this).namespace, this.name);

    const versioned = checkBoolean(this, 'versioned', props.versioned ?? true);
    const expiration = props.expiration === undefined ? undefined : this.checkDays('expiration', props.expiration);
    if (!versioned && props.noncurrentVersionExpiration !== undefined) {
      invalid(this, {
        prop: 'noncurrentVersionExpiration',
        value: describeDuration(props.noncurrentVersionExpiration),
        allowed: 'only with versioned: true (an unversioned bucket has no noncurrent versions)',
        fix: 'remove noncurrentVersionExpiration, or set versioned: true',
      });
    }
    const noncurrent = versioned
      ? this.checkDays('noncurrentVersionExpiration', props.noncurrentVersionExpiration ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION)
      : undefined;
    const deletionPolicy = checkEnum(this, 'deletionPolicy', props.deletionPolicy ?? DeletionPolicy.RETAIN, DeletionPolicy, 'DeletionPolicy');
    this._spec = {
      name: this.name,
      bucketName: this.bucketName,
      versioned,
      expiration,
      noncurrentVersionExpiration: noncurrent,
      deletionPolicy,
      credentialsSecretName: `${this.name}-credentials`,
      labels: this._serviceLabels('object-store'),
      binderImage: this.profile.binderImage,
    };

    let accessKeys = false;
    this._serve<ObjectStoreSpec, ObjectStoreBinding>(this._spec, (b) => {
      const endpointSources = [b.endpoint, b.endpointFrom, b.endpointHostPortFrom].filter((x) => x !== undefined).length;
      this.checkBinding(endpointSources === 1, 'endpoint/endpointFrom/endpointHostPortFrom', { endpoint: b.endpoint },
        'exactly one of endpoint (known at synth), endpointFrom or endpointHostPortFrom (read at deploy time)');
      this.checkBinding((b.region === undefined) !== (b.regionFrom === undefined), 'region/regionFrom', { region: b.region },
        'exactly one of region (known at synth) or regionFrom (read at deploy time)');
      const fromOperator = b.accessKeyIdFrom !== undefined || b.secretAccessKeyFrom !== undefined;
      this.checkBinding(!fromOperator || (b.accessKeyIdFrom !== undefined && b.secretAccessKeyFrom !== undefined && !b.generatedAccessKeys),
        'access keys', { generatedAccessKeys: b.generatedAccessKeys },
        'generated keys, or both accessKeyIdFrom and secretAccessKeyFrom, or no keys');
      accessKeys = fromOperator || (b.generatedAccessKeys ?? false);

      const values: { [key: string]: string } = {};
      const deferred: { [key: string]: DeferredValue } = {};
      if (b.endpoint !== undefined) values.endpoint = b.endpoint;
      if (b.endpointFrom !== undefined) deferred.endpoint = b.endpointFrom;
      if (b.region !== undefined) values.region = b.region;
      if (b.regionFrom !== undefined) deferred.region = b.regionFrom;
      if (b.bucketFrom !== undefined) deferred.bucket = b.bucketFrom;
      else values.bucket = this.bucketName;
      if (b.accessKeyIdFrom !== undefined) deferred['access-key-id'] = b.accessKeyIdFrom;
      if (b.secretAccessKeyFrom !== undefined) deferred['secret-access-key'] = b.secretAccessKeyFrom;
      return {
        optionalKeys: accessKeys ? ACCESS_KEYS : [],
        values,
        deferred,
        endpoints: b.endpointHostPortFrom !== undefined ? { endpoint: b.endpointHostPortFrom } : undefined,
        credentials: b.generatedAccessKeys ? {
          secret: this._spec.credentialsSecretName,
          generate: true,
          passwordKeys: [...ACCESS_KEYS],
          copy: Object.fromEntries(ACCESS_KEYS.map((k) => [k, k])),
        } : undefined,
      };
    });
    this.accessKeys = accessKeys;
  }

  /**
   * Binds a workload to this bucket: `S3_*` environment variables and/or a mounted binding, and what the backend
   * adds (a NetworkPolicy rule in-cluster, the workload's cloud identity on AWS and GCP).
   *
   * @param workload a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, or its ApiObject
   * (e.g. a `KubeDeployment` of `cdk8s import k8s`): anything whose ApiObject has a pod template
   */
  public bind(workload: IConstruct, options: ObjectStoreBindOptions = {}): void {
    const target = this._bindConnection(workload, options ?? {}, ['awsSdkEnv'], 'ObjectStoreBindOptions');
    if (options?.awsSdkEnv ?? false) {
      const secretName = this.connection.secretName;
      const variables = Object.entries(SDK_ENV).filter(([, key]) => this.connection.keys.includes(key));
      target.editContainers((c) => {
        for (const [variable, key] of variables) {
          if ((c.env ?? []).some((e) => e.name === variable)) {
            invalid(target.workload.path, {
              prop: 'awsSdkEnv',
              value: `container ${c.name} already has ${variable}`,
              allowed: 'one object store per container with awsSdkEnv (the AWS variables apply to the whole process)',
              fix: 'use awsSdkEnv for one object store only and the S3_* variables (envPrefix) for the others',
            });
          }
          setVariable(c, { name: variable, valueFrom: { secretKeyRef: { key, name: secretName } } });
        }
      });
    }
  }

  private checkBinding(ok: boolean, prop: string, value: unknown, allowed: string): void {
    if (!ok) invalid(this, { prop: `backend binding ${prop}`, value, allowed, fix: 'fix the backend: it must say where each contract value comes from' });
  }

  private checkDays(prop: string, duration: Duration): Duration {
    let days = NaN;
    try {
      days = duration.toDays();
    } catch {
      days = NaN;
    }
    if (!(duration instanceof Duration)) days = NaN;
    if (!Number.isInteger(days) || days < EXPIRATION_RANGE_DAYS.min || days > EXPIRATION_RANGE_DAYS.max) {
      invalid(this, {
        prop,
        value: describeDuration(duration),
        allowed: `a whole number of days from ${EXPIRATION_RANGE_DAYS.min} to ${EXPIRATION_RANGE_DAYS.max} (lifecycle rules count in days)`,
        fix: 'use e.g. Duration.days(30)',
      });
    }
    return duration;
  }
}
