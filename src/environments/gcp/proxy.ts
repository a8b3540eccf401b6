import { Construct } from 'constructs';
import { WorkloadIdentityBinder } from './workload-identity';
import { IWorkloadBinder, WorkloadBindingContext } from '../../core/backend';
import { invalid } from '../../private/errors';
import { BoundWorkload, ContainerJson } from '../../private/workload';

/** Name of the sidecar container. */
export const PROXY_CONTAINER_NAME = 'cloud-sql-proxy';
/** Port of the proxy's health-check HTTP server (the upstream Kubernetes examples use 9801). */
export const PROXY_HEALTH_PORT = 9801;
/** UID and GID of the `nonroot` user the proxy image runs as. */
const PROXY_UID = 65532;

/** What the sidecar needs to know about one Cloud SQL instance. */
export interface CloudSqlProxyProps {
  /** The proxy image. */
  readonly image: string;
  /** Instance connection name `<project>:<region>:<instance>`. */
  readonly connectionName: string;
  /** Port the proxy listens on at 127.0.0.1 (the engine's port). */
  readonly port: number;
  /** Connect to the instance's private IP. */
  readonly privateIp: boolean;
  /** The profile's project: the workload's Google service account gets `roles/cloudsql.client` on it. */
  readonly projectId: string;
}

/** The connection name of the proxy already added to each workload. */
const proxied = new WeakMap<BoundWorkload, string>();

/**
 * Adds the Cloud SQL Auth Proxy as a Kubernetes native sidecar to every workload bound to one Cloud SQL database, so
 * that the application connects to `127.0.0.1:<port>`: an init container with `restartPolicy: Always` (the
 * SidecarContainers feature: on by default since Kubernetes 1.29, GA in 1.33; GKE 1.29+). The kubelet starts it
 * before the application containers and waits for its startup probe, so the first connection finds it listening; it
 * stops it when the application containers have finished, so Jobs and CronJobs complete. On a cluster older than 1.29
 * (or with the feature off) the API server drops `restartPolicy` and the proxy would block the pod's start as a
 * plain init container that never exits. The proxy authenticates to Cloud SQL with the pod's Google identity
 * (Workload Identity) and encrypts the connection: the Google service account of the workload's ServiceAccount
 * (`WorkloadIdentityBinder`, shared with the buckets bound to it) gets `roles/cloudsql.client` on the project.
 *
 * Binding the same database to a workload twice adds one proxy. A workload gets at most one Cloud SQL database
 * (each proxy listens on the engine's port).
 *
 * Arguments and probes follow the upstream Kubernetes examples (GoogleCloudPlatform/cloud-sql-proxy
 * `examples/k8s-health-check`): `--health-check` on `0.0.0.0:9801` for the kubelet, a startup and a liveness
 * probe, no readiness probe.
 */
export class CloudSqlProxyBinder implements IWorkloadBinder {
  constructor(private readonly props: CloudSqlProxyProps) {}

  public bindWorkload(scope: Construct, context: WorkloadBindingContext): void {
    const workload = context.workload;
    const existing = proxied.get(workload);
    if (existing === this.props.connectionName) return;
    if (existing !== undefined) this.taken(workload, existing);
    new WorkloadIdentityBinder({ projectId: this.props.projectId }).bindWorkload(scope, context);
    // A container of the user's of the same name is known only in the pod template, at synth.
    workload.edit((_template, spec) => {
      if ([...spec.containers ?? [], ...spec.initContainers ?? []].some((c) => c.name === PROXY_CONTAINER_NAME)) this.taken(workload, 'another container');
    });
    workload.addNativeSidecar(this.container());
    proxied.set(workload, this.props.connectionName);
  }

  private taken(workload: BoundWorkload, owner: string): never {
    invalid(workload.path, {
      prop: 'bound workload',
      value: `already has a ${PROXY_CONTAINER_NAME} container (for ${owner}), cannot add one for ${this.props.connectionName}`,
      allowed: `one Cloud SQL database per workload (its Auth Proxy listens on 127.0.0.1:${this.props.port})`,
      fix: 'bind each Cloud SQL database from its own workload, or put both databases on one instance',
    });
  }

  /** The sidecar, as JSON (keys in cdk8s's sorted order, as the rest of the pod template). */
  private container(): ContainerJson {
    const p = this.props;
    const args = [
      `--port=${p.port}`,
      '--structured-logs',
      '--health-check',
      '--http-address=0.0.0.0',
      `--http-port=${PROXY_HEALTH_PORT}`,
      '--exit-zero-on-sigterm',
      '--max-sigterm-delay=10s',
      ...(p.privateIp ? ['--private-ip'] : []),
      p.connectionName,
    ];
    const probe = (path: string, periodSeconds: number, timeoutSeconds: number, failureThreshold: number) => ({
      failureThreshold,
      httpGet: { path, port: PROXY_HEALTH_PORT, scheme: 'HTTP' },
      periodSeconds,
      timeoutSeconds,
    });
    return {
      args,
      image: p.image,
      // The image is pinned (validated), so a cached copy is the same image.
      imagePullPolicy: 'IfNotPresent',
      livenessProbe: probe('/liveness', 60, 30, 5),
      name: PROXY_CONTAINER_NAME,
      resources: {
        limits: { cpu: '1', memory: '512Mi' },
        requests: { cpu: '100m', memory: '128Mi' },
      },
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsGroup: PROXY_UID,
        runAsNonRoot: true,
        runAsUser: PROXY_UID,
      },
      startupProbe: probe('/startup', 1, 5, 20),
    };
  }
}
