import { ApiObject, Names } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { invalid } from './errors';
import { describeValue } from './validate';

/**
 * Workloads as `bind()` sees them: by what the object is (an `ApiObject` whose kind has a pod template), not by the
 * class that made it. A cdk8s-plus workload of any major (`ApiObject.of(deployment)` is its `KubeDeployment`), the
 * user's own `cdk8s import k8s` classes and ours are all the same to it.
 *
 * What a binding adds to a workload (environment variables, mounts, pod labels, a sidecar) is recorded here per
 * `ApiObject` and applied to the pod template of its JSON when the object is serialized: the first binding of an
 * object replaces the instance's `toJson` with one that calls the original and then applies the edits (see
 * `BoundWorkload.applyTo`). Nothing else of the object changes, and the edits see the pod template as the user's
 * code and JSON patches left it.
 */

/** The kinds bind() accepts: API group, and the path of the pod template in the object (`[]`: the object is a Pod). */
const WORKLOAD_KINDS: { [kind: string]: { readonly group: string; readonly template: string[]; readonly selector: boolean } } = {
  Deployment: { group: 'apps', template: ['spec', 'template'], selector: true },
  StatefulSet: { group: 'apps', template: ['spec', 'template'], selector: true },
  DaemonSet: { group: 'apps', template: ['spec', 'template'], selector: true },
  Job: { group: 'batch', template: ['spec', 'template'], selector: false },
  CronJob: { group: 'batch', template: ['spec', 'jobTemplate', 'spec', 'template'], selector: false },
  Pod: { group: '', template: [], selector: false },
};

/** What bind() accepts, for messages. */
export const WORKLOADS_ALLOWED = 'a workload: a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod of any cdk8s-plus major, '
  + 'or its ApiObject (e.g. KubeDeployment, KubeStatefulSet, KubeJob, KubeCronJob of cdk8s import k8s)';

/** The label that selects the pods of a workload with no pod selector of its own (Jobs, CronJobs, Pods). */
export const WORKLOAD_LABEL = 'portabledata.io/workload';

/** A container of the pod template's JSON (wire format). */
export interface ContainerJson {
  name: string;
  env?: EnvVarJson[];
  volumeMounts?: { mountPath: string; name: string; readOnly?: boolean }[];
  [key: string]: unknown;
}

/** An environment variable of a container's JSON. */
export interface EnvVarJson {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly secretKeyRef?: { readonly key: string; readonly name: string } };
}

/** The pod spec of the pod template's JSON. */
export interface PodSpecJson {
  containers?: ContainerJson[];
  initContainers?: ContainerJson[];
  volumes?: { name: string; [key: string]: unknown }[];
  serviceAccountName?: string;
  serviceAccount?: string;
  [key: string]: unknown;
}

/** The pod template of a workload's JSON (`spec.template`, the CronJob's job template's, or the Pod itself). */
export interface PodTemplateJson {
  metadata?: { labels?: { [key: string]: string }; [key: string]: unknown };
  spec?: PodSpecJson;
  [key: string]: unknown;
}

/** An edit of the pod template, applied at synth in the order it was recorded. */
export type PodTemplateEdit = (template: PodTemplateJson, spec: PodSpecJson) => void;

/** The bound workload of each ApiObject. */
const BOUND = new WeakMap<ApiObject, BoundWorkload>();

/** The ApiObject of a construct: itself, or its default child (followed down, as `ApiObject.of` does). */
function apiObjectOf(value: unknown): ApiObject | undefined {
  let c: unknown = value;
  for (let depth = 0; depth < 8 && c !== undefined; depth++) {
    if (ApiObject.isApiObject(c)) return c;
    const node = (c as IConstruct | null)?.node;
    if (node === undefined || node === null || typeof node !== 'object') return undefined;
    try {
      c = node.defaultChild;
    } catch {
      return undefined; // both a "Resource" and a "Default" child
    }
  }
  return undefined;
}

