/**
 * What the test cluster serves besides Kubernetes' own kinds: every CRD pinned in schemas/crds, and the platform
 * example (its XRDs and Compositions, synthesized with `npx cdk8s synth` as a platform team would, and the claim CRDs
 * Crossplane derives from the XRDs). The suite's global setup and the new-user run (test/new-user) install them.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ClusterInfo } from './cluster';
import { ROOT, kubectlSync, toYaml } from './kube';

/** examples/platform synthesized as its README says (`npx cdk8s synth`). */
function platformYaml(): string {
  const out = mkdtempSync(join(tmpdir(), 'platform-'));
  try {
    execFileSync('npx', ['cdk8s', 'synth', '--output', out], { cwd: join(ROOT, 'examples', 'platform'), stdio: 'pipe', timeout: 180_000 });
    return readFileSync(join(out, 'platform.k8s.yaml'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Installs the pinned CRDs, the platform example and its claim CRDs, logging each step with its duration. */
export function installCrdsAndPlatform(info: ClusterInfo, log: (msg: string) => void): void {
  let t = Date.now();
  const platform = platformYaml();
  log(`examples/platform synthesized [${Date.now() - t} ms]`);

  t = Date.now();
  kubectlSync(info, ['apply', '--server-side', '--field-manager=kubectl', '-R', '-f', join(ROOT, 'schemas', 'crds')]);
  kubectlSync(info, ['wait', '--for=condition=Established', 'crd', '--all', '--timeout=120s']);
  // Azure Service Operator's CRDs convert between their versions through the operator's webhook, which the test
  // cluster does not run: without it the API server refuses every write. Strategy None relabels the stored
  // version instead (its schema is a superset of the hub version's), enough to store and read back what the
  // library writes; the conversion itself is ASO's and is not tested here.
  for (const file of readdirSync(join(ROOT, 'schemas', 'crds', 'azure-service-operator'))) {
    const [group, plural] = file.replace(/\.yaml$/, '').split('_');
    kubectlSync(info, ['patch', 'crd', `${plural}.${group}`, '--type=merge', '-p', JSON.stringify({ spec: { conversion: { strategy: 'None', webhook: null } } })]);
  }
  log(`the CRDs of schemas/crds installed [${Date.now() - t} ms]`);

  t = Date.now();
  kubectlSync(info, ['apply', '--server-side', '--field-manager=kubectl', '-f', '-'], platform);
  // From the XRDs as stored (with their uid: Crossplane makes each XRD the controller owner of its CRDs).
  const xrds = JSON.parse(kubectlSync(info, ['get', 'compositeresourcedefinitions', '-o', 'json'])).items;
  const claimCrds = execFileSync(join(info.binDir, 'xcrd'), { input: toYaml(xrds), stdio: 'pipe' }).toString();
  kubectlSync(info, ['apply', '--server-side', '--field-manager=kubectl', '-f', '-'], claimCrds);
  kubectlSync(info, ['wait', '--for=condition=Established', 'crd', '--all', '--timeout=120s']);
  log(`examples/platform applied, its claim CRDs installed [${Date.now() - t} ms]`);
}
