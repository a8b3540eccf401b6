/**
 * `npx projen rosetta:extract` part 2: jsii-rosetta compiles the examples of an assembly (its README and doc comments),
 * and the pages of docs/ are in no assembly. This writes `.jsii.docs`, the package's assembly with each page of docs/
 * as the README of a submodule of its own (`cdk8s-portable-data.docs_<page>`), next to `.jsii`, so that
 * `jsii-rosetta extract --strict .jsii.docs` compiles every ```ts block of docs/ with the fixtures of rosetta/ and the
 * installed packages, exactly as it compiles the README's (an error names the page's submodule).
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..');
const assembly = JSON.parse(readFileSync(join(ROOT, '.jsii'), 'utf8'));
const pages = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort();
const submodules: { [fqn: string]: unknown } = {};
for (const page of pages) {
  const fqn = `${assembly.name}.docs_${page.replace(/\.md$/, '').replace(/[^A-Za-z0-9]/g, '_')}`;
  submodules[fqn] = { readme: { markdown: readFileSync(join(ROOT, 'docs', page), 'utf8') }, locationInModule: { filename: `docs/${page}`, line: 1 } };
}
// The package's own README is extracted from `.jsii` already.
writeFileSync(join(ROOT, '.jsii.docs'), JSON.stringify({ ...assembly, readme: undefined, submodules: { ...assembly.submodules, ...submodules } }));
console.log(`.jsii.docs: ${pages.length} pages of docs/ (${pages.join(', ')})`);
