import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkEnvPrefix } from './bind-options';
import { ERROR_CODES, invalid } from './errors';
import { shortHash } from './names';
import { rootOf } from './root';
import { describeValue } from './validate';
import { BoundWorkload, ContainerJson, EnvVarJson, IWorkloadBinder, PodSpecJson, setSorted } from './workload';

/** Root of mounted service bindings (servicebinding.io `SERVICE_BINDING_ROOT`). */
const BINDING_ROOT = '/bindings'; // = SERVICE_BINDING_ROOT of connection.ts

/** Which service set each variable of a container through `injectEnv`, by name. */
const variableOwners = new WeakMap<object, Map<string, string>>();

/**
 * The service of each connection Secret, by app, namespace and Secret name: a variable or a volume of a pod
 * template that reads a connection Secret belongs to its service (two bindings must never overwrite each other;
 * the user's own variables are replaced, as a later `addVariable` would).
 */
const SECRET_OWNERS = new WeakMap<IConstruct, Map<string, string>>();

/**
 * The services that read a Secret of the user's (`Credentials.fromSecret`), by app, namespace and Secret name: such a
 * Secret must not be a connection Secret, which a binder writes.
 */
const READ_SECRETS = new WeakMap<IConstruct, Map<string, string>>();

function secretKey(scope: IConstruct, secretName: string): string {
  return `${Chart.of(scope).namespace ?? ''}\u0000${secretName}`;
}

/** An environment variable value that reads one key of a Secret (cdk8s-plus's `EnvValue` in every major has this shape). */
export interface SecretEnvValue {
  readonly valueFrom: { readonly secretKeyRef: { readonly name: string; readonly key: string } };
}

/** What `injectEnv` uses of a container: what a cdk8s-plus `Container` of every major has. */
export interface EnvContainer {
  readonly name?: string;
  readonly env: { addVariable(name: string, value: SecretEnvValue): void };
}

/** How a workload is bound (the fields of the public `BindOptions`). */
export interface SecretBindingOptions {
  readonly containers?: string[];
  readonly env?: boolean;
  readonly envPrefix?: string;
  readonly mount?: boolean;
  readonly bindingName?: string;
}

/**
 * The containers one binding reaches in a workload's pod template, resolved at synth: the named ones, or every
 * container of the workload (the backends' sidecars are added after the bindings' edits, so never receive them).
 */
export class BindingTarget {
  constructor(
    /** The bound workload. */
    public readonly workload: BoundWorkload,
    private readonly names: string[] | undefined,
    private readonly servicePath: string,
  ) {}

  /** Records an edit of each container the binding reaches (applied at synth, in order). */
  public editContainers(edit: (container: ContainerJson, spec: PodSpecJson) => void): void {
    this.workload.edit((_template, spec) => {
      for (const c of this.resolve(spec)) edit(c, spec);
    });
  }

  private resolve(spec: PodSpecJson): ContainerJson[] {
    // The backends' sidecars are added after every edit: the containers here are the workload's own.
    const all = spec.containers ?? [];
    if (this.names === undefined) {
      if (all.length === 0) {
        invalid(this.workload.path, {
          prop: 'containers',
          value: [],
          allowed: 'a workload with at least one container',
          fix: 'add the application container to the workload',
        });
      }
      return all;
    }
    return this.names.map((name, i) => {
      const found = all.find((c) => c.name === name);
      if (found === undefined) {
        const own = all.map((c) => c.name);
        invalid(this.servicePath, {
          prop: `containers[${i}]`,
          value: name,
          allowed: `names of containers of the bound workload ${this.workload.path} (${own.join(', ') || 'none'})`,
          fix: `name containers of the workload being bound, e.g. containers: ['${own[0] ?? 'app'}']`,
        });
      }
      return found;
    });
  }
}

/**
 * Binds workloads to one connection Secret: environment variables, a mounted servicebinding.io binding, and the
 * backend's workload binder. Shared by every kind of connection. Bindings are edits of the workload's pod template
 * (`BoundWorkload`), so any workload binds, whatever made it.
 */
