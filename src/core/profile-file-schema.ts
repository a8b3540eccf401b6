import { environments } from './environment';
import { COMMON_OPTIONS, OptionSpec } from './profile-file-options';

/** The keys of a profile entry besides `type` and `options` (they may also go under `options`). */
const ENTRY_OPTIONS = ['name', 'labels', 'binderImage'];

function valueSchema(spec: OptionSpec): object {
  switch (spec.kind) {
    case 'string': return { type: 'string' };
    case 'number': return { type: 'number' };
    case 'boolean': return { type: 'boolean' };
    case 'size': return { type: 'string', pattern: '^[1-9][0-9]{0,8}(Mi|Gi|Ti)$', description: 'A size: whole MiB, GiB or TiB, e.g. 20Gi.' };
    case 'enum': return { type: 'string', enum: [...spec.values!] };
    case 'string-list': return { type: 'array', items: { type: 'string' } };
    case 'string-map': return { type: 'object', additionalProperties: { type: 'string' } };
    case 'struct': return objectSchema(spec.fields!);
  }
}

function objectSchema(table: { readonly [key: string]: OptionSpec }): object {
  const required = Object.keys(table).filter((k) => table[k].required);
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(table).map(([k, spec]) => [k, valueSchema(spec)])),
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/**
 * The JSON Schema (draft-07) of profiles files, generated from the same option tables the loader checks files
 * against (`profile-file.ts`), so editors complete and check what `Profile.registerFile()` accepts: a `profiles:`
 * list or a single profile, each with the `type` of a registered environment and that environment's options.
 */
export function profilesFileSchema(): object {
  const profiles = environments().map((env) => {
    const required = Object.keys(env.options).filter((k) => env.options[k].required);
    return {
      type: 'object',
      properties: {
        type: { const: env.type },
        ...Object.fromEntries(ENTRY_OPTIONS.map((k) => [k, valueSchema(COMMON_OPTIONS[k as keyof typeof COMMON_OPTIONS])])),
        options: objectSchema(env.options),
      },
      required: ['type', ...(required.length > 0 ? ['options'] : [])],
      additionalProperties: false,
    };
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'cdk8s-portable-data profiles file',
    description: 'Profiles for Profile.registerFile(): a `profiles:` list or a single profile. Generated from the loader\'s option tables.',
    definitions: { profile: { oneOf: profiles } },
    oneOf: [
      { $ref: '#/definitions/profile' },
      {
        type: 'object',
        properties: { profiles: { type: 'array', items: { $ref: '#/definitions/profile' } } },
        required: ['profiles'],
        additionalProperties: false,
      },
    ],
  };
}
