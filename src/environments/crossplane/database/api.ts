/**
 * The portable Crossplane API for relational databases (`XDatabase`, claimed as `Database`): what the
 * `CrossplaneDatabaseBackend` claims and the XRD and Compositions of `CrossplaneDatabasePlatform` share. Its
 * parameter table generates the XRD's schema, the claims' `spec.parameters` and the names the Composition patches
 * read.
 */
import { Construct } from 'constructs';
import { HighAvailability } from '../../../core/policies';
import { invalid } from '../../../private/errors';
import { engineMajors } from '../../../services/database/catalog';
import { RETENTION_RANGE_DAYS, STORAGE_RANGE_GIB } from '../../../services/database/database';
import { DatabaseEngine } from '../../../services/database/engine';
import { DatabaseSpec } from '../../../services/database/resolved-spec';
import { PortableApi } from '../api';
import { CelRule, ClaimParameters, deletionPolicyParameter, parameterTable } from '../parameters';

/** Engines the API offers (`spec.parameters.engine`): `DatabaseEngine` names. */
export const ENGINES = ['mysql', 'postgresql'];

/** The port of each engine of the API. */
export const ENGINE_PORTS: { [engine: string]: number } = Object.fromEntries(
  [DatabaseEngine.MYSQL, DatabaseEngine.POSTGRESQL].map((e) => [e.name, e.port]),
);

/** The majors the API and the Compositions map, by engine: the engines' catalogs. */
export function majorsByEngine(): { [engine: string]: string[] } {
  return Object.fromEntries(ENGINES.map((engine) => [engine, [...engineMajors(engine)]]));
}
/** Named instance sizes (`spec.parameters.instanceSize`); `custom` takes `cpu` and `memoryMiB`. */
export const INSTANCE_SIZES = ['small', 'medium', 'large', 'custom'];

/** Minutes of the backup window on providers that take one (RDS), as documented on `Backup.daily`. */
const BACKUP_WINDOW_MINUTES = 30;
const HHMM = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
const DNS_LABEL = '^[a-z]([-a-z0-9]*[a-z0-9])?$';

/** Backups of a claim (`spec.parameters.backup`). */
export interface ClaimBackup {
  /** Whether daily backups are taken. */
  readonly enabled: boolean;
  /** Start of the daily backup window, `HH:MM` UTC (when enabled). */
  readonly startTime?: string;
  /** End of the daily backup window, `HH:MM` UTC (RDS takes a window; Cloud SQL only the start; when enabled). */
  readonly endTime?: string;
  /** Days backups are kept, 1 to 35 (when enabled). */
  readonly retentionDays?: number;
  /** Days of the recovery window (point-in-time restores), at most the retention (when asked). */
  readonly pointInTimeWindowDays?: number;
}

/** Where a claim's data comes from at creation (`spec.parameters.restore`): a snapshot, or a source instance. */
export interface ClaimRestore {
  /** An RDS DB snapshot identifier or ARN (the AWS Composition only). */
  readonly snapshotIdentifier?: string;
  /** The cloud identifier of the source instance (a clone or a point in time). */
  readonly sourceIdentifier?: string;
  /** The point in time, RFC 3339 UTC. */
  readonly pointInTime?: string;
  /** The source's latest restorable state (a clone). */
  readonly latest?: boolean;
}

/** A key of a Secret in the claim's namespace (`spec.parameters.passwordSecretRef`). */
export interface ClaimSecretKeyRef {
  /** Secret name. */
  readonly name: string;
  /** Key in the Secret. */
  readonly key: string;
}

/** What the database backend reads a claim's parameters from. */
export interface DatabaseClaimInput {
  /** The service, for errors. */
  readonly scope: Construct;
  /** The resolved declaration. */
  readonly spec: DatabaseSpec;
  /** The profile's `namePrefix` (checked). */
  readonly prefix: string;
}

