import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

/**
 * docs/languages.md shows the code of the language apps (test/languages), never a copy: each block that follows a
 * `<!-- snippet: <file>#<region> -->` line is the region between `docs:start <region>` and `docs:end <region>` of
 * that file, dedented. Its install table names the versions those apps install. `UPDATE_LANGUAGE_DOCS=1 npx jest
 * test/languages-docs` rewrites the blocks from the files (review the diff).
 */
const ROOT = join(__dirname, '..');
const DOC = join(ROOT, 'docs', 'languages.md');
const MARKER = /^<!-- snippet: (\S+)#(\S+) -->\n(?:\n```[^\n]*\n[\s\S]*?\n```\n)?/gm;

const FENCE: Record<string, string> = { py: 'python', java: 'java', xml: 'xml', go: 'go', mod: 'text' };

function region(file: string, name: string): string {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim().replace(/^(#|\/\/|<!--)\s*/, '').startsWith(`docs:start ${name}`));
  const end = lines.findIndex((l, i) => i > start && l.trim().replace(/^(#|\/\/|<!--)\s*/, '').startsWith(`docs:end ${name}`));
  if (start < 0 || end < 0) throw new Error(`${file} has no region ${name} (docs:start ${name} … docs:end ${name})`);
  const body = lines.slice(start + 1, end);
  while (body.length && !body[body.length - 1].trim()) body.pop();
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.match(/^[\t ]*/)![0].length));
  return body.map((l) => l.slice(indent)).join('\n');
}

function rendered(file: string, name: string): string {
  const ext = file.split('.').pop()!;
  return `<!-- snippet: ${file}#${name} -->\n\n\`\`\`${FENCE[ext] ?? ''}\n${region(file, name)}\n\`\`\`\n`;
}

const doc = readFileSync(DOC, 'utf8');
const snippets = [...doc.matchAll(MARKER)].map((m) => ({ text: m[0], file: m[1], name: m[2] }));

if (process.env.UPDATE_LANGUAGE_DOCS) {
  writeFileSync(DOC, doc.replace(MARKER, (_all, file, name) => rendered(file, name)));
}

test('every language app has its profiles, its WordPress chart, its cache and queue, and its errors on the page', () => {
  const shown = snippets.map((s) => `${s.file.split('/')[2]}:${s.name}`);
  for (const lang of ['python', 'java', 'go']) {
    for (const name of ['profiles', 'wordpress', 'shop', 'errors']) {
      expect(shown).toContain(`${lang}:${name}`);
    }
  }
});

test.each(snippets.map((s) => [`${s.file}#${s.name}`, s] as const))('the block of %s is that code', (_where, s) => {
  expect(s.text).toEqual(rendered(s.file, s.name));
});

describe('the install table names the versions the apps install', () => {
  const table = doc.split('\n').filter((l) => l.startsWith('| '));
  const row = (lang: string) => table.find((l) => l.startsWith(`| ${lang} `))!;
  const pacmak = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'jsii-pacmak', 'package.json'), 'utf8')).version;

  test('TypeScript: the versions the example and the golden files are built with', () => {
    for (const pkg of ['cdk8s', 'cdk8s-plus-33', 'constructs']) {
      const version = JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
      expect(row('TypeScript')).toContain(`\`${pkg}@${version}\``);
    }
  });

  test('Python: test/languages/python/requirements.txt, the jsii runtime of jsii-pacmak', () => {
    const pins = readFileSync(join(ROOT, 'test', 'languages', 'python', 'requirements.txt'), 'utf8').split('\n').filter((l) => l.includes('=='));
    expect(pins).toContain(`jsii==${pacmak}`);
    expect([...row('Python').matchAll(/`([\w-]+==[\w.]+)`/g)].map((m) => m[1]).sort()).toEqual(pins.sort());
  });

  test('Java: the dependencies of test/languages/java/pom.xml, the jsii runtime of jsii-pacmak', () => {
    const deps = [...region('test/languages/java/pom.xml', 'dependencies').matchAll(/<groupId>(.+)<\/groupId>\s*<artifactId>(.+)<\/artifactId>\s*<version>(.+)<\/version>/g)]
      .map((m) => `${m[1]}:${m[2]}:${m[3]}`).filter((d) => !d.startsWith('io.github.cdk8s-portable-data:'));
    expect([...row('Java').matchAll(/`([\w.-]+:[\w.-]+:[\w.]+)`/g)].map((m) => m[1]).sort())
      .toEqual([...deps, `software.amazon.jsii:jsii-runtime:${pacmak}`].sort());
  });

  test('Go: the requirements of test/languages/go/go.mod, the jsii runtime of jsii-pacmak', () => {
    const gomod = readFileSync(join(ROOT, 'test', 'languages', 'go', 'go.mod'), 'utf8');
    const required = region('test/languages/go/go.mod', 'require').split('\n').map((l) => l.trim())
      .filter((l) => /^\S+ v\S+$/.test(l) && !l.startsWith('github.com/cdk8s-portable-data/'));
    expect(gomod).toContain(`github.com/aws/jsii-runtime-go v${pacmak}`);
    expect([...row('Go').matchAll(/`(\S+ v[\w.]+)`/g)].map((m) => m[1]).sort()).toEqual(required.sort());
  });
});
