import { expectValid, registerCrd, registerXrd, validateManifest } from './schema';

// ---------------------------------------------------------------------------
// fixtures
// ---------------------------------------------------------------------------

const labels = (): Record<string, string> => ({ 'app.kubernetes.io/name': 'db' });

function podSpec(): any {
  return {
    serviceAccountName: 'db',
    securityContext: { runAsNonRoot: true, fsGroup: 999 },
    containers: [{
      name: 'mysql',
      image: 'mysql:8.4',
      ports: [{ name: 'mysql', containerPort: 3306, protocol: 'TCP' }],
      env: [{ name: 'MYSQL_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-root', key: 'password' } } }],
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: 1, memory: '1Gi' } },
      readinessProbe: { tcpSocket: { port: 'mysql' }, periodSeconds: 10 },
      volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }],
    }],
  };
}

function deployment(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'db', namespace: 'default', labels: labels(), annotations: { 'example.com/note': 'x' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels() },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: { metadata: { labels: labels() }, spec: podSpec() },
    },
  };
}

function coreObjects(): any[] {
  return [
    deployment(),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', labels: labels() },
      spec: { type: 'ClusterIP', selector: labels(), ports: [{ name: 'mysql', port: 3306, targetPort: 'mysql', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db-root' },
      type: 'Opaque',
      data: { password: Buffer.from('s3cr3t').toString('base64') },
      stringData: { username: 'root' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', labels: labels() },
      spec: {
        serviceName: 'db',
        replicas: 1,
        selector: { matchLabels: labels() },
        template: { metadata: { labels: labels() }, spec: podSpec() },
        volumeClaimTemplates: [{
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '10Gi' } } },
        }],
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'db' },
      spec: {
        podSelector: { matchLabels: labels() },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [{ podSelector: { matchLabels: { role: 'app' } } }, { namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] } }],
          ports: [{ protocol: 'TCP', port: 3306 }],
        }],
      },
    },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'db' }, spec: { minAvailable: 1, selector: { matchLabels: labels() } } },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'db-init' },
      spec: { backoffLimit: 3, ttlSecondsAfterFinished: 600, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'init', image: 'mysql:8.4', command: ['mysql', '-e', 'select 1'] }] } } },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'db-backup' },
      spec: {
        schedule: '0 3 * * *',
        concurrencyPolicy: 'Forbid',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'backup', image: 'backup:1', args: ['--all'] }] } } } },
      },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'db' }, automountServiceAccountToken: false },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'db' },
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: ['db-root'], verbs: ['get', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'db' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'db' },
      subjects: [{ kind: 'ServiceAccount', name: 'db', namespace: 'default' }],
    },
  ];
}

function dbInstance(): any {
  return {
    apiVersion: 'rds.services.k8s.aws/v1alpha1',
    kind: 'DBInstance',
    metadata: { name: 'orders', namespace: 'prod' },
    spec: {
      dbInstanceIdentifier: 'orders',
      dbInstanceClass: 'db.t4g.micro',
      engine: 'mysql',
      engineVersion: '8.0.39',
      allocatedStorage: 20,
      masterUsername: 'admin',
      masterUserPassword: { name: 'orders-master', key: 'password', namespace: 'prod' },
      multiAZ: false,
      storageEncrypted: true,
      tags: [{ key: 'team', value: 'orders' }],
    },
  };
}

function sqlInstance(): any {
  return {
    apiVersion: 'sql.cnrm.cloud.google.com/v1beta1',
    kind: 'SQLInstance',
    metadata: { name: 'orders', annotations: { 'cnrm.cloud.google.com/project-id': 'my-project' } },
    spec: {
      databaseVersion: 'MYSQL_8_0',
      region: 'europe-west1',
      settings: {
        tier: 'db-custom-1-3840',
        availabilityType: 'ZONAL',
        diskSize: 20,
        backupConfiguration: { enabled: true, binaryLogEnabled: true },
        ipConfiguration: { ipv4Enabled: false },
      },
    },
  };
}

