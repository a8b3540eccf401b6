import { MYSQL_MAJORS } from './catalog/mysql';

/**
 * A MySQL version. Use a catalog constant, or `MySqlVersion.of()` for a version the catalog does not list yet.
 *
 * @example
 *
 * new PortableMySQL(chart, 'Db', { version: MySqlVersion.V8_4 });
 * // A release the catalog does not list yet (pins the in-cluster image tag and the RDS engineVersion):
 * new PortableMySQL(chart, 'Pinned', { version: MySqlVersion.of('8.4', '8.4.6') });
 */
export class MySqlVersion {
  /** MySQL 8.0 (end of community support April 2026; prefer 8.4). */
  public static readonly V8_0 = new MySqlVersion('8.0', undefined);
  /** MySQL 8.4 LTS. */
  public static readonly V8_4 = new MySqlVersion('8.4', undefined);

  /**
   * A version by major (`'8.4'`) and, optionally, full version (`'8.4.3'`). The full version pins the in-cluster image
   * tag and the RDS `engineVersion`; Cloud SQL takes the major only. A full version is one release, `x.y.z` (never a
   * floating tag such as the major alone), checked at synth: in-cluster against the image table of this release
   * (a MySQL release newer than the table needs a newer cdk8s-portable-data), on AWS against the RDS catalog; a
   * wrong one fails with the nearest versions.
   */
  public static of(major: string, fullVersion?: string): MySqlVersion {
    return new MySqlVersion(major, fullVersion);
  }

  /** Majors in the catalog. */
  public static get knownMajors(): string[] {
    return [...MYSQL_MAJORS];
  }

  private constructor(
    /** The major version, e.g. `8.4`. */
    public readonly major: string,
    /**
     * The full version, when pinned with `of()`.
     * @default - undefined: each backend's catalog version of the major
     */
    public readonly fullVersion: string | undefined,
  ) {}
}
