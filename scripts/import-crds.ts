/**
 * Regenerates src/imports from the pinned CRD files in schemas/crds, offline and reproducibly:
 * `npx projen import`. `npx projen import:check` regenerates into a temporary folder and fails with a diff when
 * src/imports differs (CI runs it from `verify`).
 *
 * 1. Each pinned CRD is filtered to the versions the backends build (and, where listed, to the spec fields they
 *    set), and the CRDs of one API group are written to one multi-document file in a temporary folder (the pinned
 *    copies stay whole: the tests validate against them). `cdk8s import` writes one module per API group and keeps
 *    only the first CRD of a file list, hence one file per group.
 * 2. `cdk8s import <file> -l typescript -o <dir>` generates the module (json2jsii).
 * 3. The module is post-processed (see `postprocess`): a header, and json2jsii's quadratic undefined filter replaced
 *    by a linear loop with the same result.
 *
 * The core kinds the library builds (IMPORTED_K8S_KINDS) are generated the same way into `src/imports/k8s.ts`, from
 * the pinned Kubernetes definitions (K8S_DEFINITIONS) with cdk8s-cli's own `import k8s` code generation (see
 * `generateK8s`): cdk8s-plus-27's `k8s` module carries the quadratic filter, and the library builds every core object.
 */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';

/** A pinned CRD the backends build with: the file (relative to schemas/crds) and what is generated from it. */
export interface ImportedCrd {
  readonly file: string;
  /** The versions generated (the others are dropped: their classes would be `<Kind>V2`, … and unused). */
  readonly versions: readonly string[];
  /**
   * Where set, only these fields of `spec` are generated (dotted paths; each keeps its whole subtree), for CRDs
   * whose schema is mostly fields no backend sets. A backend that sets another field fails to compile
   * ("Object literal may only specify known properties"): add the field here and run `npx projen import`.
   */
  readonly specFields?: readonly string[];
}

