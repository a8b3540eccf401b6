import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PortableCache, PortableMySQL, PortableObjectStore, PortablePostgres, PortableQueue, ServiceKind } from '../src';
import { DAY2_OPERATIONS, day2Cell, day2Tables, backendsOf } from './util/day2';
import { MATRIX_PROFILES, MATRIX_SERVICES } from './util/matrix';
import { environments } from '../src/core/environment';
import { answerOf, BIND_FEATURES, COMMON_FEATURES, Feature } from '../src/core/features';
import { BINDER_IMAGE, ImageRef } from '../src/core/images';
import { IKindBackend, kindModuleOf } from '../src/core/kind-module';
import { Support } from '../src/core/support';

/**
 * The docs' tables of what each backend honours (docs/capabilities.md) and of what `kubectl delete -f` keeps
 * (docs/day-2.md) are rendered from the kinds' feature tables and the backends' answers, so every line of them is the
 * code's own answer (and the feature matrix proves each answer). `UPDATE_README=1` rewrites them.
 */
const DOCS = join(__dirname, '..', 'docs');
const CAPABILITIES = join(DOCS, 'capabilities.md');
const DAY_2 = join(DOCS, 'day-2.md');
const INSTALL = join(DOCS, 'install.md');

/** The rows of a kind's table the README shows, each with its title: the kind's own, then the common ones. */
function rowsOf(kind: ServiceKind): { [row: string]: Feature<any, any> } {
  return { ...kindModuleOf(kind).features, ...COMMON_FEATURES, ...BIND_FEATURES };
}

/** The backends of the built-in profiles that serve a kind, by backend name (first profile that has it). */
function backends(kinds: ServiceKind[]): Map<string, { profile: string; caps: { [row: string]: Support } }> {
  const rows = rowsOf(kinds[0]);
  const out = new Map<string, { profile: string; caps: { [row: string]: Support } }>();
  for (const [name, make] of Object.entries(MATRIX_PROFILES)) {
    const profile = make();
    for (const kind of kinds.filter((k) => profile.kinds.includes(k))) {
      const b = profile.backendFor(kind) as IKindBackend<any, any, any>;
      const answers = b.capabilities as { [row: string]: any };
      // The answer to each row's sample: the README says what the row's title asks.
      const caps = Object.fromEntries(Object.entries(rows).map(([row, f]) => [row, answerOf(answers[row], f.sample)]));
      if (!out.has(b.name)) out.set(b.name, { profile: name, caps });
    }
  }
  return out;
}

function table(kinds: ServiceKind[]): string {
  const cols = backends(kinds);
  const names = [...cols.keys()];
  const features = Object.entries(rowsOf(kinds[0])).map(([row, f]) => [row, f.title] as const);
  const lines = [
    `| | ${names.map((n) => `\`${n}\``).join(' | ')} |`,
    `|---|${names.map(() => '---').join('|')}|`,
    ...features.map(([row, label]) => `| ${label} | ${names.map((n) => cols.get(n)!.caps[row].honoured ? '✓' : '✗').join(' | ')} |`),
    '',
    ...names.flatMap((n) => features.filter(([row]) => !cols.get(n)!.caps[row].honoured)
      .map(([row, label]) => `- \`${n}\`, ${label}: ${cols.get(n)!.caps[row].description}. Fix: ${cols.get(n)!.caps[row].fix}.`)),
  ];
  return lines.join('\n');
}

function rendered(): string {
  return [
    '<!-- capabilities:start (generated from the backends\' capabilities by test/readme.test.ts) -->',
    'Databases (`PortableMySQL`, `PortablePostgres`):',
    '',
    table([PortableMySQL.KIND, PortablePostgres.KIND]),
    '',
    'Object stores (`PortableObjectStore`):',
    '',
    table([PortableObjectStore.KIND]),
    '',
    'Caches (`PortableCache`):',
    '',
    table([PortableCache.KIND]),
    '',
    'Queues (`PortableQueue`; the GCP profile, and a Crossplane profile whose selector picks GCP, run them in the cluster with `queuesInCluster: true`):',
    '',
    table([PortableQueue.KIND]),
    '<!-- capabilities:end -->',
  ].join('\n');
}