/** The parameters of a database claim (`spec.parameters`): schema, and how the backend reads each. */
export const DATABASE_PARAMETERS = parameterTable<DatabaseClaimInput>()({
  engine: {
    schema: { type: 'string', enum: [...ENGINES] },
    description: 'Database engine.',
    read: ({ spec }) => spec.engine.name,
  },
  majorVersion: {
    schema: { type: 'string', enum: [...new Set(Object.values(majorsByEngine()).flat())] },
    description: `Major version, one of the engine's: ${majorsText()}.`,
    read: ({ spec }) => spec.majorVersion,
  },
  engineVersion: {
    schema: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+){0,2}$' },
    description: 'Full version of the major (pinned on RDS; Cloud SQL takes the major only).',
    optional: true,
    read: ({ spec }) => spec.fullVersion,
  },
  storageGB: {
    schema: { type: 'integer', minimum: STORAGE_RANGE_GIB.min, maximum: STORAGE_RANGE_GIB.max },
    description: 'Allocated storage in GiB.',
    read: ({ spec }) => spec.storage.toGibibytes(),
  },
  instanceSize: {
    schema: { type: 'string', enum: [...INSTANCE_SIZES] },
    description: 'Compute; custom takes cpu and memoryMiB.',
    read: ({ spec }) => spec.instanceSize.name,
  },
  cpu: {
    schema: { type: 'integer', minimum: 1, maximum: 96 },
    description: 'vCPUs of a custom size.',
    optional: true,
    read: ({ spec }) => (spec.instanceSize.name === 'custom' ? spec.instanceSize.cpu : undefined),
  },
  memoryMiB: {
    schema: { type: 'integer', minimum: 512 },
    description: 'Memory of a custom size in MiB.',
    optional: true,
    read: ({ spec }) => (spec.instanceSize.name === 'custom' ? spec.instanceSize.memoryMebibytes : undefined),
  },
  databaseName: {
    schema: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,62}$' },
    description: 'Name of the application database.',
    read: ({ spec }) => spec.databaseName,
  },
  username: {
    schema: { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,15}$' },
    description: 'The application user.',
    read: ({ spec }) => spec.credentials.username,
  },
  highAvailability: {
    schema: { type: 'boolean' },
    description: 'Multi-AZ (RDS) or regional (Cloud SQL).',
    read: ({ scope, spec }) => highAvailability(scope, spec),
  },
  backup: {
    schema: {
      'type': 'object',
      'required': ['enabled'],
      'properties': {
        enabled: { type: 'boolean' },
        startTime: { type: 'string', pattern: HHMM, description: 'Start of the daily backup window, HH:MM UTC.' },
        endTime: { type: 'string', pattern: HHMM, description: 'End of the daily backup window, HH:MM UTC.' },
        retentionDays: { type: 'integer', minimum: RETENTION_RANGE_DAYS.min, maximum: RETENTION_RANGE_DAYS.max },
        pointInTimeWindowDays: {
          type: 'integer',
          minimum: 1,
          maximum: RETENTION_RANGE_DAYS.max,
          description: 'Recovery window for point-in-time restores, in days (Cloud SQL keeps transaction logs at most 7).',
        },
      },
      'x-kubernetes-validations': [
        {
          rule: '!self.enabled || (has(self.startTime) && has(self.endTime) && has(self.retentionDays))',
          message: 'enabled backups need startTime, endTime and retentionDays',
        },
        {
          rule: '!has(self.pointInTimeWindowDays) || (self.enabled && has(self.retentionDays) && self.pointInTimeWindowDays <= self.retentionDays)',
          message: 'pointInTimeWindowDays needs backups and is at most retentionDays',
        },
      ],
    },
    read: ({ spec }) => backup(spec),
  },
  restore: {
    schema: {
      'type': 'object',
      'properties': {
        snapshotIdentifier: { type: 'string', minLength: 1, maxLength: 255, description: 'An RDS DB snapshot identifier or ARN (the AWS Composition).' },
        sourceIdentifier: { type: 'string', pattern: DNS_LABEL, maxLength: 63, description: 'Cloud identifier of the source instance.' },
        pointInTime: { type: 'string', format: 'date-time', description: 'Point in time of the source, RFC 3339 UTC.' },
        latest: { type: 'boolean', description: 'The latest restorable state of the source.' },
      },
      'x-kubernetes-validations': [
        { rule: 'self == oldSelf', message: 'restore is read at creation only: it cannot change' },
        {
          rule: 'has(self.snapshotIdentifier) != has(self.sourceIdentifier)',
          message: 'restore takes a snapshotIdentifier or a sourceIdentifier',
        },
        {
          rule: '!has(self.sourceIdentifier) || (has(self.pointInTime) != (has(self.latest) && self.latest))',
          message: 'a sourceIdentifier takes a pointInTime or latest: true',
        },
      ],
    },
    description: 'Where the data comes from at creation (create-only): a snapshot, or a source instance at a point in time or its latest state.',
    optional: true,
    read: ({ spec, prefix }) => restore(spec, prefix),
  },
  deletionPolicy: deletionPolicyParameter('Retain: deletion-protected and orphaned when deleted. Delete: deleted, without a final snapshot.'),
  passwordSecretRef: {
    schema: {
      type: 'object',
      required: ['name', 'key'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 253 },
        key: { type: 'string', minLength: 1 },
      },
    },
    description: "Secret in the claim's namespace with the application user's password.",
    read: ({ spec }): ClaimSecretKeyRef => ({ name: spec.credentialsSecretName, key: spec.credentials.passwordKey }),
  },
  identifier: {
    schema: {
      'type': 'string',
      'pattern': DNS_LABEL,
      'maxLength': 63,
      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'identifier is immutable' }],
    },
    description: 'Cloud identifier of the instance.',
    read: ({ spec, prefix }) => `${prefix}${spec.name}`,
  },
});

