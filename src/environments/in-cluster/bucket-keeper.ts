import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { stableJson } from '../../private/names';
import { CRON_JOB_POLICY, KEEPER_DEADLINE_SECONDS, programContainer, hardenedPodSecurityContext, hashedJobName } from '../../private/pods';
import { KEEPER_PY, KUBE_PY } from '../../programs/embedded.generated';
import { ABORT_INCOMPLETE_UPLOAD_DAYS } from '../../services/object-store/object-store';
import { ObjectStoreSpec } from '../../services/object-store/resolved-spec';


/** The files of the keeper's ConfigMap, mounted at `/keeper`. */
const KEEPER_PROGRAMS = Object.freeze({ 'keeper.py': KEEPER_PY, 'kube.py': KUBE_PY });

/** Where the keeper finds the server and its keys. */
export interface KeeperProps {
  /** Image with Python 3 (the profile's binder image). */
  readonly image: string;
  /** Endpoint URL, or the host and port from a ConfigMap. */
  readonly endpoint: string | { readonly configMap: string; readonly hostKey: string; readonly portKey: string };
  /** Region to sign for. */
  readonly region: string;
  /** Secret with the access keys, and their keys in it. */
  readonly keys: { readonly secret: string; readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Create the bucket if it does not exist (servers without bucket claims). */
  readonly create: boolean;
  /** The server runs lifecycle rules itself (Ceph RGW): put them on the bucket; else expire with a CronJob. */
  readonly serverLifecycle: boolean;
  /** Labels of the keeper's pods, to admit them to the server. */
  readonly podLabels: { [key: string]: string };
}

/**
 * The bucket keeper of one in-cluster bucket (`src/programs/keeper.py`): a ConfigMap with the script, a setup Job
 * (its name carries a hash of what it does, so a changed setting runs a new Job), and, for servers without
 * lifecycle support, a daily CronJob that expires objects. Construct IDs: `KeeperScript`, `SetupJob`,
 * `ExpireCronJob`.
 */
export function addBucketKeeper(scope: Construct, spec: ObjectStoreSpec, props: KeeperProps): void {
  const labels = { ...spec.labels, ...props.podLabels };
  const scriptName = `${spec.name}-bucket-keeper`;
  new k8s.KubeConfigMap(scope, 'KeeperScript', { metadata: { name: scriptName, labels }, data: KEEPER_PROGRAMS });

  const expirationDays = spec.expiration?.toDays();
  const noncurrentDays = spec.noncurrentVersionExpiration?.toDays();
  const setupSpec: Record<string, unknown> = { create: props.create, versioned: spec.versioned };
  if (props.serverLifecycle) {
    setupSpec.lifecycle = { expirationDays, noncurrentDays, abortIncompleteUploadDays: ABORT_INCOMPLETE_UPLOAD_DAYS };
  }
  const env = keeperEnv(spec, props);
  const setupJson = stableJson(setupSpec);
  const setupJob: k8s.JobSpec = {
    backoffLimit: 6,
    activeDeadlineSeconds: 3600,
    template: { metadata: { labels }, spec: podSpec(props.image, scriptName, 'setup', [...env, { name: 'KEEPER_SPEC', value: setupJson }], 'OnFailure') },
  };
  new k8s.KubeJob(scope, 'SetupJob', {
    metadata: { name: hashedJobName(`${spec.name}-bucket-setup`, k8s.toJson_JobSpec(setupJob), KEEPER_PROGRAMS), labels },
    spec: setupJob,
  });

  if (!props.serverLifecycle && (expirationDays !== undefined || noncurrentDays !== undefined)) {
    const expireJson = stableJson({ expirationDays, noncurrentDays });
    new k8s.KubeCronJob(scope, 'ExpireCronJob', {
      metadata: { name: `${spec.name}-bucket-expire`, labels },
      spec: {
        schedule: '30 4 * * *',
        ...CRON_JOB_POLICY,
        jobTemplate: {
          metadata: { labels },
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: KEEPER_DEADLINE_SECONDS,
            template: { metadata: { labels }, spec: podSpec(props.image, scriptName, 'expire', [...env, { name: 'KEEPER_SPEC', value: expireJson }], 'OnFailure') },
          },
        },
      },
    });
  }
}

function keeperEnv(spec: ObjectStoreSpec, props: KeeperProps): k8s.EnvVar[] {
  const fromSecret = (key: string) => ({ secretKeyRef: { name: props.keys.secret, key } });
  const endpoint: k8s.EnvVar[] = typeof props.endpoint === 'string'
    ? [{ name: 'S3_ENDPOINT', value: props.endpoint }]
    : [
      { name: 'S3_HOST', valueFrom: { configMapKeyRef: { name: props.endpoint.configMap, key: props.endpoint.hostKey } } },
      { name: 'S3_PORT', valueFrom: { configMapKeyRef: { name: props.endpoint.configMap, key: props.endpoint.portKey } } },
    ];
  return [
    ...endpoint,
    { name: 'S3_REGION', value: props.region },
    { name: 'S3_BUCKET', value: spec.bucketName },
    { name: 'AWS_ACCESS_KEY_ID', valueFrom: fromSecret(props.keys.accessKeyId) },
    { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: fromSecret(props.keys.secretAccessKey) },
  ];
}

function podSpec(image: string, scriptName: string, mode: string, env: k8s.EnvVar[], restartPolicy: string): k8s.PodSpec {
  return {
    restartPolicy,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: hardenedPodSecurityContext(65532),
    containers: [programContainer({
      name: 'bucket-keeper',
      image,
      dir: '/keeper',
      program: 'keeper.py',
      args: [mode],
      env,
      volume: 'script',
      limits: { cpu: '500m', memory: '128Mi' },
    })],
    volumes: [{ name: 'script', configMap: { name: scriptName } }],
  };
}
