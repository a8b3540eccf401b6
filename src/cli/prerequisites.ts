/**
 * What must exist before a set of synthesized objects can be applied: Kubernetes' own (a default StorageClass, a
 * network plugin, a Service Binding runtime) and each environment's part (`Environment.prerequisites`: the operators
 * serving its API groups, the classes and cloud resources its objects name). Derived from the objects alone, so
 * `plan` needs neither a cluster nor an account.
 */
import '../environments';
import { environments } from '../core/environment';
import {
  AddPrerequisite, apiGroupOf, GroupRule, KubeObject, objectRef, Prerequisite, PrerequisiteRules, PrerequisiteScope,
  storageClassRequirement,
} from '../core/prerequisites';

export { apiGroupOf, objectRef } from '../core/prerequisites';
export type { KubeObject, Prerequisite } from '../core/prerequisites';

/** What Kubernetes itself needs for the objects every environment writes (core groups need nothing). */
const KUBERNETES: PrerequisiteRules = {
  groups: [{ group: 'servicebinding.io', requirement: () => 'a Service Binding for Kubernetes runtime' }],
  inspect: (o, { add }) => {
    const group = apiGroupOf(o.apiVersion);
    if (o.kind === 'StatefulSet' && group === 'apps') {
      for (const t of o.spec?.volumeClaimTemplates ?? []) add('cluster', storageClassRequirement(t.spec?.storageClassName));
    } else if (o.kind === 'PersistentVolumeClaim' && group === '') {
      add('cluster', storageClassRequirement(o.spec?.storageClassName));
    } else if (o.kind === 'NetworkPolicy' && group === 'networking.k8s.io') {
      add('cluster', 'a network plugin that enforces NetworkPolicy (e.g. Calico or Cilium; without one the policy is not applied)');
    }
  },
};

/** Kubernetes' rules and every registered environment's, in the order of the list of environments. */
function allRules(): PrerequisiteRules[] {
  return [KUBERNETES, ...environments().flatMap((e) => (e.prerequisites ? [e.prerequisites] : []))];
}

function ruleFor(rules: readonly PrerequisiteRules[], group: string): GroupRule | undefined {
  for (const r of rules) {
    const rule = r.groups.find((g) => (g.group.startsWith('*.') ? group.endsWith(g.group.slice(1)) : group === g.group));
    if (rule) return rule;
  }
  return undefined;
}

/**
 * The prerequisites of a set of objects, in the order first needed, each once with every object that needs it.
 */
export function prerequisitesOf(objects: readonly KubeObject[]): Prerequisite[] {
  const rules = allRules();
  const requirementOf = (group: string, object: KubeObject) => ruleFor(rules, group)?.requirement(group, object);
  const found = new Map<string, { scope: PrerequisiteScope; requirement: string; neededBy: string[] }>();
  for (const o of objects) {
    const ref = objectRef(o);
    const add: AddPrerequisite = (scope, requirement) => {
      const key = `${scope}\u0000${requirement}`;
      if (!found.has(key)) found.set(key, { scope, requirement, neededBy: [] });
      const p = found.get(key)!;
      if (!p.neededBy.includes(ref)) p.neededBy.push(ref);
    };
    const requirement = requirementOf(apiGroupOf(o.apiVersion), o);
    if (requirement) add('cluster', requirement);
    for (const r of rules) r.inspect?.(o, { add, requirementOf });
  }
  return [...found.values()];
}