/**
 * Per backend, what `kubectl delete -f` of the YAML keeps with `DeletionPolicy.RETAIN` and what a bound workload
 * gets: the backends' own words (`deletionRetain`, `bindDeployment`), each checked on the YAML of every built-in
 * profile by test/matrix/retain-and-access.test.ts.
 */
function keptAndGranted(): string {
  const kinds: [string, ServiceKind[]][] = [
    ['Databases', [PortableMySQL.KIND, PortablePostgres.KIND]],
    ['Object stores', [PortableObjectStore.KIND]],
    ['Caches (`RETAIN` is the default of `DURABLE` caches; `CACHE_ONLY` ones default to `DELETE`)', [PortableCache.KIND]],
    ['Queues', [PortableQueue.KIND]],
  ];
  return [
    '<!-- retain-and-access:start (generated from the backends\' capabilities by test/readme.test.ts; checked by test/matrix/retain-and-access.test.ts) -->',
    ...kinds.flatMap(([title, k]) => {
      const cols = backends(k);
      return [
        `${title}:`,
        '',
        '| backend | `kubectl delete -f` of the YAML, with `DeletionPolicy.RETAIN` | a bound workload gets |',
        '|---|---|---|',
        ...[...cols.entries()].map(([n, c]) => `| \`${n}\` | ${c.caps.deletionRetain.description} | ${c.caps.bindDeployment.description} |`),
        '',
      ];
    }),
    '<!-- retain-and-access:end -->',
  ].join('\n');
}

test('docs/day-2.md\'s table of what kubectl delete -f keeps and what a bound workload gets is the backends\' own answers, for every kind', () => {
  const page = readFileSync(DAY_2, 'utf8');
  const block = /<!-- retain-and-access:start[^]*?<!-- retain-and-access:end -->/;
  expect(page).toMatch(block);
  if (process.env.UPDATE_README === '1') writeFileSync(DAY_2, page.replace(block, keptAndGranted()));
  expect(readFileSync(DAY_2, 'utf8').match(block)![0]).toEqual(keptAndGranted());
  // A row per backend of every kind, the caches' and queues' too (ElastiCache, Memorystore, Amazon MQ, the claims, …).
  const kept = readFileSync(DAY_2, 'utf8').match(block)![0];
  for (const title of ['\nDatabases:\n', '\nObject stores:\n', '\nCaches', '\nQueues:\n']) expect(kept).toContain(title);
  for (const backend of ['aws-elasticache', 'gcp-memorystore', 'aws-mq']) expect(kept).toContain(`| \`${backend}\` |`);
});

test('docs/day-2.md\'s day-2 tables are the feature tables\' answers and what plan --diff says of each change, per kind and backend', () => {
  const page = readFileSync(DAY_2, 'utf8');
  const block = /<!-- day2-operations:start[^]*?<!-- day2-operations:end -->/;
  expect(page).toMatch(block);
  const tables = day2Tables();
  if (process.env.UPDATE_README === '1') writeFileSync(DAY_2, page.replace(block, tables));
  expect(readFileSync(DAY_2, 'utf8').match(block)![0]).toEqual(tables);
  for (const title of ['MySQL (`PortableMySQL`):', 'PostgreSQL (`PortablePostgres`):', 'Caches (`PortableCache`):', 'Queues (`PortableQueue`):']) expect(tables).toContain(`\n${title}\n`);
});

