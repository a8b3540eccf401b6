import { ApiObject, Chart, ChartProps, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
// In your app: import { Backup, EvictionPolicy, … } from 'cdk8s-portable-data';
import { Backup, EvictionPolicy, HighAvailability, PortableCache, PortablePostgres, PortableQueue } from '../../src';

/**
 * A background worker: it takes jobs from an AMQP 0-9-1 queue (RabbitMQ), caches what it computes in a
 * Redis-protocol cache and writes the results to PostgreSQL. Nothing here names an environment: the profile selected
 * at synth time decides where the broker, the cache and the database live, and the worker reads the same three
 * connection Secrets everywhere (`AMQP_*`, `REDIS_*`, `DB_*`).
 */
export class WorkerChart extends Chart {
  public readonly jobs: PortableQueue;
  public readonly cache: PortableCache;
  public readonly results: PortablePostgres;
  public readonly worker: kplus.Deployment;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // The worker declares its durable queue `jobs` itself when it connects (Amazon MQ and the Crossplane queue API
    // have no queue API to declare it with the broker; quorum queues are the default type on Amazon MQ).
    this.jobs = new PortableQueue(this, 'Jobs', {
      name: 'worker-jobs',
      highAvailability: HighAvailability.AUTO,
    });

    // A cache of computed results: when full, the least recently used entries go.
    this.cache = new PortableCache(this, 'Cache', {
      name: 'worker-cache',
      memory: Size.gibibytes(1),
      evictionPolicy: EvictionPolicy.ALLKEYS_LRU,
      highAvailability: HighAvailability.AUTO,
    });

    this.results = new PortablePostgres(this, 'Results', {
      name: 'worker-results',
      databaseName: 'results',
      storage: Size.gibibytes(20),
      backup: Backup.daily(),
    });

    this.worker = new kplus.Deployment(this, 'Worker', {
      replicas: 3,
      serviceAccount: new kplus.ServiceAccount(this, 'ServiceAccount', { metadata: { name: 'worker' }, automountToken: false }),
      containers: [{
        name: 'worker',
        // A made-up application image: the example shows the wiring, not the app.
        image: 'ghcr.io/example/worker:2.0.1',
        securityContext: { ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, user: 10001, group: 10001 },
        resources: {
          cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.millis(1000) },
          memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
        },
      }],
    });
    // The rest of the Pod Security Standards' "restricted" profile: no Linux capabilities, the default seccomp profile.
    ApiObject.of(this.worker).addJsonPatch(
      JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
      JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
    );

    // AMQP_HOST, AMQP_PORT, AMQP_USERNAME, AMQP_PASSWORD, AMQP_VHOST, AMQP_SSL, AMQP_URI …
    this.jobs.bind(this.worker);
    // REDIS_HOST, REDIS_PORT, REDIS_PASSWORD, REDIS_SSL, REDIS_URI (+ REDIS_CA_CRT where the server's CA is private).
    this.cache.bind(this.worker);
    // DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD, DB_DATABASE, DB_URI …
    this.results.bind(this.worker);
  }
}
