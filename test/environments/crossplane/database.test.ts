import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { claimFor, registerPlatformXrd } from './fixture';
import {
  Backup, Credentials, DeletionPolicy, HighAvailability, InstanceSize, MySqlVersion, PortableMySQLProps,
} from '../../../src';
import { PortableClaim } from '../../../src/environments/crossplane/claim';
import { CrossplaneDatabaseBackend } from '../../../src/environments/crossplane/database/backend';
import { CrossplaneClaimOptions } from '../../../src/environments/crossplane/options';
import { expectValid, validateManifest } from '../../util/schema';
import { byKind } from '../../util/synth';

beforeAll(() => {
  registerPlatformXrd();
});

describe('claim', () => {
  test('defaults', () => {
    const { objs, claim } = claimFor();
    expectValid(objs);
    expect(claim.metadata.name).toBe('orders');
    expect(claim.metadata.namespace).toBe('apps');
    expect(claim.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'mysql',
      'app.kubernetes.io/instance': 'orders',
      'portabledata.io/backend': 'crossplane',
    });
    expect(claim.spec).toEqual({
      compositionSelector: { matchLabels: { provider: 'aws' } },
      writeConnectionSecretToRef: { name: 'orders-crossplane' },
      parameters: {
        engine: 'mysql',
        majorVersion: '8.4',
        storageGB: 20,
        instanceSize: 'small',
        databaseName: 'app',
        username: 'app',
        highAvailability: true,
        backup: { enabled: true, startTime: '03:00', endTime: '03:30', retentionDays: 7 },
        deletionPolicy: 'Retain',
        passwordSecretRef: { name: 'orders-credentials', key: 'password' },
        identifier: 'orders',
      },
    });
    // Credentials never appear in the claim: only a reference to the Secret.
    expect(JSON.stringify(claim)).not.toMatch(/"password"\s*:/);
  });

  test('the claim is the construct "Claim" of the service (construct IDs are API)', () => {
    const { db } = claimFor();
    expect(db.node.findChild('Claim')).toBeInstanceOf(PortableClaim);
    expect(db.backendName).toBe('crossplane');
  });

  test('selector labels and name prefix come from the profile', () => {
    const { objs, claim } = claimFor({}, {
      compositionSelector: { 'provider': 'gcp', 'example.com/tier': 'gold' },
      namePrefix: 'prod-',
    });
    expectValid(objs);
    expect(claim.spec.compositionSelector).toEqual({ matchLabels: { 'provider': 'gcp', 'example.com/tier': 'gold' } });
    expect(claim.spec.parameters.identifier).toBe('prod-orders');
    expect(claim.metadata.name).toBe('orders');
  });

  const cases: Array<[string, PortableMySQLProps, Record<string, unknown>]> = [
    ['version 8.0', { version: MySqlVersion.V8_0 }, { majorVersion: '8.0' }],
    ['pinned full version', { version: MySqlVersion.of('8.4', '8.4.6') }, { majorVersion: '8.4', engineVersion: '8.4.6' }],
    ['storage', { storage: Size.gibibytes(500) }, { storageGB: 500 }],
    ['medium size', { instanceSize: InstanceSize.MEDIUM }, { instanceSize: 'medium' }],
    ['large size', { instanceSize: InstanceSize.LARGE }, { instanceSize: 'large' }],
    ['custom size', { instanceSize: InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(64) }) }, { instanceSize: 'custom', cpu: 8, memoryMiB: 65536 }],
    ['database name', { databaseName: 'orders_db' }, { databaseName: 'orders_db' }],
    ['HA none', { highAvailability: HighAvailability.NONE }, { highAvailability: false }],
    ['HA required', { highAvailability: HighAvailability.REQUIRED }, { highAvailability: true }],
    ['HA auto without backups', { backup: Backup.disabled() }, { highAvailability: false, backup: { enabled: false } }],
    ['backup window wraps at midnight', { backup: Backup.daily({ startTime: '23:45', retention: Duration.days(35) }) },
      { backup: { enabled: true, startTime: '23:45', endTime: '00:15', retentionDays: 35 } }],
    ['backups disabled, no HA', { backup: Backup.disabled(), highAvailability: HighAvailability.NONE },
      { highAvailability: false, backup: { enabled: false } }],
    ['deletion policy delete', { deletionPolicy: DeletionPolicy.DELETE }, { deletionPolicy: 'Delete' }],
    ['credentials from a secret', { credentials: Credentials.fromSecret('orders-db', { username: 'svc', passwordKey: 'pw' }) },
      { username: 'svc', passwordSecretRef: { name: 'orders-db', key: 'pw' } }],
  ];

  test.each(cases)('%s', (_, props, expected) => {
    const { objs, claim } = claimFor(props);
    expectValid(objs);
    expect(claim.spec.parameters).toMatchObject(expected);
    if (!('engineVersion' in expected)) expect(claim.spec.parameters.engineVersion).toBeUndefined();
    if (!('cpu' in expected)) {
      expect(claim.spec.parameters.cpu).toBeUndefined();
      expect(claim.spec.parameters.memoryMiB).toBeUndefined();
    }
  });

  test('labels are passed to the claim', () => {
    const { claim } = claimFor({ labels: { team: 'payments' } });
    expect(claim.metadata.labels.team).toBe('payments');
  });

  test('the XRD rejects what the backend never writes (the claim is validated strictly)', () => {
    const { claim } = claimFor();
    const bad = JSON.parse(JSON.stringify(claim));
    bad.spec.parameters.instanceSize = 'huge';
    bad.spec.parameters.storageGB = 10;
    bad.spec.parameters.extra = true;
    const errors = validateManifest(bad).join('\n');
    expect(errors).toMatch(/instanceSize: must be one of/);
    expect(errors).toMatch(/storageGB: must be >= 20/);
    expect(errors).toMatch(/unknown field "extra"/);
  });

  test('the output is deterministic', () => {
    expect(claimFor().objs).toEqual(claimFor().objs);
  });
});

