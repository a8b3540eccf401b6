import { readdirSync, readFileSync, statSync } from 'fs';
import { join, posix, relative, sep } from 'path';
import * as ts from 'typescript';
import { ServiceKind } from '../src';
import { environments } from '../src/core/environment';
import { kindModuleOf } from '../src/core/kind-module';

/**
 * The layout rules of `src/`. Comments do not count; `imports/` (generated) is not read.
 *
 * 1. An environment's name appears only in its own folder (`environments/<env>/`) and in the one list
 *    (`environments/index.ts`). Nothing else names one in a string literal or imports from an environment's folder;
 *    an environment imports another one's `catalog/` (shared provider knowledge, e.g. the RDS catalog that
 *    Crossplane's AWS composition uses) and the in-cluster base layer (`in-cluster/base-layer.ts`) only.
 * 2. `core/` and `private/` name no kind of service and no provider: the kinds live in `services/<kind>/`, the
 *    providers in their environments.
 * 3. Imports run one way: `index.ts` and `cli/` → `environments/` → `services/` → `core/` → `private/`.
 */

const SRC = join(__dirname, '..', 'src');
const LIST = 'environments/index.ts';
/** The in-cluster environment's file other environments may import: the base layer. */
const BASE_LAYER = ['in-cluster', 'base-layer'];

/**
 * Names of other environments that are an environment's own values: Crossplane composes for the clouds and selects
 * its Compositions with `{ provider: 'aws' }`.
 */
const OWN_VALUES: { [env: string]: readonly string[] } = {
  crossplane: ['aws', 'gcp', 'azure'],
};

/** A source file, its path relative to `src/` with `/` separators. */
interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** The environment folder a file is in, if any. */
function homeOf(path: string, envs: readonly string[]): string | undefined {
  const [top, env] = path.split('/');
  return top === 'environments' && envs.includes(env) && path !== LIST ? env : undefined;
}

/** The module specifiers of a file (imports, re-exports, `require` and `import()` calls) and its string literals. */
function scan(file: SourceFile): { specifiers: Array<{ value: string; line: number }>; literals: Array<{ value: string; line: number }> } {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
  const specifiers: Array<{ value: string; line: number }> = [];
  const literals: Array<{ value: string; line: number }> = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const isSpecifier = (node: ts.Node): boolean => {
    const parent = node.parent;
    if ((ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) && parent.moduleSpecifier === node) return true;
    if (ts.isExternalModuleReference(parent)) return true;
    if (ts.isLiteralTypeNode(parent) && ts.isImportTypeNode(parent.parent)) return true;
    return ts.isCallExpression(parent) && parent.arguments[0] === node
      && (parent.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(parent.expression) && parent.expression.text === 'require'));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      (isSpecifier(node) ? specifiers : literals).push({ value: node.text, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { specifiers, literals };
}

/** Every break of the layout rule in the files, as `<path>:<line>: <what>`. */
function layoutViolations(files: readonly SourceFile[], envs: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (file.path === LIST) continue;
    const home = homeOf(file.path, envs);
    const where = home ? `environments/${home}/` : 'outside every environment folder';
    const { specifiers, literals } = scan(file);
    for (const { value, line } of literals) {
      if (!envs.includes(value) || value === home || (home && OWN_VALUES[home]?.includes(value))) continue;
      out.push(`${file.path}:${line}: names the environment '${value}' (${where}); only environments/${value}/ and ${LIST} may`);
    }
    for (const { value, line } of specifiers) {
      if (!value.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file.path), value));
      const [top, env, ...rest] = target.split('/');
      if (top !== 'environments' || !envs.includes(env) || env === home) continue;
      if (home && (rest[0] === 'catalog' || (env === BASE_LAYER[0] && rest.join('/') === BASE_LAYER[1]))) continue;
      out.push(`${file.path}:${line}: imports ${target} (${where}); only environments/${env}/ and ${LIST} may`
        + `${home ? ', and other environments only its catalog/ (and in-cluster/base-layer)' : ''}`);
    }
  }
  return out;
}

