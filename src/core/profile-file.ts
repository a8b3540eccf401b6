/**
 * Profiles files: the platform team's list of environments ("storage classes" of data services), read by
 * `Profile.fromFile()` / `Profile.registerFile()`.
 *
 * ```yaml
 * # profiles.yaml
 * profiles:
 *   - name: aws-prod          # optional, defaults to the type
 *     type: aws               # an environment: in-cluster, aws, gcp, crossplane, …
 *     labels: { team: data }  # name, labels and binderImage may also go under options
 *     options:                # the options of new AwsProfile(), new GcpProfile(), … of that type
 *       region: eu-west-1
 *       dbSubnetGroupName: prod-data
 *       vpcSecurityGroupIds: [sg-0123456789abcdef0]
 *   - type: in-cluster
 *     options: { storageClassName: fast-ssd }
 * ```
 *
 * A file may also be a single profile mapping (no `profiles:` list), several YAML documents separated by `---`
 * (each a `profiles:` list or a single profile), or JSON (`.json`: one document of either form).
 *
 * This module only reads and checks the file; `Profile` (src/profile.ts) builds the profiles with its factories,
 * which validate the option values and whose errors are prefixed with the entry's location.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Size } from 'cdk8s';
import type * as YamlModule from 'yaml';

/** `yaml` loads on first use: about 70 modules that every `require` of the library would otherwise pay. */
let yamlModule: typeof YamlModule | undefined;
function yaml(): typeof YamlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml'));
}
import { environmentOf, environments } from './environment';
import { COMMON_OPTIONS, OptionSpec, ValueKind } from './profile-file-options';
import { closest, didYouMean, editDistance } from '../private/closest';
import { ERROR_CODES, invalid, InvalidInput } from '../private/errors';

/** A problem of the profiles file itself (code PD400). */
function fileInvalid(where: string, input: InvalidInput): never {
  return invalid(where, { ...input, code: ERROR_CODES.PROFILES_FILE });
}

/** Keys of a profile entry. */
const ENTRY_KEYS = ['name', 'type', 'labels', 'binderImage', 'options'];
const COMMON_KEYS = Object.keys(COMMON_OPTIONS);

/** One checked profile of a file: where it is, its type and the options for the factory of that type. */
export interface ProfileFileEntry {
  /** `<file>: profiles[<i>]`, `<file>: documents[<d>].profiles[<i>]`, `<file>: documents[<d>]` or `<file>`. */
  readonly where: string;
  /** The `type`: an environment of the one list. */
  readonly type: string;
  /** The options, with `name`, `labels` and `binderImage` merged in from the entry. */
  readonly options: { readonly name?: string; readonly [key: string]: unknown };
}

/**
 * Reads and checks a profiles file: every key known, every value of the right kind, required options present,
 * names unique (a profile's name defaults to its type). Fails with the file, the entry and the key.
 */
export function readProfileFile(file: string): ProfileFileEntry[] {
  const documents = readDocuments(file);
  if (documents.length === 0) {
    fileInvalid(file, {
      prop: 'profiles file',
      value: 'empty',
      allowed: 'at least one profile: a `profiles:` list, a single profile mapping, or YAML documents of either',
      fix: 'add a profile, e.g. `profiles: [{ type: in-cluster }]`',
    });
  }
  const entries: ProfileFileEntry[] = [];
  const names = new Map<string, string>();
  documents.forEach((doc, d) => {
    const docLoc = documents.length > 1 ? `documents[${d}]` : '';
    for (const { loc, raw } of profilesOf(file, docLoc, doc)) {
      const where = at(file, loc);
      const entry = readEntry(where, raw);
      const name = entry.options.name ?? entry.type;
      const first = names.get(name);
      if (first !== undefined) {
        fileInvalid(where, {
          prop: 'name',
          value: name,
          allowed: `a name no other profile of the file has (${first} is also named "${name}"; a name defaults to the type)`,
          fix: 'give each profile of the same type its own `name:`',
        });
      }
      names.set(name, loc || 'the file');
      entries.push(entry);
    }
  });
  return entries;
}

/** `<file>: <location>`, or the file alone for a file that is one profile. */
function at(file: string, loc: string): string {
  return loc ? `${file}: ${loc}` : file;
}

/** The fix for an unknown key: the nearest known keys ("did you mean …?"), or to remove it. */
function spelling(key: string, known: readonly string[]): string {
  const near = closest(key, known).filter((k) => editDistance(key.toLowerCase(), k.toLowerCase()) <= Math.max(2, Math.floor(key.length / 3)));
  return near.length > 0 ? `${didYouMean(near)} (or remove the key)` : 'remove the key or correct its spelling';
}