function xrd(): any {
  return {
    apiVersion: 'apiextensions.crossplane.io/v1',
    kind: 'CompositeResourceDefinition',
    metadata: { name: 'xmysqlinstances.data.example.org' },
    spec: {
      group: 'data.example.org',
      names: { kind: 'XMySQLInstance', plural: 'xmysqlinstances' },
      claimNames: { kind: 'MySQLInstance', plural: 'mysqlinstances' },
      connectionSecretKeys: ['host', 'port', 'username', 'password'],
      defaultCompositionRef: { name: 'mysql-aws' },
      versions: [{
        name: 'v1alpha1',
        served: true,
        referenceable: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  parameters: {
                    type: 'object',
                    properties: {
                      size: { type: 'string', enum: ['small', 'medium', 'large'] },
                      storageGB: { type: 'integer', minimum: 10 },
                      version: { type: 'string' },
                    },
                    required: ['size'],
                  },
                },
                required: ['parameters'],
              },
              status: { type: 'object', properties: { endpoint: { type: 'string' } } },
            },
          },
        },
      }],
    },
  };
}

function claim(): any {
  return {
    apiVersion: 'data.example.org/v1alpha1',
    kind: 'MySQLInstance',
    metadata: { name: 'orders', namespace: 'prod' },
    spec: {
      parameters: { size: 'small', storageGB: 20 },
      compositionSelector: { matchLabels: { provider: 'aws' } },
      writeConnectionSecretToRef: { name: 'orders-conn' },
    },
  };
}

/** Asserts the object fails and that some error mentions every given fragment. */
function expectError(obj: any, ...fragments: string[]): string[] {
  const errors = validateManifest(obj);
  expect(errors.length).toBeGreaterThan(0);
  for (const f of fragments) {
    expect(errors.some((e) => e.includes(f))).toBe(true);
  }
  return errors;
}

// ---------------------------------------------------------------------------
// built-in kinds
// ---------------------------------------------------------------------------