export class SecretBinding {
  /** The bindings of each workload to this connection: the options (with defaults, as JSON) and their target. */
  private readonly bindings = new Map<BoundWorkload, { options: SecretBindingOptions; json: string; target: BindingTarget }[]>();

  constructor(
    private readonly owner: Construct,
    private readonly secretName: string,
    private readonly keys: string[],
    private readonly defaultEnvPrefix: string,
    private readonly workloadBinder?: IWorkloadBinder,
  ) {
    const root = rootOf(owner);
    const owners = SECRET_OWNERS.get(root) ?? new Map<string, string>();
    SECRET_OWNERS.set(root, owners);
    const reader = READ_SECRETS.get(root)?.get(secretKey(owner, secretName));
    if (reader !== undefined) readsConnectionSecret(reader, secretName, this.servicePath());
    owners.set(secretKey(owner, secretName), this.servicePath());
  }

  /**
   * Records that the service reads a Secret of the user's (its credentials), and fails when it is a connection
   * Secret of a service of the namespace (its own included), declared before or after it.
   */
  public readsUserSecret(secretName: string): void {
    const root = rootOf(this.owner);
    const owner = this.ownerOf(secretName);
    if (owner !== undefined) readsConnectionSecret(this.servicePath(), secretName, owner);
    const readers = READ_SECRETS.get(root) ?? new Map<string, string>();
    READ_SECRETS.set(root, readers);
    readers.set(secretKey(this.owner, secretName), this.servicePath());
  }

  /** An environment variable value that reads one key of the connection Secret (any cdk8s-plus major's `EnvValue` shape). */
  public envValue(key: string): SecretEnvValue {
    if (!this.keys.includes(key)) {
      invalid(this.owner, {
        prop: 'connection key',
        value: key,
        allowed: this.keys.join(', '),
        fix: 'use one of the connection keys',
      });
    }
    return { valueFrom: { secretKeyRef: { name: this.secretName, key } } };
  }

  /**
   * Injects every key as `<prefix><KEY>` (upper case, `-` and `.` → `_`) into a container of any cdk8s-plus major;
   * fails when another service set one of these variables in it.
   */
  public injectEnv(container: EnvContainer, prefix: string = this.defaultEnvPrefix): void {
    const service = this.servicePath();
    if (typeof (container as { env?: { addVariable?: unknown } } | undefined)?.env?.addVariable !== 'function') {
      invalid(service, {
        prop: 'injectEnv container',
        value: describeValue(container),
        allowed: 'a container of any cdk8s-plus major (an object whose env has addVariable())',
        fix: 'use e.g. deployment.containers[0], or bind the workload: bind(deployment, { containers: [\'app\'] })',
      });
    }
    checkEnvPrefix(service, 'envPrefix', prefix);
    const owners = variableOwners.get(container) ?? new Map<string, string>();
    variableOwners.set(container, owners);
    const names = this.variableNames(prefix);
    const taken = names.filter((n) => owners.has(n) && owners.get(n) !== service);
    if (taken.length > 0) this.prefixTaken(prefix, container.name ?? '(unnamed)', owners.get(taken[0])!, taken);
    this.keys.forEach((key, i) => {
      container.env.addVariable(names[i], this.envValue(key));
      owners.set(names[i], service);
    });
  }

