import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ServiceKind } from '../src';
import { MATRIX_PROFILES } from './util/matrix';
import { ICapableBackend, Support } from '../src/core/capabilities';

/**
 * The README's tables of what each backend honours are rendered from the backends' capabilities, so every line of
 * them is the code's own answer (and the feature matrix proves each answer). `UPDATE_README=1` rewrites them.
 */
const README = join(__dirname, '..', 'README.md');

const FEATURES: { [kind: string]: { [capability: string]: string } } = {
  database: {
    highAvailability: '`HighAvailability.REQUIRED`',
    backups: 'backups (`Backup.daily()`)',
    engineParameters: '`parameters`',
    encryptionInTransit: 'TLS in transit (`requireTls`)',
    deletionRetain: '`DeletionPolicy.RETAIN`',
    deletionDelete: '`DeletionPolicy.DELETE`',
    bindDeployment: 'bind a Deployment',
    bindStatefulSet: 'bind a StatefulSet',
    bindJob: 'bind a Job',
    bindCronJob: 'bind a CronJob',
  },
  objectStore: {
    versioning: '`versioned`',
    expiration: '`expiration`',
    noncurrentVersionExpiration: '`noncurrentVersionExpiration`',
    deletionRetain: '`DeletionPolicy.RETAIN`',
    deletionDelete: '`DeletionPolicy.DELETE`',
    bindDeployment: 'bind a Deployment',
    bindStatefulSet: 'bind a StatefulSet',
    bindJob: 'bind a Job',
    bindCronJob: 'bind a CronJob',
  },
};

/** The backends of the built-in profiles that serve a kind, by backend name (first profile that has it). */
function backends(kinds: ServiceKind[]): Map<string, { profile: string; caps: { [key: string]: Support } }> {
  const out = new Map<string, { profile: string; caps: { [key: string]: Support } }>();
  for (const [name, make] of Object.entries(MATRIX_PROFILES)) {
    const profile = make();
    for (const kind of kinds) {
      const b = profile.backendFor(kind) as ICapableBackend;
      if (!out.has(b.name)) out.set(b.name, { profile: name, caps: b.capabilities as unknown as { [key: string]: Support } });
    }
  }
  return out;
}

function table(features: { [capability: string]: string }, kinds: ServiceKind[]): string {
  const cols = backends(kinds);
  const names = [...cols.keys()];
  const lines = [
    `| | ${names.map((n) => `\`${n}\``).join(' | ')} |`,
    `|---|${names.map(() => '---').join('|')}|`,
    ...Object.entries(features).map(([cap, label]) => `| ${label} | ${names.map((n) => cols.get(n)!.caps[cap].honoured ? '✓' : '✗').join(' | ')} |`),
    '',
    ...names.flatMap((n) => Object.entries(features).filter(([cap]) => !cols.get(n)!.caps[cap].honoured)
      .map(([cap, label]) => `- \`${n}\`, ${label}: ${cols.get(n)!.caps[cap].description}. Fix: ${cols.get(n)!.caps[cap].fix}.`)),
  ];
  return lines.join('\n');
}

function rendered(): string {
  return [
    '<!-- capabilities:start (generated from the backends\' capabilities by test/readme.test.ts) -->',
    'Databases (`PortableMySQL`, `PortablePostgres`):',
    '',
    table(FEATURES.database, [ServiceKind.MYSQL, ServiceKind.POSTGRES]),
    '',
    'Object stores (`PortableObjectStore`):',
    '',
    table(FEATURES.objectStore, [ServiceKind.OBJECT_STORE]),
    '<!-- capabilities:end -->',
  ].join('\n');
}

test('the README\'s capability tables are the backends\' own answers', () => {
  const readme = readFileSync(README, 'utf8');
  const block = /<!-- capabilities:start[^]*?<!-- capabilities:end -->/;
  expect(readme).toMatch(block);
  if (process.env.UPDATE_README === '1') writeFileSync(README, readme.replace(block, rendered()));
  expect(readFileSync(README, 'utf8').match(block)![0]).toEqual(rendered());
});
