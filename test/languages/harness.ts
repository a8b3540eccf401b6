import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ERROR_CASES, LANGUAGES_DIR, shopYaml, typescriptError, wordpressYaml } from './reference';

export const ROOT = join(LANGUAGES_DIR, '..', '..');
/** What `npx projen package` builds with jsii-pacmak (the library's wheel, jar and Go module, and the Java and Go
 * cdk8s-plus-27 that the registries do not serve): see scripts/pacmak-languages.sh. */
export const PACMAK = join(ROOT, '.pacmak');
const GOLDEN = join(ROOT, 'test', 'golden', 'wordpress');

/**
 * The TypeScript example's WordPress Deployment is a cdk8s-plus-33 one, which writes two Kubernetes defaults
 * (`revisionHistoryLimit: 10`, `shareProcessNamespace: false`); the language apps build theirs with cdk8s-plus-27 (the
 * registries here serve no cdk8s-plus-33 for Java and Go), which leaves them out. Everything else, every object of
 * this library included, is compared byte for byte. Each line must be there once (the app's Deployment only).
 */
export function withoutPlus33Defaults(yaml: string): string {
  let out = yaml;
  for (const line of [/^ {2}revisionHistoryLimit: 10\n/m, /^ {6}shareProcessNamespace: false\n/m]) {
    const matches = out.match(new RegExp(line.source, 'gm')) ?? [];
    if (matches.length !== 1) throw new Error(`expected the WordPress Deployment's ${line.source} once, found ${matches.length}`);
    out = out.replace(line, '');
  }
  return out;
}

/** The four profiles of examples/wordpress (golden files), and the one the apps load from profiles.yaml. */
const GOLDEN_PROFILES = ['in-cluster', 'aws', 'gcp', 'crossplane'];
const FILE_PROFILE = 'aws-staging';

/** One language: how to install its app once, how to run it, and how its exceptions look. */
export interface Language {
  readonly name: string;
  /** Installs the app as a user would (into `work`, a fresh temporary folder) and returns the command that runs it. */
  readonly install: (work: string) => string[];
  /** The exception type the app reports for a case thrown by a constructor or by a method. */
  readonly errorType: (fromMethod: boolean) => string;
  /** The library's message in the exception's message (Java appends the JavaScript stack after it). */
  readonly messageOf: (message: string) => string;
}

/** Runs a command, and fails with its output when it fails. */
export function run(cmd: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): string {
  try {
    return execFileSync(cmd[0], cmd.slice(1), {
      cwd: options.cwd ?? LANGUAGES_DIR,
      env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20', ...options.env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeout ?? 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e: any) {
    throw new Error(`${cmd.join(' ')} failed (${e.status ?? e.signal}):\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** The one file in `dir` that built with jsii-pacmak, failing with how to build it when there is none. */
export function built(dir: string, suffix: string): string {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(suffix)) : [];
  if (files.length !== 1) {
    throw new Error(`expected one ${suffix} in ${dir}, found ${files.length}: run \`npx projen package\` (or \`npx projen pacmak:languages\`) first`);
  }
  return join(dir, files[0]);
}

/** Runs one mode of the app where the apps run (test/languages), with the synth output in a fresh folder. */
function synth(app: string[], mode: string, profile: string | undefined, file: string): string {
  const outdir = mkdtempSync(join(tmpdir(), 'languages-out-'));
  try {
    const env: NodeJS.ProcessEnv = { CDK8S_OUTDIR: outdir, PORTABLE_PROFILE: profile ?? '' };
    run([...app, mode], { env });
    expect(readdirSync(outdir)).toEqual([file]);
    return readFileSync(join(outdir, file), 'utf8');
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The suite every language runs: its app installed from the built package writes what the TypeScript example writes,
 * byte for byte, under every profile, and fails with TypeScript's messages as the language's own exceptions.
 */
export function describeLanguage(lang: Language): void {
  describe(`the ${lang.name} app`, () => {
    let work: string;
    let app: string[];

    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), `languages-${lang.name}-`));
      app = lang.install(work);
    }, 600_000);

    afterAll(() => {
      if (work) rmSync(work, { recursive: true, force: true });
    });

    test.each(GOLDEN_PROFILES)('writes the WordPress example\'s YAML byte for byte with PORTABLE_PROFILE=%s', (profile) => {
      const yaml = synth(app, 'wordpress', profile, 'wordpress.k8s.yaml');
      expect(yaml).toContain(`portabledata.io/profile: ${profile}`);
      expect(yaml).toEqual(withoutPlus33Defaults(readFileSync(join(GOLDEN, `${profile}.k8s.yaml`), 'utf8')));
    }, 120_000);

    test(`writes the WordPress example's YAML byte for byte with PORTABLE_PROFILE=${FILE_PROFILE}, a profile of its profiles file`, () => {
      const yaml = synth(app, 'wordpress', FILE_PROFILE, 'wordpress.k8s.yaml');
      // The file's AWS profile: its own prefix and labels, RDS through ACK.
      expect(yaml).toContain('portabledata.io/profile: aws-staging');
      expect(yaml).toContain('"dbInstanceIdentifier":"staging-wordpress-db"');
      expect(yaml).toContain('team: web');
      expect(yaml).toEqual(withoutPlus33Defaults(wordpressYaml(FILE_PROFILE)));
    }, 120_000);

    test.each([['in-cluster', undefined], ['aws', 'aws']])('declares a cache and a queue, byte for byte with TypeScript, on the %s profile', (_name, profile) => {
      const yaml = synth(app, 'shop', profile, 'shop.k8s.yaml');
      const kinds = [...yaml.matchAll(/^kind: (\S+)$/gm)].map((m) => m[1]);
      if (profile === 'aws') expect(kinds).toEqual(expect.arrayContaining(['ReplicationGroup', 'Broker', 'Deployment']));
      else expect(kinds.filter((k) => k === 'StatefulSet')).toHaveLength(2);
      expect(yaml).toEqual(shopYaml(profile));
    }, 120_000);

    describe('errors', () => {
      let reported: Array<{ case: string; error: string | null; message?: string }>;
      beforeAll(() => {
        reported = run([...app, 'errors']).trim().split('\n').map((line) => JSON.parse(line));
      }, 120_000);

      test('every case is reported once, in order', () => {
        expect(reported.map((r) => r.case)).toEqual(ERROR_CASES.map((c) => c.name));
      });

      test.each(ERROR_CASES.map((c) => [c.name, c] as const))('fails when %s, as the language\'s exception with TypeScript\'s message and code', (name, c) => {
        const expected = typescriptError(c);
        expect(expected).toMatch({ 'bad-value': /\[PD100\]$/, 'backend-refusal': /\[PD200\]$/, 'bad-profiles-file': /\[PD400\]$/ }[name]!);
        const r = reported.find((x) => x.case === name)!;
        expect(r.error).toBe(lang.errorType(c.fromMethod));
        // The jsii kernel reports an error of a method call as `Error: <message>`, of a constructor as `<message>`.
        expect(lang.messageOf(r.message!)).toBe(`${c.fromMethod ? 'Error: ' : ''}${expected}`);
      }, 60_000);
    });
  });
}
