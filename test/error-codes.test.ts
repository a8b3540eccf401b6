/**
 * Every synth error ends with the stable code of its kind of problem; the error table of docs/errors.md explains each code.
 * One representative per code here; test/bad-input.test.ts checks that every one of its messages has a code.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { HighAvailability, InClusterProfile, PortableMySQL, PortableQueue, Profile } from '../src';
import { newChart, synth } from './util/synth';
import { ERROR_CODES } from '../src/private/errors';

function codeOf(thunk: () => unknown): string | undefined {
  try {
    thunk();
  } catch (e) {
    return /\[(PD\d{3})\]$/.exec((e as Error).message)?.[1];
  }
  return undefined;
}

describe('error codes', () => {
  test('PD100: a value outside what is allowed', () => {
    const { chart } = newChart();
    expect(codeOf(() => new PortableMySQL(chart, 'Db', { storage: Size.mebibytes(100) }))).toBe('PD100');
  });

  test('PD200: a feature the profile\'s backend refuses', () => {
    const { chart } = newChart();
    expect(codeOf(() => new PortableQueue(chart, 'Q', { highAvailability: HighAvailability.REQUIRED }))).toBe('PD200');
  });

  test('PD300: profile selection', () => {
    const { app, chart } = newChart();
    Profile.register(app, new InClusterProfile({ name: 'dev' }));
    expect(codeOf(() => Profile.register(app, new InClusterProfile({ name: 'dev' })))).toBe('PD300');
    expect(codeOf(() => Profile.named(chart, 'prod'))).toBe('PD300');
  });

  test('PD400: a profiles file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'codes-')), 'profiles.yaml');
    fs.writeFileSync(file, 'profiles:\n  - type: aws\n    optionz: {}\n');
    const { app } = newChart();
    expect(codeOf(() => Profile.registerFile(app, file))).toBe('PD400');
  });

  test('PD500: two things that would clash', () => {
    const { chart } = newChart();
    new PortableMySQL(chart, 'A', { name: 'orders' });
    expect(codeOf(() => new PortableMySQL(chart, 'B', { name: 'orders' }))).toBe('PD500');
    const other = newChart();
    const a = new PortableMySQL(other.chart, 'A', { name: 'a' });
    const b = new PortableMySQL(other.chart, 'B', { name: 'b' });
    const web = new kplus.Deployment(other.chart, 'Web', { containers: [{ image: 'example.com/web:1.0.0' }] });
    a.bind(web);
    b.bind(web);
    expect(codeOf(() => synth(other.chart))).toBe('PD500');
  });

  test('the error table of docs/errors.md explains exactly these codes', () => {
    const section = fs.readFileSync(path.join(__dirname, '..', 'docs', 'errors.md'), 'utf8');
    const rows = [...section.matchAll(/^\| `(PD\d{3})` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(Object.values(ERROR_CODES));
  });
});
