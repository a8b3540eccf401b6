import * as fs from 'fs';
import { dir, rows } from './bad-input.rows';

const CODE_SUFFIX = / \[PD[1-5]00\]$/;

describe('bad input on the Azure profile', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the table has at least 40 cases, each named "fails when …" and once', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    for (const [name] of rows) expect(name).toMatch(/^fails when /);
  });

  if (process.env.DUMP_BAD_INPUT) {
    test('dump', () => {
      const out: string[] = [];
      for (const [name, thunk] of rows) {
        try {
          thunk();
          out.push(`${name}\n  NO ERROR`);
        } catch (e: any) {
          out.push(`${name}\n  ${e?.constructor?.name}: ${String(e?.message).split(dir).join('<dir>')}`);
        }
      }
      fs.writeFileSync(process.env.DUMP_BAD_INPUT!, out.join('\n'));
    });
    return;
  }

  test.each(rows)('%s', (_name, thunk, expected) => {
    let error: unknown;
    try {
      thunk();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const err = error as Error;
    expect(err.constructor).toBe(Error);
    expect(err.message).toMatch(CODE_SUFFIX);
    expect(err.message.split(dir).join('<dir>')).toBe(expected);
    expect(err.message).not.toMatch(/\[object Object\]/);
  });
});