/** The CRDs whose types the backends build with, by API group (= generated module `src/imports/<group>.ts`). */
export const IMPORTED_CRDS: Record<string, readonly ImportedCrd[]> = {
  'rds.services.k8s.aws': [
    { file: 'ack/rds.services.k8s.aws_dbinstances.yaml', versions: ['v1alpha1'] },
    { file: 'ack/rds.services.k8s.aws_dbparametergroups.yaml', versions: ['v1alpha1'] },
  ],
  's3.services.k8s.aws': [{ file: 'ack/s3.services.k8s.aws_buckets.yaml', versions: ['v1alpha1'] }],
  'iam.services.k8s.aws': [
    { file: 'ack/iam.services.k8s.aws_roles.yaml', versions: ['v1alpha1'] },
    { file: 'ack/iam.services.k8s.aws_policies.yaml', versions: ['v1alpha1'] },
  ],
  'elasticache.services.k8s.aws': [
    { file: 'ack/elasticache.services.k8s.aws_replicationgroups.yaml', versions: ['v1alpha1'] },
    { file: 'ack/elasticache.services.k8s.aws_cacheparametergroups.yaml', versions: ['v1alpha1'] },
  ],
  'mq.services.k8s.aws': [{ file: 'ack/mq.services.k8s.aws_brokers.yaml', versions: ['v1alpha1'] }],
  'redis.cnrm.cloud.google.com': [{ file: 'config-connector/redis.cnrm.cloud.google.com_redisinstances.yaml', versions: ['v1beta1'] }],
  'eks.services.k8s.aws': [{ file: 'ack/eks.services.k8s.aws_podidentityassociations.yaml', versions: ['v1alpha1'] }],
  'sql.cnrm.cloud.google.com': [
    { file: 'config-connector/sql.cnrm.cloud.google.com_sqlinstances.yaml', versions: ['v1beta1'] },
    { file: 'config-connector/sql.cnrm.cloud.google.com_sqldatabases.yaml', versions: ['v1beta1'] },
    { file: 'config-connector/sql.cnrm.cloud.google.com_sqlusers.yaml', versions: ['v1beta1'] },
  ],
  'storage.cnrm.cloud.google.com': [{ file: 'config-connector/storage.cnrm.cloud.google.com_storagebuckets.yaml', versions: ['v1beta1'] }],
  'iam.cnrm.cloud.google.com': [
    { file: 'config-connector/iam.cnrm.cloud.google.com_iamserviceaccounts.yaml', versions: ['v1beta1'] },
    { file: 'config-connector/iam.cnrm.cloud.google.com_iampolicymembers.yaml', versions: ['v1beta1'] },
  ],
  'apiextensions.crossplane.io': [
    // v1 only: the platform's XRDs are apiextensions.crossplane.io/v1 (v2 would add CompositeResourceDefinitionV2).
    { file: 'crossplane/apiextensions.crossplane.io_compositeresourcedefinitions.yaml', versions: ['v1'] },
    { file: 'crossplane/apiextensions.crossplane.io_compositions.yaml', versions: ['v1'] },
  ],
  'postgresql.cnpg.io': [
    {
      file: 'cloudnative-pg/postgresql.cnpg.io_clusters.yaml',
      versions: ['v1'],
      // The fields src/environments/in-cluster/cloudnative-pg sets: the whole schema would be 15,000 generated lines.
      specFields: [
        'instances', 'imageName', 'inheritedMetadata', 'enableSuperuserAccess', 'enablePDB',
        'affinity.enablePodAntiAffinity', 'affinity.podAntiAffinityType', 'affinity.topologyKey',
        'postgresql.parameters', 'postgresql.pg_hba', 'postgresql.synchronous', 'resources', 'storage', 'bootstrap.initdb', 'backup.volumeSnapshot',
        'bootstrap.recovery.backup', 'bootstrap.recovery.source', 'bootstrap.recovery.recoveryTarget.targetTime', 'bootstrap.recovery.database',
        'bootstrap.recovery.owner', 'bootstrap.recovery.secret', 'backup.barmanObjectStore', 'backup.retentionPolicy',
        'externalClusters.name', 'externalClusters.barmanObjectStore',
      ],
    },
    { file: 'cloudnative-pg/postgresql.cnpg.io_scheduledbackups.yaml', versions: ['v1'] },
  ],
  'rabbitmq.com': [
    {
      file: 'rabbitmq/rabbitmq.com_rabbitmqclusters.yaml',
      versions: ['v1beta1'],
      // The fields src/environments/in-cluster/rabbitmq-operator sets: the whole schema is mostly the pod override.
      specFields: [
        'replicas', 'image', 'resources', 'persistence', 'terminationGracePeriodSeconds', 'rabbitmq.additionalConfig',
        'affinity.podAntiAffinity',
        'override.statefulSet.spec.persistentVolumeClaimRetentionPolicy',
        'override.statefulSet.spec.template.spec.securityContext',
        'override.statefulSet.spec.template.spec.containers.name', 'override.statefulSet.spec.template.spec.containers.securityContext',
        'override.statefulSet.spec.template.spec.initContainers.name', 'override.statefulSet.spec.template.spec.initContainers.securityContext',
      ],
    },
    { file: 'rabbitmq/rabbitmq.com_users.yaml', versions: ['v1beta1'] },
    { file: 'rabbitmq/rabbitmq.com_vhosts.yaml', versions: ['v1beta1'] },
    { file: 'rabbitmq/rabbitmq.com_permissions.yaml', versions: ['v1beta1'] },
    { file: 'rabbitmq/rabbitmq.com_queues.yaml', versions: ['v1beta1'] },
  ],
  'objectbucket.io': [{ file: 'rook/objectbucket.io_objectbucketclaims.yaml', versions: ['v1alpha1'] }],
  // Azure Service Operator v2.19.0: the hub versions the Azure backends build (never a `…storage` version: those carry
  // `$propertyBag`, which cdk8s import rejects), each with the spec fields src/environments/azure sets.
  'dbformysql.azure.com': [
    {
      file: 'azure-service-operator/dbformysql.azure.com_flexibleservers.yaml',
      versions: ['v20241230'],
      specFields: [
        'azureName', 'owner', 'location', 'tags', 'version', 'sku', 'administratorLogin', 'administratorLoginPassword',
        'storage', 'highAvailability', 'backup', 'network', 'operatorSpec.configMaps',
        'createMode', 'restorePointInTime', 'sourceServerResourceReference',
      ],
    },
    { file: 'azure-service-operator/dbformysql.azure.com_flexibleserversdatabases.yaml', versions: ['v20241230'], specFields: ['azureName', 'owner', 'charset', 'collation'] },
    { file: 'azure-service-operator/dbformysql.azure.com_flexibleserversconfigurations.yaml', versions: ['v20241230'], specFields: ['azureName', 'owner', 'source', 'value'] },
  ],
  'dbforpostgresql.azure.com': [
    {
      file: 'azure-service-operator/dbforpostgresql.azure.com_flexibleservers.yaml',
      versions: ['v20250801'],
      specFields: [
        'azureName', 'owner', 'location', 'tags', 'version', 'sku', 'administratorLogin', 'administratorLoginPassword',
        'authConfig', 'storage', 'highAvailability', 'backup', 'network', 'operatorSpec.configMaps',
        'createMode', 'pointInTimeUTC', 'sourceServerResourceReference',
      ],
    },
    { file: 'azure-service-operator/dbforpostgresql.azure.com_flexibleserversdatabases.yaml', versions: ['v20250801'], specFields: ['azureName', 'owner', 'charset', 'collation'] },
    { file: 'azure-service-operator/dbforpostgresql.azure.com_flexibleserversconfigurations.yaml', versions: ['v20250801'], specFields: ['azureName', 'owner', 'source', 'value'] },
  ],
  'cache.azure.com': [
    {
      file: 'azure-service-operator/cache.azure.com_redisenterprises.yaml',
      versions: ['v1api20250401'],
      specFields: ['azureName', 'owner', 'location', 'tags', 'sku', 'highAvailability', 'minimumTlsVersion', 'operatorSpec.configMapExpressions'],
    },
    {
      file: 'azure-service-operator/cache.azure.com_redisenterprisedatabases.yaml',
      versions: ['v1api20250401'],
      specFields: ['azureName', 'owner', 'clientProtocol', 'clusteringPolicy', 'evictionPolicy', 'persistence', 'port', 'accessKeysAuthentication', 'operatorSpec.secrets'],
    },
  ],
  // The private endpoint of an Azure Managed Redis cache and its DNS zone group (the A record in the private zone).
  'network.azure.com': [
    {
      file: 'azure-service-operator/network.azure.com_privateendpoints.yaml',
      versions: ['v20250301'],
      specFields: ['azureName', 'owner', 'location', 'tags', 'subnet', 'privateLinkServiceConnections'],
    },
    {
      file: 'azure-service-operator/network.azure.com_privateendpointsprivatednszonegroups.yaml',
      versions: ['v20250301'],
      specFields: ['azureName', 'owner', 'privateDnsZoneConfigs'],
    },
  ],
};