test('a feature row tagged with a day-2 operation is a column of its kind\'s day-2 table, with each backend\'s own answer', () => {
  // Every tag names an operation of the tables (a row tagged otherwise would be lost).
  const tags = MATRIX_SERVICES.flatMap((service) => Object.entries(rowsOf(service.kind))
    .filter(([, f]) => f.day2 !== undefined).map(([row, f]) => `${service.name} ${row}: ${f.day2}`));
  expect(tags).toContain('PortableCache restoreFromSnapshot: restore');
  expect(tags.filter((t) => !(DAY2_OPERATIONS as readonly string[]).includes(t.split(': ')[1]))).toEqual([]);
  // The cache's restoreFromSnapshot row: ElastiCache honours it, Memorystore refuses it with its fix.
  const cache = MATRIX_SERVICES.find((s) => s.name === 'PortableCache')!;
  const cacheBackends = backendsOf(cache);
  expect(day2Cell(cache, 'aws-elasticache', cacheBackends.get('aws-elasticache')!, 'restore')).toMatchObject({ honoured: true, source: 'feature', reason: expect.stringMatching(/^snapshotName/) });
  expect(day2Cell(cache, 'gcp-memorystore', cacheBackends.get('gcp-memorystore')!, 'restore'))
    .toMatchObject({ honoured: false, source: 'feature', reason: expect.stringMatching(/Fix: create the cache without restoreFrom, then import the RDB file/) });
  // A cell without a feature row is plan --diff's verdict on the change: a smaller RDS storage is refused.
  const pg = MATRIX_SERVICES.find((s) => s.name === 'PortablePostgres')!;
  expect(day2Cell(pg, 'aws-ack', backendsOf(pg).get('aws-ack')!, 'shrink')).toMatchObject({ honoured: false, source: 'plan --diff', consequence: 'refused' });
});

test('docs/capabilities.md\'s capability tables are the backends\' own answers', () => {
  const page = readFileSync(CAPABILITIES, 'utf8');
  const block = /<!-- capabilities:start[^]*?<!-- capabilities:end -->/;
  expect(page).toMatch(block);
  if (process.env.UPDATE_README === '1') writeFileSync(CAPABILITIES, page.replace(block, rendered()));
  expect(readFileSync(CAPABILITIES, 'utf8').match(block)![0]).toEqual(rendered());
});

test('docs/install.md\'s install lines use the package coordinates of every jsii target (.projenrc.ts → package.json)', () => {
  const readme = readFileSync(INSTALL, 'utf8');
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  const { python, java, dotnet, go } = pkg.jsii.targets;
  // jsii-pacmak's Go package: the npm name without its non-alphanumerics (a major version ≥ 2 would add /vN).
  const goPackage = `${go.moduleName}/${pkg.name.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
  const rows = [
    `| TypeScript / JavaScript (npm) | \`npm install ${pkg.name}\` (in an app made by \`cdk8s init typescript-app\`, which has \`cdk8s\`, \`cdk8s-plus-33\` and \`constructs\`) | \`import { PortableMySQL } from '${pkg.name}';\` |`,
    `| Python (PyPI) | \`pip install ${python.distName}\` | \`from ${python.module} import PortableMySQL\` |`,
    `| Java (Maven) | \`<dependency><groupId>${java.maven.groupId}</groupId><artifactId>${java.maven.artifactId}</artifactId></dependency>\` | \`import ${java.package}.PortableMySQL;\` |`,
    `| .NET (NuGet) | \`dotnet add package ${dotnet.packageId}\` | \`using ${dotnet.namespace};\` |`,
    `| Go | \`go get ${goPackage}\` | \`import "${goPackage}"\` |`,
  ];
  expect(Object.keys(pkg.jsii.targets).sort()).toEqual(['dotnet', 'go', 'java', 'python']);
  expect(rows.filter((row) => !readme.split('\n').includes(row))).toEqual([]);
});

/**
 * The values of every enum option of profiles files (what `profiles.schema.json`, generated from the loader's option
 * tables, allows), per option and type: a profiles file writes enums by value (`cloudnative-pg`), which the classes'
 * docs name by member (`PostgresOperator.CLOUDNATIVE_PG`).
 */
