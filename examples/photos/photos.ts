import { ApiObject, Chart, ChartProps, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
// In your app: import { HighAvailability, PortableObjectStore, PortablePostgres } from 'cdk8s-portable-data';
import { HighAvailability, PortableObjectStore, PortablePostgres } from '../../src';

/**
 * A photo-sharing app: photo metadata in PostgreSQL, the images in an S3-compatible bucket. Nothing here names an
 * environment: the profile selected at synth time decides where PostgreSQL and the bucket live, and the app reads
 * the same two connection Secrets everywhere.
 */
export class PhotosChart extends Chart {
  public readonly db: PortablePostgres;
  public readonly images: PortableObjectStore;
  public readonly app: kplus.Deployment;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    this.db = new PortablePostgres(this, 'Db', {
      name: 'photos-db',
      databaseName: 'photos',
      storage: Size.gibibytes(50),
      highAvailability: HighAvailability.AUTO,
      // backups: the default (daily at 03:00 UTC, kept 7 days)
    });

    this.images = new PortableObjectStore(this, 'Images', {
      name: 'photos-images',
      // versioned (the default): an overwritten or deleted photo stays recoverable for 30 days.
      versioned: true,
      noncurrentVersionExpiration: Duration.days(30),
      // expiration: none — photos are kept until their owner deletes them.
    });

    // Its own ServiceAccount: where the environment has no access keys (AWS, GCP, Crossplane), binding the bucket
    // gives this ServiceAccount access to exactly this bucket.
    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
      metadata: { name: 'photos' },
      automountToken: false,
    });

    this.app = new kplus.Deployment(this, 'Photos', {
      replicas: 2,
      serviceAccount,
      containers: [{
        name: 'photos',
        // A made-up application image: the example shows the wiring, not the app.
        image: 'ghcr.io/example/photos:1.4.2',
        portNumber: 8080,
        securityContext: { ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, user: 10001, group: 10001 },
        resources: {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
          memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
        },
      }],
    });
    const photos = this.app.containers[0];
    // The root filesystem is read-only: thumbnails are rendered in an emptyDir.
    photos.mount('/tmp', kplus.Volume.fromEmptyDir(this, 'Tmp', 'tmp', { sizeLimit: Size.mebibytes(512) }));
    // The rest of the Pod Security Standards' "restricted" profile, which cdk8s-plus has no props for: no Linux
    // capabilities and the runtime's default seccomp profile.
    ApiObject.of(this.app).addJsonPatch(
      JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
      JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
    );

    // DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD, DB_DATABASE, DB_URI … (and, in-cluster, a NetworkPolicy that lets
    // only these pods reach PostgreSQL; on GCP, the Cloud SQL Auth Proxy sidecar).
    this.db.bind(this.app);
    // S3_ENDPOINT, S3_BUCKET, S3_REGION … (+ S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY where the environment uses keys;
    // on AWS, GCP and Crossplane the ServiceAccount above gets access and the SDK's default credentials apply).
    this.images.bind(this.app);

    this.app.exposeViaService({ name: 'photos', ports: [{ port: 80, targetPort: 8080 }] });
  }
}
