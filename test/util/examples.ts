/**
 * The examples synthesized as a user synthesizes them: `npx cdk8s synth` in `examples/<name>`, with
 * `PORTABLE_PROFILE` naming the profile.
 */
import { execFile } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { parseAllDocuments } from 'yaml';

/** What one synth wrote: the YAML file and its objects. */
export interface Synthesized {
  readonly yaml: string;
  readonly objs: any[];
}

/**
 * Runs `npx cdk8s synth` in `examples/<name>` (`PORTABLE_PROFILE` empty when `profile` is undefined), expects the one
 * file `<name>.k8s.yaml`, and returns it parsed.
 */
export async function synthExample(name: string, profile: string | undefined): Promise<Synthesized> {
  const out = mkdtempSync(join(tmpdir(), `${name}-`));
  try {
    const env = { ...process.env, PORTABLE_PROFILE: profile ?? '' };
    await promisify(execFile)('npx', ['cdk8s', 'synth', '--output', out], { cwd: join(__dirname, '..', '..', 'examples', name), env, timeout: 120_000 });
    const files = readdirSync(out).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual([`${name}.k8s.yaml`]);
    const yaml = readFileSync(join(out, files[0]), 'utf8');
    return { yaml, objs: parseAllDocuments(yaml).map((d) => d.toJSON()).filter((o) => o) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Synthesizes `examples/<name>` under every profile, `concurrency` at a time (each synth is a Node process that
 * transpiles the library); the results are in the order of `profiles`.
 */
export async function synthExampleAll(name: string, profiles: Array<string | undefined>, concurrency = 2): Promise<Synthesized[]> {
  const results: Synthesized[] = new Array(profiles.length);
  let next = 0;
  const worker = async () => {
    while (next < profiles.length) {
      const i = next++;
      results[i] = await synthExample(name, profiles[i]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** The objects of one service (by its `app.kubernetes.io/instance` label). */
export function serviceObjects(objs: any[], instance: string): any[] {
  return objs.filter((o) => o.metadata.labels?.['app.kubernetes.io/instance'] === instance);
}
