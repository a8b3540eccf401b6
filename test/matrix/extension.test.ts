/**
 * The core is closed: a new kind of service and a new environment are defined here, in test code alone (nothing
 * under src/ names them), and the contract and feature matrices check them like the built-in ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DeletionPolicy, InClusterProfile, PortableMySQL, PortableService, PortableServiceProps, Profile, ServiceKind } from '../../src';
import { ServiceBinding } from '../../src/core/backend';
import { Environment, environments, registerEnvironment } from '../../src/core/environment';
import { bindsEveryWorkload, CommonAnswers } from '../../src/core/features';
import { defineKind, IKindBackend, ServiceSpec } from '../../src/core/kind-module';
import { STRING, OptionTable, COMMON_OPTIONS } from '../../src/core/profile-file-options';
import { CommonProfileOptions } from '../../src/core/profile-options';
import { Support } from '../../src/core/support';
import { checkEnum } from '../../src/private/validate';
import { contractMatrix, featureMatrix, featureVariant, MATRIX_PROFILES, MATRIX_SERVICES, MatrixService } from '../util/matrix';

// ---- A new kind: a key-value store speaking some protocol, with its contract as data. ----

const KEY_VALUE = ServiceKind._of('key-value', {
  type: 'kv',
  keys: ['type', 'provider', 'host', 'port', 'uri'],
  uriTemplate: 'kv://{host}:{port}',
  envPrefix: 'KV_',
});

interface KeyValueProps extends PortableServiceProps {
  readonly deletionPolicy?: DeletionPolicy;
}

interface KeyValueBinding extends ServiceBinding {
  readonly host: string;
  readonly port: number;
}

/** The kind's module: no features of its own (the common ones: deletion and binding). */
defineKind<ServiceSpec, {}>({ kind: KEY_VALUE, construct: 'PortableKeyValue', noun: 'a key-value store', features: {} });

interface IKeyValueBackend extends IKindBackend<ServiceSpec, KeyValueBinding, {}> {}

class PortableKeyValue extends PortableService {
  constructor(scope: Construct, id: string, props: KeyValueProps = {}) {
    super(scope, id, KEY_VALUE, props);
    const deletionPolicy = checkEnum(this, 'deletionPolicy', props.deletionPolicy ?? DeletionPolicy.RETAIN, DeletionPolicy, 'DeletionPolicy');
    this._serve<ServiceSpec, KeyValueBinding>({ name: this.name, deletionPolicy, labels: this._serviceLabels('key-value') },
      (b) => ({ values: { host: b.host, port: String(b.port) } }));
  }

  public bind(workload: import('cdk8s-plus-27').AbstractPod): void {
    this._bindConnection(workload, {});
  }
}

// ---- A new environment: an "edge" site with an external key-value service, and MySQL in the cluster. ----

interface EdgeProfileOptions extends CommonProfileOptions {
  /** The edge site's key-value host. */
  readonly kvHost: string;
}

class EdgeKeyValueBackend implements IKeyValueBackend {
  public readonly name = 'edge';
  public readonly capabilities: CommonAnswers = {
    deletionRetain: Support.honouredBy('the edge service is external: nothing deletes it'),
    deletionDelete: Support.refused('the edge service is external: the library cannot delete its data', 'use DeletionPolicy.RETAIN'),
    ...bindsEveryWorkload('environment variables'),
  };

  constructor(private readonly host: string) {}

  public bind(scope: Construct, spec: ServiceSpec): KeyValueBinding {
    new k8s.KubeService(scope, 'Service', {
      metadata: { name: spec.name, labels: spec.labels },
      spec: { type: 'ExternalName', externalName: this.host },
    });
    return { provider: 'edge', host: `${spec.name}.{namespace}.svc.cluster.local`, port: 7000 };
  }
}

class EdgeProfile extends Profile {
  constructor(options: EdgeProfileOptions) {
    super({
      name: options.name ?? 'edge',
      environment: 'edge',
      labels: options.labels,
      binderImage: options.binderImage,
      backends: [
        { kind: KEY_VALUE, backend: new EdgeKeyValueBackend(options.kvHost) },
        { kind: PortableMySQL.KIND, backend: new InClusterProfile().backendFor(PortableMySQL.KIND) },
      ],
    });
  }
}