/** The claim's parameters, as the Compositions' catalog checks read them. */
export type DatabaseClaimParameters = ClaimParameters<typeof DATABASE_PARAMETERS>;

/**
 * What a database Composition offers beyond its resources: the synth-time check of a claim as it maps it, against
 * its cloud's catalog.
 */
export interface DatabaseCompositionChecks {
  /** Checks the claim's parameters as the Composition maps them; throws the first problem, naming `where`. */
  readonly checkClaim: (where: string, parameters: DatabaseClaimParameters) => void;
}

/** The portable database API. */
export const DATABASE_API: PortableApi<typeof DATABASE_PARAMETERS> = {
  noun: 'database',
  xrKind: 'XDatabase',
  xrPlural: 'xdatabases',
  claimKind: 'Database',
  claimPlural: 'databases',
  // The binder Job adds `username`, `password`, `database` and `uri` itself (the credentials never leave the
  // application's namespace).
  connectionSecretKeys: ['host', 'port'],
  description: 'Portable parameters of a relational database.',
  parameters: DATABASE_PARAMETERS,
  // What one field implies for another, which the Compositions rely on (e.g. a `custom` size always carries `cpu`
  // and `memoryMiB`; high availability always has backups).
  rules: () => [
    {
      rule: "self.instanceSize != 'custom' || (has(self.cpu) && has(self.memoryMiB))",
      message: 'a custom instanceSize needs cpu and memoryMiB',
    },
    {
      rule: '!self.highAvailability || self.backup.enabled',
      message: 'highAvailability needs backups (Cloud SQL regional instances need backups and binary logs or point-in-time recovery)',
    },
    engineMajorRule(),
    {
      rule: "!has(self.engineVersion) || self.engineVersion == self.majorVersion || self.engineVersion.startsWith(self.majorVersion + '.')",
      message: 'engineVersion must be a version of majorVersion',
    },
  ],
};

/** The majors of every engine, for humans: `mysql 8.0, 8.4; postgresql 15, 16, 17`. */
function majorsText(): string {
  const majors = majorsByEngine();
  return ENGINES.map((engine) => `${engine} ${majors[engine].join(', ')}`).join('; ');
}

/**
 * CEL: the major version is one of the engine's (the `majorVersion` enum holds every engine's majors, so the enum
 * alone would accept e.g. mysql 17).
 */
function engineMajorRule(): CelRule {
  const majors = majorsByEngine();
  const list = (values: string[]) => `[${values.map((v) => `'${v}'`).join(', ')}]`;
  return {
    rule: ENGINES.map((engine) => `(self.engine == '${engine}' && self.majorVersion in ${list(majors[engine])})`).join(' || '),
    message: `majorVersion must be a major of the engine: ${majorsText()}`,
  };
}

/**
 * High availability: `AUTO` and `REQUIRED` ask for Multi-AZ / regional instances; `AUTO` without backups asks for a
 * single instance, because Cloud SQL needs backups for HA (and `REQUIRED` without backups fails).
 */
function highAvailability(scope: Construct, spec: DatabaseSpec): boolean {
  switch (spec.highAvailability) {
    case HighAvailability.NONE:
      return false;
    case HighAvailability.AUTO:
      return spec.backup.enabled;
    default:
      if (!spec.backup.enabled) {
        invalid(scope, {
          prop: 'highAvailability',
          value: spec.highAvailability,
          allowed: 'HighAvailability.REQUIRED only with backups enabled (Cloud SQL needs backups and binary logs or point-in-time recovery for a regional instance)',
          fix: 'enable backups (Backup.daily()) or use HighAvailability.AUTO / NONE',
        });
      }
      return true;
  }
}

function backup(spec: DatabaseSpec): ClaimBackup {
  const b = spec.backup;
  if (!b.enabled) return { enabled: false };
  return {
    enabled: true,
    startTime: b.startTime!,
    endTime: addMinutes(b.startTime!, BACKUP_WINDOW_MINUTES),
    retentionDays: b.retention!.toDays(),
    pointInTimeWindowDays: b.pointInTimeWindow?.toDays(),
  };
}

/** The claim's restore: the snapshot, or the source's cloud identifier (the profile's prefix and its name) and the time. */
function restore(spec: DatabaseSpec, prefix: string): ClaimRestore | undefined {
  const r = spec.restore;
  if (r === undefined) return undefined;
  if (r.type === 'backup') return { snapshotIdentifier: r.backupName };
  return { sourceIdentifier: `${prefix}${r.source!.name}`, ...(r.type === 'clone' ? { latest: true } : { pointInTime: r.time }) };
}

/** `HH:MM` plus minutes, wrapping at midnight. */
function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = (h * 60 + m + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
