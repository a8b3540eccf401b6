import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ObjectStoreBinding } from './backend';
import { DeferredValue } from '../../core/backend';
import {
  BindOptions, OBJECT_STORE_ACCESS_KEYS, OBJECT_STORE_CONNECTION_KEYS, OBJECT_STORE_SECRET_TYPE, OBJECT_STORE_TYPE,
} from '../../core/connection';
import { BinderCredentials, BinderEndpoint, BinderJob } from '../../private/binder';
import { invalid } from '../../private/errors';
import { SecretBinding } from '../../private/secret-binding';

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

/**
 * Properties of an `ObjectStoreConnection`.
 */
export interface ObjectStoreConnectionProps {
  /** Base name of the service's objects. */
  readonly name: string;
  /** Name of the bucket. */
  readonly bucketName: string;
  /** Name of the Secret the binder generates access keys into, when the backend asks for them. */
  readonly credentialsSecretName: string;
  /** What the backend said about the connection. */
  readonly binding: ObjectStoreBinding;
  /** Labels for the connection Secret and the binder Job. */
  readonly labels: { [key: string]: string };
  /** Image of the binder Job. */
  readonly binderImage: string;
}

const SDK_ENV: { [variable: string]: string } = {
  AWS_REGION: 'region',
  AWS_ENDPOINT_URL_S3: 'endpoint',
  AWS_ACCESS_KEY_ID: 'access-key-id',
  AWS_SECRET_ACCESS_KEY: 'secret-access-key',
};

/**
 * The connection contract of an object store: a Secret named `<name>-connection` of type `servicebinding.io/s3`,
 * filled at deploy time by the binder Job, with the keys `type` (`s3`), `provider`, `endpoint`, `bucket` and
 * `region`, plus `access-key-id` and `secret-access-key` where the environment uses keys (`accessKeys`). Where it
 * does not (AWS, GCP, Crossplane), binding a workload gives the workload's ServiceAccount access to the bucket
 * instead, and the application uses its SDK's default credentials.
 */
export class ObjectStoreConnection extends Construct {
  /** Name of the connection Secret. */
  public readonly secretName: string;
  /** Type of the connection Secret: `servicebinding.io/s3`. */
  public readonly secretType: string;
  /** The keys of the connection Secret. */
  public readonly keys: string[];
  /** Whether the contract carries access keys (otherwise the workload's identity is used). */
  public readonly accessKeys: boolean;
  /** Name of the binder Job. */
  public readonly binderJobName: string;

  private readonly binding: SecretBinding;

  constructor(scope: Construct, id: string, props: ObjectStoreConnectionProps) {
    super(scope, id);
    const b = props.binding;
    const endpointSources = [b.endpoint, b.endpointFrom, b.endpointHostPortFrom].filter((x) => x !== undefined).length;
    this.check(endpointSources === 1, 'endpoint/endpointFrom/endpointHostPortFrom', { endpoint: b.endpoint },
      'exactly one of endpoint (known at synth), endpointFrom or endpointHostPortFrom (read at deploy time)');
    this.check((b.region === undefined) !== (b.regionFrom === undefined), 'region/regionFrom', { region: b.region },
      'exactly one of region (known at synth) or regionFrom (read at deploy time)');
    const fromOperator = b.accessKeyIdFrom !== undefined || b.secretAccessKeyFrom !== undefined;
    this.check(!fromOperator || (b.accessKeyIdFrom !== undefined && b.secretAccessKeyFrom !== undefined && !b.generatedAccessKeys),
      'access keys', { generatedAccessKeys: b.generatedAccessKeys },
      'generated keys, or both accessKeyIdFrom and secretAccessKeyFrom, or no keys');

    this.secretName = `${props.name}-connection`;
    this.secretType = OBJECT_STORE_SECRET_TYPE;
    this.accessKeys = fromOperator || (b.generatedAccessKeys ?? false);
    this.keys = [...OBJECT_STORE_CONNECTION_KEYS, ...(this.accessKeys ? OBJECT_STORE_ACCESS_KEYS : [])];
    this.binding = new SecretBinding(this, this.secretName, this.keys, 'S3_', b.workloadBinder);

    const values: { [key: string]: string } = { type: OBJECT_STORE_TYPE, provider: b.provider };
    const deferred: { [key: string]: DeferredValue } = {};
    const endpoints: { [key: string]: BinderEndpoint } = {};
    if (b.endpoint !== undefined) values.endpoint = b.endpoint;
    if (b.endpointFrom !== undefined) deferred.endpoint = b.endpointFrom;
    if (b.endpointHostPortFrom !== undefined) endpoints.endpoint = b.endpointHostPortFrom;
    if (b.region !== undefined) values.region = b.region;
    if (b.regionFrom !== undefined) deferred.region = b.regionFrom;
    if (b.bucketFrom !== undefined) deferred.bucket = b.bucketFrom;
    else values.bucket = props.bucketName;
    if (b.accessKeyIdFrom !== undefined) deferred['access-key-id'] = b.accessKeyIdFrom;
    if (b.secretAccessKeyFrom !== undefined) deferred['secret-access-key'] = b.secretAccessKeyFrom;
    const credentials: BinderCredentials | undefined = b.generatedAccessKeys ? {
      secret: props.credentialsSecretName,
      generate: true,
      passwordKeys: [...OBJECT_STORE_ACCESS_KEYS],
      copy: Object.fromEntries(OBJECT_STORE_ACCESS_KEYS.map((k) => [k, k])),
    } : undefined;

    const job = new BinderJob(this, 'Binder', props.name, {
      connectionSecret: this.secretName,
      secretType: this.secretType,
      keys: this.keys,
      labels: props.labels,
      values,
      deferred,
      endpoints: Object.keys(endpoints).length > 0 ? endpoints : undefined,
      credentials,
      timeoutSeconds: 3600,
    }, props.binderImage);
    this.binderJobName = job.jobName;
  }

  /** An environment variable value that reads one key of the connection Secret. */
  public envValue(key: string): kplus.EnvValue {
    return this.binding.envValue(key);
  }

  /** Injects every key as `<prefix><KEY>` (upper case, `-` → `_`) into a container. */
  public injectEnv(container: kplus.Container, prefix: string = 'S3_'): void {
    this.binding.injectEnv(container, prefix);
  }

  /**
   * Binds a workload: injects the connection (`S3_*` environment variables and/or a mounted binding) into its
   * containers and lets the backend add what it needs (a NetworkPolicy rule in-cluster, the workload's cloud
   * identity on AWS and GCP).
   */
  public bind(workload: kplus.AbstractPod, options: ObjectStoreBindOptions = {}): void {
    const containers = this.binding.bind(workload, options);
    if (options.awsSdkEnv ?? false) {
      for (const c of containers) {
        for (const [variable, key] of Object.entries(SDK_ENV)) {
          if (!this.keys.includes(key)) continue;
          if (c.env.variables[variable] !== undefined) {
            invalid(workload, {
              prop: 'awsSdkEnv',
              value: `container ${c.name ?? '(unnamed)'} already has ${variable}`,
              allowed: 'one object store per container with awsSdkEnv (the AWS variables apply to the whole process)',
              fix: 'use awsSdkEnv for one object store only and the S3_* variables (envPrefix) for the others',
            });
          }
          c.env.addVariable(variable, this.envValue(key));
        }
      }
    }
  }

  private check(ok: boolean, prop: string, value: unknown, allowed: string): void {
    if (!ok) invalid(this, { prop: `backend binding ${prop}`, value, allowed, fix: 'fix the backend: it must say where each contract value comes from' });
  }
}
