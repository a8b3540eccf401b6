import { rmSync } from 'fs';
import { manifestsDir, sqlInstanceYaml } from './fixtures';
import { InClusterProfile } from '../../src';
import { Environment, registerEnvironment } from '../../src/core/environment';
import { runPreflight } from '../../src/preflight';
import { EnvironmentPreflight } from '../../src/preflight/environment-preflight';
import { ManifestObject, resourceOf } from '../../src/preflight/manifests';

/** An environment defined here, whose preflight checks the ConfigMaps it finds against a "live" list of names. */
interface EdgeOptions {
  readonly live?: readonly string[];
}
const calls: Array<{ found: string[]; options: EdgeOptions }> = [];
const EDGE_PREFLIGHT: EnvironmentPreflight<ManifestObject, EdgeOptions> = {
  describe: 'edge ConfigMap',
  profiles: 'an edge',
  api: 'Edge',
  sdks: ['@example/edge-sdk'],
  find: (objects) => objects.filter((m) => m.object.kind === 'ConfigMap'),
  run: async (found, options) => {
    calls.push({ found: found.map(resourceOf), options });
    return found.map((m) => (options.live ?? []).includes(m.object.metadata!.name!)
      ? { severity: 'info' as const, provider: 'edge', resource: resourceOf(m), message: 'exists' }
      : { severity: 'error' as const, provider: 'edge', resource: resourceOf(m), message: 'missing' });
  },
};
const EDGE: Environment = { type: 'edge', options: {}, costs: { shapes: [] }, create: () => new InClusterProfile(), preflight: EDGE_PREFLIGHT };
registerEnvironment(EDGE);

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n';

describe('the preflight of an environment defined outside the library', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    calls.length = 0;
  });

  test('runs for --profile <its type> with its own options, and only it', async () => {
    dir = manifestsDir({ 'a.yaml': CONFIG_MAP, 'b.yaml': sqlInstanceYaml() });
    const findings = await runPreflight({ dir, profile: 'edge', environments: { edge: { live: ['settings'] }, gcp: { source: 'never used' } } });
    expect(findings).toEqual([{ severity: 'info', provider: 'edge', resource: 'ConfigMap/settings (a.yaml)', message: 'exists' }]);
    expect(calls).toEqual([{ found: ['ConfigMap/settings (a.yaml)'], options: { live: ['settings'] } }]);
  });

  test('fails when the profile is unknown, listing it among the choices', async () => {
    dir = manifestsDir({});
    await expect(runPreflight({ dir, profile: 'onprem' })).rejects.toThrow('unknown --profile onprem: use aws, gcp, azure, edge or all');
  });

  test('fails when nothing is to check for any environment, naming each one\'s objects and profiles', async () => {
    dir = manifestsDir({ 'a.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n' });
    await expect(runPreflight({ dir })).rejects.toThrow(`nothing to check: the manifests in ${dir} hold no ACK DBInstance, no Config Connector SQLInstance, `
      + 'no ASO FlexibleServer and no edge ConfigMap; synthesize with an AWS, a GCP, an Azure or an edge profile first (PORTABLE_PROFILE=<its name> npx cdk8s synth)');
    expect(calls).toEqual([]);
  });
});