/** Whether a parsed mapping has its own key (never a prototype property such as `constructor`). */
function has(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function readDocuments(file: string): unknown[] {
  let isFile = false;
  try {
    isFile = fs.statSync(file).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) {
    fileInvalid(file, {
      prop: 'profiles file',
      value: file,
      allowed: 'the path of an existing YAML or JSON file (URLs are not read: profiles must not change between syntheses)',
      fix: `check the path; relative paths are resolved from the working directory (here: ${path.resolve(file)})`,
    });
  }
  const text = fs.readFileSync(file, 'utf-8');
  if (path.extname(file).toLowerCase() !== '.json') {
    return parseYaml(file, text);
  }
  if (text.trim() === '') return [];
  try {
    return [JSON.parse(text)];
  } catch (e) {
    return fileInvalid(file, {
      prop: 'JSON',
      value: (e as Error).message,
      allowed: 'one JSON document (RFC 8259)',
      fix: 'fix the syntax at the position given, or use a .yaml file',
    });
  }
}

/**
 * Parses YAML 1.2 (no yes/no or date surprises), rejecting syntax errors and duplicate keys with their line and
 * column.
 */
function parseYaml(file: string, text: string): unknown[] {
  const lineCounter = new (yaml().LineCounter)();
  const docs = yaml().parseAllDocuments(text, { version: '1.2', uniqueKeys: true, prettyErrors: false, lineCounter });
  const out: unknown[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const [error] = doc.errors;
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      fileInvalid(`${file}:${line}:${col}`, {
        prop: 'YAML',
        value: error.message.split('\n')[0],
        allowed: 'well-formed YAML 1.2 with unique keys',
        fix: 'fix the syntax at the line and column given',
      });
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

/** The profile mappings of one document, with their locations in the file. */
function profilesOf(file: string, docLoc: string, doc: unknown): { loc: string; raw: unknown }[] {
  const docWhere = at(file, docLoc);
  if (!isMapping(doc)) {
    fileInvalid(docWhere, {
      prop: 'document',
      value: doc,
      allowed: `a mapping: \`profiles:\` with a list of profiles, or a single profile (got ${describe(doc)})`,
      fix: 'write `profiles:` followed by a list of profiles, each with a `type:`',
    });
  }
  if (!has(doc, 'profiles')) return [{ loc: docLoc, raw: doc }];
  for (const key of Object.keys(doc)) {
    if (key !== 'profiles') {
      fileInvalid(docWhere, {
        prop: 'key',
        value: key,
        allowed: 'only `profiles` next to a `profiles:` list',
        fix: 'put each profile in the `profiles:` list, or remove `profiles:` to make the document a single profile',
      });
    }
  }
  const list = doc.profiles;
  if (!Array.isArray(list) || list.length === 0) {
    fileInvalid(docWhere, {
      prop: 'profiles',
      value: list ?? null,
      allowed: `a non-empty list of profiles (got ${describe(list)})`,
      fix: 'list the profiles under `profiles:`, each starting with `- type: …`',
    });
  }
  return list.map((raw, i) => ({ loc: `${docLoc ? `${docLoc}.` : ''}profiles[${i}]`, raw }));
}

function readEntry(where: string, raw: unknown): ProfileFileEntry {
  if (!isMapping(raw)) {
    fileInvalid(where, {
      prop: 'profile',
      value: raw,
      allowed: `a mapping with \`type\` and optionally ${ENTRY_KEYS.filter((k) => k !== 'type').map((k) => `\`${k}\``).join(', ')} (got ${describe(raw)})`,
      fix: 'write the profile as `type: …` with its options under `options:`',
    });
  }
  const type = raw.type;
  const types = environments().map((e) => e.type);
  if (typeof type !== 'string' || !types.includes(type)) {
    fileInvalid(where, {
      prop: 'type',
      value: type,
      allowed: `one of ${types.join(', ')}`,
      fix: type === undefined ? 'add `type:` to the profile' : 'use one of the allowed types (Profile.custom() profiles cannot be written in a file)',
    });
  }
  const table: { readonly [key: string]: OptionSpec } = environmentOf(type)!.options;
  for (const key of Object.keys(raw)) {
    if (!ENTRY_KEYS.includes(key)) {
      fileInvalid(where, {
        prop: 'key',
        value: key,
        allowed: `one of ${ENTRY_KEYS.join(', ')}`,
        fix: has(table, key) ? `move \`${key}\` under \`options:\`` : spelling(key, ENTRY_KEYS),
      });
    }
  }
  const options = has(raw, 'options') ? raw.options : {};
  if (!isMapping(options)) {
    fileInvalid(where, {
      prop: 'options',
      value: options,
      allowed: `a mapping of the options of type "${type}" (got ${describe(options)})`,
      fix: 'write the options as `key: value` lines under `options:`',
    });
  }
  const merged: { [key: string]: unknown } = {};
  const origin: { [key: string]: string } = {};
  for (const key of COMMON_KEYS) {
    if (has(raw, key)) {
      if (has(options, key)) {
        fileInvalid(where, {
          prop: 'key',
          value: key,
          allowed: `\`${key}\` once: next to \`type\` or under \`options\``,
          fix: `remove one of the two \`${key}\``,
        });
      }
      merged[key] = raw[key];
      origin[key] = key;
    }
  }
  for (const key of Object.keys(options)) {
    if (!has(table, key)) {
      const elsewhere = environments().filter((e) => e.type !== type && has(e.options, key)).map((e) => e.type);
      fileInvalid(where, {
        prop: 'options key',
        value: key,
        allowed: `the options of type "${type}": ${Object.keys(table).join(', ')}`,
        fix: elsewhere.length > 0
          ? `\`${key}\` is an option of type ${elsewhere.join(', ')}: remove it or change the \`type\``
          : spelling(key, Object.keys(table)),
      });
    }
    merged[key] = options[key];
    origin[key] = `options.${key}`;
  }
  checkFields(where, 'options.', merged, table, origin, `type "${type}"`);
  return { where, type, options: merged } as ProfileFileEntry;
}

