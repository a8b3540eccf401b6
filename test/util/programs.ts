/**
 * Runs the deploy-time programs (src/programs/*.py) the way a synthesized pod would: the files of the ConfigMaps the
 * pod mounts are written to a temporary directory, and the container's command is pointed there.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** What a program run produced. */
export interface ProgramRun {
  readonly code: number | null;
  readonly output: string;
  readonly timedOut: boolean;
}

const children = new Set<ChildProcess>();

/** Kills every program still running (call in `afterEach`). */
export function killPrograms(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

/**
 * Writes the ConfigMaps a pod spec mounts into `dir` and returns the container's command with each mount path
 * replaced by its directory there.
 */
export function materialize(objs: any[], podSpec: any, containerName: string, dir: string): string[] {
  const container = podSpec.containers.find((c: any) => c.name === containerName);
  if (!container) throw new Error(`no container ${containerName}`);
  let command: string[] = [...container.command, ...(container.args ?? [])];
  for (const mount of container.volumeMounts ?? []) {
    const volume = podSpec.volumes.find((v: any) => v.name === mount.name);
    if (!volume?.configMap) continue;
    const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === volume.configMap.name);
    if (!cm) throw new Error(`ConfigMap ${volume.configMap.name} is not synthesized`);
    const target = path.join(dir, mount.name);
    fs.mkdirSync(target, { recursive: true });
    for (const [file, text] of Object.entries(cm.data as { [k: string]: string })) fs.writeFileSync(path.join(target, file), text);
    command = command.map((c) => (c.startsWith(mount.mountPath + '/') ? target + c.slice(mount.mountPath.length) : c));
  }
  return command;
}

/** A fresh temporary directory. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs a command with exactly `env` (plus PATH); resolves when it exits or after `timeoutMs` (then killed). */
export function runProgram(command: string[], env: { [key: string]: string }, timeoutMs = 20_000): Promise<ProgramRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), {
      env: { PATH: process.env.PATH!, PYTHONDONTWRITEBYTECODE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, output, timedOut });
    });
  });
}
