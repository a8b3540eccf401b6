import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import type * as YamlModule from 'yaml';

/**
 * `yaml` loads on first use: the environments' preflight checks import this module, so a top-level import made every
 * `require` of the library load the YAML parser (about 10 ms) that only `readManifests` needs.
 */
let yamlModule: typeof YamlModule | undefined;
function yaml(): typeof YamlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml'));
}

/** A Kubernetes object read from a synthesized manifest. */
export interface ManifestObject {
  /** File it came from, relative to the directory read. */
  readonly file: string;
  /** The object. */
  readonly object: {
    apiVersion?: string;
    kind?: string;
    metadata?: { name?: string; namespace?: string; labels?: { [k: string]: string }; annotations?: { [k: string]: string } };
    spec?: any;
  };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Every object of every YAML file under `dir` (multi-document files included), in file order. */
export function readManifests(dir: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const path of yamlFiles(dir)) {
    for (const doc of yaml().parseAllDocuments(readFileSync(path, 'utf8'))) {
      if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0].message}`);
      const object = doc.toJS();
      if (object && typeof object === 'object') out.push({ file: relative(dir, path), object });
    }
  }
  return out;
}

/**
 * Every object of the synthesized manifests in `dir`; fails when the folder does not exist, is not a folder, or
 * holds no Kubernetes object (a wrong `--dir` or a synth that did not run must never pass as "nothing to do").
 */
export function readManifestDir(dir: string): ManifestObject[] {
  const fix = 'synthesize first (npx cdk8s synth) or pass --dir <the synth output folder>';
  if (!existsSync(dir)) throw new Error(`no folder ${dir}: ${fix}`);
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder: pass --dir <the synth output folder>`);
  const objects = readManifests(dir);
  if (objects.length === 0) throw new Error(`no manifests in ${dir}: it holds no YAML file with a Kubernetes object; ${fix}`);
  return objects;
}

/** How findings name an object: `<kind>/<name> (<file>)`. */
export function resourceOf({ file, object }: ManifestObject): string {
  return `${object.kind}/${object.metadata?.name} (${file})`;
}
