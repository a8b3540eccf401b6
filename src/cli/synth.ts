import { execFile } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';

/**
 * Synthesizes the cdk8s app in `appDir` into `outDir`, with `PORTABLE_PROFILE=profile` (the environment as is when
 * `profile` is undefined). Rejects with the synth's own error output when it fails.
 */
export type SynthRunner = (appDir: string, profile: string | undefined, outDir: string) => Promise<void>;

/** Fails unless `appDir` is a cdk8s app folder (it has a `cdk8s.yaml`). */
export function checkAppDir(appDir: string): void {
  if (!existsSync(appDir)) throw new Error(`no folder ${appDir}: pass --app <the folder of the cdk8s app (with cdk8s.yaml)>`);
  if (!existsSync(join(appDir, 'cdk8s.yaml'))) {
    throw new Error(`no cdk8s app in ${appDir}: it has no cdk8s.yaml; pass --app <the folder of the cdk8s app>, or --dir <a synth output folder>`);
  }
}

/** `npx cdk8s synth --output <outDir>` in the app folder, as a user runs it. */
export const cdk8sSynth: SynthRunner = (appDir, profile, outDir) => new Promise((resolve, reject) => {
  const env = profile === undefined ? process.env : { ...process.env, PORTABLE_PROFILE: profile };
  execFile('npx', ['cdk8s', 'synth', '--output', outDir], { cwd: appDir, env, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
    if (!error) return resolve();
    const output = String(stderr).trim().split('\n').slice(-20).join('\n');
    reject(new Error(`npx cdk8s synth failed in ${appDir}${profile === undefined ? '' : ` with PORTABLE_PROFILE=${profile}`}:\n${output || error.message}`));
  });
});