describe('binding', () => {
  test('host is read from the claim connection secret, port is the engine port', () => {
    const { db, chart } = claimFor();
    const backend = new CrossplaneDatabaseBackend({ compositionSelector: { provider: 'aws' } });
    const { guarded, ...binding } = backend.bind(new Construct(chart, 'Other'), db._spec);
    // The upgrade guard compares the claim's version parameters (MySQL: two numbers make the major) and storageGB.
    expect([guarded.object.kind, guarded.version?.majorParts, guarded.storage?.field]).toEqual(['Database', 2, 'spec.parameters.storageGB']);
    expect(binding).toEqual({
      provider: 'crossplane',
      // The claim's Synced/Ready conditions are checked while the binder waits for its Secret.
      conditions: [{ apiGroup: 'portabledata.io', apiVersion: 'v1alpha1', resource: 'databases', name: 'orders' }],
      port: 3306,
      hostFrom: { apiGroup: '', apiVersion: 'v1', resource: 'secrets', name: 'orders-crossplane', fieldPath: 'data.host', base64: true },
      // Both Compositions refuse plaintext; the app's driver negotiates TLS with the instance.
      tls: true,
      clientNegotiatesTls: true,
    });
  });

  test('the binder may read the claim connection secret', () => {
    const { objs } = claimFor();
    const rules = byKind(objs, 'Role').flatMap((r) => r.rules);
    expect(rules).toContainEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'watch'], resourceNames: ['orders-crossplane'] });
  });
});

describe('fails when', () => {
  const bad: Array<[string, CrossplaneClaimOptions, PortableMySQLProps, RegExp]> = [
    ['the composition selector is empty', { compositionSelector: {} }, {}, /^crossplane profile options: invalid compositionSelector \{\}: allowed: at least one label.*Fix: set compositionSelector/],
    ['a selector key is not a label key', { compositionSelector: { 'bad key': 'aws' } }, {}, /invalid compositionSelector key "bad key": allowed: a label key/],
    ['a selector key has a bad prefix', { compositionSelector: { 'Example.com/provider': 'aws' } }, {}, /invalid compositionSelector key "Example.com\/provider"/],
    ['a selector value is not a label value', { compositionSelector: { provider: 'aws cloud' } }, {}, /invalid compositionSelector\["provider"\] "aws cloud": allowed: a label value/],
    ['a selector value is too long', { compositionSelector: { provider: 'a'.repeat(64) } }, {}, /invalid compositionSelector\["provider"\]/],
    ['the name prefix has capitals', { compositionSelector: { provider: 'aws' }, namePrefix: 'Prod-' }, {}, /invalid namePrefix "Prod-": allowed: 1 to 23 lower-case letters/],
    ['the name prefix is too long', { compositionSelector: { provider: 'aws' }, namePrefix: 'a'.repeat(24) }, {}, /invalid namePrefix/],
    ['the name prefix has a double hyphen', { compositionSelector: { provider: 'aws' }, namePrefix: 'a--' }, {}, /invalid namePrefix "a--"/],
    ['the major version is not mapped by the compositions', { compositionSelector: { provider: 'aws' } }, { version: MySqlVersion.of('9.0', '9.0.1') },
      /invalid version "9.0": allowed: a major version the Crossplane Compositions map: 8.0, 8.4/],
    ['high availability is required without backups', { compositionSelector: { provider: 'aws' } }, { highAvailability: HighAvailability.REQUIRED, backup: Backup.disabled() },
      /Db: invalid highAvailability "required": allowed: HighAvailability.REQUIRED only with backups enabled.*Fix: enable backups/],
  ];

  test.each(bad)('%s', (_, options, props, message) => {
    expect(() => claimFor(props, options)).toThrow(message);
  });
});