/**
 * The core kinds the library builds, by definition name in K8S_DEFINITIONS: `src/imports/k8s.ts` holds their
 * `Kube<Kind>` classes (named as in cdk8s-plus-27's `k8s` module) and the types they reach, nothing else.
 * A kind not listed here is not generated: add it and run `npx projen import`.
 */
export const IMPORTED_K8S_KINDS: readonly string[] = [
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicy',
  'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding',
  'io.k8s.api.apps.v1.StatefulSet',
  'io.k8s.api.batch.v1.CronJob',
  'io.k8s.api.batch.v1.Job',
  'io.k8s.api.core.v1.ConfigMap',
  'io.k8s.api.core.v1.PersistentVolumeClaim',
  'io.k8s.api.core.v1.Service',
  'io.k8s.api.core.v1.ServiceAccount',
  'io.k8s.api.networking.v1.NetworkPolicy',
  'io.k8s.api.policy.v1.PodDisruptionBudget',
  'io.k8s.api.rbac.v1.Role',
  'io.k8s.api.rbac.v1.RoleBinding',
];

/** The pinned Kubernetes definitions `src/imports/k8s.ts` is generated from (the tests validate against them too). */
export const K8S_DEFINITIONS = 'schemas/k8s-openapi/v1.33.0/_definitions.json';

