/**
 * A database engine: what the connection contract and the backends need to know about it.
 */
export class DatabaseEngine {
  /** MySQL. */
  public static readonly MYSQL = new DatabaseEngine('mysql', 3306, 'mysql');
  /** PostgreSQL (servicebinding.io type `postgresql`). */
  public static readonly POSTGRESQL = new DatabaseEngine('postgresql', 5432, 'postgresql');

  private constructor(
    /** Engine name; also the servicebinding.io `type` (`mysql`, `postgresql`). */
    public readonly name: string,
    /** The engine's default port. */
    public readonly port: number,
    /** URI scheme of the `uri` connection key. */
    public readonly uriScheme: string,
  ) {}

  /** The Secret type of the connection Secret: `servicebinding.io/<type>`. */
  public get secretType(): string {
    return `servicebinding.io/${this.name}`;
  }
}
