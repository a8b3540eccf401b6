/**
 * What the test cluster shows after `kubectl delete -f` of each example's YAML, per backend and kind of service: the
 * rows the lifecycle tests (lifecycle-*.test.ts) hold the real garbage collector to, and the section of docs/day-2.md
 * "What the test cluster keeps after `kubectl delete -f`" (between `<!-- cluster-lifecycle:start -->` and `end`),
 * rendered from them (`UPDATE_README=1` rewrites it).
 */

/** One backend × kind, as the lifecycle saw it (`<name>` stands for the service's name). */
export interface LifecycleRow {
  readonly backend: string;
  /** The servicebinding.io type (`mysql`, `postgresql`, `s3`, `redis`, `rabbitmq`). */
  readonly type: string;
  /** The service's claims left after the delete. */
  readonly claimsKept: string[];
  /** The service's claims the garbage collector deleted with the objects of the YAML. */
  readonly claimsDeleted: string[];
  /** The service's Secrets left after the delete. */
  readonly secretsKept: string[];
  /** After applying again and binding, the connection Secret has the credentials of before (undefined: it has none). */
  readonly sameCredentials?: boolean;
  /** What the row rests on beyond the real API server and controllers, or what it means. */
  readonly note?: string;
}

export const LIFECYCLE: LifecycleRow[] = [
  { backend: 'in-cluster', type: 'mysql', claimsKept: ['<name>-backup', 'data-<name>-0'], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  { backend: 'in-cluster', type: 'postgresql', claimsKept: ['<name>-backup', 'data-<name>-0'], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  { backend: 'in-cluster', type: 's3', claimsKept: ['data-<name>-0'], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  {
    backend: 'in-cluster',
    type: 'redis',
    claimsKept: [],
    claimsDeleted: [],
    secretsKept: ['<name>-connection', '<name>-credentials'],
    sameCredentials: true,
    note: 'the example\'s cache is not durable, so it has no claim',
  },
  { backend: 'in-cluster', type: 'rabbitmq', claimsKept: ['data-<name>-0'], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  {
    backend: 'cloudnative-pg',
    type: 'postgresql',
    claimsKept: [],
    claimsDeleted: ['<name>-1'],
    secretsKept: ['<name>-connection'],
    sameCredentials: false,
    note: 'the operator is not run: its claim and `<name>-app` Secret are created with the controller reference CloudNativePG sets; the new Cluster\'s new `<name>-app` password replaces the old one',
  },
  {
    backend: 'rook',
    type: 's3',
    claimsKept: [],
    claimsDeleted: [],
    secretsKept: ['<name>-connection'],
    note: 'the bucket provisioner is not run: it deletes the claim\'s Secret and ConfigMap itself and gives a new claim new keys',
  },
  {
    backend: 'rabbitmq-operators',
    type: 'rabbitmq',
    claimsKept: [],
    claimsDeleted: ['persistence-<name>-server-0'],
    secretsKept: ['<name>-connection', '<name>-credentials'],
    sameCredentials: true,
    note: 'the operator is not run: its StatefulSet is created as a released operator (up to v2.22.3) builds it, with the RabbitmqCluster as the controller of the claim template; the real StatefulSet controller and garbage collector do the rest. **The queue\'s data claim is deleted with `DeletionPolicy.RETAIN`**: the data stays on the volume because RETAIN needs a StorageClass with `reclaimPolicy: Retain` (`storageReclaimPolicy`, checked at synth); operators after v2.22.3 keep the claim (test/cluster/rabbitmq-retention.test.ts)',
  },
  { backend: 'aws-ack', type: 'mysql', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  { backend: 'aws-ack', type: 'postgresql', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  { backend: 'aws-ack', type: 's3', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection'] },
  { backend: 'aws-elasticache', type: 'redis', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  { backend: 'aws-mq', type: 'rabbitmq', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  { backend: 'gcp-kcc', type: 'mysql', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  { backend: 'gcp-kcc', type: 'postgresql', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  { backend: 'gcp-kcc', type: 's3', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection'] },
  {
    backend: 'gcp-memorystore',
    type: 'redis',
    claimsKept: [],
    claimsDeleted: [],
    secretsKept: ['<name>-connection'],
    sameCredentials: true,
    note: 'the password is the instance\'s AUTH string, read again from its status',
  },
  { backend: 'crossplane', type: 'mysql', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  { backend: 'crossplane', type: 'postgresql', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
  { backend: 'crossplane', type: 's3', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection'] },
  {
    backend: 'crossplane',
    type: 'redis',
    claimsKept: [],
    claimsDeleted: [],
    secretsKept: ['<name>-connection'],
    sameCredentials: true,
    note: 'the password is read again from the claim\'s connection Secret `<name>-crossplane` (deleted with the claim, which controls it)',
  },
  { backend: 'crossplane', type: 'rabbitmq', claimsKept: [], claimsDeleted: [], secretsKept: ['<name>-connection', '<name>-credentials'], sameCredentials: true },
];

const KIND: { [type: string]: string } = { mysql: 'MySQL', postgresql: 'PostgreSQL', s3: 'object store', redis: 'cache', rabbitmq: 'queue' };

function list(names: string[]): string {
  return names.length === 0 ? 'none' : names.map((n) => `\`${n}\``).join(', ');
}

/** The section of docs/day-2.md, rendered from LIFECYCLE. */
export function renderLifecycleTable(): string {
  const lines = [
    '| backend | kind | claims left | claims deleted by the garbage collector | Secrets left | credentials after applying again and binding | notes |',
    '|---|---|---|---|---|---|---|',
    ...LIFECYCLE.map((r) => `| \`${r.backend}\` | ${KIND[r.type]} | ${list(r.claimsKept)} | ${list(r.claimsDeleted)} | ${list(r.secretsKept)} | ${
      r.sameCredentials === undefined ? (r.backend === 'rook' ? 'not checked' : 'none (no keys)') : r.sameCredentials ? 'the same' : 'new'
    } | ${r.note ?? ''} |`),
  ];
  return lines.join('\n');
}