/** The words of an identifier or a string: camelCase, PascalCase and punctuation split, lower-cased. */
function wordsOf(text: string): string[] {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/**
 * Provider identifiers, as words: the managed services and operators the environments target. A new provider is a
 * new word here.
 */
const PROVIDER_WORDS = ['rds', 'cloudsql', 'elasticache', 'memorystore', 'mq', 'gcs', 's3', 'ack', 'cnrm', 'cnpg', 'cloudnativepg',
  'rook', 'ceph', 'upbound', 'crossplane', 'rabbitmqcluster', 'versitygw', 'aws', 'gcp', 'azure'];

/** The words that name a kind: its name, its servicebinding.io type, its service class. */
function kindWords(): string[] {
  return ServiceKind.all().flatMap((k) => [k.name.replace(/-/g, ''), k.contract.type, kindModuleOf(k).construct.toLowerCase()])
    .concat(['valkey', 'amqp', 'bucket']);
}

/**
 * Every word of `core/` and `private/` code that names a kind or a provider (or, with `scope` and `forbidden`, of
 * other files and words), as `<path>:<line>: <what>`.
 */
function kindAndProviderViolations(files: readonly SourceFile[], scope = /^(core|private)\//,
  forbidden = new Set([...kindWords(), ...PROVIDER_WORDS])): string[] {
  const out: string[] = [];
  for (const file of files.filter((f) => scope.test(f.path) && !f.path.endsWith('.generated.ts'))) {
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const text = ts.isIdentifier(node) || ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)
        ? node.text : undefined;
      if (text !== undefined) {
        const words = wordsOf(text);
        const pairs = words.slice(1).map((w, i) => `${words[i]}${w}`);
        for (const w of new Set([...words, ...pairs].filter((x) => forbidden.has(x)))) {
          out.push(`${file.path}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: names '${w}' (${JSON.stringify(text)}); kinds live in services/, providers in environments/`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** The layers, from the top: a file may import its own layer and the layers below it. */
const LAYERS: Array<(path: string) => boolean> = [
  (p) => p === 'index.ts' || p.startsWith('cli/') || p === 'preflight/index.ts',
  (p) => p.startsWith('environments/'),
  (p) => p.startsWith('services/'),
  (p) => p.startsWith('core/') || p.startsWith('preflight/'),
  (p) => p.startsWith('private/') || p.startsWith('programs/') || p.startsWith('imports/'),
];

function layerOf(path: string): number {
  const i = LAYERS.findIndex((is) => is(path));
  if (i < 0) throw new Error(`${path} is in no layer of the layout test`);
  return i;
}

/** Every import from a higher layer, or of generated CRD types into services/ or core/, as `<path>:<line>: <what>`. */
function layerViolations(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const mine = layerOf(file.path);
    for (const { value, line } of scan(file).specifiers) {
      if (!value.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file.path), value));
      const path = target.endsWith('.ts') ? target : [`${target}.ts`, `${target}/index.ts`].find((t) => files.some((f) => f.path === t)) ?? `${target}.ts`;
      const theirs = layerOf(path);
      if (theirs < mine) {out.push(`${file.path}:${line}: imports ${target}, a higher layer (imports run index → environments → services → core → private)`);} else if (path.startsWith('imports/') && path !== 'imports/k8s.ts' && mine >= 2) {
        out.push(`${file.path}:${line}: imports the generated ${target}; only environments use CRD types`);
      }
    }
  }
  return out;
}

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    const rel = relative(SRC, path).split(sep).join('/');
    if (rel === 'imports') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [{ path: rel, text: readFileSync(path, 'utf8') }] : [];
  });
}

/** The environments: the folders of `src/environments/`. */
const ENVS = readdirSync(join(SRC, 'environments')).filter((name) => statSync(join(SRC, 'environments', name)).isDirectory()).sort();

