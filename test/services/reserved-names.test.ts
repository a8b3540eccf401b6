import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Backup, CachePersistence, DeletionPolicy, InClusterProfile, PortableCache, PortablePostgres, PortableQueue,
  PostgresOperator, Profile, QueueOperator,
} from '../../src';
import { newChart, synth } from '../util/synth';

function operators(namespace: string = 'apps') {
  const { chart } = newChart(namespace);
  Profile.use(chart, new InClusterProfile({
    postgresOperator: PostgresOperator.CLOUDNATIVE_PG, queueOperator: QueueOperator.RABBITMQ_OPERATORS, storageReclaimPolicy: DeletionPolicy.RETAIN,
  }));
  return chart;
}

const postgres = (chart: any, name: string) => new PortablePostgres(chart, 'Db', { name, backup: Backup.disabled() });
const cache = (chart: any, name: string) => new PortableCache(chart, 'Cache', { name, persistence: CachePersistence.CACHE_ONLY });

describe('names the operators create are reserved across kinds', () => {
  test('fails when a cache is named after CloudNativePG\'s primary Service of a PostgreSQL declared before it', () => {
    const chart = operators('apps');
    postgres(chart, 'x');
    expect(() => cache(chart, 'x-rw')).toThrow(
      'test/Cache: invalid name "x-rw": allowed: a name no operator creates for another service in namespace "apps": the cloudnative-pg backend of test/Db '
      + 'creates objects named x-rw (e.g. a Service or Secret), which test/Cache\'s objects would collide with. '
      + 'Fix: give test/Cache or test/Db another name (the name prop), or put them in charts of different namespaces [PD500]');
  });

  test('fails when PostgreSQL is declared after a cache named like its primary Service', () => {
    const chart = operators('apps');
    cache(chart, 'x-rw');
    expect(() => postgres(chart, 'x')).toThrow(
      'test/Db: invalid name "x": allowed: a name whose operator objects no other service of namespace "apps" is named after: the cloudnative-pg '
      + 'backend creates objects named x-rw, and test/Cache is named x-rw (its objects would collide with them). '
      + 'Fix: give test/Db or test/Cache another name (the name prop), or put them in charts of different namespaces [PD500]');
  });

  test.each(['-ro', '-r', '-any', '-app', '-superuser', '-ca'])('fails when a cache is named x%s next to CloudNativePG x', (suffix) => {
    const chart = operators();
    postgres(chart, 'x');
    expect(() => cache(chart, `x${suffix}`)).toThrow('[PD500]');
  });

  test.each(['q-nodes', 'q-server', 'q-server-0', 'q-server-2', 'q-default-user', 'q-erlang-cookie'])(
    'fails when a cache is named %s next to the RabbitMQ operators\' q', (name) => {
      const chart = operators();
      new PortableQueue(chart, 'Queue', { name: 'q' });
      expect(() => cache(chart, name)).toThrow(/the rabbitmq-operators backend of test\/Queue creates objects named .*\[PD500\]/);
    });

  test('the names are reserved per namespace only, and names the operators do not use stay free', () => {
    const a = operators('a');
    postgres(a, 'x');
    new PortableQueue(a, 'Queue', { name: 'q' });
    cache(a, 'x-cache');
    const b = new Chart(a.node.scope as Construct, 'other', { namespace: 'b' });
    Profile.use(b, new InClusterProfile());
    cache(b, 'x-rw');
    expect(() => synth(a)).not.toThrow();
    expect(() => synth(b)).not.toThrow();
  });
});