describe('built-in kinds', () => {
  test.each(coreObjects().map((o) => [`${o.apiVersion} ${o.kind}`, o]))('accepts a valid %s', (_name, obj) => {
    expect(validateManifest(obj)).toEqual([]);
  });

  test('expectValid accepts all valid core objects', () => {
    expect(() => expectValid(coreObjects())).not.toThrow();
  });

  test('fails when an unknown field is at the top level', () => {
    expect(validateManifest({ ...deployment(), extra: true })).toEqual(['extra: unknown field "extra"']);
  });

  test('fails when an unknown field is in metadata', () => {
    const d = deployment();
    d.metadata.lables = { a: 'b' };
    expect(validateManifest(d)).toEqual(['metadata.lables: unknown field "lables"']);
  });

  test('fails when an unknown field is in spec', () => {
    const d = deployment();
    d.spec.replica = 2;
    expect(validateManifest(d)).toEqual(['spec.replica: unknown field "replica"']);
  });

  test('fails when an unknown field is deep in a pod container', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].imagePullPolice = 'Always';
    expect(validateManifest(d)).toEqual(['spec.template.spec.containers[0].imagePullPolice: unknown field "imagePullPolice"']);
  });

  test('fails when an unknown field is in a volumeClaimTemplate', () => {
    const sts = coreObjects().find((o) => o.kind === 'StatefulSet');
    sts.spec.volumeClaimTemplates[0].spec.size = '10Gi';
    expectError(sts, 'spec.volumeClaimTemplates[0].spec.size: unknown field');
  });

  test('fails when a field has the wrong type', () => {
    const d = deployment();
    d.spec.replicas = '3';
    expect(validateManifest(d)).toEqual(['spec.replicas: must be integer (got string)']);
  });

  test('fails when a label value is not a string', () => {
    const d = deployment();
    d.metadata.labels.tier = 3;
    expectError(d, 'metadata.labels.tier: must be string (got integer)');
  });

  test('fails when a required field is missing', () => {
    const d = deployment();
    delete d.spec.selector;
    expect(validateManifest(d)).toEqual(['spec.selector: required field "selector" is missing']);
  });

  test('fails when a required field of a list item is missing', () => {
    const rb = coreObjects().find((o) => o.kind === 'RoleBinding');
    delete rb.roleRef.name;
    expectError(rb, 'roleRef.name: required field');
  });

  test('fails when metadata.name is missing', () => {
    const d = deployment();
    delete d.metadata.name;
    expectError(d, 'metadata.name');
  });

  test('accepts generateName instead of name', () => {
    const j = coreObjects().find((o) => o.kind === 'Job');
    j.metadata = { generateName: 'db-init-' };
    expect(validateManifest(j)).toEqual([]);
  });

  test('fails when an object is given where a list is expected', () => {
    const svc = coreObjects().find((o) => o.kind === 'Service');
    svc.spec.ports = svc.spec.ports[0];
    expect(validateManifest(svc)).toEqual(['spec.ports: must be array (got object)']);
  });

  test('fails when a boolean field gets a string', () => {
    const sa = coreObjects().find((o) => o.kind === 'ServiceAccount');
    sa.automountServiceAccountToken = 'false';
    expect(validateManifest(sa)).toEqual(['automountServiceAccountToken: must be boolean (got string)']);
  });

  test('fails when the kind is unknown', () => {
    expect(validateManifest({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } })).toEqual(['no schema for apps/v1/Deploymnet']);
  });

  test('fails when the apiVersion does not serve the kind', () => {
    expect(validateManifest({ ...deployment(), apiVersion: 'apps/v1beta1' })).toEqual(['no schema for apps/v1beta1/Deployment']);
  });

  test('fails when a custom kind has no CRD', () => {
    expect(validateManifest({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } })).toEqual(['no schema for example.com/v1/Widget']);
  });

  test('fails when apiVersion or kind is not a string', () => {
    expectError({ ...deployment(), apiVersion: 1 }, 'apiVersion: must be a non-empty string');
    expectError({ ...deployment(), kind: undefined }, 'kind: must be a non-empty string');
    expectError('Deployment', '(root): must be an object');
  });

  const pdb = (minAvailable: unknown) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable } });

  test('IntOrString accepts an integer or a string', () => {
    expect(validateManifest(pdb(1))).toEqual([]);
    expect(validateManifest(pdb('50%'))).toEqual([]);
  });

  test('fails when an IntOrString is a boolean or a fraction', () => {
    expect(validateManifest(pdb(true))).toEqual(['spec.minAvailable: must be integer or string (got boolean)']);
    expectError(pdb(1.5), 'spec.minAvailable: must be integer or string');
  });

  const withLimits = (limits: any) => {
    const d = deployment();
    d.spec.template.spec.containers[0].resources = { limits };
    return d;
  };

  test('Quantity accepts a number or a quantity string', () => {
    expect(validateManifest(withLimits({ 'cpu': 0.5, 'memory': '1.5Gi', 'ephemeral-storage': '1e3', 'nvidia.com/gpu': '2' }))).toEqual([]);
  });

  test('fails when a Quantity is not a valid quantity', () => {
    expectError(withLimits({ memory: '10 GB' }), 'spec.template.spec.containers[0].resources.limits.memory: must match pattern');
    expectError(withLimits({ memory: '1e3M' }), 'resources.limits.memory: must match pattern');
    expectError(withLimits({ memory: true }), 'resources.limits.memory: must be string or number (got boolean)');
  });

  test('fails when Secret data is not base64 (format byte)', () => {
    const s = coreObjects().find((o) => o.kind === 'Secret');
    s.data.password = 'not base64!';
    expectError(s, 'data.password: must match format "byte"');
  });

  test('does not modify the validated object', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].bogus = 1;
    const before = structuredClone(d);
    validateManifest(d);
    expect(d).toEqual(before);
  });
});

