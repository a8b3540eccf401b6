import { apiGroupOf, PrerequisiteRules } from '../../core/prerequisites';

/** The portable Crossplane APIs this library's platforms define: claim kind → CompositeResourceDefinition. */
const PORTABLE_XRDS: { [kind: string]: string } = {
  Database: 'xdatabases.portabledata.io',
  ObjectStore: 'xobjectstores.portabledata.io',
  Cache: 'xcaches.portabledata.io',
  Queue: 'xqueues.portabledata.io',
};

/** `rds.aws.upbound.io` → the Upbound provider that serves it (`provider-aws-rds`). */
function upboundProvider(group: string): string {
  const [service, provider] = group.split('.');
  return `Crossplane provider upbound/provider-${provider}-${service}`;
}

/** What the Crossplane environment's objects need: Crossplane, the platform's XRDs, functions and providers. */
export const CROSSPLANE_PREREQUISITES: PrerequisiteRules = {
  groups: [
    {
      group: 'portabledata.io',
      requirement: (_g, o) => {
        const xrd = PORTABLE_XRDS[o.kind ?? ''];
        const selector = Object.entries(o.spec?.compositionSelector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
        return `Crossplane with the platform's XRDs and Compositions (${xrd ? `XRD ${xrd}` : `an XRD offering claim ${o.kind}`}`
          + `${selector ? `, a Composition labelled ${selector}` : ''})`;
      },
    },
    { group: 'apiextensions.crossplane.io', requirement: () => 'Crossplane' },
    { group: '*.upbound.io', requirement: (g) => upboundProvider(g) },
  ],
  inspect: (o, { add, requirementOf }) => {
    if (o.kind !== 'Composition' || apiGroupOf(o.apiVersion) !== 'apiextensions.crossplane.io') return;
    for (const step of o.spec?.pipeline ?? []) {
      if (step.functionRef?.name) add('cluster', `Crossplane function ${step.functionRef.name}`);
      for (const r of step.input?.resources ?? []) {
        const g = apiGroupOf(r.base?.apiVersion);
        const requirement = g ? requirementOf(g, r.base) : undefined;
        if (requirement) add('cluster', requirement);
      }
    }
  },
};