/** The group of an `apiVersion` (`apps/v1` → `apps`, `v1` → ``). */
function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/**
 * Sets a key of a JSON object, keeping the keys in cdk8s's sorted order when the key is new (cdk8s sorts the keys
 * of what it serializes unless `CDK8S_DISABLE_SORT` is set).
 */
export function setSorted(obj: { [key: string]: unknown }, key: string, value: unknown): void {
  if (key in obj || process.env.CDK8S_DISABLE_SORT) {
    obj[key] = value;
    return;
  }
  const entries = Object.entries(obj);
  for (const [k] of entries) delete obj[k];
  let placed = false;
  for (const [k, v] of entries) {
    if (!placed && k > key) {
      obj[key] = value;
      placed = true;
    }
    obj[k] = v;
  }
  if (!placed) obj[key] = value;
}

/**
 * A workload bound to one or more services: its ApiObject, its kind, and the edits the bindings make to its pod
 * template at synth. One per ApiObject, whatever construct was passed to `bind()`.
 */
export class BoundWorkload {
  /**
   * The bound workload of a value passed to `bind()`; fails naming the service, the value and what is allowed
   * when it is not a workload.
   */
  public static of(service: IConstruct, value: unknown): BoundWorkload {
    const apiObject = apiObjectOf(value);
    const shape = apiObject === undefined ? undefined : WORKLOAD_KINDS[apiObject.kind];
    if (apiObject === undefined || shape === undefined || groupOf(apiObject.apiVersion) !== shape.group) {
      const path = (value as IConstruct | null)?.node?.path;
      invalid(service, {
        prop: 'bind(workload)',
        value: typeof path === 'string'
          ? `${path} (${apiObject === undefined ? `a ${(value as object).constructor?.name ?? 'construct'} without an ApiObject` : `a ${apiObject.apiVersion} ${apiObject.kind}`})`
          : describeValue(value),
        allowed: WORKLOADS_ALLOWED,
        fix: 'pass the workload to bind, e.g. db.bind(deployment)',
      });
    }
    const existing = BOUND.get(apiObject);
    if (existing) return existing;
    const bound = new BoundWorkload(value as IConstruct, apiObject, shape.template, shape.selector);
    BOUND.set(apiObject, bound);
    return bound;
  }

  /** The kind of the object (`Deployment`, `Job`, …). */
  public readonly kind: string;

  private readonly edits: PodTemplateEdit[] = [];
  private readonly sidecars: ContainerJson[] = [];
  private readonly nativeSidecars: ContainerJson[] = [];
  private readonly originalToJson: () => any;

  private constructor(
    /** The construct first passed to `bind()` (the cdk8s-plus workload, or the ApiObject itself): errors name it. */
    public readonly construct: IConstruct,
    /** The object whose JSON holds the pod template. */
    public readonly apiObject: ApiObject,
    private readonly templatePath: string[],
    private readonly hasSelector: boolean,
  ) {
    this.kind = apiObject.kind;
    // The one wrapper of this object's toJson: the original output, then the bindings' edits.
    const original = apiObject.toJson;
    this.originalToJson = () => original.call(apiObject);
    apiObject.toJson = () => this.applyTo(this.originalToJson());
  }

  /** Path of the bound construct, for messages. */
  public get path(): string {
    return this.construct.node.path;
  }

  /** Records an edit of the pod template (applied at synth, in order, before the sidecars are added). */
  public edit(edit: PodTemplateEdit): void {
    this.edits.push(edit);
  }

  /** Adds a backend's sidecar container (after the application containers; bindings never inject into it). */
  public addSidecar(container: ContainerJson): void {
    this.sidecars.push(container);
  }

  /**
   * Adds a backend's Kubernetes native sidecar: an init container with `restartPolicy: Always` (Kubernetes 1.29+), which
   * starts before the application containers (after its startup probe passes) and stops when they have finished, so
   * Jobs complete. Added first among the init containers, so the workload's own init containers can use it too.
   */
  public addNativeSidecar(container: ContainerJson): void {
    this.nativeSidecars.push({ ...container, restartPolicy: 'Always' });
  }

