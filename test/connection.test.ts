import * as kplus from 'cdk8s-plus-27';
// The user's own `cdk8s import k8s` classes (cdk8s-plus-33 ships that import).
import * as k8s from 'cdk8s-plus-33/lib/imports/k8s';
import { Construct } from 'constructs';
import { PortableMySQL, Profile } from '../src';
import { PROFILES } from './profiles.fixture';
import { newChart, oneOf, synth } from './util/synth';

/** A Deployment running as its own ServiceAccount (cloud identities, e.g. GKE Workload Identity, bind to it). */
function deploymentOf(chart: Construct) {
  const serviceAccount = new kplus.ServiceAccount(chart, 'WebSa', { metadata: { name: 'web' } });
  return new kplus.Deployment(chart, 'Web', { containers: [{ name: 'app', image: 'example/shop:1.0.0', portNumber: 8080 }], serviceAccount });
}

describe('Connection', () => {
  test('envValue reads one key of the connection Secret', () => {
    const { chart } = newChart();
    const db = new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    const web = deploymentOf(chart);
    web.containers[0].env.addVariable('MYSQL_URL', db.connection.envValue('uri'));
    const env = oneOf(synth(chart), 'Deployment').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'MYSQL_URL', valueFrom: { secretKeyRef: { name: 'orders-db-connection', key: 'uri' } } });
  });

  test('fails when a key is not part of the contract', () => {
    const { chart } = newChart();
    const db = new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    expect(() => db.connection.envValue('hostname')).toThrow(
      /test\/Db: invalid connection key "hostname": allowed: type, provider, host, port, database, username, password, tls, uri/);
  });

  test('a custom prefix names the variables; env can be switched off', () => {
    const { chart } = newChart();
    const db = new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    const web = deploymentOf(chart);
    db.bind(web, { envPrefix: 'ORDERS_DB_' });
    const names = oneOf(synth(chart), 'Deployment').spec.template.spec.containers[0].env.map((e: any) => e.name);
    expect(names).toEqual(['ORDERS_DB_TYPE', 'ORDERS_DB_PROVIDER', 'ORDERS_DB_HOST', 'ORDERS_DB_PORT', 'ORDERS_DB_DATABASE',
      'ORDERS_DB_USERNAME', 'ORDERS_DB_PASSWORD', 'ORDERS_DB_TLS', 'ORDERS_DB_URI']);

    const other = newChart();
    const db2 = new PortableMySQL(other.chart, 'Db', { name: 'orders-db' });
    db2.bind(deploymentOf(other.chart), { env: false, mount: true, bindingName: 'orders' });
    const c = oneOf(synth(other.chart), 'Deployment').spec.template.spec.containers[0];
    expect(c.env).toEqual([{ name: 'SERVICE_BINDING_ROOT', value: '/bindings' }]);
    expect(c.volumeMounts).toEqual([{ mountPath: '/bindings/orders', name: 'binding-orders', readOnly: true }]);
  });

  test('a binding name that is not a volume name mounts under a valid volume name', () => {
    const { chart } = newChart();
    const db = new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    db.bind(deploymentOf(chart), { env: false, mount: true, bindingName: 'orders.db' });
    const pod = oneOf(synth(chart), 'Deployment').spec.template.spec;
    const mount = pod.containers[0].volumeMounts[0];
    expect(mount.mountPath).toBe('/bindings/orders.db');
    expect(mount.name).toMatch(/^binding-orders-db-[0-9a-f]{8}$/);
    expect(pod.volumes.map((v: any) => v.name)).toEqual([mount.name]);
  });

  test('binding two services with their own prefixes to one container keeps both', () => {
    const { chart } = newChart();
    const web = deploymentOf(chart);
    new PortableMySQL(chart, 'Orders', { name: 'orders-db' }).bind(web, { envPrefix: 'ORDERS_' });
    new PortableMySQL(chart, 'Billing', { name: 'billing-db' }).bind(web, { envPrefix: 'BILLING_' });
    const names = oneOf(synth(chart), 'Deployment').spec.template.spec.containers[0].env.map((e: any) => e.name);
    const keys = PortableMySQL.KIND.contract.keys.length;
    expect(names.filter((n: string) => n.startsWith('ORDERS_'))).toHaveLength(keys);
    expect(names.filter((n: string) => n.startsWith('BILLING_'))).toHaveLength(keys);
  });

  test('fails when the workload has no container (at synth)', () => {
    const { chart } = newChart();
    const db = new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    // cdk8s-plus refuses a pod without containers itself; an ApiObject may have none.
    const empty = new k8s.KubeDeployment(chart, 'Empty', {
      spec: { selector: { matchLabels: { app: 'empty' } }, template: { metadata: { labels: { app: 'empty' } }, spec: { containers: [] } } },
    });
    db.bind(empty);
    expect(() => synth(chart)).toThrow('test/Empty: invalid containers []: allowed: a workload with at least one container. Fix: add the application container to the workload');
  });

  test('a backend\'s sidecar (the Cloud SQL Auth Proxy) never receives another database\'s connection', () => {
    const { chart } = newChart();
    const gcpScope = new Construct(chart, 'Gcp');
    Profile.use(gcpScope, PROFILES.gcp());
    const cloud = new PortableMySQL(gcpScope, 'Db', { name: 'orders-db' });
    const local = new PortableMySQL(chart, 'Cache', { name: 'sessions-db' });
    const web = deploymentOf(chart);
    cloud.bind(web);
    local.bind(web, { envPrefix: 'SESSIONS_' });
    const podSpec = oneOf(synth(chart), 'Deployment').spec.template.spec;
    const containers = podSpec.containers;
    const proxy = podSpec.initContainers.find((c: any) => c.name === 'cloud-sql-proxy');
    expect(proxy).toBeDefined();
    expect(proxy.env ?? []).toEqual([]);
    const app = containers.find((c: any) => c.name === 'app');
    expect(app.env.filter((e: any) => e.name.startsWith('SESSIONS_'))).toHaveLength(9);
    expect(app.env.filter((e: any) => e.name.startsWith('DB_'))).toHaveLength(9);
  });
});