describe('expectValid', () => {
  test('fails when any object is invalid and names each one', () => {
    const bad1 = deployment();
    bad1.spec.replicas = 'two';
    const bad2 = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: 1 } };
    let message = '';
    try {
      expectValid([coreObjects()[1], bad1, bad2]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('2 of 3 manifest(s)');
    expect(message).toContain('Deployment/db: spec.replicas: must be integer (got string)');
    expect(message).toContain('ConfigMap/cfg: data.a: must be string (got integer)');
    expect(message).not.toContain('Service/db');
  });
});

// ---------------------------------------------------------------------------
// CRDs from schemas/crds
// ---------------------------------------------------------------------------

describe('ACK DBInstance (rds.services.k8s.aws/v1alpha1)', () => {
  test('accepts a valid DBInstance', () => {
    expect(validateManifest(dbInstance())).toEqual([]);
  });

  test('fails when a spec field has a typo', () => {
    const db = dbInstance();
    db.spec.multiAz = db.spec.multiAZ;
    delete db.spec.multiAZ;
    expect(validateManifest(db)).toEqual(['spec.multiAz: unknown field "multiAz"']);
  });

  test('fails when spec.engine is missing', () => {
    const db = dbInstance();
    delete db.spec.engine;
    expect(validateManifest(db)).toEqual(['spec.engine: required field "engine" is missing']);
  });

  test('fails when a nested secret reference has an unknown field', () => {
    const db = dbInstance();
    db.spec.masterUserPassword.secretName = 'x';
    expectError(db, 'spec.masterUserPassword.secretName: unknown field');
  });

  test('fails when metadata has an unknown field (ObjectMeta is strict for custom resources)', () => {
    const db = dbInstance();
    db.metadata.label = { a: 'b' };
    expect(validateManifest(db)).toEqual(['metadata.label: unknown field "label"']);
  });

  test('fails when there is an unknown top-level field on a custom resource', () => {
    expect(validateManifest({ ...dbInstance(), data: {} })).toEqual(['data: unknown field "data"']);
  });

  test('fails when allocatedStorage has the wrong type', () => {
    const db = dbInstance();
    db.spec.allocatedStorage = '20Gi';
    expectError(db, 'spec.allocatedStorage: must be integer (got string)');
  });
});

describe('Config Connector SQLInstance (sql.cnrm.cloud.google.com/v1beta1)', () => {
  test('accepts a valid SQLInstance', () => {
    expect(validateManifest(sqlInstance())).toEqual([]);
  });

  test('fails when spec.settings.tier is missing', () => {
    const i = sqlInstance();
    delete i.spec.settings.tier;
    expect(validateManifest(i)).toEqual(['spec.settings.tier: required field "tier" is missing']);
  });

  test('fails when settings has an unknown field', () => {
    const i = sqlInstance();
    i.spec.settings.machineType = 'db-n1-standard-1';
    expect(validateManifest(i)).toEqual(['spec.settings.machineType: unknown field "machineType"']);
  });

  test('fails when the CR has no spec (spec is required)', () => {
    const i = sqlInstance();
    delete i.spec;
    expectError(i, 'spec: required field');
  });
});

// ---------------------------------------------------------------------------
// Crossplane
// ---------------------------------------------------------------------------

