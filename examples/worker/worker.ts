import { ApiObject, Chart, ChartProps, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
// In your app: import { Backup, CachePersistence, … } from 'cdk8s-portable-data';
import { Backup, CachePersistence, EvictionPolicy, HighAvailability, PortableCache, PortablePostgres } from '../../src';

/**
 * A background worker: it takes jobs from a queue kept in a Redis-protocol cache (Valkey lists, durable so that
 * queued jobs survive a restart) and writes the results to PostgreSQL. Nothing here names an environment: the
 * profile selected at synth time decides where the cache and the database live, and the worker reads the same two
 * connection Secrets everywhere (`REDIS_*`, `DB_*`).
 */
export class WorkerChart extends Chart {
  public readonly queue: PortableCache;
  public readonly results: PortablePostgres;
  public readonly worker: kplus.Deployment;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    this.queue = new PortableCache(this, 'Queue', {
      name: 'worker-queue',
      memory: Size.gibibytes(1),
      // A queue must not lose jobs: data on disk (or snapshots on managed services) and no eviction.
      persistence: CachePersistence.DURABLE,
      evictionPolicy: EvictionPolicy.NOEVICTION,
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

    // REDIS_HOST, REDIS_PORT, REDIS_PASSWORD, REDIS_SSL, REDIS_URI (+ REDIS_CA_CRT where the server's CA is private).
    this.queue.bind(this.worker);
    // DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD, DB_DATABASE, DB_URI …
    this.results.bind(this.worker);
  }
}