describe('binding one service to one workload twice', () => {
  test.each(Object.keys(PROFILES) as (keyof typeof PROFILES)[])('%s: with the same options (defaults spelled out or not) is a no-op: the YAML is that of one binding', (profile) => {
    const once = (times: number) => {
      const { chart } = newChart();
      Profile.use(chart, PROFILES[profile]());
      const db = new PortableMySQL(chart, 'Db', { name: 'orders-db' });
      const web = deploymentOf(chart);
      db.bind(web, { mount: true });
      for (let i = 1; i < times; i++) db.bind(web, { mount: true, env: true, envPrefix: 'DB_', bindingName: 'orders-db' });
      return synth(chart);
    };
    expect(once(3)).toEqual(once(1));
  });

  test('fails when the second binding reaches a container the first reaches, with other options, naming the service, the workload and both', () => {
    const { chart } = newChart();
    const db = new PortableMySQL(chart, 'Db', { name: 'orders-db' });
    const web = deploymentOf(chart);
    db.bind(web, { containers: ['app'] });
    expect(() => db.bind(web, { mount: true })).toThrow(
      'test/Db: invalid bind(workload) "test/Web again, with {\\"bindingName\\":\\"orders-db\\",\\"env\\":true,\\"envPrefix\\":\\"DB_\\",\\"mount\\":true}": '
      + 'allowed: one binding of test/Db per container of test/Web: it is bound already (containers app, with {"containers":["app"],"env":true,"envPrefix":"DB_","mount":false}), '
      + 'and this binding reaches every container. Fix: bind it once, with the options you need (binding again with the same options changes nothing), '
      + 'or bind other containers with `containers` [PD500]');
  });
});
