import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { IWorkloadBinder, WorkloadBindingContext } from '../../core/backend';
import * as k8s from '../../imports/k8s';

/**
 * Properties of a `ClientNetworkPolicy`.
 */
export interface ClientNetworkPolicyProps {
  /** Name of the NetworkPolicy. */
  readonly name: string;
  /** Labels of the NetworkPolicy. */
  readonly labels: { [key: string]: string };
  /** Labels of the database pods it protects. */
  readonly podSelector: { [key: string]: string };
  /** The database port clients connect to. */
  readonly port: number;
  /**
   * Ingress rules that always apply, before the clients' rule (e.g. an operator reaching its instances).
   * @default - none
   */
  readonly rules?: k8s.NetworkPolicyIngressRule[];
}

/**
 * The NetworkPolicy of an in-cluster database: ingress to the database port only from the workloads bound to it
 * (and the pods the backend allows, such as its backup job), plus any fixed rules the backend needs. With nothing
 * bound, no client may connect.
 */
export class ClientNetworkPolicy implements IWorkloadBinder {
  /** The pods admitted: fixed labels, or labels read at synth from a bound workload (its pod selector). */
  private readonly peers: ({ [key: string]: string } | (() => { [key: string]: string }))[] = [];

  /** Adds the NetworkPolicy to `scope` under `id`. */
  constructor(scope: Construct, id: string, props: ClientNetworkPolicyProps) {
    const rules = props.rules ?? [];
    new k8s.KubeNetworkPolicy(scope, id, {
      metadata: { name: props.name, labels: props.labels },
      spec: {
        podSelector: { matchLabels: props.podSelector },
        policyTypes: ['Ingress'],
        // An ingress rule with no `from` admits everyone, so no peers must mean no clients' rule at all.
        ingress: Lazy.any({
          produce: () => [...rules, ...(this.peers.length === 0 ? [] : [{
            from: this.peers.map((peer) => ({ podSelector: { matchLabels: typeof peer === 'function' ? peer() : peer } })),
            ports: [{ port: k8s.IntOrString.fromNumber(props.port), protocol: 'TCP' }],
          }])],
        }) as unknown as k8s.NetworkPolicyIngressRule[],
      },
    });
  }

  /** Admits the pods with these labels (in the same namespace) to the database port. */
  public allow(podLabels: { [key: string]: string }): void {
    this.peers.push({ ...podLabels });
  }

  /** Admits the pods of a bound workload, whatever made it: the labels are read from its JSON at synth. */
  public bindWorkload(_scope: Construct, context: WorkloadBindingContext): void {
    const workload = context.workload;
    this.peers.push(() => workload.podSelector());
  }
}
