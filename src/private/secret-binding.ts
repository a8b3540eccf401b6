import { Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { checkEnvPrefix } from './bind-options';
import { invalid } from './errors';
import { shortHash } from './names';
import { isSidecar } from './sidecars';
import { checkInstance } from './validate';
import { IWorkloadBinder } from '../core/backend';

/** Root of mounted service bindings (servicebinding.io `SERVICE_BINDING_ROOT`). */
const BINDING_ROOT = '/bindings'; // = SERVICE_BINDING_ROOT of connection.ts

/** Which service set each variable of a container, by name (two bindings must never overwrite each other). */
const variableOwners = new WeakMap<kplus.Container, Map<string, string>>();
/** Which service mounted each path of a container. */
const mountOwners = new WeakMap<kplus.Container, Map<string, string>>();

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

  /**
   * Injects every key as `<prefix><KEY>` (upper case, `-` and `.` → `_`) into a container; fails when another service
   * set one of these variables in it.
   */
  public injectEnv(container: kplus.Container, prefix: string = this.defaultEnvPrefix): void {
    const service = this.servicePath();
    checkInstance(service, 'injectEnv container', container, kplus.Container, 'deployment.containers[0]');
    checkEnvPrefix(service, 'envPrefix', prefix);
    const owners = variableOwners.get(container) ?? new Map<string, string>();
    variableOwners.set(container, owners);
    const names = this.keys.map((key) => `${prefix}${key.toUpperCase().replace(/[-.]/g, '_')}`);
    const taken = names.filter((n) => owners.has(n) && owners.get(n) !== service);
    if (taken.length > 0) {
      const own = this.secretName.replace(/-connection$/, '').toUpperCase().replace(/-/g, '_');
      invalid(service, {
        prop: 'envPrefix',
        value: prefix,
        allowed: `a prefix whose variables no other service sets in container ${JSON.stringify(container.name ?? '(unnamed)')} `
          + `(${owners.get(taken[0])} already sets ${taken.join(', ')})`,
        fix: `bind one of the services with another envPrefix, e.g. envPrefix: '${own}_'`,
      });
    }
    this.keys.forEach((key, i) => {
      container.env.addVariable(names[i], this.envValue(key));
      owners.set(names[i], service);
    });
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
      const mountPath = `${BINDING_ROOT}/${bindingName}`;
      const service = this.servicePath();
      for (const c of containers) {
        if (c.mounts.some((m) => m.path === mountPath)) {
          invalid(service, {
            prop: 'bindingName',
            value: bindingName,
            allowed: `a binding name no other binding mounts in container ${JSON.stringify(c.name ?? '(unnamed)')} `
              + `(${mountOwners.get(c)?.get(mountPath) ?? 'another volume'} mounts ${mountPath})`,
            fix: `give one of the bindings another bindingName, e.g. bindingName: '${this.secretName.replace(/-connection$/, '')}'`,
          });
        }
      }
      // A volume name is a DNS label of at most 63 characters; a binding name may be a longer subdomain.
      const volumeName = /^[a-z0-9]([-a-z0-9]{0,53}[a-z0-9])?$/.test(bindingName) ? `binding-${bindingName}`
        : `binding-${bindingName.replace(/\./g, '-').slice(0, 45).replace(/-+$/, '')}-${shortHash(bindingName)}`;
      const volume = kplus.Volume.fromSecret(this.owner, `BindingVolume${index}`, this.secret(), { name: volumeName });
      for (const c of containers) {
        c.mount(mountPath, volume, { readOnly: true });
        if (!mountOwners.has(c)) mountOwners.set(c, new Map());
        mountOwners.get(c)!.set(mountPath, service);
        if (!c.env.variables.SERVICE_BINDING_ROOT) {
          c.env.addVariable('SERVICE_BINDING_ROOT', kplus.EnvValue.fromValue(BINDING_ROOT));
        }
      }
    }
    const podLabels = podLabelsOf(workload);
    this.workloadBinder?.bindWorkload(this.owner, { workload, containers, podLabels });
    return containers;
  }

  /** Path of the service the connection belongs to, for messages. */
  private servicePath(): string {
    return (this.owner.node.scope ?? this.owner).node.path;
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
