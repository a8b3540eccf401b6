import { App, Chart, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { dnsLabelOf } from '../../src/private/names';

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
