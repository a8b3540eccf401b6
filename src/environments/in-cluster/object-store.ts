import { Size } from 'cdk8s';
import { Construct } from 'constructs';
import { addBucketKeeper } from './bucket-keeper';
import { serviceHost } from './cluster-domain';
import { OBJECT_STORE_IMAGE } from './images';
import { InClusterObjectStoreOptions } from './object-store-options';
import { InClusterOptions } from './options';
import { inClusterServer } from './server';
import { bindsEveryWorkload } from '../../core/features';
import { DeletionPolicy } from '../../core/policies';
import { Support } from '../../core/support';
import * as k8s from '../../imports/k8s';
import { invalid } from '../../private/errors';
import { hardenedContainerSecurityContext } from '../../private/pods';
import { checkImage, describeSize, mebibytesOf } from '../../private/validate';
import { IObjectStoreBackend, ObjectStoreBinding, ObjectStoreAnswers } from '../../services/object-store/backend';
import { ObjectStoreSpec } from '../../services/object-store/resolved-spec';

/** Port of the in-cluster S3 server. */
export const S3_PORT = 7070;
/** Region the in-cluster S3 server signs for. */
export const IN_CLUSTER_REGION = 'us-east-1';

const UID = 65532;
const VOLUME_GIB = { min: 1, max: 65536 };

/**
 * Properties of `InClusterObjectStoreBackend`: the in-cluster profile's options.
 */
export interface InClusterObjectStoreBackendProps extends InClusterOptions, InClusterObjectStoreOptions {}

/**
 * In-cluster object stores: one Versity S3 Gateway (`versitygw`, Apache-2.0, posix backend) per bucket, as a
 * StatefulSet with its data on a volume claim template (objects are plain files under `/data/buckets/<bucket>`,
 * versions under `/data/versions`, metadata under `/data/meta`), a client and a headless Service, a
 * NetworkPolicy that admits only bound workloads and the bucket keeper (none: only the
 * keeper).
 *
 * - Endpoint: `http://<name>.<namespace>.svc.<clusterDomain>:7070` (path-style), region `us-east-1`.
 * - Keys: the binder generates the server's root access key pair once into `<name>-credentials`; the server reads
 *   it from there and the connection Secret carries it (`access-key-id`, `secret-access-key`). The keys open
 *   this server only, which holds this bucket only.
 * - Bucket, versioning: a setup Job (the bucket keeper) creates the bucket and sets its versioning status through
 *   the S3 API. Versioning needs the gateway's `--versioning-dir`, which is always given.
 * - Lifecycle: the gateway has no lifecycle rules; a daily CronJob (04:30 UTC) deletes expired objects and
 *   noncurrent versions through the S3 API with the same semantics.
 * - Deletion: with `RETAIN` the data claim outlives the StatefulSet.
 * - Public access: none: the Service is cluster-internal and the NetworkPolicy admits bound workloads only.
 */
export class InClusterObjectStoreBackend implements IObjectStoreBackend {
  public readonly name = 'in-cluster';
  public readonly bucketNamePrefix = '';
  public readonly capabilities: ObjectStoreAnswers = {
    versioning: Support.honouredBy('the gateway\'s versioning directory; the bucket keeper sets the bucket\'s versioning status'),
    expiration: Support.honouredBy('a daily CronJob (04:30 UTC) deletes expired objects through the S3 API'),
    noncurrentVersionExpiration: Support.honouredBy('a daily CronJob (04:30 UTC) deletes expired noncurrent versions through the S3 API'),
    deletionRetain: Support.honouredBy('persistentVolumeClaimRetentionPolicy whenDeleted: Retain on the data claim (from the claim template, not listed in the YAML), found again by name when the YAML is applied again'),
    deletionDelete: Support.honouredBy('persistentVolumeClaimRetentionPolicy whenDeleted: Delete on the data claim'),
    ...bindsEveryWorkload('access keys in the connection Secret, and a NetworkPolicy rule admitting the workload\'s pods'),
  };