/** The first line of every generated module (`from`: what it is generated from). */
export function header(from: string): string {
  return `// Generated by scripts/import-crds.ts from ${from} — do not edit.`;
}

/** The first line of every module generated from the pinned CRDs. */
export const HEADER = header('schemas/crds');

const ROOT = join(__dirname, '..');
const CDK8S = join(ROOT, 'node_modules', '.bin', 'cdk8s');

/**
 * Keeps only `fields` (dotted paths, each with its whole subtree) of an object schema's `properties`; a path through a
 * list names the fields of its items (`containers.name`).
 */
function pickFields(schema: any, fields: readonly string[], where: string): any {
  // A list: the fields of its items.
  if (schema.type === 'array') return { ...schema, items: pickFields(schema.items, fields, `${where}[]`) };
  const byHead = new Map<string, string[]>();
  for (const f of fields) {
    const [head, ...rest] = f.split('.');
    if (!byHead.has(head)) byHead.set(head, []);
    if (rest.length > 0) byHead.get(head)!.push(rest.join('.'));
    else byHead.get(head)!.unshift(''); // the whole subtree
  }
  const properties: Record<string, any> = {};
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    const wanted = byHead.get(name);
    if (!wanted) continue;
    properties[name] = wanted.includes('') ? sub : pickFields(sub, wanted, `${where}.${name}`);
  }
  for (const name of byHead.keys()) {
    if (!(name in properties)) throw new Error(`import-crds: ${where}.${name} is not in the schema (specFields)`);
  }
  const required = (schema.required as string[] | undefined)?.filter((r) => r in properties);
  return { ...schema, properties, ...(schema.required ? { required } : {}) };
}

/** The CRD document of a pinned file, filtered to what `crd` asks for. */
export function filterCrd(root: string, crd: ImportedCrd): any {
  const doc = parse(readFileSync(join(root, 'schemas/crds', crd.file), 'utf8'));
  // ASO's `…storage` versions carry `$propertyBag`, a property name cdk8s import rejects: never generate one.
  const storage = crd.versions.filter((name) => /storage$/.test(name));
  if (storage.length > 0) throw new Error(`import-crds: ${crd.file}: ${storage.join(', ')} is a storage version (cdk8s import rejects its $propertyBag)`);
  const versions = (doc.spec.versions as any[]).filter((v) => crd.versions.includes(v.name));
  const missing = crd.versions.filter((name) => !versions.some((v) => v.name === name));
  if (missing.length > 0) throw new Error(`import-crds: ${crd.file} has no version ${missing.join(', ')}`);
  return {
    ...doc,
    spec: {
      ...doc.spec,
      versions: versions.map((v) => {
        if (!crd.specFields) return v;
        const top = v.schema.openAPIV3Schema;
        const spec = pickFields(top.properties.spec, crd.specFields, `${doc.spec.names.kind}.spec`);
        return { ...v, schema: { ...v.schema, openAPIV3Schema: { ...top, properties: { ...top.properties, spec } } } };
      }),
    },
  };
}

/**
 * json2jsii's undefined filter, as it appears in every `toJson_*` function: `Object.entries(x).reduce((r, i) =>
 * (i[1] === undefined) ? r : ({ ...r, [i[0]]: <value of i[1]> }), {})`. Copying `r` on every step makes it
 * quadratic in the number of fields.
 */
const QUADRATIC_FILTER = /Object\.entries\(([\w.]+)\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: (.+?) \}\), \{\}\)/g;

/** The linear replacement, appended to every module that uses it. */
const DEFINED_ENTRIES = `
/**
 * The entries of \`obj\` whose value is not undefined, in the same order, each mapped by \`value\`: a linear loop in
 * place of json2jsii's \`Object.entries(obj).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})\`
 * (scripts/import-crds.ts).
 */
function __definedEntries(obj: { [key: string]: any }, value?: (v: any) => any): { [key: string]: any } {
  const out: { [key: string]: any } = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    const x = value === undefined ? v : value(v);
    // A computed key in an object literal defines an own property, even \`__proto__\`; an assignment would not.
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}
`;