function profileFileEnums(): string {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'profiles.schema.json'), 'utf8'));
  const rows = new Map<string, { types: string[]; values: string[] }>();
  const walk = (node: any, path: string[], type: string) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node.enum)) {
      const key = `${path.join('.')}\u0000${node.enum.join(',')}`;
      const row = rows.get(key) ?? { types: [], values: node.enum };
      if (!row.types.includes(type)) row.types.push(type);
      rows.set(key, row);
      return;
    }
    for (const [name, child] of Object.entries(node.properties ?? {})) walk(child, [...path, name], type);
  };
  for (const entry of schema.definitions.profile.oneOf) walk(entry.properties.options, [], entry.properties.type.const);
  return [
    '<!-- profile-file-enums:start (generated from profiles.schema.json by test/readme.test.ts) -->',
    '| option | types | values |',
    '|---|---|---|',
    ...[...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, row]) =>
      `| \`${key.split('\u0000')[0]}\` | ${row.types.map((t) => `\`${t}\``).join(', ')} | ${row.values.map((v) => `\`${v}\``).join(', ')} |`),
    '<!-- profile-file-enums:end -->',
  ].join('\n');
}

test('docs/profiles.md lists the values of every enum option of profiles files, from the schema', () => {
  const file = join(DOCS, 'profiles.md');
  const page = readFileSync(file, 'utf8');
  const block = /<!-- profile-file-enums:start[^]*?<!-- profile-file-enums:end -->/;
  expect(page).toMatch(block);
  if (process.env.UPDATE_README === '1') writeFileSync(file, page.replace(block, profileFileEnums()));
  const listed = readFileSync(file, 'utf8').match(block)![0];
  expect(listed).toEqual(profileFileEnums());
  for (const value of ['rabbitmq-operators', 'cloudnative-pg', 'rook', 'retain', 'stable']) expect(listed).toContain(`\`${value}\``);
});

test('BindOptions.envPrefix\'s @default names the prefix of every kind', () => {
  const source = readFileSync(join(__dirname, '..', 'src', 'core', 'connection-api.ts'), 'utf8');
  const doc = /\/\*\*((?:(?!\*\/)[^])*)\*\/\s*readonly envPrefix\?: string;/.exec(source)![1];
  const defaults = doc.split('\n').filter((l) => l.includes('@default')).join(' ');
  for (const kind of ServiceKind.all()) expect({ kind: kind.name, defaults }).toEqual({ kind: kind.name, defaults: expect.stringContaining(`'${kind.contract.envPrefix}'`) });
});

/**
 * What each environment runs and how each image is pinned (by digest once `images:resolve` recorded one, else by tag
 * only), from the image table itself: every profile says what is pinned.
 */
function imagePins(): string {
  const pin = (image: ImageRef) => `\`${image.tagged}\` (${image.digest === undefined ? 'tag only' : 'tag and digest'})`;
  return [
    '<!-- image-pins:start (generated from the image table by test/readme.test.ts) -->',
    '| environment | images its profiles run | pinned by |',
    '|---|---|---|',
    ...environments().map((env) => {
      const images = [BINDER_IMAGE, ...(env.images ?? [])];
      const digests = images.filter((i) => i.digest !== undefined).length;
      const by = digests === 0 ? 'tag only (no digest recorded)' : digests === images.length ? 'tag and digest' : `tag and digest for ${digests} of ${images.length}, tag only for the others`;
      return `| \`${env.type}\` | ${images.map(pin).join(', ')} | ${by} |`;
    }),
    '<!-- image-pins:end -->',
  ].join('\n');
}

test('docs/profiles.md says, for every environment, which images its profiles run and how each is pinned', () => {
  const file = join(DOCS, 'profiles.md');
  const page = readFileSync(file, 'utf8');
  const block = /<!-- image-pins:start[^]*?<!-- image-pins:end -->/;
  expect(page).toMatch(block);
  if (process.env.UPDATE_README === '1') writeFileSync(file, page.replace(block, imagePins()));
  const listed = readFileSync(file, 'utf8').match(block)![0];
  expect(listed).toEqual(imagePins());
  for (const env of environments()) expect(listed).toContain(`| \`${env.type}\` |`);
  expect(listed).toContain(BINDER_IMAGE.tagged);
});