  /**
   * Binds a workload: records the variables and the mount in its pod template and lets the backend add what it
   * needs; returns the containers the binding reaches, for edits of the service's own (`awsSdkEnv`).
   */
  public bind(workload: BoundWorkload, options: SecretBindingOptions): BindingTarget {
    const service = this.servicePath();
    if (options.containers !== undefined && options.containers.length === 0) {
      invalid(service, {
        prop: 'containers',
        value: [],
        allowed: `the names of one or more containers of ${workload.path}, or no containers option (every container of the workload)`,
        fix: `leave containers out to bind every container of ${workload.path}, or name the ones to bind, e.g. containers: ['app']`,
      });
    }
    // Binding again: the same options are a no-op (the same edits, made once); other options that reach a container
    // this service already reaches would set its variables or mount it twice.
    const earlier = this.bindings.get(workload) ?? [];
    const json = this.optionsJson(options);
    const again = earlier.find((b) => b.json === json);
    if (again !== undefined) return again.target;
    const overlap = earlier.find((b) => b.options.containers === undefined || options.containers === undefined
      || b.options.containers.some((c) => options.containers!.includes(c)));
    if (overlap !== undefined) {
      const which = (o: SecretBindingOptions) => (o.containers === undefined ? 'every container' : `containers ${o.containers.join(', ')}`);
      invalid(service, {
        prop: 'bind(workload)',
        value: `${workload.path} again, with ${json}`,
        allowed: `one binding of ${service} per container of ${workload.path}: it is bound already (${which(overlap.options)}, with ${overlap.json}), `
          + `and this binding reaches ${which(options)}`,
        fix: 'bind it once, with the options you need (binding again with the same options changes nothing), or bind other containers with `containers`',
        code: ERROR_CODES.CONFLICT,
      });
    }
    const target = new BindingTarget(workload, options.containers, service);
    this.bindings.set(workload, [...earlier, { options, json, target }]);
    if (options.env ?? true) {
      const prefix = options.envPrefix ?? this.defaultEnvPrefix;
      const names = this.variableNames(prefix);
      target.editContainers((c) => {
        const env = c.env ?? [];
        const taken = names.filter((n) => {
          const owner = this.ownerOf(env.find((e) => e.name === n)?.valueFrom?.secretKeyRef?.name);
          return owner !== undefined && owner !== service;
        });
        if (taken.length > 0) {
          const first = env.find((e) => e.name === taken[0])!.valueFrom!.secretKeyRef!.name;
          this.prefixTaken(prefix, c.name, this.ownerOf(first)!, taken, workload.path);
        }
        this.keys.forEach((key, i) => setVariable(c, { name: names[i], valueFrom: { secretKeyRef: { key, name: this.secretName } } }));
      });
    }
    if (options.mount ?? false) {
      const bindingName = options.bindingName ?? this.secretName.replace(/-connection$/, '');
      const mountPath = `${BINDING_ROOT}/${bindingName}`;
      // A volume name is a DNS label of at most 63 characters; a binding name may be a longer subdomain.
      const volumeName = /^[a-z0-9]([-a-z0-9]{0,53}[a-z0-9])?$/.test(bindingName) ? `binding-${bindingName}`
        : `binding-${bindingName.replace(/\./g, '-').slice(0, 45).replace(/-+$/, '')}-${shortHash(bindingName)}`;
      target.editContainers((c, spec) => {
        const existing = (c.volumeMounts ?? []).find((m) => m.mountPath === mountPath);
        if (existing !== undefined) {
          const volume = (spec.volumes ?? []).find((v) => v.name === existing.name) as { secret?: { secretName?: string } } | undefined;
          invalid(service, {
            prop: 'bindingName',
            value: bindingName,
            allowed: `a binding name no other binding mounts in container ${JSON.stringify(c.name)} of ${workload.path} `
              + `(${this.ownerOf(volume?.secret?.secretName) ?? 'another volume'} mounts ${mountPath})`,
            fix: `give one of the bindings another bindingName, e.g. bindingName: '${this.secretName.replace(/-connection$/, '')}'`,
            code: ERROR_CODES.CONFLICT,
          });
        }
        const volumes = spec.volumes ?? [];
        const same = volumes.find((v) => v.name === volumeName);
        if (same === undefined) {
          if (spec.volumes === undefined) setSorted(spec, 'volumes', volumes);
          volumes.push({ name: volumeName, secret: { secretName: this.secretName } });
        } else if ((same as { secret?: { secretName?: string } }).secret?.secretName !== this.secretName) {
          invalid(service, {
            prop: 'bindingName',
            value: bindingName,
            allowed: `a binding name whose volume name no other volume of the pod has (${workload.path} has a volume ${volumeName})`,
            fix: 'give the binding another bindingName, or rename the volume',
            code: ERROR_CODES.CONFLICT,
          });
        }
        if (c.volumeMounts === undefined) setSorted(c, 'volumeMounts', []);
        c.volumeMounts!.push({ mountPath, name: volumeName, readOnly: true });
        if (!(c.env ?? []).some((e) => e.name === 'SERVICE_BINDING_ROOT')) setVariable(c, { name: 'SERVICE_BINDING_ROOT', value: BINDING_ROOT });
      });
    }
    this.workloadBinder?.bindWorkload(this.owner, { workload });
    return target;
  }

