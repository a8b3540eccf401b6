/**
 * Crossplane for real, on the real API server: every claim the app examples write under their `crossplane` profile is
 * turned into its composite resource and rendered by the real `crossplane render` with the real
 * function-patch-and-transform through the Composition of `examples/platform` it selects (test/crossplane/render.ts);
 * then the composite resource (its CRD derived from the platform's XRD by Crossplane's own code, installed by the
 * global setup) and every composed resource are applied with `kubectl apply --server-side` against the pinned
 * provider CRDs: no error, no warning, owner references to the live composite, and applying again changes nothing.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { ROOT, apply, diff, getObject, kubectl, parseYaml, toYaml } from './kube';
import { Platform, RenderedClaim, named, parsePlatform, renderClaim, stopFunction } from '../crossplane/render';

const GOLDEN = join(ROOT, 'test', 'golden');
const platform: Platform = parsePlatform(readFileSync(join(GOLDEN, 'platform', 'platform.k8s.yaml'), 'utf8'));
const claimKinds = new Set(platform.xrds.map((x) => `${x.spec.group}|${x.spec.claimNames.kind}`));

/** The clouds of the platform's Compositions (their `provider` label). */
const CLOUDS = [...new Set(platform.compositions.map((c) => c.metadata.labels?.provider as string))].sort();

/**
 * Every claim of the examples under their crossplane profile, through the Composition of every cloud that has one for
 * its kind (the examples select `provider: aws`; the same claim selecting another cloud goes through its Composition).
 */
const CLAIMS: Array<[string, any]> = ['wordpress', 'photos', 'worker', 'restore'].flatMap((app) =>
  parseYaml(readFileSync(join(GOLDEN, app, 'crossplane.k8s.yaml'), 'utf8'))
    .filter((o) => claimKinds.has(`${o.apiVersion.split('/')[0]}|${o.kind}`))
    .flatMap((claim) => CLOUDS.filter((cloud) => platform.compositions.some((c) => c.metadata.labels?.provider === cloud
      && c.spec.compositeTypeRef.kind === platform.xrds.find((x) => x.spec.claimNames.kind === claim.kind)?.spec.names.kind))
      .map((cloud) => [`${app}: ${claim.kind} ${claim.metadata.name} on ${cloud}`, {
        ...claim,
        metadata: { ...claim.metadata, name: cloud === 'aws' ? claim.metadata.name : `${claim.metadata.name}-${cloud}` },
        spec: { ...claim.spec, compositionSelector: { matchLabels: { ...claim.spec.compositionSelector.matchLabels, provider: cloud } } },
      }] as [string, any])));

/** The cluster resource name of a kind, as kubectl takes it (`<kind>.<group>`). */
function resourceOf(o: any): string {
  return `${o.kind.toLowerCase()}.${o.apiVersion.split('/')[0]}`;
}

afterAll(() => stopFunction());

test('the examples write claims of every kind the platform defines, rendered through every Composition', () => {
  expect(new Set(CLAIMS.map(([, c]) => `${c.apiVersion.split('/')[0]}|${c.kind}`))).toEqual(claimKinds);
  expect(CLOUDS).toEqual(['aws', 'gcp']);
  const used = new Set(CLAIMS.map(([, c]) => `${c.kind}|${c.spec.compositionSelector.matchLabels.provider}`));
  expect(used.size).toBe(platform.compositions.length);
});

describe.each(CLAIMS)('%s', (_label, claim) => {
  test('its composite and every composed resource apply cleanly and idempotently, owned by the live composite', async () => {
    const r: RenderedClaim = await renderClaim(claim, platform);
    expect(r.composed.length).toBeGreaterThan(0);

    // The composite as the claim syncer creates it (the server assigns its uid).
    const { uid: renderedUid, ...metadata } = r.composite.metadata;
    const composite = { ...r.composite, metadata };
    await apply(toYaml([composite]));
    const live = await getObject(resourceOf(composite), metadata.name);
    expect(live?.metadata.uid).toBeDefined();

    // The composed resources, with the names their generateName would get and owned by the live composite.
    const composed = r.composed.map((c) => {
      const o = named(c);
      delete o.status;
      o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).map((ref: any) =>
        (ref.uid === renderedUid ? { ...ref, uid: live.metadata.uid } : ref));
      return o;
    });
    for (const o of composed) {
      expect(o.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: composite.kind, name: metadata.name, uid: live.metadata.uid, controller: true }),
      ]);
    }
    const yaml = toYaml(composed);
    const out = await apply(yaml);
    expect(out.trim().split('\n')).toHaveLength(composed.length);
    expect(await diff(yaml)).toBe('');
    for (const o of composed) {
      const got = await getObject(resourceOf(o), o.metadata.name, o.metadata.namespace);
      expect(got?.metadata.ownerReferences?.[0]?.uid).toBe(live.metadata.uid);
    }
  });
});

test('a composite\'s restore is create-only: the API server refuses a change of it (the XRD\'s CEL rule)', async () => {
  const [, claim] = CLAIMS.find(([label]) => label === 'restore: Database orders-copy on aws')!;
  const { composite: rendered } = await renderClaim(claim, platform);
  const { uid: _uid, ...metadata } = rendered.metadata;
  const composite = { ...rendered, metadata: { ...metadata, name: `${metadata.name}-create-only` } };
  await apply(toYaml([composite]));
  expect((await getObject(resourceOf(composite), composite.metadata.name))?.spec.parameters.restore).toEqual({
    sourceIdentifier: 'prod-orders', pointInTime: '2026-12-01T09:00:00Z',
  });
  const restore = { sourceIdentifier: 'prod-orders', pointInTime: '2026-12-02T09:00:00Z' };
  const changed = { ...composite, spec: { ...composite.spec, parameters: { ...composite.spec.parameters, restore } } };
  const res = await kubectl(['apply', '--server-side', '--field-manager=kubectl', '-f', '-'], { input: toYaml([changed]), allowFailure: true });
  expect(res.code).not.toBe(0);
  expect(res.stderr).toContain('restore is read at creation only: it cannot change');
  await kubectl(['delete', resourceOf(composite), composite.metadata.name, '--ignore-not-found']);
});