  /** The pod template of the object as the user's code makes it (without the bindings' edits), read now. */
  public podTemplate(): PodTemplateJson {
    return this.templateOf(this.originalToJson());
  }

  /** The ServiceAccount the pods run as, read from the object now (`undefined`: the namespace's default). */
  public serviceAccountName(): string | undefined {
    const spec = this.podTemplate().spec ?? {};
    return spec.serviceAccountName ?? spec.serviceAccount;
  }

  /**
   * Labels that select the workload's pods, for NetworkPolicy rules, read at synth: its pod selector's
   * `matchLabels`, or for workloads without one (Jobs, CronJobs, Pods) the label `portabledata.io/workload` the
   * binding adds to its pod template.
   */
  public podSelector(): { [key: string]: string } {
    const json = this.originalToJson();
    const selector = this.selectorLabels(json);
    if (selector !== undefined) return { ...selector };
    return { [WORKLOAD_LABEL]: this.templateOf(json).metadata?.labels?.[WORKLOAD_LABEL] ?? Names.toLabelValue(this.construct) };
  }

  private selectorLabels(json: any): { [key: string]: string } | undefined {
    const labels = this.hasSelector ? json?.spec?.selector?.matchLabels : undefined;
    return labels && typeof labels === 'object' && Object.keys(labels).length > 0 ? labels : undefined;
  }

  private templateOf(json: any): PodTemplateJson {
    let t = json;
    for (const key of this.templatePath) t = t?.[key];
    if (t === null || typeof t !== 'object') {
      invalid(this.path, {
        prop: `${this.kind} ${['', ...this.templatePath].join('.') || '(the object)'}`,
        value: t,
        allowed: 'a pod template',
        fix: `give the ${this.kind} its pod template`,
      });
    }
    return t;
  }

  /** Applies the bindings to the object's JSON: the workload label, the edits in order, then the sidecars (both kinds). */
  private applyTo(json: any): any {
    const template = this.templateOf(json);
    if (this.selectorLabels(json) === undefined) {
      if (template.metadata === undefined) setSorted(template, 'metadata', {});
      const metadata = template.metadata!;
      if (metadata.labels === undefined) setSorted(metadata, 'labels', {});
      if (metadata.labels![WORKLOAD_LABEL] === undefined) setSorted(metadata.labels!, WORKLOAD_LABEL, Names.toLabelValue(this.construct));
    }
    if (template.spec === undefined) setSorted(template, 'spec', {});
    const spec = template.spec!;
    for (const edit of this.edits) edit(template, spec);
    if (this.sidecars.length > 0) {
      if (spec.containers === undefined) setSorted(spec, 'containers', []);
      // Copies: every serialization starts from the recorded sidecar.
      spec.containers!.push(...this.sidecars.map((c) => JSON.parse(JSON.stringify(c))));
    }
    if (this.nativeSidecars.length > 0) {
      if (spec.initContainers === undefined) setSorted(spec, 'initContainers', []);
      spec.initContainers!.unshift(...this.nativeSidecars.map((c) => JSON.parse(JSON.stringify(c))));
    }
    return json;
  }
}

/**
 * Options passed to a backend when a workload is bound to a service.
 */
export interface WorkloadBindingContext {
  /**
   * The workload, whatever made it: its kind, the edits of its pod template, its ServiceAccount and the labels that
   * select its pods.
   */
  readonly workload: BoundWorkload;
}

/**
 * What a backend adds to a workload bound to its service (a NetworkPolicy rule, a proxy sidecar, …).
 */
export interface IWorkloadBinder {
  /** Called once for every workload bound to the service. */
  bindWorkload(scope: Construct, context: WorkloadBindingContext): void;
}
