// An app made by `cdk8s init typescript-app` today has cdk8s-plus-33 and no cdk8s-plus-27: here loading
// cdk8s-plus-27 fails, as it would there, so anything of the library that still needs it fails these tests.
jest.mock('cdk8s-plus-27', () => {
  throw new Error('cdk8s-plus-27 is not installed in this app');
});

import { readFileSync } from 'fs';
import { join } from 'path';
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { Construct } from 'constructs';
import { PortableMySQL, PortableObjectStore } from '../src';
import { newChart, oneOf, synth } from './util/synth';

const SECRET_KEY = (name: string, key: string) => ({ secretKeyRef: { name, key } });

function web(chart: Construct) {
  return new kplus.Deployment(chart, 'Web', { containers: [{ name: 'app', image: 'example/shop:1.0.0', portNumber: 8080 }] });
}

describe('the connection with cdk8s-plus-33 only', () => {
  test('envValue() goes to a cdk8s-plus-33 container', () => {
    const { chart } = newChart();
    const db = new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    web(chart).containers[0].env.addVariable('DATABASE_URL', db.connection.envValue('uri'));
    const env = oneOf(synth(chart), 'Deployment').spec.template.spec.containers[0].env;
    expect(env).toEqual([{ name: 'DATABASE_URL', valueFrom: SECRET_KEY('orders-db-connection', 'uri') }]);
  });

  test('envValue() is a Kubernetes EnvVar without its name (an ApiObject takes it too)', () => {
    const { chart } = newChart();
    const db = new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    expect(db.connection.envValue('host')).toEqual({ valueFrom: SECRET_KEY('orders-db-connection', 'host') });
    new k8s.KubePod(chart, 'Pod', {
      spec: { containers: [{ name: 'app', image: 'example/shop:1.0.0', env: [{ name: 'DB_HOST', ...db.connection.envValue('host') }] }] },
    });
    expect(ApiObject.of(chart.node.findChild('Pod')).toJson().spec.containers[0].env)
      .toEqual([{ name: 'DB_HOST', valueFrom: SECRET_KEY('orders-db-connection', 'host') }]);
  });

  test('injectEnv() fills a cdk8s-plus-33 container with every key', () => {
    const { chart } = newChart();
    const bucket = new PortableObjectStore(chart, 'Bucket', { name: 'photos' });
    bucket.connection.injectEnv(web(chart).containers[0], 'PHOTOS_');
    const env = oneOf(synth(chart), 'Deployment').spec.template.spec.containers[0].env;
    expect(env.map((e: any) => e.name)).toEqual(bucket.connection.keys.map((k) => `PHOTOS_${k.toUpperCase().replace(/[-.]/g, '_')}`));
    expect(env[0].valueFrom).toEqual(SECRET_KEY('photos-connection', bucket.connection.keys[0]));
  });

  test('fails when injectEnv() gets two services\' variables of one name in a cdk8s-plus-33 container', () => {
    const { chart } = newChart();
    const container = web(chart).containers[0];
    new PortableMySQL(chart, 'Orders', { name: 'orders-db' }).connection.injectEnv(container);
    expect(() => new PortableMySQL(chart, 'Billing', { name: 'billing-db' }).connection.injectEnv(container))
      .toThrow(/test\/Billing: invalid envPrefix "DB_": allowed: a prefix whose variables no other service sets in container "app" \(test\/Orders already sets DB_TYPE/);
  });

  test('fails when injectEnv() gets something that is not a container', () => {
    const { chart } = newChart();
    const db = new PortableMySQL(chart, 'Db');
    expect(() => db.connection.injectEnv({ name: 'app' } as any)).toThrow(
      'test/Db: invalid injectEnv container "a plain Object {\\"name\\":\\"app\\"}": allowed: a container of any cdk8s-plus major (an object whose env has addVariable()). '
      + 'Fix: use e.g. deployment.containers[0], or bind the workload: bind(deployment, { containers: [\'app\'] })');
  });
});

test('the package requires no cdk8s-plus: neither a peer nor a dependency', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  const required = [...Object.keys(pkg.peerDependencies ?? {}), ...Object.keys(pkg.dependencies ?? {})];
  expect(required.filter((name) => name.startsWith('cdk8s-plus'))).toEqual([]);
});
