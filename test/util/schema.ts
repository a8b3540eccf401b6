/**
 * Strict Kubernetes manifest validator for the jest suite.
 *
 * Built-in kinds are validated against the pinned Kubernetes OpenAPI definitions
 * (schemas/k8s-openapi), custom resources against the upstream CRDs checked in under
 * schemas/crds (loaded recursively) and against CRDs / Crossplane XRDs registered at
 * runtime. Validation is strict: unknown fields are rejected wherever the schema
 * declares `properties` (unless it sets `additionalProperties` or
 * `x-kubernetes-preserve-unknown-fields`), `metadata` is always checked against
 * ObjectMeta, and an object whose apiVersion/kind has no schema is an error.
 *
 * Schemas are converted once (on deep copies) and compiled lazily per
 * (apiVersion, kind); compiled validators are cached at module level.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as YAML from 'yaml';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const K8S_DEFINITIONS_FILE = path.join(REPO_ROOT, 'schemas', 'k8s-openapi', 'v1.33.0', '_definitions.json');
const CRD_DIR = path.join(REPO_ROOT, 'schemas', 'crds');

const K8S_SCHEMA_ID = 'k8s-definitions.json';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const OBJECT_META_REF = `${K8S_SCHEMA_ID}#/definitions/${OBJECT_META}`;
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/** resource.Quantity as accepted by the API server (same regex the CRD generators emit). */
const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
const QUANTITY_RE = new RegExp(QUANTITY_PATTERN);
/** Go time.ParseDuration syntax, e.g. "1h30m", "300ms", "0". */
const GO_DURATION_RE = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
/** go-openapi strfmt's fallback duration syntax, e.g. "3 days", "1 wk" (what the API server's `duration` format accepts). */
const STRFMT_DURATION_RE = /^\s*(\d+\s*(ns|nano\w*|us|µs|micro\w*|ms|milli\w*|s|sec\w*|m|min\w*|h|hr|hour\w*|d|day\w*|w|wk|week\w*)\s*)+$/i;

/** Formats that are checked; any other `format` is an annotation only (as in the API server) and is dropped. */
const AJV_FORMATS = ['date', 'date-time', 'byte', 'int32', 'int64', 'float', 'double', 'password', 'binary'] as const;
const CUSTOM_FORMATS: Record<string, (s: string) => boolean> = {
  'duration': (s) => GO_DURATION_RE.test(s) || STRFMT_DURATION_RE.test(s),
  'quantity': (s) => QUANTITY_RE.test(s),
  'int-or-string': () => true,
};
const KNOWN_FORMATS = new Set<string>([...AJV_FORMATS, ...Object.keys(CUSTOM_FORMATS)]);

type Schema = Record<string, any>;

// ---------------------------------------------------------------------------
// Schema conversion (structural / swagger-2 schema -> Ajv draft-07 schema)
// ---------------------------------------------------------------------------

function isPlainObject(x: unknown): x is Record<string, any> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function mapValues(m: Record<string, any>, fn: (v: any) => any): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(m)) out[k] = fn(v);
  return out;
}

/**
 * A Go (RE2) pattern that starts with the inline flag `(?i)` (ASO's ARM ID patterns) as a JavaScript pattern without
 * flags: each ASCII letter outside a character class or an escape becomes `[xX]`. Other patterns are returned as is.
 */
export function caseInsensitivePattern(pattern: string): string {
  if (!pattern.startsWith('(?i)')) return pattern;
  let out = '';
  let inClass = false;
  const body = pattern.slice(4);
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') { out += c + (body[i + 1] ?? ''); i++; continue; }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += !inClass && /[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
  }
  return out;
}

/**
 * Returns a converted deep copy of `s`; the input is never mutated.
 *
 * `lenient` is set inside allOf/anyOf/oneOf/not: those branches only add value
 * validations, so they must not close objects (fields are declared by the
 * surrounding schema).
 */
