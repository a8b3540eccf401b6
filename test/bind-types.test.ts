/**
 * The public type of `bind()` takes any workload: a cdk8s-plus-33 Deployment and an L1 `KubeDeployment` type-check
 * as they are (this file is compiled by `npx tsc --noEmit -p test/tsconfig.json`), and what is no construct does not.
 */
import { Testing } from 'cdk8s';
import * as kplus33 from 'cdk8s-plus-33';
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { PortableMySQL, PortableObjectStore } from '../src';
import { oneOf } from './util/synth';

test('a cdk8s-plus-33 Deployment and a KubeDeployment are bound as they are typed', () => {
  const chart = Testing.chart();
  const db = new PortableMySQL(chart, 'Db', { name: 'orders-db' });
  const store = new PortableObjectStore(chart, 'Store', { name: 'uploads' });
  const web: kplus33.Deployment = new kplus33.Deployment(chart, 'Web', { containers: [{ name: 'web', image: 'example.com/web:1.0.0' }] });
  const api: k8s.KubeDeployment = new k8s.KubeDeployment(chart, 'Api', {
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'example.com/api:1.0.0' }] } },
    },
  });
  db.bind(web);
  db.bind(api, { containers: ['api'], envPrefix: 'ORDERS_' });
  store.bind(web, { containers: ['web'], awsSdkEnv: true });
  // @ts-expect-error a name is not a workload
  expect(() => db.bind('web')).toThrow(/invalid bind\(workload\) "web"/);

  const objs = Testing.synth(chart);
  const names = (name: string) => oneOf(objs.filter((o) => o.metadata.name.includes(name)), 'Deployment')
    .spec.template.spec.containers[0].env.map((e: any) => e.name);
  expect(names('web')).toEqual(expect.arrayContaining(['DB_HOST', 'S3_BUCKET', 'AWS_REGION']));
  expect(names('api')).toEqual(expect.arrayContaining(['ORDERS_HOST', 'ORDERS_URI']));
});
