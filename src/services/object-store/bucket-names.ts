import { IConstruct } from 'constructs';
import { invalid } from '../../private/errors';
import { shortHash } from '../../private/names';

/** Bucket names every backend accepts: the intersection of the Amazon S3 and Google Cloud Storage rules. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
/** Prefixes S3 or GCS reserve. */
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-', 'goog'];
/** Suffixes S3 reserves (access point aliases, Object Lambda, directory and table buckets). */
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '--x-s3', '--table-s3'];
/** GCS refuses names containing "google" or close misspellings. */
const GOOGLE = /g[o0][o0]g[l1]e/;

const ALLOWED = '3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit '
  + `(no dots), not starting with ${RESERVED_PREFIXES.join(', ')}, not ending with ${RESERVED_SUFFIXES.join(', ')}, `
  + 'and not containing "google" (the rules of both Amazon S3 and Google Cloud Storage)';

/** Why a bucket name breaks the portable rules, or undefined when it is valid. */
function problem(name: string): string | undefined {
  if (!BUCKET_NAME.test(name)) return 'characters or length';
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) return 'reserved prefix';
  if (RESERVED_SUFFIXES.some((p) => name.endsWith(p))) return 'reserved suffix';
  if (GOOGLE.test(name)) return 'contains google';
  return undefined;
}

/** Checks an explicit bucket name against the portable rules. */
export function checkBucketName(scope: IConstruct | string, prop: string, name: string): string {
  if (typeof name !== 'string' || problem(name) !== undefined) {
    invalid(scope, { prop, value: name, allowed: ALLOWED, fix: 'choose a name such as "acme-orders-uploads", or omit it for a generated one' });
  }
  return name;
}

/**
 * The generated bucket name: `<prefix><name>-<hash>`, where the hash (8 hex digits) covers the prefix, the
 * namespace and the name, so that the same service in another environment or namespace gets another bucket and
 * the name stays the same across synths. Prefix and name are shortened to fit 63 characters.
 */
export function generatedBucketName(scope: IConstruct, prefix: string, namespace: string | undefined, name: string): string {
  const hash = shortHash(`${prefix}\u0000${namespace ?? ''}\u0000${name}`);
  const base = `${prefix}${name}`.slice(0, 63 - hash.length - 1).replace(/-+$/, '');
  const generated = `${base}-${hash}`;
  if (problem(generated) !== undefined) {
    invalid(scope, {
      prop: 'generated bucket name (profile name prefix + name + hash)',
      value: generated,
      allowed: ALLOWED,
      fix: 'set bucketName explicitly, or change the name or the profile\'s namePrefix',
    });
  }
  return generated;
}
