import * as fs from 'fs';
import * as path from 'path';
import { azureProfile } from './fixture';
import { PortableCache, PortableMySQL, PortablePostgres, Profile } from '../../../src';
import { FakeKubeApi } from '../../util/fake-kube-api';
import { killPrograms, materialize, runProgram, tempDir } from '../../util/programs';
import { byKind, newChart, synth } from '../../util/synth';

/**
 * The binder writes the connection Secret from what ASO publishes: the server's FQDN in the ConfigMap
 * `operatorSpec.configMaps` names, the Redis host in the ConfigMap of `operatorSpec.configMapExpressions` and the access
 * key in the Secret of `operatorSpec.secrets` (data base64-encoded, as ASO writes Secrets).
 */
const NS = 'shop';
let api: FakeKubeApi;
let sa: string;
beforeAll(async () => {
  sa = tempDir('azure-sa-');
  fs.writeFileSync(path.join(sa, 'token'), 'token');
  api = await FakeKubeApi.start('token');
});
afterAll(async () => {
  killPrograms();
  await api.close();
  fs.rmSync(sa, { recursive: true, force: true });
});

async function bind(objs: any[], jobName: string) {
  const job = byKind(objs, 'Job').find((j) => j.metadata.name === jobName);
  const pod = job.spec.template.spec;
  const command = materialize(objs, pod, 'binder', tempDir('azure-binder-'));
  const env: { [key: string]: string } = {};
  for (const e of pod.containers[0].env) env[e.name] = e.value ?? NS;
  delete env.STATE_CONFIGMAP;
  return runProgram(command, { ...env, KUBERNETES_API_URL: api.url, SERVICEACCOUNT_DIR: sa, POLL_SECONDS: '0.05' });
}

const configMap = (name: string, data: { [key: string]: string }) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: NS }, data });

describe('the binder on Azure', () => {
  test('MySQL: the host from the FQDN ConfigMap ASO writes, the generated administrator password, ssl-mode=REQUIRED', async () => {
    const { chart } = newChart(NS);
    Profile.use(chart, azureProfile());
    const db = new PortableMySQL(chart, 'Db', { name: 'orders' });
    const objs = synth(chart);
    api.objects.set(`/api/v1/namespaces/${NS}/configmaps/orders-azure`, () => configMap('orders-azure', { host: 'orders.prod.mysql.database.azure.com' }));
    const r = await bind(objs, db.connection.binderJobName);
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/wrote connection Secret/) });
    const password = api.secretValues(NS, 'orders-credentials')!.password;
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(api.secretValues(NS, 'orders-connection')).toEqual({
      'type': 'mysql',
      'provider': 'azure-mysql',
      'host': 'orders.prod.mysql.database.azure.com',
      'port': '3306',
      'database': 'app',
      'username': 'app',
      password,
      'tls': 'true',
      'ssl-mode': 'REQUIRED',
      'uri': `mysql://app:${password}@orders.prod.mysql.database.azure.com:3306/app?ssl-mode=REQUIRED`,
    });
  });

  test('PostgreSQL: the same keys as every backend, sslmode=require', async () => {
    const { chart } = newChart(NS);
    Profile.use(chart, azureProfile());
    const db = new PortablePostgres(chart, 'Db', { name: 'reports' });
    const objs = synth(chart);
    api.objects.set(`/api/v1/namespaces/${NS}/configmaps/reports-azure`, () => configMap('reports-azure', { host: 'reports.prod.postgres.database.azure.com' }));
    const r = await bind(objs, db.connection.binderJobName);
    expect(r.code).toBe(0);
    const conn = api.secretValues(NS, 'reports-connection')!;
    expect(Object.keys(conn).sort()).toEqual(['database', 'host', 'password', 'port', 'provider', 'sslmode', 'tls', 'type', 'uri', 'username']);
    expect(conn).toMatchObject({ provider: 'azure-postgresql', host: 'reports.prod.postgres.database.azure.com', port: '5432', sslmode: 'require' });
  });

  test('Azure Managed Redis: the host from the ConfigMap of the CEL expression, the access key from the Secret ASO exports', async () => {
    const { chart } = newChart(NS);
    Profile.use(chart, azureProfile());
    const cache = new PortableCache(chart, 'Sessions', { name: 'sessions' });
    const objs = synth(chart);
    api.objects.set(`/api/v1/namespaces/${NS}/configmaps/sessions-azure`, () => configMap('sessions-azure', { host: 'sessions.westeurope.redis.azure.net' }));
    api.putSecret(NS, 'sessions-azure-keys', { primaryKey: 'k3y+/=' });
    const r = await bind(objs, cache.connection.binderJobName);
    expect({ code: r.code, output: r.output }).toEqual({ code: 0, output: expect.stringMatching(/wrote connection Secret/) });
    expect(api.secretValues(NS, 'sessions-connection')).toEqual({
      type: 'redis',
      provider: 'azure-managed-redis',
      host: 'sessions.westeurope.redis.azure.net',
      port: '10000',
      password: 'k3y+/=',
      ssl: 'true',
      uri: 'rediss://:k3y%2B%2F%3D@sessions.westeurope.redis.azure.net:10000',
    });
  });
});
