/**
 * The upgrade guard: a ValidatingAdmissionPolicy (and its binding) per guarded kind of object of a chart, whose CEL
 * compares `oldObject` and `object` on every update and refuses a version downgrade, a major version change without
 * the allowance annotation, and a storage shrink. Synth is stateless (it cannot know the deployed version or size),
 * so the guard lives where the change is applied: the API server. Generic: the caller says where an object keeps
 * its version and its storage (`GuardedObject`).
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { dnsLabelOf, shortHash } from './names';
import * as k8s from '../imports/k8s';

/** The annotation a guarded object carries when the app allows a major version upgrade (`'true'`). */
export const ALLOW_MAJOR_UPGRADE_ANNOTATION = 'portabledata.io/allow-major-version-upgrade';

/** Where a guarded object keeps its version. */
export interface GuardedVersion {
  /** The field, as messages name it (`spec.engineVersion`). */
  readonly field: string;
  /** CEL: whether the object `o` (`object` or `oldObject`) declares a version. */
  readonly present: (o: string) => string;
  /** CEL: the version string of `o` (only evaluated when `present`); its numbers are compared (`POSTGRES_16` → 16). */
  readonly value: (o: string) => string;
  /** How many leading numbers make the major (MySQL `8.4`: 2; PostgreSQL `17`: 1). */
  readonly majorParts: number;
  /**
   * Why a major version change cannot be applied in place, and what to do instead: then a major change is refused
   * even with the allowance.
   * @default - a major change is admitted when the object carries the allowance
   */
  readonly noMajorInPlace?: string;
}

/** Where a guarded object keeps its storage size. */
export interface GuardedStorage {
  /** The field, as messages name it (`spec.allocatedStorage`). */
  readonly field: string;
  /** CEL: whether `o` declares a size. */
  readonly present: (o: string) => string;
  /** CEL: the size of `o`: an integer, or a Kubernetes quantity string (`quantity: true`). */
  readonly value: (o: string) => string;
  /** Whether the value is a quantity string (`20Gi`) rather than an integer. */
  readonly quantity: boolean;
}

/** What the guard compares on one object of a backend. */
export interface GuardedObject {
  /** The object (its apiVersion, kind and labels select what the policy matches; it carries the allowance). */
  readonly object: ApiObject;
  /** The object's version, where it declares one. @default - versions are not compared */
  readonly version?: GuardedVersion;
  /** The object's storage, where a shrink is possible to declare. @default - sizes are not compared */
  readonly storage?: GuardedStorage;
}

/** CEL: whether the dotted `path` is set on `root` (`has()` of every step). */
export function celHas(root: string, path: string): string {
  const parts = path.split('.');
  return parts.map((_, i) => `has(${[root, ...parts.slice(0, i + 1)].join('.')})`).join(' && ');
}

/** CEL: the tag of an image reference (`repo:tag@digest` → `tag`). */
export function celImageTag(image: string): string {
  const named = `${image}.split('@')[0]`;
  return `${named}.substring(${named}.lastIndexOf(':') + 1)`;
}

/** The number of version numbers compared (enough for `8.0.40` and a build number). */
const COMPARED_PARTS = 4;

const part = (list: string, i: number) => `${list}[${i}]`;
/** Part `i` is in both lists and differs. */
const differs = (i: number) => `size(variables.oldParts) > ${i} && size(variables.newParts) > ${i} && ${part('variables.oldParts', i)} != ${part('variables.newParts', i)}`;

/**
 * CEL: -1 when the new version is older, 1 when newer, 0 when equal, compared number by number over the numbers
 * both have (`8.0.40` → `8.0` is no downgrade: the major alone lets the backend pick the minor).
 */
function orderExpression(): string {
  let expr = '0';
  for (let i = COMPARED_PARTS - 1; i >= 0; i--) {
    expr = `(${differs(i)}) ? (${part('variables.newParts', i)} > ${part('variables.oldParts', i)} ? 1 : -1) : ${expr}`;
  }
  return expr;
}

