import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as cdk8s from 'cdk8s';
import { App } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as constructs from 'constructs';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import * as lib from '../src';
import { registerPortableApis } from './util/portable-apis';
import { expectValid } from './util/schema';

/**
 * Every TypeScript example of the docs — the fenced ```ts blocks of README.md and docs/*.md, and the `@example` and the ```ts
 * blocks of the doc comment of every API element in the jsii assembly (`npx projen compile` first) — completed by
 * its rosetta fixture exactly as jsii-rosetta completes it (`npx projen rosetta:extract` type-checks them strictly in
 * the build), then run in a fresh app and synthesized under the default profile and under every profile the example
 * registers. Every object must validate strictly against the schemas, so an example cannot go stale at synth (a
 * value the construct rejects, an option a profile refuses) without failing here.
 */
const ROOT = join(__dirname, '..');
const README = join(ROOT, 'README.md');
/** The pages of the docs: the README, then docs/*.md (jsii-rosetta compiles the same ones, scripts/rosetta-docs.ts). */
const PAGES = [README, ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => join(ROOT, 'docs', f))];
const ASSEMBLY = join(ROOT, '.jsii');
const FIXTURES = join(ROOT, 'rosetta');

interface Snippet {
  /** Where it is: `README.md:<line>`, `docs/<page>.md:<line>` or `@example <Type>[.<member>]`. */
  readonly where: string;
  readonly source: string;
  /** The fixture's name, or undefined for `nofixture`. */
  readonly fixture: string | undefined;
}

/** `fixture=NAME` / `nofixture` of a fence's info string or of an `@exampleMetadata` tag. */
function fixtureOf(parameters: string): string | undefined {
  const words = parameters.trim().split(/\s+/).filter((w) => w);
  if (words.includes('nofixture')) return undefined;
  return words.find((w) => w.startsWith('fixture='))?.slice('fixture='.length) ?? 'default';
}

/** The fenced code blocks of a Markdown file (indented ones in list items too), with their language and line. */
function fencedBlocks(markdown: string): { line: number; lang: string; parameters: string; source: string }[] {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, lang, parameters] = open;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    expect(end).toBeGreaterThan(i);
    const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
    blocks.push({ line: i + 1, lang, parameters, source: body.join('\n') });
    i = end;
  }
  return blocks;
}

function pageSnippets(page: string): Snippet[] {
  const name = page === README ? 'README.md' : `docs/${page.slice(join(ROOT, 'docs').length + 1)}`;
  return fencedBlocks(readFileSync(page, 'utf8'))
    .filter((b) => b.lang === 'ts' || b.lang === 'typescript')
    .map((b) => ({ where: `${name}:${b.line}`, source: b.source, fixture: fixtureOf(b.parameters) }));
}

function readmeSnippets(): Snippet[] {
  return PAGES.flatMap(pageSnippets);
}

function assemblyTypes(): any[] {
  return Object.values(JSON.parse(readFileSync(ASSEMBLY, 'utf8')).types ?? {});
}

function exampleSnippets(): Snippet[] {
  const snippets: Snippet[] = [];
  const add = (where: string, docs: any) => {
    if (docs?.example) {
      snippets.push({ where: `@example ${where}`, source: docs.example, fixture: fixtureOf(docs.custom?.exampleMetadata ?? '') });
    }
    // jsii-rosetta also compiles the ```ts blocks of a doc comment's text.
    for (const block of fencedBlocks(docs?.remarks ?? '').filter((b) => b.lang === 'ts' || b.lang === 'typescript')) {
      snippets.push({ where: `doc comment of ${where}`, source: block.source, fixture: fixtureOf(block.parameters) });
    }
  };
  for (const type of assemblyTypes()) {
    add(type.name, type.docs);
    add(`${type.name} constructor`, type.initializer?.docs);
    for (const member of [...(type.methods ?? []), ...(type.properties ?? [])]) add(`${type.name}.${member.name}`, member.docs);
  }
  return snippets;
}

/** The snippet in its fixture, as jsii-rosetta builds it: the snippet's imports hoisted, the rest at `/// here`. */
function complete(snippet: Snippet): string {
  if (snippet.fixture === undefined) return snippet.source;
  const fixture = readFileSync(join(FIXTURES, `${snippet.fixture}.ts-fixture`), 'utf8');
  const file = ts.createSourceFile('snippet.ts', snippet.source, ts.ScriptTarget.ES2022, true);
  const imports = file.statements.filter(ts.isImportDeclaration).map((s) => s.getFullText()).join('');
  const statements = file.statements.filter((s) => !ts.isImportDeclaration(s)).map((s) => s.getFullText()).join('');
  return `${imports}\n${fixture.replace(/^\/\/\/ here\s*$/m, () => statements)}`;
}

/** The modules an example may import (the package itself is `src/`). */
const MODULES: { [name: string]: unknown } = { 'cdk8s-portable-data': lib, cdk8s, 'cdk8s-plus-27': kplus, constructs };

