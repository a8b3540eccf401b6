import { Construct } from 'constructs';
import { ClientNetworkPolicy } from './network-policy';
import * as k8s from '../../imports/k8s';
import { hardenedContainerSecurityContext, hardenedPodSecurityContext } from '../../private/pods';

/** The server container of an in-cluster server; the skeleton adds the port, probes and hardening. */
export interface ServerContainer {
  readonly name: string;
  readonly image: string;
  readonly args?: string[];
  readonly env?: k8s.EnvVar[];
  readonly resources: k8s.ResourceRequirements;
  readonly lifecycle?: k8s.Lifecycle;
  /** Mounts; the data claim is the volume `data`. */
  readonly volumeMounts: k8s.VolumeMount[];
}

/** What an in-cluster backend says about its server. */
export interface InClusterServerProps {
  /** Name of the StatefulSet, the client Service, the budget and the policy; the headless Service adds `-headless`. */
  readonly name: string;
  /** Labels of every object (the service's and the selector's). */
  readonly labels: { [key: string]: string };
  /** Labels that select the server's pods. */
  readonly selector: { [key: string]: string };
  /** The port clients connect to, and its name. */
  readonly port: number;
  readonly portName: string;
  /** User and group the pod runs as. */
  readonly uid: number;
  readonly terminationGracePeriodSeconds: number;
  /** The probe of the server (readiness, liveness and startup, with the skeleton's periods). */
  readonly probe: k8s.Probe;
  /**
   * The startup and liveness probe, where they accept more than readiness (e.g. a server still loading its data).
   * @default - the probe
   */
  readonly livenessProbe?: k8s.Probe;
  /** How often the startup probe runs (60 failures allowed). */
  readonly startupPeriodSeconds: number;
  readonly container: ServerContainer;
  readonly initContainers?: k8s.Container[];
  readonly volumes?: k8s.Volume[];
  /**
   * The data claim template: size, StorageClass, and whether claims outlive the StatefulSet.
   * @default - no claim template (the backend gives the pod a `data` volume of its own, e.g. an emptyDir)
   */
  readonly storageGiB?: number;
  readonly storageClassName?: string;
  readonly retainClaims: boolean;
}

/**
 * The one skeleton of every in-cluster server: a headless and a client Service, a single-replica StatefulSet with a
 * hardened pod, probes and its data on a claim template, and a NetworkPolicy that admits only bound workloads
 * (returned, for the backend to allow its own jobs); no PodDisruptionBudget, so node drains never wait on it.
 * Construct IDs: `HeadlessService`, `Service`, `StatefulSet`, `NetworkPolicy`.
 */
export function inClusterServer(scope: Construct, props: InClusterServerProps): ClientNetworkPolicy {
  const { name, labels, selector, port } = props;
  const headless = `${name}-headless`;
  const ports = [{ name: props.portName, port, targetPort: k8s.IntOrString.fromNumber(port) }];
  new k8s.KubeService(scope, 'HeadlessService', { metadata: { name: headless, labels }, spec: { clusterIp: 'None', selector, ports } });
  new k8s.KubeService(scope, 'Service', { metadata: { name, labels }, spec: { type: 'ClusterIP', selector, ports } });

  const c = props.container;
  new k8s.KubeStatefulSet(scope, 'StatefulSet', {
    metadata: { name, labels },
    spec: {
      serviceName: headless,
      replicas: 1,
      selector: { matchLabels: selector },
      updateStrategy: { type: 'RollingUpdate' },
      persistentVolumeClaimRetentionPolicy: props.storageGiB === undefined ? undefined
        : { whenDeleted: props.retainClaims ? 'Retain' : 'Delete', whenScaled: 'Retain' },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: props.terminationGracePeriodSeconds,
          securityContext: hardenedPodSecurityContext(props.uid),
          initContainers: props.initContainers,
          containers: [{
            name: c.name,
            image: c.image,
            args: c.args,
            ports: [{ name: props.portName, containerPort: port, protocol: 'TCP' }],
            env: c.env,
            resources: c.resources,
            securityContext: hardenedContainerSecurityContext(),
            startupProbe: { ...(props.livenessProbe ?? props.probe), periodSeconds: props.startupPeriodSeconds, failureThreshold: 60 },
            readinessProbe: { ...props.probe, periodSeconds: 10, failureThreshold: 3 },
            livenessProbe: { ...(props.livenessProbe ?? props.probe), periodSeconds: 20, failureThreshold: 6 },
            lifecycle: c.lifecycle,
            volumeMounts: c.volumeMounts,
          }],
          volumes: props.volumes,
        },
      },
      volumeClaimTemplates: props.storageGiB === undefined ? undefined : [{
        metadata: { name: 'data', labels },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: props.storageClassName,
          resources: { requests: { storage: k8s.Quantity.fromString(`${props.storageGiB}Gi`) } },
        },
      }],
    },
  });

  // No PodDisruptionBudget: a budget of one replica (minAvailable: 1) blocks every node drain, cluster upgrade and
  // autoscaler scale-down until someone deletes it. A drain evicts the pod within its grace period, and it restarts
  // on another node with its claim: the restart a single instance has on any node failure.
  return new ClientNetworkPolicy(scope, 'NetworkPolicy', { name, labels, podSelector: selector, port });
}