const str = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function policySpec(guarded: GuardedObject, selector: { [key: string]: string }, namespace: string | undefined): k8s.ValidatingAdmissionPolicySpec {
  const [group, version] = guarded.object.apiVersion.includes('/') ? guarded.object.apiVersion.split('/') : ['', guarded.object.apiVersion];
  const kind = guarded.object.kind;
  const variables: k8s.Variable[] = [];
  const validations: k8s.Validation[] = [];
  const v = guarded.version;
  if (v) {
    variables.push(
      { name: 'oldVersion', expression: `(${v.present('oldObject')}) ? (${v.value('oldObject')}) : ''` },
      { name: 'newVersion', expression: `(${v.present('object')}) ? (${v.value('object')}) : ''` },
      { name: 'oldParts', expression: "variables.oldVersion.findAll('[0-9]+').map(p, int(p))" },
      { name: 'newParts', expression: "variables.newVersion.findAll('[0-9]+').map(p, int(p))" },
      { name: 'order', expression: orderExpression() },
      { name: 'majorChange', expression: [...Array(v.majorParts).keys()].map((i) => `(${differs(i)})`).join(' || ') },
      {
        name: 'allowed',
        expression: `has(object.metadata.annotations) && ${str(ALLOW_MAJOR_UPGRADE_ANNOTATION)} in object.metadata.annotations`
          + ` && object.metadata.annotations[${str(ALLOW_MAJOR_UPGRADE_ANNOTATION)}] == 'true'`,
      },
    );
    const change = `${str(`${kind} ${v.field} `)} + variables.oldVersion + ' -> ' + variables.newVersion`;
    validations.push({
      expression: 'variables.order >= 0',
      message: `${kind} ${v.field}: a version downgrade is refused (no backend downgrades a data directory in place): restore a backup into a new service instead`,
      messageExpression: `${change} + ' is a downgrade, refused: no backend downgrades a data directory in place; restore a backup into a new service instead'`,
      reason: 'Forbidden',
    });
    if (v.noMajorInPlace !== undefined) {
      validations.push({
        expression: 'variables.order < 0 || !variables.majorChange',
        message: `${kind} ${v.field}: a major version change is refused: ${v.noMajorInPlace}`,
        messageExpression: `${change} + ${str(` is a major version change, refused: ${v.noMajorInPlace}`)}`,
        reason: 'Forbidden',
      });
    } else {
      validations.push({
        expression: 'variables.order < 0 || !variables.majorChange || variables.allowed',
        message: `${kind} ${v.field}: a major version upgrade needs the app's allowance (allowMajorVersionUpgrade: true, which sets the annotation ${ALLOW_MAJOR_UPGRADE_ANNOTATION}: "true")`,
        messageExpression: `${change} + ${str(' is a major version upgrade, applied in place with no way back but a restore: '
          + `set allowMajorVersionUpgrade: true on the service (the annotation ${ALLOW_MAJOR_UPGRADE_ANNOTATION}: "true") to allow it`)}`,
        reason: 'Forbidden',
      });
    }
  }
  const s = guarded.storage;
  if (s) {
    const both = `(${s.present('oldObject')}) && (${s.present('object')})`;
    const grows = s.quantity
      ? `!isQuantity(${s.value('oldObject')}) || !isQuantity(${s.value('object')}) || quantity(${s.value('object')}).compareTo(quantity(${s.value('oldObject')})) >= 0`
      : `${s.value('object')} >= ${s.value('oldObject')}`;
    validations.push({
      expression: `!(${both}) || (${grows})`,
      message: `${kind} ${s.field}: storage only grows (disks and claims cannot shrink)`,
      messageExpression: `${str(`${kind} ${s.field} `)} + string(${s.value('oldObject')}) + ' -> ' + string(${s.value('object')})`
        + " + ' is a shrink, refused: storage only grows (disks and claims cannot shrink)'",
      reason: 'Forbidden',
    });
  }
  return {
    failurePolicy: 'Fail',
    matchConstraints: {
      resourceRules: [{ apiGroups: [group], apiVersions: [version], operations: ['UPDATE'], resources: [`${kind.toLowerCase()}s`] }],
      objectSelector: { matchLabels: selector },
      ...(namespace ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } } : {}),
    },
    variables: variables.length > 0 ? variables : undefined,
    validations,
  };
}

const GUARD_ID = 'PortableDataUpgradeGuard';
const LABELS = { 'app.kubernetes.io/name': 'portable-data-upgrade-guard', 'app.kubernetes.io/managed-by': 'cdk8s-portable-data' };

/**
 * The guard of one chart: one policy and binding per guarded kind and selector (construct IDs `Policy<hash>` and
 * `Binding<hash>` under `PortableDataUpgradeGuard`), named `<chart>-<kind>-<hash>`. Cluster-scoped: with a chart
 * namespace, they match that namespace only; without, every namespace the YAML is applied to shares them.
 */
class UpgradeGuard extends Construct {
  public static of(scope: IConstruct): UpgradeGuard {
    const chart = Chart.of(scope);
    return (chart.node.tryFindChild(GUARD_ID) as UpgradeGuard | undefined) ?? new UpgradeGuard(chart, GUARD_ID);
  }

  private readonly base: string;

  private constructor(chart: Chart, id: string) {
    super(chart, id);
    this.base = dnsLabelOf(this, 40);
  }

  public guard(guarded: GuardedObject, selector: { [key: string]: string }): void {
    const namespace = Chart.of(this).namespace;
    const spec = policySpec(guarded, selector, namespace);
    const key = shortHash(JSON.stringify(spec));
    if (this.node.tryFindChild(`Policy${key}`)) return;
    const name = `${this.base}-${guarded.object.kind.toLowerCase()}-${key}`;
    new k8s.KubeValidatingAdmissionPolicy(this, `Policy${key}`, { metadata: { name, labels: LABELS }, spec });
    new k8s.KubeValidatingAdmissionPolicyBinding(this, `Binding${key}`, {
      metadata: { name, labels: LABELS },
      spec: {
        policyName: name,
        validationActions: ['Deny'],
        ...(namespace ? { matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } } } : {}),
      },
    });
  }
}

/**
 * Guards one object: adds (once per chart and kind of object) the policy that refuses a downgrade, a major change
 * without the allowance and a shrink of objects with the `selector` labels.
 */
export function guardUpgrades(scope: IConstruct, guarded: GuardedObject, selector: { [key: string]: string }): void {
  UpgradeGuard.of(scope).guard(guarded, selector);
}

/** Marks an object as allowed a major version upgrade (the annotation the guard reads). */
export function allowMajorUpgrade(object: ApiObject): void {
  object.metadata.addAnnotation(ALLOW_MAJOR_UPGRADE_ANNOTATION, 'true');
}
