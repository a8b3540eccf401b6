import { createHash } from 'crypto';
import { App, Chart, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { dnsLabelOf, sha256Hex } from '../../src/private/names';

test('dnsLabelOf is Names.toDnsLabel, for ids with upper case, non-ASCII letters and long paths', () => {
  const chart = new Chart(new App(), 'Shop-Prod');
  const ids = ['Db', 'OrdersDB', `Svc${1}`, 'Ünïcödé-İstanbul', 'a'.repeat(80), 'with.dots_and-dashes'];
  for (const id of ids) {
    const scope = new Construct(new Construct(chart, `Group${id.length}`), id);
    for (const maxLen of [40, 55]) {
      const label = dnsLabelOf(scope, maxLen);
      expect(label).toEqual(Names.toDnsLabel(scope, { maxLen }));
      expect(label).toMatch(/^[\x21-\x7e]+$/); // ASCII: its Latin-1 copy is exact
    }
  }
});

describe('sha256Hex', () => {
  const inputs = ['', 'orders-db', 'ünïcödé ✓', 'x'.repeat(5000)];
  const expected = inputs.map((s) => createHash('sha256').update(s).digest('hex'));

  test('is the hex SHA-256 of the UTF-8 bytes', () => {
    expect(inputs.map(sha256Hex)).toEqual(expected);
  });

  test('is the same where Node has no one-call crypto.hash (before 20.12)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, to patch
    const crypto = require('crypto');
    const original = crypto.hash;
    crypto.hash = undefined;
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy that reads the patched module
        const isolated: typeof import('../../src/private/names') = require('../../src/private/names');
        expect(inputs.map(isolated.sha256Hex)).toEqual(expected);
      });
    } finally {
      crypto.hash = original;
    }
  });
});
