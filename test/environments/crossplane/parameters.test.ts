/**
 * The parameter table of each portable Crossplane API is the one source of its three uses: the XRD's schema of
 * `spec.parameters`, the claims' `spec.parameters` and the Composition patches. These tests hold the three to the
 * table: every row is in the schema (required unless optional) and read into the claim, and every patch reads a row.
 */
import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import {
  Backup, DataSource, CrossplaneCachePlatform, CrossplaneDatabasePlatform, CrossplaneObjectStorePlatform, CrossplaneProfile, CrossplaneQueuePlatform,
  DeletionPolicy, InstanceSize, MySqlVersion, PortableCache, PortableMySQL, PortableObjectStore, PortableQueue, Profile,
} from '../../../src';
import { PortableApi } from '../../../src/environments/crossplane/api';
import { CACHE_API } from '../../../src/environments/crossplane/cache/api';
import { PortableClaim } from '../../../src/environments/crossplane/claim';
import { DATABASE_API, DATABASE_PARAMETERS } from '../../../src/environments/crossplane/database/api';
import { OBJECT_STORE_API } from '../../../src/environments/crossplane/object-store/api';
import {
  claimParameters, combineParameters, deletionPolicyParameter, fromParameter, orphanOnRetain, parameterPath, parametersSchema, parameterTable,
} from '../../../src/environments/crossplane/parameters';
import { QUEUE_API } from '../../../src/environments/crossplane/queue/api';
import { byKind, newChart, oneOf, synth } from '../../util/synth';

const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'];

interface Case {
  readonly api: PortableApi;
  /** The platform construct of the API, with every cloud it has a Composition for. */
  readonly platform: (scope: IConstruct) => void;
  /** A service whose claim has every parameter (optional ones included). */
  readonly service: (scope: IConstruct) => IConstruct;
  /** Parameters no Composition of the library reads (with the reason in the table). */
  readonly unpatched: string[];
}

const CASES: Array<[string, Case]> = [
  ['database', {
    api: DATABASE_API,
    platform: (scope) => new CrossplaneDatabasePlatform(scope as any, 'Platform', {
      aws: { region: 'eu-west-1', dbSubnetGroupName: 'data-private', vpcSecurityGroupIds: ['sg-0123456789abcdef0'] },
      gcp: { region: 'europe-west1' },
    }),
    service: (scope) => new PortableMySQL(scope as any, 'Service', {
      name: 'orders',
      version: MySqlVersion.of('8.4', '8.4.6'),
      instanceSize: InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(32) }),
      backup: Backup.daily({ pointInTimeWindow: Duration.days(7) }),
      restoreFrom: DataSource.backup('orders-20261201'),
    }),
    unpatched: [],
  }],
  ['object store', {
    api: OBJECT_STORE_API,
    platform: (scope) => new CrossplaneObjectStorePlatform(scope as any, 'Platform', { aws: { region: 'eu-west-1' }, gcp: { region: 'europe-west1' } }),
    service: (scope) => {
      const store = new PortableObjectStore(scope as any, 'Service', { name: 'uploads', expiration: Duration.days(90) });
      const sa = new kplus.ServiceAccount(scope as any, 'Sa', { metadata: { name: 'web' } });
      store.bind(new kplus.Deployment(scope as any, 'Web', { serviceAccount: sa, containers: [{ image: 'example.com/web:1.0.0' }] }));
      return store;
    },
    unpatched: ['serviceAccounts'],
  }],
  ['cache', {
    api: CACHE_API,
    platform: (scope) => new CrossplaneCachePlatform(scope as any, 'Platform', {
      aws: { region: 'eu-west-1', cacheSubnetGroupName: 'cache-private', securityGroupIds: ['sg-0123456789abcdef0'] },
      gcp: { region: 'europe-west1' },
    }),
    service: (scope) => new PortableCache(scope as any, 'Service', { name: 'sessions' }),
    unpatched: [],
  }],
  ['queue', {
    api: QUEUE_API,
    platform: (scope) => new CrossplaneQueuePlatform(scope as any, 'Platform', {
      aws: { region: 'eu-west-1', subnetIds: SUBNETS, securityGroupIds: ['sg-0123456789abcdef0'] },
    }),
    service: (scope) => new PortableQueue(scope as any, 'Service', { name: 'orders', deletionPolicy: DeletionPolicy.DELETE }),
    unpatched: [],
  }],
];

