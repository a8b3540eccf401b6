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

  /**
   * Template of the `uri` connection key: `<scheme>://{username}:{password}@{host}:{port}/{database}` (the binder
   * percent-encodes each value for its position).
   */
  public get uriTemplate(): string {
    return `${this.uriScheme}://{username}:{password}@{host}:{port}/{database}`;
  }

  /** The Secret type of the connection Secret: `servicebinding.io/<type>`. */
  public get secretType(): string {
    return `servicebinding.io/${this.name}`;
  }
}