  private readonly image: string;
  private readonly volumeGiB: number;

  constructor(private readonly options: InClusterObjectStoreBackendProps = {}) {
    this.image = checkImage('in-cluster profile option objectStoreImage', 'objectStoreImage', options.objectStoreImage ?? OBJECT_STORE_IMAGE.render(),
      OBJECT_STORE_IMAGE.render());
    const size = options.objectStoreVolumeSize ?? Size.gibibytes(20);
    this.volumeGiB = mebibytesOf(size) / 1024;
    if (!Number.isInteger(this.volumeGiB) || this.volumeGiB < VOLUME_GIB.min || this.volumeGiB > VOLUME_GIB.max) {
      invalid('in-cluster profile option objectStoreVolumeSize', {
        prop: 'objectStoreVolumeSize',
        value: describeSize(size),
        allowed: `a whole number of GiB from ${VOLUME_GIB.min} to ${VOLUME_GIB.max}`,
        fix: 'use e.g. Size.gibibytes(20) (the default)',
      });
    }
  }

  public bind(scope: Construct, spec: ObjectStoreSpec): ObjectStoreBinding {
    const selector = { 'app.kubernetes.io/name': 'object-store', 'app.kubernetes.io/instance': spec.name, 'app.kubernetes.io/component': 's3-server' };
    const labels = { ...spec.labels, ...selector };
    const key = (k: string) => ({ secretKeyRef: { name: spec.credentialsSecretName, key: k } });
    const policy = inClusterServer(scope, {
      name: spec.name,
      labels,
      selector,
      port: S3_PORT,
      portName: 's3',
      uid: UID,
      terminationGracePeriodSeconds: 30,
      probe: { httpGet: { path: '/_health', port: k8s.IntOrString.fromNumber(S3_PORT) }, timeoutSeconds: 5 },
      startupPeriodSeconds: 5,
      initContainers: [{
        name: 'directories',
        image: this.image,
        command: ['sh', '-c', 'mkdir -p /data/buckets /data/versions /data/meta'],
        resources: { requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('16Mi') }, limits: { memory: k8s.Quantity.fromString('64Mi') } },
        securityContext: hardenedContainerSecurityContext(),
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      }],
      container: {
        name: 's3',
        image: this.image,
        args: [
          '--port', `:${S3_PORT}`, '--region', IN_CLUSTER_REGION, '--health', '/_health', '--quiet',
          'posix', '--versioning-dir', '/data/versions', '--sidecar', '/data/meta', '/data/buckets',
        ],
        env: [{ name: 'ROOT_ACCESS_KEY', valueFrom: key('access-key-id') }, { name: 'ROOT_SECRET_KEY', valueFrom: key('secret-access-key') }],
        resources: {
          requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('128Mi') },
          limits: { memory: k8s.Quantity.fromString('1Gi') },
        },
        volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'tmp', mountPath: '/tmp' }],
      },
      volumes: [{ name: 'tmp', emptyDir: {} }],
      storageGiB: this.volumeGiB,
      storageClassName: this.options.storageClassName,
      retainClaims: spec.deletionPolicy === DeletionPolicy.RETAIN,
    });

    const keeperLabels = { 'app.kubernetes.io/instance': spec.name, 'app.kubernetes.io/component': 'bucket-keeper' };
    policy.allow(keeperLabels);
    const endpoint = `http://${serviceHost(spec.name, this.options.clusterDomain)}:${S3_PORT}`;
    addBucketKeeper(scope, spec, {
      image: spec.binderImage,
      endpoint: `http://${spec.name}:${S3_PORT}`,
      region: IN_CLUSTER_REGION,
      keys: { secret: spec.credentialsSecretName, accessKeyId: 'access-key-id', secretAccessKey: 'secret-access-key' },
      create: true,
      serverLifecycle: false,
      podLabels: keeperLabels,
    });

    return { provider: 'in-cluster', endpoint, region: IN_CLUSTER_REGION, generatedAccessKeys: true, workloadBinder: policy };
  }
}
