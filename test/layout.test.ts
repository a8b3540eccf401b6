import { readdirSync, readFileSync, statSync } from 'fs';
import { join, posix, relative, sep } from 'path';
import * as ts from 'typescript';
import { environments } from '../src/core/environment';

/**
 * The layout rule of `src/`: an environment's name appears only in its own folder (`environments/<env>/`) and in
 * the one list (`environments/index.ts`). Nothing else names one in a string literal or imports from an
 * environment's folder; an environment imports another one's `catalog/` only (shared provider knowledge, e.g. the
 * RDS catalog that Crossplane's AWS composition uses). Comments do not count; `imports/` (generated) is not read.
 */

const SRC = join(__dirname, '..', 'src');
const LIST = 'environments/index.ts';

/**
 * Names of other environments that are an environment's own values: Crossplane composes for the clouds and selects
 * its Compositions with `{ provider: 'aws' }`.
 */
const OWN_VALUES: { [env: string]: readonly string[] } = {
  crossplane: ['aws', 'gcp'],
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
      if (home && rest[0] === 'catalog') continue;
      out.push(`${file.path}:${line}: imports ${target} (${where}); only environments/${env}/ and ${LIST} may`
        + `${home ? ', and other environments only its catalog/' : ''}`);
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
  test('the environments are the folders of src/environments/, one per registered environment', () => {
    expect(ENVS).toEqual(environments().map((e) => e.type).sort());
    expect(ENVS).toEqual(['aws', 'crossplane', 'gcp', 'in-cluster']);
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
        + 'and other environments only its catalog/',
      "environments/aws/database.ts:1: names the environment 'gcp' (environments/aws/); only environments/gcp/ and environments/index.ts may",
    ]);
  });

  test('passes an environment\'s own names, another environment\'s catalog/, and the one list', () => {
    const files = [
      { path: 'environments/crossplane/composition-aws.ts', text: "import { family } from '../aws/catalog/checks';\nconst selector = { provider: 'aws' };" },
      { path: 'environments/in-cluster/profile.ts', text: "export const TYPE = 'in-cluster';" },
      { path: LIST, text: "import { AWS } from './aws/profile';\nexport * from './gcp';\nconst first = 'in-cluster';" },
      { path: 'core/environment.ts', text: "require('../environments');\nconst t = 'awsome';" },
    ];
    expect(layoutViolations(files, ENVS)).toEqual([]);
  });
});
