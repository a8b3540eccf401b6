import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { registerPortableApis } from '../util/portable-apis';
import { expectValid } from '../util/schema';
import { byKind, oneOf } from '../util/synth';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'wordpress');
const PROFILES = ['in-cluster', 'aws', 'gcp', 'crossplane'];

/** Runs `npx cdk8s synth` in the example's folder, as a user would, and returns the parsed objects. */
function cdk8sSynth(profile: string | undefined): { yaml: string; objs: any[] } {
  const out = mkdtempSync(join(tmpdir(), 'wordpress-'));
  try {
    const env = { ...process.env, PORTABLE_PROFILE: profile ?? '' };
    execFileSync('npx', ['cdk8s', 'synth', '--output', out], { cwd: EXAMPLE, env, stdio: 'pipe', timeout: 120_000 });
    const files = readdirSync(out).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(['wordpress.k8s.yaml']);
    const yaml = readFileSync(join(out, files[0]), 'utf8');
    return { yaml, objs: parseAllDocuments(yaml).map((d) => d.toJSON()).filter((o) => o) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

beforeAll(() => registerPortableApis());

const results: { [profile: string]: { yaml: string; objs: any[] } } = {};
beforeAll(() => {
  for (const p of PROFILES) results[p] = cdk8sSynth(p);
}, 600_000);

describe.each(PROFILES)('examples/wordpress with PORTABLE_PROFILE=%s', (profile) => {
  test('synthesizes with `npx cdk8s synth`, and every object validates strictly', () => {
    const { objs } = results[profile];
    expect(objs.length).toBeGreaterThan(5);
    expectValid(objs);
  });

  test('MySQL is served by the profile\'s backend', () => {
    const job = oneOf(results[profile].objs, 'Job');
    const backend = { 'in-cluster': 'in-cluster', 'aws': 'aws-ack', 'gcp': 'gcp-kcc', 'crossplane': 'crossplane' }[profile];
    expect(job.metadata.labels['portabledata.io/backend']).toBe(backend);
  });

  test('WordPress binds to the same connection Secret, with the same variables', () => {
    const web = byKind(results[profile].objs, 'Deployment').find((d) => d.metadata.name.includes('wordpress'));
    const container = web.spec.template.spec.containers.find((c: any) => c.name === 'wordpress');
    const fromSecret = container.env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => [e.name, e.valueFrom.secretKeyRef]);
    // The driver negotiates TLS itself on RDS and Crossplane (ssl-mode); in-cluster is plaintext, on GCP the proxy encrypts.
    const driverTls = profile === 'aws' || profile === 'crossplane';
    expect(fromSecret).toEqual(['type', 'provider', 'host', 'port', 'database', 'username', 'password', 'tls', 'uri', ...(driverTls ? ['ssl-mode'] : [])]
      .map((key) => [`DB_${key.toUpperCase().replace(/-/g, '_')}`, { name: 'wordpress-db-connection', key }]));
    expect(container.env).toContainEqual({
      name: 'WORDPRESS_CONFIG_EXTRA',
      value: "define('MYSQL_CLIENT_FLAGS', getenv('DB_SSL_MODE') === 'REQUIRED' ? MYSQLI_CLIENT_SSL | MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT : 0);",
    });
    expect(container.env).toContainEqual({ name: 'WORDPRESS_DB_HOST', value: '$(DB_HOST):$(DB_PORT)' });
    expect(container.env).toContainEqual({ name: 'WORDPRESS_DB_PASSWORD', value: '$(DB_PASSWORD)' });
  });

  test('the WordPress container drops every capability but the few Apache and the entrypoint need', () => {
    const wordpress = byKind(results[profile].objs, 'Deployment').find((d) => d.metadata.name.includes('wordpress'));
    const container = wordpress.spec.template.spec.containers.find((c: any) => c.name === 'wordpress');
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'] },
    });
    expect(wordpress.spec.template.spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  test('no Secret and no password in the YAML', () => {
    expect(byKind(results[profile].objs, 'Secret')).toEqual([]);
    expect(results[profile].yaml).not.toMatch(/stringData:/);
  });
});

test('without PORTABLE_PROFILE the example synthesizes the in-cluster profile, byte for byte', () => {
  expect(cdk8sSynth(undefined).yaml).toEqual(results['in-cluster'].yaml);
}, 120_000);

test('a second synth gives byte-identical YAML for every profile', () => {
  for (const p of PROFILES) expect(cdk8sSynth(p).yaml).toEqual(results[p].yaml);
}, 600_000);

test('fails when PORTABLE_PROFILE names an unknown profile, listing the known ones', () => {
  expect(() => cdk8sSynth('onprem')).toThrow(/PORTABLE_PROFILE: invalid profile name "onprem": allowed: one of aws, azure, crossplane, gcp, in-cluster/);
}, 120_000);
