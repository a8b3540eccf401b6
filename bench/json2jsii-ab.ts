/**
 * `npx ts-node --transpile-only bench/json2jsii-ab.ts`: the effect of the import's linear undefined filter (the
 * json2jsii fix to propose upstream) on synth time. Copies the compiled `lib/` twice, with the generated modules
 * transpiled from json2jsii's output as is (`.bench/lib-reduce`) and post-processed (`.bench/lib-linear`), so the two
 * differ only there. Then measure each with the benchmark, e.g.:
 *
 *   BENCH_LIB=.bench/lib-reduce/index.js npx ts-node --transpile-only bench/run.ts --profiles in-cluster-operators,aws,gcp,crossplane
 *   BENCH_LIB=.bench/lib-linear/index.js npx ts-node --transpile-only bench/run.ts --profiles in-cluster-operators,aws,gcp,crossplane
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript'; // eslint-disable-line import/no-extraneous-dependencies -- dev tooling, not shipped
import { generate } from '../scripts/import-crds';

const ROOT = path.resolve(__dirname, '..');
const raw = path.join(ROOT, '.bench', 'raw-imports');
generate(raw, { postprocess: false });
for (const [name, dir] of [['lib-reduce', raw], ['lib-linear', path.join(ROOT, 'src', 'imports')]]) {
  const out = path.join(ROOT, '.bench', name);
  fs.rmSync(out, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'lib'), out, { recursive: true });
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 };
    const js = ts.transpileModule(fs.readFileSync(path.join(dir, file), 'utf8'), { compilerOptions: options }).outputText;
    fs.writeFileSync(path.join(out, 'imports', file.replace(/\.ts$/, '.js')), js);
  }
  console.log(`${out}/index.js`);
}
fs.rmSync(raw, { recursive: true, force: true });
