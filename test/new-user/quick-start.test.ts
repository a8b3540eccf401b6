import { readFileSync } from 'fs';
import { join } from 'path';
import { quickStart } from './run';
import '../../src';
import { environments } from '../../src/core/environment';

/**
 * `npx projen test:new-user` (./run.ts) runs the README's user quick start as written, in a fresh cdk8s app, on the
 * test API server. This keeps what it reads there in the shape it reads, without running it.
 */
const qs = quickStart(readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8'));

test('the quick start makes an app with cdk8s init and installs the package', () => {
  expect(qs.setup).toEqual(expect.arrayContaining(['cdk8s init typescript-app', 'npm install cdk8s-portable-data']));
});

test('the quick-start app uses cdk8s-plus-33, what cdk8s init installs, and synthesizes', () => {
  expect(qs.app).toMatch(/from 'cdk8s-plus-33'/);
  expect(qs.app).toMatch(/^app\.synth\(\);$/m);
});

test('the quick start synthesizes under every built-in profile', () => {
  const types = environments().map((e) => e.type);
  expect(types).toEqual(expect.arrayContaining(['in-cluster', 'aws', 'gcp', 'crossplane']));
  expect(qs.synth).toEqual([
    'npx cdk8s synth',
    ...types.filter((t) => t !== types[0]).map((t) => `PORTABLE_PROFILE=${t} npx cdk8s synth`),
  ]);
});