const EDGE_OPTIONS: OptionTable<EdgeProfileOptions> = { ...COMMON_OPTIONS, kvHost: { kind: 'string', required: true } };
// Its key-value store provisions nothing that costs; the MySQL it borrows is shaped by the in-cluster rules.
const EDGE: Environment = { type: 'edge', options: EDGE_OPTIONS, costs: { shapes: [] }, create: (o: EdgeProfileOptions) => new EdgeProfile(o) };
registerEnvironment(EDGE);
void STRING;

const edge = () => new EdgeProfile({ kvHost: 'kv.edge.example.com' });

const KEY_VALUE_SERVICE: MatrixService = {
  name: 'PortableKeyValue',
  kind: KEY_VALUE,
  profiles: { edge },
  make: (scope, id, props) => new PortableKeyValue(scope, id, props),
  base: { name: 'cache' },
  variants: [
    { prop: 'name', label: 'name', props: { name: 'sessions' } },
    { prop: 'labels', label: 'labels', props: { labels: { 'example.com/team': 'edge' } } },
    featureVariant(KEY_VALUE, 'deletionDelete'),
  ],
};

/** The built-in MySQL, also on the new environment. */
const MYSQL_EVERYWHERE: MatrixService = { ...MATRIX_SERVICES[0], profiles: { ...MATRIX_PROFILES, edge } };

describe('a kind and an environment defined outside src/', () => {
  test('the new kind is a kind like the others, and the new environment is in the list', () => {
    expect(ServiceKind.all().map((k) => k.name)).toEqual(expect.arrayContaining(['key-value', 'mysql', 'object-store', 'postgres']));
    expect(KEY_VALUE.secretType).toBe('servicebinding.io/kv');
    expect(environments().map((e) => e.type)).toContain('edge');
    expect(edge().environment).toBe('edge');
    expect(edge().kinds.map((k) => k.name)).toEqual(['key-value', 'mysql']);
  });

  test('a profiles file can use the new environment, with its options checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-'));
    try {
      const file = join(dir, 'profiles.yaml');
      writeFileSync(file, 'profiles:\n  - type: edge\n    options: { kvHost: kv.site-7.example.com }\n');
      const [profile] = Profile.fromFile(file);
      expect(profile).toBeInstanceOf(EdgeProfile);
      expect(profile.name).toBe('edge');
      writeFileSync(file, 'profiles:\n  - type: edge\n    options: { kvHots: x }\n');
      expect(() => Profile.fromFile(file)).toThrow(/profiles\[0\]: invalid options key "kvHots": allowed: the options of type "edge": name, labels, binderImage, binderRepair, binderAdmissionPolicy, kvHost\. Fix: did you mean "kvHost"\? \(or remove the key\) \[PD400\]$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fails when a kind is defined again with another contract', () => {
    expect(() => ServiceKind._of('key-value', { type: 'kv', keys: ['type', 'provider', 'host'], envPrefix: 'KV_' })).toThrow(
      /^ServiceKind key-value: invalid contract .*allowed: the contract the kind was defined with/);
  });

  test('fails when a kind\'s uri template names a key that is not in its contract', () => {
    expect(() => ServiceKind._of('broken', { type: 'broken', keys: ['type', 'provider', 'uri'], uriTemplate: 'x://{host}', envPrefix: 'B_' })).toThrow(
      'ServiceKind broken: invalid contract.uriTemplate "x://{host}": allowed: placeholders naming connection keys (type, provider, uri). Fix: fix {host}');
  });
});

describe('the contract matrix picks them up', () => {
  contractMatrix([KEY_VALUE_SERVICE, MYSQL_EVERYWHERE]);
});

describe('the feature matrix picks them up', () => {
  featureMatrix([KEY_VALUE_SERVICE, MYSQL_EVERYWHERE]);
});
