import { DELETION_POLICIES, ENGINES, INSTANCE_SIZES, majorsByEngine } from './api';
import { claimSchema } from './platform-skeleton';
import { RETENTION_RANGE_DAYS, STORAGE_RANGE_GIB } from '../../services/database/database';

const HHMM = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
const DNS_LABEL = '^[a-z]([-a-z0-9]*[a-z0-9])?$';

/** The majors of every engine, for humans: `mysql 8.0, 8.4; postgresql 15, 16, 17`. */
function majorsText(): string {
  const majors = majorsByEngine();
  return ENGINES.map((engine) => `${engine} ${majors[engine].join(', ')}`).join('; ');
}

/**
 * CEL: the major version is one of the engine's (the `majorVersion` enum holds every engine's majors, so the enum
 * alone would accept e.g. mysql 17).
 */
function engineMajorRule(): { rule: string; message: string } {
  const majors = majorsByEngine();
  const list = (values: string[]) => `[${values.map((v) => `'${v}'`).join(', ')}]`;
  return {
    rule: ENGINES.map((engine) => `(self.engine == '${engine}' && self.majorVersion in ${list(majors[engine])})`).join(' || '),
    message: `majorVersion must be a major of the engine: ${majorsText()}`,
  };
}

/**
 * The OpenAPI v3 schema of `spec` of the composite resource and its claim (`spec.parameters`), strict: every
 * field typed, enums, ranges and patterns, and CEL rules for what one field implies for another. The Compositions
 * rely on it (e.g. a `custom` size always carries `cpu` and `memoryMiB`; high availability always has backups).
 */
export function databaseSchema(): any {
  return claimSchema(parametersSchema());
}

function parametersSchema(): any {
  return {
    'type': 'object',
    'description': 'Portable parameters of a relational database.',
    'required': [
      'engine', 'majorVersion', 'storageGB', 'instanceSize', 'databaseName', 'username', 'highAvailability',
      'backup', 'deletionPolicy', 'passwordSecretRef', 'identifier',
    ],
    'properties': {
      engine: { type: 'string', enum: [...ENGINES], description: 'Database engine.' },
      majorVersion: {
        type: 'string',
        enum: [...new Set(Object.values(majorsByEngine()).flat())],
        description: `Major version, one of the engine's: ${majorsText()}.`,
      },
      engineVersion: {
        type: 'string',
        pattern: '^[0-9]+(\\.[0-9]+){0,2}$',
        description: 'Full version of the major (pinned on RDS; Cloud SQL takes the major only).',
      },
      storageGB: {
        type: 'integer',
        minimum: STORAGE_RANGE_GIB.min,
        maximum: STORAGE_RANGE_GIB.max,
        description: 'Allocated storage in GiB.',
      },
      instanceSize: { type: 'string', enum: [...INSTANCE_SIZES], description: 'Compute; custom takes cpu and memoryMiB.' },
      cpu: { type: 'integer', minimum: 1, maximum: 96, description: 'vCPUs of a custom size.' },
      memoryMiB: { type: 'integer', minimum: 512, description: 'Memory of a custom size in MiB.' },
      databaseName: {
        type: 'string',
        pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,62}$',
        description: 'Name of the application database.',
      },
      username: {
        type: 'string',
        pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,15}$',
        description: 'The application user.',
      },
      highAvailability: { type: 'boolean', description: 'Multi-AZ (RDS) or regional (Cloud SQL).' },
      backup: {
        'type': 'object',
        'required': ['enabled'],
        'properties': {
          enabled: { type: 'boolean' },
          startTime: { type: 'string', pattern: HHMM, description: 'Start of the daily backup window, HH:MM UTC.' },
          endTime: { type: 'string', pattern: HHMM, description: 'End of the daily backup window, HH:MM UTC.' },
          retentionDays: { type: 'integer', minimum: RETENTION_RANGE_DAYS.min, maximum: RETENTION_RANGE_DAYS.max },
        },
        'x-kubernetes-validations': [
          {
            rule: '!self.enabled || (has(self.startTime) && has(self.endTime) && has(self.retentionDays))',
            message: 'enabled backups need startTime, endTime and retentionDays',
          },
        ],
      },
      deletionPolicy: {
        type: 'string',
        enum: [...DELETION_POLICIES],
        description: 'Retain: deletion-protected and orphaned when deleted. Delete: deleted, without a final snapshot.',
      },
      passwordSecretRef: {
        type: 'object',
        required: ['name', 'key'],
        description: "Secret in the claim's namespace with the application user's password.",
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 253 },
          key: { type: 'string', minLength: 1 },
        },
      },
      identifier: {
        'type': 'string',
        'pattern': DNS_LABEL,
        'maxLength': 63,
        'description': 'Cloud identifier of the instance.',
        'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'identifier is immutable' }],
      },
    },
    'x-kubernetes-validations': [
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
}