describe('layout of src/', () => {
  test('core/ and private/ name no kind of service and no provider', () => {
    expect(kindAndProviderViolations(sourceFiles(SRC))).toEqual([]);
  });

  test('the command line\'s prerequisites name no provider: each environment states its own (Environment.prerequisites)', () => {
    expect(kindAndProviderViolations(sourceFiles(SRC), /^cli\/prerequisites\.ts$/, new Set(PROVIDER_WORDS))).toEqual([]);
  });

  test('fails when core/ or private/ names a kind or a provider', () => {
    const files = [
      { path: 'core/service.ts', text: "// mysql in a comment does not count\nconst x = 'postgres';\nfunction checkRdsParameter() {}\nconst ok = 'cacheable';" },
      { path: 'private/validate.ts', text: "export type T = 'ObjectStoreBindOptions';" },
      { path: 'services/cache/cache.ts', text: "const k = 'cache';" },
    ];
    expect(kindAndProviderViolations(files)).toEqual([
      'core/service.ts:2: names \'postgres\' ("postgres"); kinds live in services/, providers in environments/',
      'core/service.ts:3: names \'rds\' ("checkRdsParameter"); kinds live in services/, providers in environments/',
      'private/validate.ts:1: names \'objectstore\' ("ObjectStoreBindOptions"); kinds live in services/, providers in environments/',
    ]);
  });

  test('imports run one way: index and cli → environments → services → core → private', () => {
    expect(layerViolations(sourceFiles(SRC))).toEqual([]);
  });

  test('fails when a lower layer imports a higher one, or services/ import generated CRD types', () => {
    const files = [
      { path: 'core/profile.ts', text: "import { X } from '../services/cache/cache';\nimport { Y } from '../private/names';" },
      { path: 'private/names.ts', text: "import { Z } from '../core/kind';" },
      { path: 'services/cache/cache.ts', text: "import { R } from '../../imports/rds.services.k8s.aws';\nimport { E } from '../../environments';" },
      { path: 'environments/aws/cache.ts', text: "import { R } from '../../imports/rds.services.k8s.aws';" },
      { path: 'private/pods.ts', text: "import * as k8s from '../imports/k8s';" },
      { path: 'services/cache/index.ts', text: '' },
      { path: 'environments/index.ts', text: '' },
    ];
    expect(layerViolations(files)).toEqual([
      'core/profile.ts:1: imports services/cache/cache, a higher layer (imports run index → environments → services → core → private)',
      'private/names.ts:1: imports core/kind, a higher layer (imports run index → environments → services → core → private)',
      'services/cache/cache.ts:1: imports the generated imports/rds.services.k8s.aws; only environments use CRD types',
      'services/cache/cache.ts:2: imports environments, a higher layer (imports run index → environments → services → core → private)',
    ]);
  });

  test('the environments are the folders of src/environments/, one per registered environment', () => {
    expect(ENVS).toEqual(environments().map((e) => e.type).sort());
    expect(ENVS).toEqual(['aws', 'azure', 'crossplane', 'gcp', 'in-cluster']);
  });

  test('an environment is named only in its own folder and in the one list', () => {
    const files = sourceFiles(SRC);
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['index.ts', 'preflight/index.ts', 'cli/main.ts', LIST]));
    expect(files.some((f) => f.path.startsWith('imports/'))).toBe(false);
    expect(layoutViolations(files, ENVS)).toEqual([]);
  });

  test('fails when a file outside the environment folders names one or imports from its folder', () => {
    const text = [
      "import { preflightRds } from '../environments/aws/preflight';",
      "export * from '../environments/crossplane';",
      "// 'gcp' in a comment does not count, nor does /* 'aws' */ this",
      "const profiles = ['gcp', `in-cluster`, 'all'];",
      "const list = require('../environments');",
    ].join('\n');
    expect(layoutViolations([{ path: 'preflight/index.ts', text }], ENVS)).toEqual([
      "preflight/index.ts:4: names the environment 'gcp' (outside every environment folder); only environments/gcp/ and environments/index.ts may",
      "preflight/index.ts:4: names the environment 'in-cluster' (outside every environment folder); only environments/in-cluster/ and environments/index.ts may",
      'preflight/index.ts:1: imports environments/aws/preflight (outside every environment folder); only environments/aws/ and environments/index.ts may',
      'preflight/index.ts:2: imports environments/crossplane (outside every environment folder); only environments/crossplane/ and environments/index.ts may',
    ]);
  });

  test('fails when an environment names another one, or imports from another one\'s folder other than its catalog/', () => {
    const files = [
      { path: 'environments/crossplane/object-store.ts', text: "import { GCS_ENDPOINT } from '../gcp/object-store';\nexport const NAME = 'in-cluster';" },
      { path: 'environments/aws/database.ts', text: "export const OTHER = 'gcp';\nexport const MINE = 'aws';" },
      { path: 'environments/gcp/catalog/source.ts', text: "import { explain } from '../../aws/catalog/errors';" },
    ];
    expect(layoutViolations(files, ENVS)).toEqual([
      "environments/crossplane/object-store.ts:2: names the environment 'in-cluster' (environments/crossplane/); only environments/in-cluster/ and environments/index.ts may",
      'environments/crossplane/object-store.ts:1: imports environments/gcp/object-store (environments/crossplane/); only environments/gcp/ and environments/index.ts may, '
        + 'and other environments only its catalog/ (and in-cluster/base-layer)',
      "environments/aws/database.ts:1: names the environment 'gcp' (environments/aws/); only environments/gcp/ and environments/index.ts may",
    ]);
  });

  test('passes an environment\'s own names, another environment\'s catalog/, the in-cluster base layer, and the one list', () => {
    const files = [
      { path: 'environments/gcp/profile.ts', text: "import { queuesInClusterOr } from '../in-cluster/base-layer';" },
      { path: 'environments/crossplane/composition-aws.ts', text: "import { family } from '../aws/catalog/checks';\nconst selector = { provider: 'aws' };" },
      { path: 'environments/in-cluster/profile.ts', text: "export const TYPE = 'in-cluster';" },
      { path: LIST, text: "import { AWS } from './aws/profile';\nexport * from './gcp';\nconst first = 'in-cluster';" },
      { path: 'core/environment.ts', text: "require('../environments');\nconst t = 'awsome';" },
    ];
    expect(layoutViolations(files, ENVS)).toEqual([]);
  });
});