/** The parameters (or fields of object parameters) a patch reads, from every Composition of the platform. */
function patchedParameters(compositions: any[]): string[] {
  const paths = compositions.flatMap((c) => c.spec.pipeline[0].input.resources).flatMap((t: any) => t.patches)
    .flatMap((p: any) => (p.type === 'CombineFromComposite' ? p.combine.variables.map((v: any) => v.fromFieldPath) : [p.fromFieldPath]));
  return paths.filter((p: string) => p.startsWith('spec.parameters.')).map((p: string) => p.slice('spec.parameters.'.length));
}

describe.each(CASES)('the %s API: schema, claim and patches come from one table', (_, { api, platform, service, unpatched }) => {
  const names = Object.keys(api.parameters);

  test('the XRD\'s spec.parameters has every parameter, in order, required unless the table marks it optional', () => {
    const { chart } = newChart();
    platform(chart);
    const xrd = oneOf(synth(chart), 'CompositeResourceDefinition');
    const schema = xrd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.parameters;
    expect(Object.keys(schema.properties).sort()).toEqual([...names].sort());
    expect(schema.required).toEqual(names.filter((n) => !api.parameters[n].optional));
    expect(schema.description).toBe(api.description);
    for (const name of names) {
      const row = api.parameters[name];
      const expected = { ...row.schema, ...(row.description ? { description: row.description } : {}) };
      expect({ name, schema: schema.properties[name] }).toEqual({ name, schema: expected });
    }
  });

  test('the claim reads every parameter, in the table\'s order', () => {
    const { chart } = newChart();
    Profile.use(chart, new CrossplaneProfile({ compositionSelector: { provider: 'aws' } }));
    const claim = service(chart).node.findChild('Claim') as PortableClaim;
    expect(claim).toBeInstanceOf(PortableClaim);
    expect(claim.api).toBe(api);
    expect(Object.keys(claim.parameters)).toEqual(names);
    const synthesized = oneOf(synth(chart), api.claimKind, 'portabledata.io/v1alpha1');
    expect(Object.keys(synthesized.spec.parameters).sort()).toEqual([...names].sort());
  });

  test('every patch reads a parameter of the table, and every parameter is read by a Composition', () => {
    const { chart } = newChart();
    platform(chart);
    const patched = patchedParameters(byKind(synth(chart), 'Composition'));
    expect(patched.length).toBeGreaterThan(0);
    for (const path of patched) {
      const [name, field] = path.split('.');
      expect({ path, parameter: names.includes(name) }).toEqual({ path, parameter: true });
      const fields = field === undefined ? [] : Object.keys((api.parameters[name].schema as any).properties);
      if (field !== undefined) expect({ path, fields }).toEqual({ path, fields: expect.arrayContaining([field]) });
    }
    expect(names.filter((n) => !patched.some((p) => p === n || p.startsWith(`${n}.`)))).toEqual(unpatched);
  });
});

