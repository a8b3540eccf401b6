import { Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { invalid } from './errors';
import { isSidecar } from './sidecars';
import { IWorkloadBinder } from '../core/backend';

/** Root of mounted service bindings (servicebinding.io `SERVICE_BINDING_ROOT`). */
const BINDING_ROOT = '/bindings'; // = SERVICE_BINDING_ROOT of connection.ts

/** How a workload is bound (the fields of the public `BindOptions`). */
export interface SecretBindingOptions {
  readonly containers?: kplus.Container[];
  readonly env?: boolean;
  readonly envPrefix?: string;
  readonly mount?: boolean;
  readonly bindingName?: string;
}

/**
 * Binds cdk8s-plus workloads to one connection Secret: environment variables, a mounted servicebinding.io
 * binding, and the backend's workload binder. Shared by every kind of connection; the objects it creates live
 * under `owner` (`SecretRef`, `BindingVolume<n>`), so their construct IDs are those of the connection.
 */
export class SecretBinding {
  private secretRef?: kplus.ISecret;
  private bindings = 0;

  constructor(
    private readonly owner: Construct,
    private readonly secretName: string,
    private readonly keys: string[],
    private readonly defaultEnvPrefix: string,
    private readonly workloadBinder?: IWorkloadBinder,
  ) {}

  /** An environment variable value that reads one key of the connection Secret. */
  public envValue(key: string): kplus.EnvValue {
    if (!this.keys.includes(key)) {
      invalid(this.owner, {
        prop: 'connection key',
        value: key,
        allowed: this.keys.join(', '),
        fix: 'use one of the connection keys',
      });
    }
    return kplus.EnvValue.fromSecretValue({ secret: this.secret(), key });
  }

  /** Injects every key as `<prefix><KEY>` (upper case, `-` → `_`) into a container. */
  public injectEnv(container: kplus.Container, prefix: string = this.defaultEnvPrefix): void {
    for (const key of this.keys) {
      container.env.addVariable(`${prefix}${key.toUpperCase().replace(/-/g, '_')}`, this.envValue(key));
    }
  }

  /** Binds a workload; returns the containers that received the connection. */
  public bind(workload: kplus.AbstractPod, options: SecretBindingOptions): kplus.Container[] {
    const containers = options.containers ?? workload.containers.filter((c) => !isSidecar(c));
    if (containers.length === 0) {
      invalid(workload, {
        prop: 'containers',
        value: [],
        allowed: 'a workload with at least one container',
        fix: 'add the application container before binding, or pass `containers`',
      });
    }
    const index = this.bindings++;
    if (options.env ?? true) {
      for (const c of containers) this.injectEnv(c, options.envPrefix ?? this.defaultEnvPrefix);
    }
    if (options.mount ?? false) {
      const bindingName = options.bindingName ?? this.secretName.replace(/-connection$/, '');
      const volume = kplus.Volume.fromSecret(this.owner, `BindingVolume${index}`, this.secret(), { name: `binding-${bindingName}` });
      for (const c of containers) {
        c.mount(`${BINDING_ROOT}/${bindingName}`, volume, { readOnly: true });
        if (!c.env.variables.SERVICE_BINDING_ROOT) {
          c.env.addVariable('SERVICE_BINDING_ROOT', kplus.EnvValue.fromValue(BINDING_ROOT));
        }
      }
    }
    const podLabels = podLabelsOf(workload);
    this.workloadBinder?.bindWorkload(this.owner, { workload, containers, podLabels });
    return containers;
  }

  private secret(): kplus.ISecret {
    this.secretRef ??= kplus.Secret.fromSecretName(this.owner, 'SecretRef', this.secretName);
    return this.secretRef;
  }
}

/** The label that selects the pods of a workload with no pod selector of its own (Jobs, CronJobs, Pods). */
export const WORKLOAD_LABEL = 'portabledata.io/workload';

/**
 * Labels that select the workload's pods, for NetworkPolicy rules: its pod selector, or for workloads without one
 * (cdk8s-plus Jobs and CronJobs) a label the binding adds to its pod template.
 */
function podLabelsOf(workload: kplus.AbstractPod): { [key: string]: string } {
  const selector = workload instanceof kplus.Workload ? workload.matchLabels : {};
  if (Object.keys(selector).length > 0) return selector;
  const value = Names.toLabelValue(workload);
  if (workload.podMetadata.getLabel(WORKLOAD_LABEL) === undefined) workload.podMetadata.addLabel(WORKLOAD_LABEL, value);
  return { [WORKLOAD_LABEL]: workload.podMetadata.getLabel(WORKLOAD_LABEL)! };
}
