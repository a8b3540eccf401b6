/**
 * Every example under every profile, as its golden YAML (test/golden/<example>/<profile>.k8s.yaml, byte-identical to
 * what `npx cdk8s synth` writes in the example's folder with PORTABLE_PROFILE=<profile>: test/golden/golden.test.ts
 * and test/examples/*.test.ts hold them to it), applied to the real API server with every CRD the library targets
 * installed: `kubectl apply --server-side` succeeds with no error and no warning (strict field validation, the CRDs'
 * CEL rules, defaulting and admission are the server's), and applying it again changes nothing.
 *
 * Each example × profile goes to its own namespace `<example>-<profile>` (see `inNamespace`), so all of them live side
 * by side; the platform example is cluster-scoped and was applied by the global setup already.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ROOT, apply, diff, ensureNamespace, getJson, inNamespace, kubectl, parseYaml, toYaml } from './kube';

const GOLDEN = join(ROOT, 'test', 'golden');

const FILES = readdirSync(GOLDEN, { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(GOLDEN, d.name)).filter((f) => f.endsWith('.k8s.yaml')).map((f) => [d.name, f.replace(/\.k8s\.yaml$/, '')]));

/**
 * The one warning the real API server gives for the examples: Crossplane 2's CRD of CompositeResourceDefinition
 * (schemas/crds/crossplane, pinned from Crossplane 2) marks `apiextensions.crossplane.io/v1` deprecated, and the
 * platform's XRDs are v1 (claims need them; the README says so next to the Crossplane prerequisites).
 */
const XRD_V1_DEPRECATED = 'Warning: CompositeResourceDefinition v1 is deprecated and will be removed in a future release; consider migrating to v2';

/** The generation of every object of the YAML that has one, by `<kind>/<namespace>/<name>`. */
async function generations(yaml: string): Promise<{ [key: string]: number }> {
  const list = await getJson(['get', '-f', '-'], { input: yaml });
  const items: any[] = list.kind === 'List' ? list.items : [list];
  return Object.fromEntries(items.filter((o) => o.metadata.generation !== undefined)
    .map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o.metadata.generation]));
}

test('the golden YAML covers every example and its profiles', () => {
  expect(FILES.map(([e, p]) => `${e}/${p}`).sort()).toEqual([
    'photos/aws', 'photos/azure', 'photos/crossplane', 'photos/gcp', 'photos/in-cluster', 'photos/in-cluster-operators',
    'platform/platform',
    'restore/aws', 'restore/azure', 'restore/crossplane', 'restore/gcp', 'restore/in-cluster-operators',
    'wordpress/aws', 'wordpress/azure', 'wordpress/crossplane', 'wordpress/gcp', 'wordpress/in-cluster',
    'worker/aws', 'worker/azure', 'worker/crossplane', 'worker/gcp', 'worker/in-cluster', 'worker/in-cluster-operators',
  ]);
});

describe.each(FILES)('test/golden/%s/%s.k8s.yaml', (example, profile) => {
  const original = parseYaml(readFileSync(join(GOLDEN, example, `${profile}.k8s.yaml`), 'utf8'));
  const namespace = `${example}-${profile}`;
  const objs = example === 'platform' ? original : inNamespace(original, example, namespace);
  const yaml = toYaml(objs);

  test('`kubectl apply --server-side` succeeds with no warning, and applying it again changes nothing', async () => {
    if (example !== 'platform') await ensureNamespace(namespace);
    // The chart's cluster-scoped policies are this namespace's own (inNamespace): no other profile's apply touches them.
    for (const p of objs.filter((o) => example !== 'platform' && o.kind.startsWith('ValidatingAdmissionPolicy'))) {
      expect({ name: p.metadata.name, policy: p.spec.policyName ?? p.metadata.name }).toEqual({ name: expect.stringMatching(new RegExp(`-${namespace}$`)), policy: expect.stringMatching(new RegExp(`-${namespace}$`)) });
    }
    const out = await apply(yaml, example === 'platform' ? [XRD_V1_DEPRECATED] : []);
    expect(out.trim().split('\n')).toHaveLength(objs.length);
    expect(await diff(yaml)).toBe('');
    const before = await generations(yaml);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    await apply(yaml, example === 'platform' ? [XRD_V1_DEPRECATED] : []);
    expect(await generations(yaml)).toEqual(before);
  });
});

test('the platform\'s XRDs get exactly one warning from the server: Crossplane 2 deprecates apiextensions.crossplane.io/v1', async () => {
  const yaml = readFileSync(join(GOLDEN, 'platform', 'platform.k8s.yaml'), 'utf8');
  const res = await kubectl(['apply', '--server-side', '--field-manager=kubectl', '--dry-run=server', '-f', '-'], { input: yaml });
  const xrds = parseYaml(yaml).filter((o) => o.kind === 'CompositeResourceDefinition');
  expect(xrds.map((x) => x.apiVersion)).toEqual(xrds.map(() => 'apiextensions.crossplane.io/v1'));
  expect([...new Set(res.stderr.split('\n').filter((l) => l.trim()))]).toEqual([XRD_V1_DEPRECATED]);
});