function convert(s: any, lenient = false): any {
  if (!isPlainObject(s)) return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    switch (k) {
      case 'properties':
      case 'patternProperties':
        out[k] = mapValues(v, (p) => convert(p, lenient));
        break;
      case 'items':
        out.items = Array.isArray(v) ? v.map((i) => convert(i, lenient)) : convert(v, lenient);
        break;
      case 'additionalProperties':
      case 'additionalItems':
        out[k] = isPlainObject(v) ? convert(v, lenient) : v;
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[k] = (v as any[]).map((b) => convert(b, true));
        break;
      case 'not':
        out.not = convert(v, true);
        break;
      case 'format':
        if (typeof v === 'string' && KNOWN_FORMATS.has(v)) out.format = v;
        break;
      case 'pattern':
        out.pattern = typeof v === 'string' ? caseInsensitivePattern(v) : v;
        break;
      case '$ref':
      case 'type':
      case 'enum':
      case 'const':
      case 'required':
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'multipleOf':
      case 'minLength':
      case 'maxLength':
      case 'minItems':
      case 'maxItems':
      case 'uniqueItems':
      case 'minProperties':
      case 'maxProperties':
        out[k] = v;
        break;
      default:
        // description, default, example, nullable, x-kubernetes-* (handled below),
        // x-kubernetes-validations (CEL, not evaluated) and other annotations.
        break;
    }
  }

  // OpenAPI v3 (draft-4 semantics) boolean exclusive bounds -> draft-07 numbers.
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']]) {
    if (typeof out[exclusive] !== 'boolean') continue;
    if (out[exclusive] && out[bound] !== undefined) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else {
      delete out[exclusive];
    }
  }

  if (s['x-kubernetes-int-or-string'] === true) out.type = ['integer', 'string'];

  if (s['x-kubernetes-embedded-resource'] === true) {
    out.type = 'object';
    out.properties = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { $ref: OBJECT_META_REF },
      ...(out.properties ?? {}),
    };
  }

  if (!lenient && out.properties && out.additionalProperties === undefined && s['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }

  if (s.nullable === true) {
    if (out.type !== undefined) {
      const types = Array.isArray(out.type) ? out.type : [out.type];
      if (!types.includes('null')) out.type = [...types, 'null'];
    }
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

// ---------------------------------------------------------------------------
// Ajv instance and the Kubernetes definitions (loaded once, lazily)
// ---------------------------------------------------------------------------

interface K8sIndex {
  /** "apps/v1|Deployment" -> definition name */
  gvk: Map<string, string>;
  definitions: Record<string, Schema>;
}

let ajvInstance: Ajv | undefined;
let k8sIndex: K8sIndex | undefined;

function gvkKey(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

function getAjv(): Ajv {
  if (ajvInstance) return ajvInstance;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, addUsedSchema: false });
  addFormats(ajv, [...AJV_FORMATS]);
  for (const [name, validate] of Object.entries(CUSTOM_FORMATS)) ajv.addFormat(name, { type: 'string', validate });

  const raw = JSON.parse(fs.readFileSync(K8S_DEFINITIONS_FILE, 'utf8'));
  const rawDefs: Record<string, Schema> = raw.definitions ?? raw;
  const definitions: Record<string, Schema> = {};
  const gvk = new Map<string, string>();
  for (const [name, def] of Object.entries(rawDefs)) {
    if (name === INT_OR_STRING) {
      definitions[name] = { type: ['integer', 'string'] };
    } else if (name === QUANTITY) {
      definitions[name] = { type: ['string', 'number'], pattern: QUANTITY_PATTERN };
    } else {
      definitions[name] = convert(def);
    }
    for (const g of (def['x-kubernetes-group-version-kind'] ?? []) as Array<{ group: string; version: string; kind: string }>) {
      const apiVersion = g.group ? `${g.group}/${g.version}` : g.version;
      gvk.set(gvkKey(apiVersion, g.kind), name);
    }
  }
  ajv.addSchema({ $id: K8S_SCHEMA_ID, definitions });
  k8sIndex = { gvk, definitions };
  ajvInstance = ajv;
  return ajv;
}

function getK8sIndex(): K8sIndex {
  getAjv();
  return k8sIndex!;
}

// ---------------------------------------------------------------------------
// Custom resources: CRD files (lazy, prefiltered by text), registered CRDs/XRDs
// ---------------------------------------------------------------------------

/** Top-level openAPIV3Schema (unconverted) of each custom (apiVersion, kind). */
const customSchemas = new Map<string, Schema>();
const compiled = new Map<string, Compiled>();

interface CrdFile { file: string; text: string; loaded: boolean }
let crdFiles: CrdFile[] | undefined;

function listYamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listYamlFiles(p));
    else if (/\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

/**
 * Makes sure every CRD file that could define (group, kind) is loaded. Files are
 * parsed only when their text mentions both the group and the kind, so test files
 * that validate built-in kinds only never pay for parsing ~1 MB of YAML.
 */
function loadCrdFilesFor(group: string, kind: string): void {
  crdFiles ??= listYamlFiles(CRD_DIR).map((file) => ({ file, text: fs.readFileSync(file, 'utf8'), loaded: false }));
  for (const f of crdFiles) {
    if (f.loaded || !f.text.includes(group) || !f.text.includes(kind)) continue;
    f.loaded = true;
    for (const doc of YAML.parseAllDocuments(f.text)) {
      if (doc.errors.length > 0) throw new Error(`${f.file}: ${doc.errors[0].message}`);
      const crd = doc.toJS({ maxAliasCount: -1 });
      if (isPlainObject(crd) && crd.kind === 'CustomResourceDefinition') addCrd(crd, false);
    }
  }
}

function setCustomSchema(apiVersion: string, kind: string, schema: Schema, replace: boolean): void {
  const key = gvkKey(apiVersion, kind);
  if (!replace && customSchemas.has(key)) return; // runtime registrations win over files
  customSchemas.set(key, schema);
  compiled.delete(key);
  compiled.delete(`${key}|embedded`);
}

/**
 * Registers an in-memory apiextensions.k8s.io CustomResourceDefinition: every served
 * version becomes validatable as `<spec.group>/<version>` + `spec.names.kind`.
 */
export function registerCrd(crd: any): void {
  addCrd(crd, true);
}

function addCrd(crd: any, replace: boolean): void {
  const spec = crd?.spec;
  if (!isPlainObject(spec) || typeof spec.group !== 'string' || typeof spec.names?.kind !== 'string') {
    throw new Error('registerCrd: not a CustomResourceDefinition (spec.group / spec.names.kind missing)');
  }
  const versions: any[] = Array.isArray(spec.versions) ? spec.versions : [];
  for (const v of versions) {
    if (v?.served === false || typeof v?.name !== 'string') continue;
    const schema = v.schema?.openAPIV3Schema ?? spec.validation?.openAPIV3Schema;
    if (!isPlainObject(schema)) throw new Error(`registerCrd: ${spec.names.kind} ${v.name} has no schema.openAPIV3Schema`);
    setCustomSchema(`${spec.group}/${v.name}`, spec.names.kind, schema, replace);
  }
}

// Crossplane's injected fields (crossplane/crossplane internal/xcrd/schemas.go).
const STRING = { type: 'string' };
const STRING_MAP = { type: 'object', additionalProperties: STRING };
const NAME_REF = { type: 'object', required: ['name'], properties: { name: STRING } };
const LABEL_SELECTOR = { type: 'object', required: ['matchLabels'], properties: { matchLabels: STRING_MAP } };
const UPDATE_POLICY = { type: 'string', enum: ['Automatic', 'Manual'] };
const PUBLISH_CONNECTION_DETAILS_TO = {
  type: 'object',
  required: ['name'],
  properties: {
    name: STRING,
    configRef: { type: 'object', properties: { name: STRING } },
    metadata: { type: 'object', properties: { labels: STRING_MAP, annotations: STRING_MAP, type: STRING } },
  },
};
const TYPED_REFS = (withNamespace: boolean) => ({
  type: 'array',
  items: {
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: { apiVersion: STRING, kind: STRING, name: STRING, ...(withNamespace ? { namespace: STRING } : {}) },
  },
});
const CONDITIONS = {
  type: 'array',
  items: {
    type: 'object',
    required: ['lastTransitionTime', 'reason', 'status', 'type'],
    properties: {
      lastTransitionTime: { type: 'string', format: 'date-time' },
      message: STRING,
      reason: STRING,
      status: STRING,
      type: STRING,
      observedGeneration: { type: 'integer', format: 'int64' },
    },
  },
};
const CONNECTION_DETAILS = { type: 'object', properties: { lastPublishedTime: { type: 'string', format: 'date-time' } } };

type XrScope = 'LegacyCluster' | 'Namespaced' | 'Cluster';

function xrSpecProps(scope: XrScope): Schema {
  const props: Schema = {
    compositionRef: NAME_REF,
    compositionSelector: LABEL_SELECTOR,
    compositionRevisionRef: NAME_REF,
    compositionRevisionSelector: LABEL_SELECTOR,
    compositionUpdatePolicy: UPDATE_POLICY,
    resourceRefs: TYPED_REFS(scope !== 'Namespaced'),
  };
  if (scope !== 'LegacyCluster') return { crossplane: { type: 'object', properties: props } };
  return {
    ...props,
    claimRef: {
      type: 'object',
      required: ['apiVersion', 'kind', 'namespace', 'name'],
      properties: { apiVersion: STRING, kind: STRING, namespace: STRING, name: STRING },
    },
    writeConnectionSecretToRef: { type: 'object', required: ['name', 'namespace'], properties: { name: STRING, namespace: STRING } },
    // Crossplane 1.x only (removed in v2): still accepted for v1-style XRs.
    publishConnectionDetailsTo: PUBLISH_CONNECTION_DETAILS_TO,
    environmentConfigRefs: TYPED_REFS(false),
  };
}

const CLAIM_SPEC_PROPS: Schema = {
  compositionRef: NAME_REF,
  compositionSelector: LABEL_SELECTOR,
  compositionRevisionRef: NAME_REF,
  compositionRevisionSelector: LABEL_SELECTOR,
  compositionUpdatePolicy: UPDATE_POLICY,
  compositeDeletePolicy: { type: 'string', enum: ['Background', 'Foreground'] },
  resourceRef: { type: 'object', required: ['apiVersion', 'kind', 'name'], properties: { apiVersion: STRING, kind: STRING, name: STRING } },
  writeConnectionSecretToRef: { type: 'object', required: ['name'], properties: { name: STRING } },
  // Crossplane 1.x only (removed in v2).
  publishConnectionDetailsTo: PUBLISH_CONNECTION_DETAILS_TO,
};

function xrStatusProps(scope: XrScope): Schema {
  if (scope !== 'LegacyCluster') {
    return { conditions: CONDITIONS, crossplane: { type: 'object', properties: { connectionDetails: CONNECTION_DETAILS } } };
  }
  return { conditions: CONDITIONS, connectionDetails: CONNECTION_DETAILS, claimConditionTypes: { type: 'array', items: STRING } };
}

/** Mirrors crossplane's xcrd.genCrdVersion: base props + the XRD's spec/status + injected props. */
function xrCrdSchema(xrdSchema: Schema, specProps: Schema, statusProps: Schema): Schema {
  const xSpec: Schema = xrdSchema.properties?.spec ?? {};
  const xStatus: Schema = xrdSchema.properties?.status ?? {};
  let maxLength = 63;
  const nameMax = xrdSchema.properties?.metadata?.properties?.name?.maxLength;
  if (typeof nameMax === 'number' && nameMax < maxLength) maxLength = nameMax;
  const pick = (s: Schema, keys: string[]) => Object.fromEntries(keys.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
  return {
    type: 'object',
    required: ['spec'],
    properties: {
      apiVersion: STRING,
      kind: STRING,
      metadata: { type: 'object', properties: { name: { type: 'string', maxLength } } },
      spec: {
        type: 'object',
        ...pick(xSpec, ['required', 'x-kubernetes-preserve-unknown-fields', 'oneOf']),
        properties: { ...(xSpec.properties ?? {}), ...specProps },
      },
      status: {
        type: 'object',
        ...pick(xStatus, ['required', 'oneOf']),
        properties: { ...(xStatus.properties ?? {}), ...statusProps },
      },
    },
  };
}

/**
 * Registers a Crossplane CompositeResourceDefinition (apiextensions.crossplane.io/v1 or v2):
 * the composite kind (and, for v1-style LegacyCluster XRDs with `spec.claimNames`, the claim
 * kind) of every served version, with the fields Crossplane injects into their spec/status.
 */
export function registerXrd(xrd: any): void {
  const spec = xrd?.spec;
  if (!isPlainObject(spec) || typeof spec.group !== 'string' || typeof spec.names?.kind !== 'string') {
    throw new Error('registerXrd: not a CompositeResourceDefinition (spec.group / spec.names.kind missing)');
  }
  const isV2 = typeof xrd.apiVersion === 'string' && xrd.apiVersion.endsWith('/v2');
  const scope: XrScope = spec.scope ?? (isV2 ? 'Namespaced' : 'LegacyCluster');
  const claimKind: string | undefined = scope === 'LegacyCluster' ? spec.claimNames?.kind : undefined;
  for (const v of (Array.isArray(spec.versions) ? spec.versions : []) as any[]) {
    if (v?.served === false || typeof v?.name !== 'string') continue;
    const xrdSchema: Schema = v.schema?.openAPIV3Schema ?? {};
    const apiVersion = `${spec.group}/${v.name}`;
    setCustomSchema(apiVersion, spec.names.kind, xrCrdSchema(xrdSchema, xrSpecProps(scope), xrStatusProps(scope)), true);
    if (claimKind) {
      setCustomSchema(apiVersion, claimKind, xrCrdSchema(xrdSchema, CLAIM_SPEC_PROPS, xrStatusProps('LegacyCluster')), true);
    }
  }
}

/** Converts a CRD's top-level openAPIV3Schema into the strict Ajv schema for the resource. */
function customResourceSchema(raw: Schema): Schema {
  const rawProps: Schema = raw.properties ?? {};
  const { metadata: rawMeta, ...rest } = rawProps;
  const top = convert({ ...raw, type: 'object', properties: { apiVersion: STRING, kind: STRING, ...rest } });
  // metadata: always the real ObjectMeta, plus whatever the CRD adds (e.g. name maxLength).
  const extra = isPlainObject(rawMeta) ? convert(rawMeta, true) : {};
  delete extra.type;
  top.properties.metadata = Object.keys(extra).length > 0 ? { allOf: [{ $ref: OBJECT_META_REF }, extra] } : { $ref: OBJECT_META_REF };
  top.required = [...new Set([...(top.required ?? []), 'apiVersion', 'kind', 'metadata'])];
  return top;
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

interface Compiled {
  validate: ValidateFunction;
  /** metadata is an ObjectMeta, so the object needs metadata.name or metadata.generateName. */
  named: boolean;
}

function validatorFor(apiVersion: string, kind: string, embedded = false): Compiled | undefined {
  const key = gvkKey(apiVersion, kind) + (embedded ? '|embedded' : '');
  const hit = compiled.get(key);
  if (hit) return hit;
  if (embedded) {
    // Custom kinds only (loads their CRD files). An embedded object (x-kubernetes-embedded-resource): apiVersion
    // and kind required, metadata optional.
    validatorFor(apiVersion, kind);
    const custom = customSchemas.get(gvkKey(apiVersion, kind));
    if (!custom) return undefined;
    const schema = customResourceSchema(custom);
    schema.required = schema.required.filter((r: string) => r !== 'metadata');
    const entry: Compiled = { validate: getAjv().compile(schema), named: false };
    compiled.set(key, entry);
    return entry;
  }

  const ajv = getAjv();
  let schema: Schema | undefined;
  let named = true;
  let custom = customSchemas.get(key);
  const defName = custom ? undefined : getK8sIndex().gvk.get(key);
  if (defName) {
    named = getK8sIndex().definitions[defName].properties?.metadata?.$ref === `#/definitions/${OBJECT_META}`;
    schema = {
      allOf: [{ $ref: `${K8S_SCHEMA_ID}#/definitions/${defName}` }],
      required: named ? ['apiVersion', 'kind', 'metadata'] : ['apiVersion', 'kind'],
    };
  } else {
    if (!custom && apiVersion.includes('/')) {
      loadCrdFilesFor(apiVersion.split('/')[0], kind);
      custom = customSchemas.get(key);
    }
    if (custom) schema = customResourceSchema(custom);
  }
  if (!schema) return undefined;
  const entry: Compiled = { validate: ajv.compile(schema), named };
  compiled.set(key, entry);
  return entry;
}

function jsonPointerToPath(pointer: string): string {
  if (!pointer) return '';
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function join(base: string, prop: string): string {
  return jsonPointerToPath(`${base}/${prop.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

function typeOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number' && Number.isInteger(x)) return 'integer';
  return typeof x;
}

function valueAt(obj: any, pointer: string): unknown {
  let cur = obj;
  for (const raw of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

function formatError(e: ErrorObject, obj: any): string {
  const where = jsonPointerToPath(e.instancePath) || '(root)';
  const p: any = e.params;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${join(e.instancePath, p.additionalProperty)}: unknown field "${p.additionalProperty}"`;
    case 'required':
      return `${join(e.instancePath, p.missingProperty)}: required field "${p.missingProperty}" is missing`;
    case 'type':
      return `${where}: must be ${Array.isArray(p.type) ? p.type.join(' or ') : p.type} (got ${typeOf(valueAt(obj, e.instancePath))})`;
    case 'enum':
      return `${where}: must be one of ${JSON.stringify(p.allowedValues)} (got ${JSON.stringify(valueAt(obj, e.instancePath))})`;
    case 'format':
      return `${where}: must match format "${p.format}" (got ${JSON.stringify(valueAt(obj, e.instancePath))})`;
    case 'pattern':
      return `${where}: must match pattern ${p.pattern} (got ${JSON.stringify(valueAt(obj, e.instancePath))})`;
    default:
      return `${where}: ${e.message}`;
  }
}

/**
 * Validates one manifest object strictly. Returns human-readable errors ("<path>: <problem>"),
 * empty when the object is valid.
 */
export function validateManifest(obj: any): string[] {
  return validateObject(obj, false);
}

/**
 * Validates an object embedded in another (`x-kubernetes-embedded-resource`, e.g. a Composition function's
 * `input`) strictly against its custom resource schema: like `validateManifest`, but `metadata` is optional.
 */
export function validateEmbedded(obj: any): string[] {
  return validateObject(obj, true);
}

function validateObject(obj: any, embedded: boolean): string[] {
  if (!isPlainObject(obj)) return [`(root): must be an object (got ${typeOf(obj)})`];
  const { apiVersion, kind } = obj;
  const errors: string[] = [];
  if (typeof apiVersion !== 'string' || apiVersion === '') errors.push(`apiVersion: must be a non-empty string (got ${JSON.stringify(apiVersion)})`);
  if (typeof kind !== 'string' || kind === '') errors.push(`kind: must be a non-empty string (got ${JSON.stringify(kind)})`);
  if (errors.length > 0) return errors;

  const v = validatorFor(apiVersion, kind, embedded);
  if (!v) return [`no schema for ${apiVersion}/${kind}`];
  const validate = v.validate;
  if (!validate(obj)) {
    for (const e of validate.errors ?? []) {
      // anyOf/oneOf summaries repeat what the branch errors already say (except "oneOf matched several").
      if (e.keyword === 'anyOf' || (e.keyword === 'oneOf' && !(e.params as any).passingSchemas)) continue;
      errors.push(formatError(e, obj));
    }
    if (errors.length === 0) errors.push('(root): invalid');
  }
  const meta = obj.metadata;
  if (v.named && isPlainObject(meta) && !meta.name && !meta.generateName) {
    errors.push('metadata.name: required field "name" is missing (or set metadata.generateName)');
  }
  return [...new Set(errors)];
}

/** Jest helper: throws one error listing every invalid object as `<kind>/<metadata.name>: <errors>`. */
export function expectValid(objs: any[]): void {
  const problems: string[] = [];
  for (const obj of objs) {
    const errors = validateManifest(obj);
    if (errors.length > 0) problems.push(`${obj?.kind ?? '<no kind>'}/${obj?.metadata?.name ?? '<no name>'}: ${errors.join('; ')}`);
  }
  if (problems.length > 0) {
    throw new Error(`${problems.length} of ${objs.length} manifest(s) failed strict schema validation:\n${problems.join('\n')}`);
  }
}