/**
 * A `toJson_*` body that builds `result` with every field, then filters out the undefined ones: `const result = {
 * 'a': <a>, … };` then `return __definedEntries(result);` (one field per line).
 */
const FILTERED_RESULT = /  const result = \{\n((?:    '[^']+': .*,\n)*)  \};\n  \/\/ filter undefined values\n  return __definedEntries\(result\);/g;

/**
 * The same body assigning only the defined fields, in the same order: no object of every field, no entries array
 * (most fields of a Kubernetes type are unset). Keys are the schema's property names; `__proto__` is never one,
 * but is left to `__definedEntries` if it appears.
 */
function assignDefined(_match: string, fields: string): string {
  if (fields === '') return '  return {};';
  const lines = fields.trimEnd().split('\n').map((line) => /^    '([^']+)': (.*),$/.exec(line)!);
  if (lines.some((m) => m[1] === '__proto__')) return _match;
  const body = lines.map((m) => `  v = ${m[2]};\n  if (v !== undefined) { result['${m[1]}'] = v; }`).join('\n');
  return `  const result: Record<string, any> = {};\n  let v: any;\n${body}\n  return result;`;
}

/**
 * The header, and json2jsii's quadratic undefined filter replaced by linear code with the same result for every
 * input: `__definedEntries` for maps, and only the defined fields assigned for objects.
 */
export function postprocess(source: string, from: string = 'schemas/crds'): string {
  let replaced = 0;
  const body = source.replace(QUADRATIC_FILTER, (_match, obj: string, value: string) => {
    replaced++;
    if (value === 'i[1]') return `__definedEntries(${obj})`;
    if (!value.includes('i[1]') || value.replace(/i\[1\]/g, '').includes('i[')) {
      throw new Error(`import-crds: unexpected value in json2jsii's undefined filter: ${value}`);
    }
    return `__definedEntries(${obj}, (v) => ${value.replace(/i\[1\]/g, 'v')})`;
  });
  // json2jsii changed its output: update QUADRATIC_FILTER rather than ship the quadratic filter.
  if (/\.\.\.r,/.test(body)) throw new Error('import-crds: a quadratic undefined filter was left in place (json2jsii output changed?)');
  const linear = body.replace(FILTERED_RESULT, assignDefined);
  const usesDefinedEntries = /__definedEntries\(/.test(linear);
  return `${header(from)}\n${linear.trimEnd()}\n${replaced > 0 && usesDefinedEntries ? DEFINED_ENTRIES : ''}`;
}

/** Runs `cdk8s import` on one CRD file (offline: no upgrade check), writing `<group>.ts` to `outDir`. */
export function cdk8sImport(file: string, outDir: string): void {
  execFileSync(CDK8S, ['import', file, '--language', 'typescript', '--output', outDir, '--no-check-upgrade'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * A module of cdk8s-cli's import code generation (`lib/import/<name>.js`; the package exports none of them), or a
 * package as cdk8s-cli resolves it (`json2jsii`, `codemaker`), so that k8s.ts is what `cdk8s import k8s` generates.
 */
function cdk8sCli(name: string): any {
  const cliRequire = createRequire(require.resolve('cdk8s-cli/package.json'));
  return name.includes('/') ? cliRequire(`./lib/import/${name.split('/')[1]}`) : cliRequire(name);
}

/**
 * Generates `k8s.ts` into `outDir` from K8S_DEFINITIONS, as `cdk8s import k8s@<version>` does (cdk8s-cli's
 * `ImportKubernetesApi.generateTypeScript`, which downloads its schema: here the pinned file, and only the
 * IMPORTED_K8S_KINDS are emitted, with the types they reach).
 */
export async function generateK8s(outDir: string, options: { readonly postprocess?: boolean } = {}): Promise<void> {
  const { findApiObjectDefinitions } = cdk8sCli('import/k8s');
  const { emitHeader, generateConstruct, getPropsTypeName, getTypeName } = cdk8sCli('import/codegen');
  const { parseApiTypeName, safeParseJsonSchema } = cdk8sCli('import/k8s-util');
  const { TypeGenerator } = cdk8sCli('json2jsii');
  const { CodeMaker } = cdk8sCli('codemaker');

  const schema = safeParseJsonSchema(readFileSync(join(ROOT, K8S_DEFINITIONS), 'utf8'));
  const objects: any[] = findApiObjectDefinitions(schema, 'Kube');
  const missing = IMPORTED_K8S_KINDS.filter((fqn) => !objects.some((o) => o.fqn === fqn));
  if (missing.length > 0) throw new Error(`import-crds: ${K8S_DEFINITIONS} has no API object ${missing.join(', ')}`);
  const typeGenerator = new TypeGenerator({
    definitions: schema.definitions,
    renderTypeName: (def: string) => {
      const parsed = parseApiTypeName(def);
      return parsed.version ? getTypeName(false, parsed.basename, parsed.version.raw) : parsed.basename;
    },
  });
  // As cdk8s-cli does: every API object's definition becomes its props type (KubeXxxProps), also where another
  // kind embeds it (a StatefulSet's volumeClaimTemplates are KubePersistentVolumeClaimProps).
  for (const o of objects) typeGenerator.addDefinition(o.fqn, { $ref: `#/definitions/${getPropsTypeName(o)}` });
  for (const o of objects) if (IMPORTED_K8S_KINDS.includes(o.fqn)) generateConstruct(typeGenerator, o);

  const code = new CodeMaker();
  code.openFile('k8s.ts');
  code.indentation = 2;
  emitHeader(code, false);
  code.line(typeGenerator.render());
  code.closeFile('k8s.ts');
  await code.save(outDir);
  const module = join(outDir, 'k8s.ts');
  if (options.postprocess !== false) writeFileSync(module, postprocess(readFileSync(module, 'utf8'), K8S_DEFINITIONS));
}

/** Generates every module of IMPORTED_CRDS, and k8s.ts, into `outDir` (emptied first). */
export async function generate(outDir: string, options: { readonly postprocess?: boolean } = {}): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'crd-import-'));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  try {
    for (const [group, crds] of Object.entries(IMPORTED_CRDS)) {
      const bundle = join(tmp, `${group}.yaml`);
      writeFileSync(bundle, crds.map((crd) => `---\n${stringify(filterCrd(ROOT, crd), { lineWidth: 0 })}`).join(''));
      cdk8sImport(bundle, outDir);
      const module = join(outDir, `${group}.ts`);
      if (!existsSync(module)) throw new Error(`import-crds: cdk8s import wrote no ${group}.ts`);
      if (options.postprocess !== false) writeFileSync(module, postprocess(readFileSync(module, 'utf8')));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  await generateK8s(outDir, options);
}

/** `--check`: regenerate into a temporary folder and fail with a diff when src/imports differs. */
async function check(): Promise<number> {
  const tmp = mkdtempSync(join(tmpdir(), 'crd-import-check-'));
  try {
    const fresh = join(tmp, 'imports');
    await generate(fresh);
    const current = join(ROOT, 'src/imports');
    const names = [...new Set([...readdirSync(fresh), ...(existsSync(current) ? readdirSync(current) : [])])].sort();
    const differ = names.filter((n) => !existsSync(join(current, n)) || !existsSync(join(fresh, n))
      || !readFileSync(join(current, n)).equals(readFileSync(join(fresh, n))));
    if (differ.length === 0) {
      console.log(`src/imports is up to date (${names.length} modules regenerated from schemas/crds and ${K8S_DEFINITIONS})`);
      return 0;
    }
    const diff = spawnSync('diff', ['-ruN', current, fresh], { encoding: 'utf8' });
    console.error(diff.stdout.split('\n').slice(0, 200).join('\n'));
    console.error(`src/imports differs from what scripts/import-crds.ts generates (${differ.join(', ')}): `
      + 'run `npx projen import` and commit src/imports (never edit it by hand)');
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const run = process.argv.includes('--check') ? check() : generate(join(ROOT, 'src/imports')).then(() => 0);
  run.then((code) => process.exit(code), (e) => {
    console.error(e);
    process.exit(1);
  });
}
