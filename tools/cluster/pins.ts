/**
 * The test cluster's binaries (test/cluster/): what is built, from which Go module, and where the build caches them.
 * The cache key is a hash of everything that decides the binaries (each module's go.mod and go.sum, the programs of
 * this folder and the build flags), so `npx projen cluster:build` builds again exactly when a pin changes. The build
 * (build.ts) and the test cluster (test/cluster/cluster.ts) both read it here.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';

/** This folder: `go.mod` (Kubernetes and etcd) and `xcrd/go.mod` (Crossplane's XRD → CRD conversion). */
export const TOOLS_DIR = __dirname;

/** One Go module of this folder and the packages built from it, each into a binary named after its last path element. */
export interface GoModule {
  /** The module's folder, relative to TOOLS_DIR. */
  readonly dir: string;
  /** Package paths (or `./…` folders of the module) built into the cache folder. */
  readonly packages: readonly string[];
}

export const MODULES: readonly GoModule[] = [
  {
    dir: '.',
    packages: [
      './etcd',
      'k8s.io/kubernetes/cmd/kube-apiserver',
      'k8s.io/kubernetes/cmd/kube-controller-manager',
      'k8s.io/kubernetes/cmd/kubectl',
    ],
  },
  { dir: 'xcrd', packages: ['.'] },
];

/** The binaries the test cluster runs, as named in the cache folder. */
export const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kubectl', 'xcrd'] as const;
export type Binary = typeof BINARIES[number];

/** The files whose content decides the binaries, relative to TOOLS_DIR. */
export const PINNED_FILES = ['go.mod', 'go.sum', 'etcd/main.go', 'xcrd/go.mod', 'xcrd/go.sum', 'xcrd/main.go'];

/** Go build flags (part of the key): no file paths in the binaries, no symbol table or DWARF (faster links). */
export const GO_BUILD_FLAGS = ['-trimpath', '-ldflags=-s -w'];

/** The module versions that matter, read from go.mod (for the build's log and the cluster's banner). */
export function pins(dir: string = TOOLS_DIR): { kubernetes: string; etcd: string; crossplane: string } {
  const required = (file: string, module: string): string => {
    const text = readFileSync(join(dir, file), 'utf8');
    const m = new RegExp(`^\\s*(?:require\\s+)?${module.replace(/[./]/g, '\\$&')}\\s+(v\\S+)`, 'm').exec(text);
    if (!m) throw new Error(`${file} does not require ${module}`);
    return m[1];
  };
  return {
    kubernetes: required('go.mod', 'k8s.io/kubernetes'),
    etcd: required('go.mod', 'go.etcd.io/etcd/server/v3'),
    crossplane: required('xcrd/go.mod', 'github.com/crossplane/crossplane/v2'),
  };
}

/** The first 16 hex digits of a SHA-256 over the pinned files (by name and content) and the build flags. */
export function cacheKey(dir: string = TOOLS_DIR): string {
  const h = createHash('sha256');
  for (const f of PINNED_FILES) h.update(`${f}\0`).update(readFileSync(join(dir, f))).update('\0');
  h.update(GO_BUILD_FLAGS.join(' '));
  return h.digest('hex').slice(0, 16);
}

/** `${XDG_CACHE_HOME:-$HOME/.cache}/cdk8s-portable-data/cluster`: one folder per key under it. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cdk8s-portable-data', 'cluster');
}

/** The folder holding the binaries of the current pins. */
export function binDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), cacheKey());
}
