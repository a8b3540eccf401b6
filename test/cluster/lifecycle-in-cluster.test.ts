/**
 * The lifecycle on the test cluster for the profiles that run the services in the cluster (the StatefulSets, and the
 * operators' objects as they create them), and the section of docs/day-2.md rendered from the rows it checks.
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ROOT, parseYaml } from './kube';
import { lifecycleCases } from './lifecycle-cases';
import { LIFECYCLE, renderLifecycleTable } from './lifecycle-table';
import { killPrograms } from '../util/programs';

afterEach(() => killPrograms());

lifecycleCases([
  ['wordpress', 'in-cluster'], ['photos', 'in-cluster'], ['worker', 'in-cluster'],
  ['photos', 'in-cluster-operators'], ['worker', 'in-cluster-operators'],
]);

test('every backend × kind of the examples has a row, and every row an example (both lifecycle files run them all)', () => {
  const golden = join(ROOT, 'test', 'golden');
  const seen = new Set<string>();
  for (const example of ['photos', 'wordpress', 'worker']) {
    for (const file of readdirSync(join(golden, example))) {
      for (const job of parseYaml(readFileSync(join(golden, example, file), 'utf8')).filter((o) => o.kind === 'Job' && o.spec.template.spec.containers[0].name === 'binder')) {
        const spec = JSON.parse(job.spec.template.spec.containers[0].env.find((e: any) => e.name === 'BINDING_SPEC').value);
        seen.add(`${job.metadata.labels['portabledata.io/backend']}/${spec.values.type}`);
      }
    }
  }
  expect([...seen].sort()).toEqual(LIFECYCLE.map((r) => `${r.backend}/${r.type}`).sort());
});

test('docs/day-2.md\'s section on what the test cluster keeps is rendered from these rows (UPDATE_README=1 rewrites it)', () => {
  const file = join(ROOT, 'docs', 'day-2.md');
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf('<!-- cluster-lifecycle:start');
  const end = readme.indexOf('<!-- cluster-lifecycle:end -->');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const header = readme.slice(start, readme.indexOf('\n', start) + 1);
  const body = `${header}${renderLifecycleTable()}\n`;
  if (process.env.UPDATE_README === '1') writeFileSync(file, readme.slice(0, start) + body + readme.slice(end));
  expect(readFileSync(file, 'utf8').slice(start, readFileSync(file, 'utf8').indexOf('<!-- cluster-lifecycle:end -->'))).toBe(body);
});