describe('Crossplane', () => {
  test('accepts a valid v1 CompositeResourceDefinition with claimNames', () => {
    expect(validateManifest(xrd())).toEqual([]);
  });

  test('fails when the XRD has an unknown field in spec', () => {
    const x = xrd();
    x.spec.claimName = x.spec.claimNames;
    expectError(x, 'spec.claimName: unknown field');
  });

  test('fails when the claim kind is used before the XRD is registered', () => {
    const c = { ...claim(), apiVersion: 'unregistered.example.org/v1alpha1' };
    expect(validateManifest(c)).toEqual(['no schema for unregistered.example.org/v1alpha1/MySQLInstance']);
  });

  describe('registerXrd (v1, LegacyCluster with claims)', () => {
    beforeAll(() => registerXrd(xrd()));

    test('accepts a valid claim with compositionSelector.matchLabels and writeConnectionSecretToRef.name', () => {
      expect(validateManifest(claim())).toEqual([]);
    });

    test('accepts the other injected claim fields', () => {
      const c = claim();
      Object.assign(c.spec, {
        compositionRef: { name: 'mysql-aws' },
        compositionRevisionSelector: { matchLabels: { channel: 'stable' } },
        compositionUpdatePolicy: 'Manual',
        compositeDeletePolicy: 'Foreground',
        resourceRef: { apiVersion: 'data.example.org/v1alpha1', kind: 'XMySQLInstance', name: 'orders-abcde' },
      });
      expect(validateManifest(c)).toEqual([]);
    });

    test('fails when there is an unknown field under spec.parameters', () => {
      const c = claim();
      c.spec.parameters.sise = 'small';
      expect(validateManifest(c)).toEqual(['spec.parameters.sise: unknown field "sise"']);
    });

    test('fails when there is an unknown field directly under spec', () => {
      const c = claim();
      c.spec.compositionSelecter = { matchLabels: {} };
      expect(validateManifest(c)).toEqual(['spec.compositionSelecter: unknown field "compositionSelecter"']);
    });

    test('fails when a required XRD parameter is missing or has a bad enum value', () => {
      const c = claim();
      delete c.spec.parameters.size;
      expect(validateManifest(c)).toEqual(['spec.parameters.size: required field "size" is missing']);
      const d = claim();
      d.spec.parameters.size = 'huge';
      expectError(d, 'spec.parameters.size: must be one of ["small","medium","large"]');
    });

    test('fails when compositionSelector has no matchLabels', () => {
      const c = claim();
      c.spec.compositionSelector = { matchExpressions: [] };
      const errors = expectError(c, 'spec.compositionSelector.matchLabels: required field');
      expect(errors).toContain('spec.compositionSelector.matchExpressions: unknown field "matchExpressions"');
    });

    test('fails when the claim sets writeConnectionSecretToRef.namespace (claims take a name only)', () => {
      const c = claim();
      c.spec.writeConnectionSecretToRef.namespace = 'prod';
      expect(validateManifest(c)).toEqual(['spec.writeConnectionSecretToRef.namespace: unknown field "namespace"']);
    });

    test('fails when the claim has no spec', () => {
      const c = claim();
      delete c.spec;
      expectError(c, 'spec: required field');
    });

    test('accepts a valid composite resource (XR) with XR-only fields', () => {
      const xr = {
        apiVersion: 'data.example.org/v1alpha1',
        kind: 'XMySQLInstance',
        metadata: { name: 'orders-abcde' },
        spec: {
          parameters: { size: 'large' },
          compositionRef: { name: 'mysql-aws' },
          claimRef: { apiVersion: 'data.example.org/v1alpha1', kind: 'MySQLInstance', namespace: 'prod', name: 'orders' },
          resourceRefs: [{ apiVersion: 'rds.aws.upbound.io/v1beta3', kind: 'Instance', name: 'orders-xyz' }],
          writeConnectionSecretToRef: { name: 'orders-conn', namespace: 'crossplane-system' },
        },
        status: { endpoint: 'orders.example', conditions: [{ type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
      };
      expect(validateManifest(xr)).toEqual([]);
    });

    test('fails when the XR writeConnectionSecretToRef lacks a namespace', () => {
      const xr = {
        apiVersion: 'data.example.org/v1alpha1',
        kind: 'XMySQLInstance',
        metadata: { name: 'orders-abcde' },
        spec: { parameters: { size: 'large' }, writeConnectionSecretToRef: { name: 'orders-conn' } },
      };
      expect(validateManifest(xr)).toEqual(['spec.writeConnectionSecretToRef.namespace: required field "namespace" is missing']);
    });

    test('fails when the claim name is longer than 63 characters', () => {
      const c = claim();
      c.metadata.name = 'x'.repeat(64);
      expectError(c, 'metadata.name: must NOT have more than 63 characters');
    });
  });

  describe('registerXrd (v2, Namespaced)', () => {
    const v2 = (): any => {
      const x = xrd();
      x.apiVersion = 'apiextensions.crossplane.io/v2';
      x.metadata.name = 'mysqls.v2.example.org';
      x.spec.group = 'v2.example.org';
      x.spec.names = { kind: 'MySQL', plural: 'mysqls' };
      delete x.spec.claimNames;
      return x;
    };
    beforeAll(() => registerXrd(v2()));

    test('accepts a valid v2 XRD', () => {
      expect(validateManifest(v2())).toEqual([]);
    });

    test('accepts Crossplane machinery under spec.crossplane', () => {
      const xr = {
        apiVersion: 'v2.example.org/v1alpha1',
        kind: 'MySQL',
        metadata: { name: 'orders', namespace: 'prod' },
        spec: { parameters: { size: 'small' }, crossplane: { compositionSelector: { matchLabels: { provider: 'gcp' } } } },
      };
      expect(validateManifest(xr)).toEqual([]);
    });

    test('fails when v1-style machinery is put directly under spec', () => {
      const xr = {
        apiVersion: 'v2.example.org/v1alpha1',
        kind: 'MySQL',
        metadata: { name: 'orders', namespace: 'prod' },
        spec: { parameters: { size: 'small' }, compositionSelector: { matchLabels: { provider: 'gcp' } } },
      };
      expect(validateManifest(xr)).toEqual(['spec.compositionSelector: unknown field "compositionSelector"']);
    });
  });
});

// ---------------------------------------------------------------------------
// registerCrd and the structural-schema extensions
// ---------------------------------------------------------------------------

describe('registerCrd', () => {
  const crd: any = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gadgets.test.example.org' },
    spec: {
      group: 'test.example.org',
      scope: 'Namespaced',
      names: { kind: 'Gadget', plural: 'gadgets' },
      versions: [
        { name: 'v1alpha1', served: false, storage: false, schema: { openAPIV3Schema: { type: 'object' } } },
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: {
                  'type': 'object',
                  'required': ['size'],
                  'x-kubernetes-validations': [{ rule: 'self.size == "never"', message: 'CEL is not evaluated' }],
                  'properties': {
                    size: { 'x-kubernetes-int-or-string': true, 'pattern': '^[0-9]+(Mi|Gi)?$' },
                    note: { type: 'string', nullable: true },
                    anything: { 'nullable': true, 'x-kubernetes-preserve-unknown-fields': true },
                    config: { 'type': 'object', 'properties': { known: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true },
                    template: {
                      'type': 'object',
                      'x-kubernetes-embedded-resource': true,
                      'properties': { spec: { type: 'object', properties: { replicas: { type: 'integer', format: 'int32' } } } },
                    },
                    timeout: { type: 'string', format: 'duration' },
                    since: { type: 'string', format: 'date-time' },
                    homepage: { type: 'string', format: 'uri' },
                    ratio: { type: 'number', minimum: 0, maximum: 1, exclusiveMaximum: true },
                    tags: { type: 'array', maxItems: 2, items: { type: 'string', minLength: 1 } },
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
  const gadget = (spec: any): any => ({ apiVersion: 'test.example.org/v1', kind: 'Gadget', metadata: { name: 'g' }, spec });

  let crdSnapshot: any;
  beforeAll(() => {
    crdSnapshot = structuredClone(crd);
    registerCrd(crd);
  });

  test('does not mutate the registered CRD', () => {
    validateManifest(gadget({ size: 1 }));
    expect(crd).toEqual(crdSnapshot);
  });

  test('the CRD object itself is a valid CustomResourceDefinition', () => {
    expect(validateManifest(crd)).toEqual([]);
  });

  test('accepts a valid object and ignores CEL rules', () => {
    expect(validateManifest(gadget({
      size: '10Gi',
      note: null,
      anything: { free: ['form'] },
      config: { known: 'a', other: 1 },
      template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'b' } }, spec: { replicas: 2 } },
      timeout: '1h30m',
      since: '2025-06-01T12:00:00Z',
      homepage: 'not validated',
      ratio: 0.5,
      tags: ['a'],
    }))).toEqual([]);
  });

  test('fails when a served: false version is used', () => {
    expect(validateManifest({ ...gadget({ size: 1 }), apiVersion: 'test.example.org/v1alpha1' })).toEqual(['no schema for test.example.org/v1alpha1/Gadget']);
  });

  test('x-kubernetes-int-or-string accepts an integer or a string', () => {
    expect(validateManifest(gadget({ size: 3 }))).toEqual([]);
    expect(validateManifest(gadget({ size: '3Gi' }))).toEqual([]);
  });

  test('fails when an x-kubernetes-int-or-string field is neither (or misses its pattern)', () => {
    expect(validateManifest(gadget({ size: true }))).toEqual(['spec.size: must be integer or string (got boolean)']);
    expectError(gadget({ size: '3 GB' }), 'spec.size: must match pattern');
  });

  test('fails when a required field is missing', () => {
    expect(validateManifest(gadget({}))).toEqual(['spec.size: required field "size" is missing']);
  });

  test('nullable: true allows null', () => {
    expect(validateManifest(gadget({ size: 1, note: null, anything: null }))).toEqual([]);
  });

  test('fails when a field without nullable is null', () => {
    expect(validateManifest(gadget({ size: 1, timeout: null }))).toEqual(['spec.timeout: must be string (got null)']);
  });

  test('fails when an embedded resource has an unknown field or bad metadata', () => {
    expectError(gadget({ size: 1, template: { apiVersion: 'v1', kind: 'Pod', status: {} } }), 'spec.template.status: unknown field');
    expectError(gadget({ size: 1, template: { metadata: { nam: 'x' } } }), 'spec.template.metadata.nam: unknown field');
    expectError(gadget({ size: 1, template: { spec: { replicas: 2 ** 40 } } }), 'spec.template.spec.replicas: must match format "int32"');
  });

  test('fails when formats, bounds or list limits are violated', () => {
    expectError(gadget({ size: 1, timeout: 'forever' }), 'spec.timeout: must match format "duration"');
    expectError(gadget({ size: 1, since: 'yesterday' }), 'spec.since: must match format "date-time"');
    expectError(gadget({ size: 1, ratio: 1 }), 'spec.ratio: must be < 1');
    expectError(gadget({ size: 1, tags: ['a', 'b', 'c'] }), 'spec.tags: must NOT have more than 2 items');
    expectError(gadget({ size: 1, tags: [''] }), 'spec.tags[0]: must NOT have fewer than 1 characters');
  });

  test('fails when an unknown field is under a closed object', () => {
    expectError(gadget({ size: 1, extra: 1 }), 'spec.extra: unknown field');
  });

  test('re-registering a CRD replaces the cached validator', () => {
    const v2 = structuredClone(crd);
    v2.metadata.name = 'widgets.reg.example.org';
    v2.spec.group = 'reg.example.org';
    v2.spec.names = { kind: 'Widget', plural: 'widgets' };
    registerCrd(v2);
    const w = { apiVersion: 'reg.example.org/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, color: 'red' } };
    expect(validateManifest(w)).toEqual(['spec.color: unknown field "color"']);
    v2.spec.versions[1].schema.openAPIV3Schema.properties.spec.properties.color = { type: 'string' };
    registerCrd(v2);
    expect(validateManifest(w)).toEqual([]);
  });

  test('fails when registerCrd is given something that is not a CRD', () => {
    expect(() => registerCrd({ kind: 'CustomResourceDefinition', spec: {} })).toThrow(/not a CustomResourceDefinition/);
    expect(() => registerXrd({ spec: { group: 'x' } })).toThrow(/not a CompositeResourceDefinition/);
  });
});
