import { Construct } from 'constructs';
import { knownImageTags } from './engine-images';
import { didYouMean, nearestVersions } from '../../../private/closest';
import { invalid } from '../../../private/errors';
import { DatabaseSpec } from '../../../services/database/resolved-spec';

/** The image table of one engine, as `tag()` of an in-cluster engine checks a version against it. */
export interface EngineImageTable {
  /** The engine's name in messages, e.g. `MySQL`. */
  readonly engine: string;
  /** The image, e.g. `docker.io/library/mysql`. */
  readonly image: string;
  /** The version class, e.g. `MySqlVersion`. */
  readonly versionClass: string;
  /** Its constant of the newest major, e.g. `V8_4`. */
  readonly newestConstant: string;
  /** The newest tag of each major (the one a catalog constant deploys). */
  readonly newest: { readonly [major: string]: string };
  /** The first tag of each major. */
  readonly first: { readonly [major: string]: string };
}

/**
 * The image tag of a database version in-cluster: the major's newest tag, or the pinned full version when it is a
 * tag of the image table (every release of the major from its first tag to the newest this release knows). A pin
 * outside the table fails with the nearest tags: a tag that does not exist would only fail at deploy time
 * (`ErrImagePull`), and one newer than the table needs a newer release of this package.
 */
export function imageTagFor(scope: Construct, spec: DatabaseSpec, table: EngineImageTable): string {
  const major = spec.majorVersion;
  const has = (m: string) => Object.prototype.hasOwnProperty.call(table.newest, m);
  const newestOf = has(major) ? table.newest[major] : undefined;
  const pin = spec.fullVersion;
  const ranges = Object.keys(table.newest).map((m) => `${table.first[m]} … ${table.newest[m]}`).join(', ');
  if (newestOf === undefined) {
    invalid(scope, {
      prop: 'version',
      value: pin ?? major,
      allowed: `in-cluster, a ${table.engine} release with an official image this release knows (${table.image}: ${ranges})`,
      fix: `use ${table.versionClass}.${table.newestConstant}; for ${table.engine} ${major}, use a newer release of cdk8s-portable-data `
        + '(`npx cdk8s-portable-data plan` shows the version each profile deploys)',
    });
  }
  if (pin === undefined) return newestOf;
  const tags = knownImageTags(table.first[major], newestOf);
  if (!tags.includes(pin)) {
    invalid(scope, {
      prop: 'version',
      value: pin,
      allowed: `in-cluster, a tag of ${table.image} this release knows for ${table.engine} ${major}: ${table.first[major]} … ${newestOf}`,
      fix: [
        didYouMean(nearestVersions(pin, tags, 2)),
        `Pin one of these tags, or leave the version unpinned (${table.versionClass}.V${major.replace('.', '_')} deploys ${newestOf});`,
        `a ${table.engine} release newer than ${newestOf} needs a newer release of cdk8s-portable-data`,
      ].filter((t) => t !== '').join(' '),
    });
  }
  return pin;
}
