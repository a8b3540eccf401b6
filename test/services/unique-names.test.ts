import { Chart, Testing } from 'cdk8s';
import { InClusterProfile, PortableMySQL, PortableObjectStore, PortablePostgres, Profile } from '../../src';

/** An app with the in-cluster profile and charts of the given namespaces. */
function app(...namespaces: (string | undefined)[]): Chart[] {
  const a = Testing.app();
  Profile.use(a, new InClusterProfile());
  return namespaces.map((namespace, i) => new Chart(a, `c${i}`, { namespace }));
}

function collision(path: string, name: string, other: string, where: string): string {
  return `${path}: invalid name "${name}": allowed: a name no other service has in ${where}: ${other} has it, and both would `
    + `produce the same objects (the Secret ${name}-connection and the ones named ${name}). Fix: give ${path} or ${other} `
    + 'another name (the name prop), or put them in charts of different namespaces';
}

describe('service names are unique in a namespace', () => {
  test('fails when two charts of one namespace have a service of the same name', () => {
    const [a, b] = app('shop', 'shop');
    new PortablePostgres(a, 'Db', { name: 'orders' });
    expect(() => new PortablePostgres(b, 'Db', { name: 'orders' }))
      .toThrow(collision('c1/Db', 'orders', 'c0/Db', 'namespace "shop"'));
  });

  test('fails when a MySQL and a PostgreSQL database have the same name', () => {
    const [c] = app('shop');
    new PortableMySQL(c, 'Legacy', { name: 'orders' });
    expect(() => new PortablePostgres(c, 'Orders', { name: 'orders' }))
      .toThrow(collision('c0/Orders', 'orders', 'c0/Legacy', 'namespace "shop"'));
  });

  test('fails when a database and a bucket have the same name', () => {
    const [c] = app('shop');
    new PortableObjectStore(c, 'Store', { name: 'orders' });
    expect(() => new PortablePostgres(c, 'Db', { name: 'orders' }))
      .toThrow(collision('c0/Db', 'orders', 'c0/Store', 'namespace "shop"'));
  });

  test('fails when two charts without a namespace have a service of the same name', () => {
    const [a, b] = app(undefined, undefined);
    new PortableObjectStore(a, 'Store', { name: 'uploads' });
    expect(() => new PortableObjectStore(b, 'Store', { name: 'uploads' }))
      .toThrow(collision('c1/Store', 'uploads', 'c0/Store', 'charts without a namespace'));
  });

  test('the same name in different namespaces, or in different apps, is fine', () => {
    const [a, b] = app('shop', 'billing');
    new PortablePostgres(a, 'Db', { name: 'orders' });
    expect(new PortablePostgres(b, 'Db', { name: 'orders' }).name).toBe('orders');
    const [c] = app('shop');
    expect(new PortablePostgres(c, 'Db', { name: 'orders' }).name).toBe('orders');
  });
});