describe('the parameter table machinery', () => {
  interface Input { readonly n?: number; readonly s: string }
  const TABLE = parameterTable<Input>()({
    count: { schema: { type: 'integer' }, description: 'A count.', optional: true, read: (i) => i.n },
    name: { schema: { type: 'string' }, read: (i) => i.s },
    ref: {
      schema: { type: 'object', properties: { name: { type: 'string' }, key: { type: 'string' } } },
      read: (i) => ({ name: i.s, key: 'k' }),
    },
  });

  test('the schema: properties with their descriptions, required the rows not marked optional, the rules', () => {
    expect(parametersSchema(TABLE, 'Things.', [{ rule: 'has(self.name)', message: 'name' }])).toEqual({
      'type': 'object',
      'description': 'Things.',
      'required': ['name', 'ref'],
      'properties': {
        count: { type: 'integer', description: 'A count.' },
        name: { type: 'string' },
        ref: { type: 'object', properties: { name: { type: 'string' }, key: { type: 'string' } } },
      },
      'x-kubernetes-validations': [{ rule: 'has(self.name)', message: 'name' }],
    });
    expect(parametersSchema(TABLE, 'Things.')).not.toHaveProperty(['x-kubernetes-validations']);
  });

  test('the claim\'s parameters: every row read in order; an optional row may be undefined', () => {
    const parameters = claimParameters(TABLE, { s: 'a' });
    expect(parameters).toEqual({ count: undefined, name: 'a', ref: { name: 'a', key: 'k' } });
    expect(Object.keys(parameters)).toEqual(['count', 'name', 'ref']);
  });

  test('fails when a required row is read as undefined (a bug of the table)', () => {
    expect(() => claimParameters(TABLE, { s: undefined as any })).toThrow(
      'the required parameter name of a portable Crossplane API was read as undefined: mark it optional or read a value');
  });

  test('patches name a parameter, or a field of an object parameter, of their table', () => {
    expect(parameterPath(TABLE, 'count')).toBe('spec.parameters.count');
    expect(parameterPath(TABLE, 'ref.key')).toBe('spec.parameters.ref.key');
    expect(fromParameter(TABLE, 'name', 'spec.forProvider.name', [], true)).toEqual({
      type: 'FromCompositeFieldPath', fromFieldPath: 'spec.parameters.name', toFieldPath: 'spec.forProvider.name', policy: { fromFieldPath: 'Required' },
    });
    expect(combineParameters(TABLE, ['name', 'ref.name'], '%s-%s', 'spec.forProvider.id')).toEqual({
      type: 'CombineFromComposite',
      combine: { variables: [{ fromFieldPath: 'spec.parameters.name' }, { fromFieldPath: 'spec.parameters.ref.name' }], strategy: 'string', string: { fmt: '%s-%s' } },
      toFieldPath: 'spec.forProvider.id',
    });
  });

  test('fails to compile, and at synth, when a patch names what is not a parameter of its table', () => {
    expect(() => fromParameter(DATABASE_PARAMETERS,
      // @ts-expect-error: the database API has no parameter memoryMb
      'memoryMb', 'spec.forProvider.memory')).toThrow('a patch reads spec.parameters.memoryMb, which is not a parameter of its API (engine, majorVersion,');
    expect(() => fromParameter(DATABASE_PARAMETERS,
      // @ts-expect-error: backup has no field start
      'backup.start', 'spec.forProvider.backupWindow')).toThrow('a patch reads spec.parameters.backup.start, which is not a parameter of its API');
    expect(() => combineParameters(DATABASE_PARAMETERS,
      // @ts-expect-error: a scalar parameter has no fields
      ['engine', 'identifier.name'], '%s-%s', 'spec.forProvider.name')).toThrow('a patch reads spec.parameters.identifier.name');
  });

  test('the deletion policy row and its patch: Retain orphans, Delete deletes', () => {
    const row = deletionPolicyParameter('Gone.');
    expect(row.schema).toEqual({ type: 'string', enum: ['Retain', 'Delete'] });
    expect(row.read({ spec: { deletionPolicy: DeletionPolicy.RETAIN } })).toBe('Retain');
    expect(row.read({ spec: { deletionPolicy: DeletionPolicy.DELETE } })).toBe('Delete');
    expect(orphanOnRetain(DATABASE_PARAMETERS)).toEqual({
      type: 'FromCompositeFieldPath',
      fromFieldPath: 'spec.parameters.deletionPolicy',
      toFieldPath: 'spec.deletionPolicy',
      transforms: [{ type: 'map', map: { Retain: 'Orphan', Delete: 'Delete' } }],
    });
  });
});
