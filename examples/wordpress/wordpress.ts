import { ApiObject, Chart, ChartProps, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Construct } from 'constructs';
// In your app: import { HighAvailability, PortableMySQL } from 'cdk8s-portable-data';
import { HighAvailability, PortableMySQL } from '../../src';

/** wp-config.php lines: mysqli connects with TLS when the connection contract says the client must. */
export const WORDPRESS_TLS = "define('MYSQL_CLIENT_FLAGS', getenv('DB_SSL_MODE') === 'REQUIRED' ? MYSQLI_CLIENT_SSL | MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT : 0);";

/**
 * WordPress and its MySQL database. Nothing here names an environment: the profile selected at synth time
 * decides where MySQL runs, and WordPress reads the same connection Secret everywhere.
 */
export class WordPressChart extends Chart {
  public readonly db: PortableMySQL;
  public readonly web: kplus.Deployment;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    this.db = new PortableMySQL(this, 'Db', {
      name: 'wordpress-db',
      databaseName: 'wordpress',
      storage: Size.gibibytes(200),
      highAvailability: HighAvailability.AUTO,
      // backups: the default (daily at 03:00 UTC, kept 7 days)
    });

    this.web = new kplus.Deployment(this, 'WordPress', {
      replicas: 2,
      // Its own ServiceAccount: where the database is a cloud one, its identity (GKE Workload Identity) binds to it.
      serviceAccount: new kplus.ServiceAccount(this, 'WordPressSa', { metadata: { name: 'wordpress' } }),
      containers: [{
        name: 'wordpress',
        image: 'docker.io/library/wordpress:6.8.3-apache',
        portNumber: 80,
        // The official image starts Apache as root to bind port 80, then serves as www-data.
        securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false },
        resources: {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(1000) },
          memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
        },
      }],
    });

    // The connection as DB_HOST, DB_PORT, DB_USERNAME, DB_PASSWORD, DB_DATABASE, DB_URI … and, in-cluster,
    // a NetworkPolicy that lets only these pods reach MySQL (on GCP: the Cloud SQL Auth Proxy sidecar).
    this.db.bind(this.web);
    const wordpress = this.web.containers[0];
    wordpress.env.addVariable('WORDPRESS_DB_HOST', kplus.EnvValue.fromValue('$(DB_HOST):$(DB_PORT)'));
    wordpress.env.addVariable('WORDPRESS_DB_NAME', kplus.EnvValue.fromValue('$(DB_DATABASE)'));
    wordpress.env.addVariable('WORDPRESS_DB_USER', kplus.EnvValue.fromValue('$(DB_USERNAME)'));
    wordpress.env.addVariable('WORDPRESS_DB_PASSWORD', kplus.EnvValue.fromValue('$(DB_PASSWORD)'));
    // TLS where the driver must negotiate it: DB_SSL_MODE is REQUIRED on RDS and Crossplane, absent in-cluster
    // (plaintext) and on GCP (the Cloud SQL Auth Proxy on 127.0.0.1 encrypts). REQUIRED encrypts without verifying
    // the server's certificate, as MySQL's ssl-mode=REQUIRED does.
    wordpress.env.addVariable('WORDPRESS_CONFIG_EXTRA', kplus.EnvValue.fromValue(WORDPRESS_TLS));

    this.web.exposeViaService({ name: 'wordpress', ports: [{ port: 80, targetPort: 80 }] });

    // Drop ALL capabilities with a patch of the container (as before cdk8s-plus had a prop for it; the YAML stays the
    // same). Add back only what the official image needs: its entrypoint copies WordPress into /var/www/html and
    // chowns it (CHOWN, DAC_OVERRIDE, FOWNER), and Apache binds port 80 as root, then switches to www-data
    // (NET_BIND_SERVICE, SETUID, SETGID). No privilege escalation, and the runtime's default seccomp profile.
    ApiObject.of(this.web).addJsonPatch(
      JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', {
        drop: ['ALL'],
        add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'NET_BIND_SERVICE', 'SETGID', 'SETUID'],
      }),
      JsonPatch.add('/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation', false),
      JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
    );
  }
}
