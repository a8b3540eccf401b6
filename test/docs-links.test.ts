import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';

/**
 * Every link of the README, CONTRIBUTING.md and the pages of docs/ resolves: a relative link names a file or folder
 * of this repository (and, into a Markdown file, a heading of it), an absolute link into this repository on GitHub
 * names one that exists, an in-page anchor names a heading of the page. The README is read on npm and Construct Hub
 * too, which resolve relative links against nothing, so its links are absolute. User pages (the README and docs/)
 * never link into src/ or test/: neither ships, and a user has no use for them.
 */
const ROOT = join(__dirname, '..');
const REPOSITORY = 'https://github.com/cdk8s-portable-data/cdk8s-portable-data';
const README = join(ROOT, 'README.md');
const CONTRIBUTING = join(ROOT, 'CONTRIBUTING.md');
const DOCS = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => join(ROOT, 'docs', f));
const USER_PAGES = [README, ...DOCS];
const PAGES = [README, CONTRIBUTING, ...DOCS];

const rel = (file: string) => relative(ROOT, file).split(sep).join('/');

/** The Markdown text outside fenced code blocks and code spans (links inside code are not links). */
function prose(markdown: string): string {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line.replace(/(`+)[^`]*?\1/g, '');
  }).join('\n');
}

/** The targets of a page's inline links and images, `[text](target)`. */
export function linksOf(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[(?:[^\]\n]|\][^(])*?\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
}

/** GitHub's anchors for the headings of a page: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1].replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** What is wrong with one link of `page`, or undefined when it resolves. */
function problemOf(page: string, target: string): string | undefined {
  const [path, anchor] = target.split('#', 2) as [string, string | undefined];
  let file: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    if (!path.startsWith(`${REPOSITORY}/`) && path !== REPOSITORY) return undefined; // another site: not checked offline
    const inRepo = /^\/(blob|tree)\/main\/(.*)$/.exec(path.slice(REPOSITORY.length));
    if (!inRepo) return `${target}: a link into this repository must be ${REPOSITORY}/blob/main/<file> or /tree/main/<folder>`;
    file = join(ROOT, decodeURIComponent(inRepo[2]));
    if (!existsSync(file)) return `${target}: ${inRepo[2]} does not exist`;
    if ((inRepo[1] === 'tree') !== statSync(file).isDirectory()) return `${target}: use /${inRepo[1] === 'tree' ? 'blob' : 'tree'}/ for ${inRepo[2]}`;
  } else if (path === '') {
    file = page;
  } else {
    file = resolve(dirname(page), decodeURIComponent(path));
    if (!file.startsWith(ROOT + sep)) return `${target}: outside the repository`;
    if (!existsSync(file)) return `${target}: ${rel(file)} does not exist`;
  }
  if (USER_PAGES.includes(page) && /^(src|test)(\/|$)/.test(rel(file))) {
    return `${target}: a user page links into ${rel(file).split('/')[0]}/, which does not ship`;
  }
  if (page === README && !/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    return `${target}: the README is shown on npm and Construct Hub, which resolve relative links against nothing: use ${REPOSITORY}/blob/main/…`;
  }
  if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
    return `${target}: ${rel(file)} has no heading with the anchor #${anchor}`;
  }
  return undefined;
}

describe.each(PAGES.map((p) => [rel(p), p] as const))('%s', (_name, page) => {
  test('every link resolves', () => {
    const links = linksOf(readFileSync(page, 'utf8'));
    expect(links.map((l) => problemOf(page, l)).filter((p) => p !== undefined)).toEqual([]);
  });
});

test('the README links to every page of docs/', () => {
  const links = linksOf(readFileSync(README, 'utf8'));
  expect(DOCS.map(rel).filter((doc) => !links.includes(`${REPOSITORY}/blob/main/${doc}`))).toEqual([]);
});

test('the README stays a quick start (at most about 250 lines)', () => {
  expect(readFileSync(README, 'utf8').split('\n').length).toBeLessThanOrEqual(260);
});

describe('the checks themselves', () => {
  test('links in code are not links', () => {
    expect(linksOf('a [b](c.md) `[d](e.md)`\n```\n[f](g.md)\n```\n![i](j.png)')).toEqual(['c.md', 'j.png']);
  });

  test('anchors are GitHub\'s', () => {
    expect([...anchorsOf('# The test cluster (`test/cluster/`)\n## `plan`: what each profile deploys\n## A\n## A\n```\n# not\n```')])
      .toEqual(['the-test-cluster-testcluster', 'plan-what-each-profile-deploys', 'a', 'a-1']);
  });

  test('fails when a link names a missing file, a missing anchor, src/ or a relative path in the README', () => {
    expect(problemOf(join(ROOT, 'docs', 'cli.md'), 'nope.md')).toBe('nope.md: docs/nope.md does not exist');
    expect(problemOf(join(ROOT, 'docs', 'cli.md'), 'errors.md#nope')).toBe('errors.md#nope: docs/errors.md has no heading with the anchor #nope');
    expect(problemOf(join(ROOT, 'docs', 'cli.md'), '../src/index.ts')).toBe('../src/index.ts: a user page links into src/, which does not ship');
    expect(problemOf(README, `${REPOSITORY}/blob/main/test/readme.test.ts`)).toMatch(/links into test\//);
    expect(problemOf(README, 'docs/cli.md')).toMatch(/^docs\/cli\.md: the README is shown on npm and Construct Hub/);
    expect(problemOf(README, `${REPOSITORY}/blob/main/docs/nope.md`)).toBe(`${REPOSITORY}/blob/main/docs/nope.md: docs/nope.md does not exist`);
    expect(problemOf(CONTRIBUTING, 'src/index.ts')).toBeUndefined();
  });
});
