import { POSTGRES_MAJORS } from './catalog/postgres';

/**
 * A PostgreSQL version. Use a catalog constant, or `PostgresVersion.of()` for a version the catalog does not list.
 *
 * @example
 *
 * new PortablePostgres(chart, 'Db', { version: PostgresVersion.V17 });
 */
export class PostgresVersion {
  /** PostgreSQL 15. */
  public static readonly V15 = new PostgresVersion('15', undefined);
  /** PostgreSQL 16. */
  public static readonly V16 = new PostgresVersion('16', undefined);
  /** PostgreSQL 17. */
  public static readonly V17 = new PostgresVersion('17', undefined);

  /**
   * A version by major (`'17'`) and, optionally, full version (`'17.2'`). The full version pins the in-cluster image
   * tag and the RDS `engineVersion`; Cloud SQL takes the major only. A full version is one release, `x.y` (never a
   * floating tag such as the major alone), checked at synth: in-cluster against the image table of this release
   * (a PostgreSQL release newer than the table needs a newer cdk8s-portable-data), on AWS against the RDS catalog; a
   * wrong one fails with the nearest versions.
   */
  public static of(major: string, fullVersion?: string): PostgresVersion {
    return new PostgresVersion(major, fullVersion);
  }

  /** Majors in the catalog. */
  public static get knownMajors(): string[] {
    return [...POSTGRES_MAJORS];
  }

  private constructor(
    /** The major version, e.g. `17`. */
    public readonly major: string,
    /**
     * The full version, when pinned with `of()`.
     * @default - undefined: each backend's catalog version of the major
     */
    public readonly fullVersion: string | undefined,
  ) {}
}