/** Runs a completed snippet and returns its `app`. */
function run(source: string): App {
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const resolve = (name: string) => {
    if (!(name in MODULES)) throw new Error(`an example imports ${name}: allowed: ${Object.keys(MODULES).join(', ')}`);
    return MODULES[name];
  };
  const app = new Function('require', 'exports', `${js}\nreturn typeof app === 'undefined' ? undefined : app;`)(resolve, {});
  expect(app).toBeInstanceOf(App);
  return app;
}

/** Runs the snippet with `PORTABLE_PROFILE` set (or unset) and synthesizes its app into objects (validating it). */
function synthesize(source: string, profile: string | undefined): { app: App; objs: any[] } {
  const before = process.env.PORTABLE_PROFILE;
  if (profile === undefined) delete process.env.PORTABLE_PROFILE;
  else process.env.PORTABLE_PROFILE = profile;
  try {
    const app = run(source);
    const objs = parseAllDocuments(app.synthYaml()).map((d) => d.toJSON()).filter((o) => o);
    return { app, objs };
  } finally {
    if (before === undefined) delete process.env.PORTABLE_PROFILE;
    else process.env.PORTABLE_PROFILE = before;
  }
}

const SNIPPETS = [...readmeSnippets(), ...exampleSnippets()];

// The examples run in a folder of their own: the profiles file of docs/profiles.md is there (`Profile.registerFile(app,
// 'profiles.yaml')`), and an example that calls `app.synth()` writes there.
const cwd = process.cwd();
const env = { CDK8S_OUTDIR: process.env.CDK8S_OUTDIR };
let workdir: string;
beforeAll(() => {
  registerPortableApis();
  workdir = mkdtempSync(join(tmpdir(), 'docs-snippets-'));
  const profilesFile = fencedBlocks(readFileSync(join(ROOT, 'docs', 'profiles.md'), 'utf8')).find((b) => b.lang === 'yaml' && /^profiles:/m.test(b.source));
  expect(profilesFile).toBeDefined();
  writeFileSync(join(workdir, 'profiles.yaml'), profilesFile!.source);
  process.chdir(workdir);
  process.env.CDK8S_OUTDIR = join(workdir, 'dist');
});
afterAll(() => {
  process.chdir(cwd);
  if (env.CDK8S_OUTDIR === undefined) delete process.env.CDK8S_OUTDIR;
  else process.env.CDK8S_OUTDIR = env.CDK8S_OUTDIR;
  rmSync(workdir, { recursive: true, force: true });
});

test('the docs have TypeScript examples, in the README, in docs/ and in the doc comments', () => {
  expect(pageSnippets(README).length).toBeGreaterThanOrEqual(2);
  expect(readmeSnippets().length).toBeGreaterThanOrEqual(12);
  expect(exampleSnippets().length).toBeGreaterThanOrEqual(25);
});

// `UPDATE_FIXTURES=1 npx jest test/docs-snippets.test.ts` rewrites the fixtures' import lists after a type was added.
test('every rosetta fixture imports every type of the package (so no example has to)', () => {
  const names = assemblyTypes().map((t) => t.name as string).sort();
  for (const fixture of ['default', 'imports', 'with-db']) {
    const file = join(FIXTURES, `${fixture}.ts-fixture`);
    if (process.env.UPDATE_FIXTURES === '1') {
      const list = `import {\n${names.map((n) => `  ${n},\n`).join('')}} from 'cdk8s-portable-data';`;
      writeFileSync(file, readFileSync(file, 'utf8').replace(/import \{[^}]*\} from 'cdk8s-portable-data';/, list));
    }
    const text = readFileSync(file, 'utf8');
    const imported = /import \{([^}]*)\} from 'cdk8s-portable-data';/.exec(text);
    expect([fixture, imported?.[1].split(',').map((n) => n.trim()).filter((n) => n)]).toEqual([fixture, names]);
    expect(text).toMatch(/^\/\/\/ here$/m);
  }
});

describe.each(SNIPPETS.map((s) => [s.where, s] as const))('%s', (_where, snippet) => {
  const source = complete(snippet);

  test('runs and synthesizes valid objects under the default profile and every profile it registers', () => {
    const { app, objs } = synthesize(source, undefined);
    expectValid(objs);
    // An example that declares a service or a platform synthesizes more than its fixture alone.
    if (/new (Portable\w+|Crossplane\w*Platform)\(/.test(snippet.source)) {
      const fixtureAlone = snippet.fixture === undefined ? [] : synthesize(complete({ ...snippet, source: '' }), undefined).objs;
      expect(objs.length).toBeGreaterThan(fixtureAlone.length);
    }
    for (const profile of lib.Profile.namesOf(app).filter((n) => n !== 'in-cluster')) {
      try {
        expectValid(synthesize(source, profile).objs);
      } catch (e) {
        throw new Error(`with PORTABLE_PROFILE=${profile}: ${(e as Error).message}`);
      }
    }
  });
});