const KIND_TEXT: { readonly [K in ValueKind]: string } = {
  'string': 'a string',
  'number': 'a number',
  'boolean': 'true or false',
  'size': 'a size in whole MiB, GiB or TiB, e.g. 20Gi',
  'enum': 'one of',
  'string-list': 'a list of strings',
  'string-map': 'a mapping of strings to strings',
  'struct': 'a mapping',
};

/**
 * Checks the values of a mapping against a table: every given value (unknown keys are rejected by the caller for
 * the options, here for structs) and every required key. `origin` names where a top-level key was written.
 */
function checkFields(
  where: string,
  prefix: string,
  obj: { [key: string]: unknown },
  table: { readonly [key: string]: OptionSpec },
  origin: { [key: string]: string },
  owner: string,
): void {
  for (const [key, spec] of Object.entries(table)) {
    const prop = origin[key] ?? `${prefix}${key}`;
    if (has(obj, key)) {
      obj[key] = checkValue(where, prop, obj[key], spec);
    } else if (spec.required) {
      fileInvalid(where, {
        prop,
        value: undefined,
        allowed: `${expected(spec)}; ${owner} requires it`,
        fix: `add \`${key}:\` under \`${prefix.slice(0, -1)}:\``,
      });
    }
  }
}

function expected(spec: OptionSpec): string {
  if (spec.kind === 'enum') return `one of ${spec.values!.join(', ')}`;
  if (spec.kind === 'struct') return `a mapping with ${Object.keys(spec.fields!).join(', ')}`;
  return KIND_TEXT[spec.kind];
}

/** Checks a value against its spec; returns it as the factory takes it (a size as a `Size`). */
function checkValue(where: string, prop: string, value: unknown, spec: OptionSpec): unknown {
  const fail = (p: string, v: unknown, allowed: string): never => fileInvalid(where, {
    prop: p,
    value: v,
    allowed: `${allowed} (got ${describe(v)})`,
    fix: v === null
      ? 'give it a value or remove the key'
      : `write ${allowed}; quote strings that YAML would read as another type (yes, no, on, off, numbers, dates)`,
  });
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') fail(prop, value, expected(spec));
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(prop, value, expected(spec));
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') fail(prop, value, expected(spec));
      return value;
    case 'size': {
      const m = typeof value === 'string' ? SIZE_QUANTITY.exec(value) : null;
      if (!m) return fail(prop, value, expected(spec));
      return SIZE_UNITS[m[2]](Number(m[1]));
    }
    case 'enum':
      if (typeof value !== 'string' || !spec.values!.includes(value)) fail(prop, value, expected(spec));
      return value;
    case 'string-list':
      if (!Array.isArray(value)) return fail(prop, value, expected(spec));
      value.forEach((item, i) => {
        if (typeof item !== 'string') fail(`${prop}[${i}]`, item, KIND_TEXT.string);
      });
      return value;
    case 'string-map':
      if (!isMapping(value)) return fail(prop, value, expected(spec));
      for (const [k, item] of Object.entries(value)) {
        if (typeof item !== 'string') fail(`${prop}.${k}`, item, KIND_TEXT.string);
      }
      return value;
    case 'struct':
      if (!isMapping(value)) return fail(prop, value, expected(spec));
      for (const key of Object.keys(value)) {
        if (!has(spec.fields!, key)) {
          fileInvalid(where, {
            prop: `${prop} key`,
            value: key,
            allowed: `one of ${Object.keys(spec.fields!).join(', ')}`,
            fix: 'remove the key or correct its spelling',
          });
        }
      }
      checkFields(where, `${prop}.`, value, spec.fields!, {}, `\`${prop}\``);
      return value;
  }
}

/** A size in a profiles file: a Kubernetes quantity in whole binary units. */
const SIZE_QUANTITY = /^([1-9][0-9]{0,8})(Mi|Gi|Ti)$/;
const SIZE_UNITS: { readonly [unit: string]: (amount: number) => Size } = {
  Mi: (n) => Size.mebibytes(n),
  Gi: (n) => Size.gibibytes(n),
  Ti: (n) => Size.tebibytes(n),
};

function isMapping(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The kind of a parsed value, for messages. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