  /** The options of a binding with their defaults, as stable JSON (for comparing two bindings). */
  private optionsJson(options: SecretBindingOptions): string {
    const withDefaults: { [key: string]: unknown } = {
      ...options,
      env: options.env ?? true,
      envPrefix: options.envPrefix ?? this.defaultEnvPrefix,
      mount: options.mount ?? false,
      ...(options.mount ? { bindingName: options.bindingName ?? this.secretName.replace(/-connection$/, '') } : {}),
      ...(options.containers !== undefined ? { containers: [...new Set(options.containers)].sort() } : {}),
    };
    const keys = Object.keys(withDefaults).sort().filter((k) => withDefaults[k] !== undefined);
    return JSON.stringify(Object.fromEntries(keys.map((k) => [k, withDefaults[k]])));
  }

  /** The service that owns a connection Secret of this namespace, if the name is one. */
  private ownerOf(secretName: string | undefined): string | undefined {
    return secretName === undefined ? undefined : SECRET_OWNERS.get(rootOf(this.owner))?.get(secretKey(this.owner, secretName));
  }

  private variableNames(prefix: string): string[] {
    return this.keys.map((key) => `${prefix}${key.toUpperCase().replace(/[-.]/g, '_')}`);
  }

  private prefixTaken(prefix: string, container: string, owner: string, taken: string[], workload?: string): never {
    const own = this.secretName.replace(/-connection$/, '').toUpperCase().replace(/-/g, '_');
    invalid(this.servicePath(), {
      prop: 'envPrefix',
      value: prefix,
      allowed: `a prefix whose variables no other service sets in container ${JSON.stringify(container)}${workload ? ` of ${workload}` : ''} (${owner} already sets ${taken.join(', ')})`,
      fix: `bind one of the services with another envPrefix, e.g. envPrefix: '${own}_'`,
      code: ERROR_CODES.CONFLICT,
    });
  }

  /** Path of the service the connection belongs to, for messages. */
  private servicePath(): string {
    return this.owner.node.path;
  }
}

/** Fails: a service's credentials would come from a connection Secret, which a binder writes. */
function readsConnectionSecret(reader: string, secretName: string, owner: string): never {
  invalid(reader, {
    prop: 'credentials',
    value: `Credentials.fromSecret(${JSON.stringify(secretName)})`,
    allowed: `a Secret of your own: ${secretName} is the connection Secret of ${owner === reader ? 'this service' : owner}, which its binder writes `
      + '(its keys change whenever that binder rewrites it)',
    fix: 'create a Secret of your own with the password and name it in Credentials.fromSecret(), or use Credentials.generated()',
    code: ERROR_CODES.CONFLICT,
  });
}

/**
 * The bindings' block of variables at the start of each container's `env`, for one serialization: how many
 * variables the bindings put there so far.
 */
const BOUND_VARIABLES = new WeakMap<object, number>();

/**
 * Sets a variable of a container's JSON: replaces one of the same name in place (as a later `addVariable` would),
 * or adds it to the bindings' block at the start of `env`, in the order of the bindings. The connection's variables
 * come before the container's own, so that these can use them in `$(DB_HOST)` references (Kubernetes expands a
 * reference only to a variable defined earlier in the list), whenever they were added.
 */
export function setVariable(container: ContainerJson, variable: EnvVarJson): void {
  if (container.env === undefined) setSorted(container, 'env', []);
  const env = container.env!;
  const i = env.findIndex((e) => e.name === variable.name);
  if (i >= 0) {
    env[i] = variable;
    return;
  }
  const at = BOUND_VARIABLES.get(env) ?? 0;
  env.splice(at, 0, variable);
  BOUND_VARIABLES.set(env, at + 1);
}
