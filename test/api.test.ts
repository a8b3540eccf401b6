import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

/**
 * The public API (the jsii assembly the build writes; `npx projen compile` first): no internals, and a `@default` on
 * every optional prop (Construct Hub and API.md show it; other languages have no other way to learn the default).
 */
const ASSEMBLY = join(__dirname, '..', '.jsii');

function types(): any[] {
  expect(existsSync(ASSEMBLY)).toBe(true);
  return Object.values(JSON.parse(readFileSync(ASSEMBLY, 'utf8')).types ?? {});
}

test('every optional property of every public struct and class says its @default', () => {
  const missing: string[] = [];
  for (const type of types()) {
    for (const prop of type.properties ?? []) {
      if (prop.optional && !prop.docs?.default) missing.push(`${type.name}.${prop.name}`);
    }
  }
  expect(missing).toEqual([]);
});

test('no backend, claim, binder, resolved spec or helper is part of the public API', () => {
  const names = types().map((t) => t.name as string);
  expect(names.filter((n) => /(Backend|Claim\w*|Binder|Spec|Binding|DeferredValue|WorkloadBindingContext|Capabilities|Connection)$/.test(n)
    && !['IServiceBackend', 'ProfileBackend', 'IConnection', 'CrossplaneClaimOptions'].includes(n))).toEqual([]);
  expect(names).toEqual(expect.arrayContaining(['Profile', 'ServiceKind', 'PortableMySQL', 'PortablePostgres', 'PortableObjectStore',
    'InClusterProfile', 'AwsProfile', 'GcpProfile', 'CrossplaneProfile', 'IConnection']));
});

test('every class has an example (Construct Hub shows it in every language; rosetta:extract compiles it)', () => {
  const classes = types().filter((t) => t.kind === 'class');
  expect(classes.length).toBeGreaterThanOrEqual(24);
  expect(classes.filter((t) => !t.docs?.example).map((t) => t.name)).toEqual([]);
});
