/**
 * The Python side of the deploy-time programs: each file compiles (py_compile), and their unit tests
 * (test/programs/python/test_*.py, standard library unittest) pass.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const PROGRAMS = path.join(__dirname, '..', '..', 'src', 'programs');
const TESTS = path.join(__dirname, 'python');

function python(args: string[], cwd: string) {
  return spawnSync('python3', args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, PYTHONPATH: PROGRAMS, PYTHONDONTWRITEBYTECODE: '1' },
    timeout: 60_000,
  });
}

describe('Python programs', () => {
  test.each(fs.readdirSync(PROGRAMS).filter((f) => f.endsWith('.py')))('%s compiles (py_compile)', (file) => {
    const cfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pyc-')), `${file}c`);
    const r = python(['-c', 'import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)', path.join(PROGRAMS, file), cfile], PROGRAMS);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('the unit tests pass (python3 -m unittest)', () => {
    const r = python(['-m', 'unittest', 'discover', '-s', TESTS, '-p', 'test_*.py', '-v'], TESTS);
    expect({ status: r.status, tail: r.stderr.split('\n').slice(-4).join('\n') }).toEqual({ status: 0, tail: expect.stringMatching(/Ran \d+ tests[\s\S]*OK/) });
    expect(Number(/Ran (\d+) tests/.exec(r.stderr)![1])).toBeGreaterThanOrEqual(25);
  });
});
