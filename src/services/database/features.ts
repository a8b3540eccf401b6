import { Backup } from './backup';
import { DatabaseSpec } from './resolved-spec';
import { featureTable } from '../../core/features';
import { HighAvailability } from '../../core/policies';

/**
 * The questions every database backend answers, in the order `PortableMySQL` and `PortablePostgres` check them
 * (the common ones, deletion and binding, follow).
 */
export const DATABASE_FEATURES = featureTable<DatabaseSpec>()({
  /** `HighAvailability.REQUIRED`: a standby in another zone (or replicas) with automatic failover. */
  highAvailability: {
    prop: 'highAvailability',
    title: '`HighAvailability.REQUIRED`',
    sample: HighAvailability.REQUIRED,
    ask: (s) => (s.highAvailability === HighAvailability.REQUIRED ? s.highAvailability : undefined),
  },
  /** Scheduled backups with a retention (`Backup.daily()`). */
  backups: {
    prop: 'backup',
    title: 'backups (`Backup.daily()`)',
    sample: Backup.daily(),
    ask: (s) => (s.backup.enabled ? s.backup : undefined),
    describe: (b: Backup) => `daily at ${b.startTime} UTC, kept ${b.retention?.toDays()} days`,
  },
  /** Engine parameters (the portable `parameters` prop). */
  engineParameters: {
    prop: 'parameters',
    title: '`parameters`',
    sample: { max_connections: '200' } as { [name: string]: string },
    ask: (s) => (Object.keys(s.parameters).length > 0 ? s.parameters : undefined),
  },
  /**
   * Connections encrypted in transit (TLS): honoured where the server (or a proxy beside the workload) refuses
   * plaintext. A statement, and a requirement: asked only by `requireTls: true`; otherwise the contract's `tls` key
   * says whether it holds.
   */
  transitEncryption: {
    prop: 'requireTls',
    title: 'TLS in transit (`requireTls`)',
    sample: true,
    ask: (s) => (s.requireTls ? true : undefined),
  },
  /**
   * `allowMajorVersionUpgrade: true`: a change of major version is applied in place (irreversibly) when the app
   * raises `version`. Asked with the engine's name (`mysql`, `postgresql`): some backends upgrade one engine in
   * place and not the other.
   */
  majorVersionUpgrade: {
    prop: 'allowMajorVersionUpgrade',
    title: 'PostgreSQL major version upgrade in place (`allowMajorVersionUpgrade`; MySQL: see day-2.md)',
    sample: 'postgresql' as string,
    ask: (s) => (s.allowMajorVersionUpgrade ? s.engine.name : undefined),
    describe: () => true,
    what: 'a major version upgrade of this engine on',
  },
});

/** A database backend's answers to the database's own features. */
export type DatabaseFeatures = typeof DATABASE_FEATURES;
