/**
 * A database engine: what the backends need to know about it (its connection contract is its `ServiceKind`'s).
 *
 * @example
 *
 * const port = DatabaseEngine.POSTGRESQL.port;   // 5432
 */
export class DatabaseEngine {
  /** MySQL. */
  public static readonly MYSQL = new DatabaseEngine('mysql', 3306);
  /** PostgreSQL (servicebinding.io type `postgresql`). */
  public static readonly POSTGRESQL = new DatabaseEngine('postgresql', 5432);

  private constructor(
    /** Engine name; also the servicebinding.io `type` (`mysql`, `postgresql`). */
    public readonly name: string,
    /** The engine's default port. */
    public readonly port: number,
  ) {}
}
