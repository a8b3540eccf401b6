import { checkFactoryOptions } from '../../private/validate';

/**
 * Options for generated credentials.
 */
export interface GeneratedCredentialsOptions {
  /**
   * The database user the application connects as.
   * @default 'app'
   */
  readonly username?: string;
}

/**
 * Options for credentials taken from an existing Secret.
 */
export interface SecretCredentialsOptions {
  /**
   * The database user the application connects as.
   * @default 'app'
   */
  readonly username?: string;
  /**
   * Key of the application user's password in the Secret.
   * @default 'password'
   */
  readonly passwordKey?: string;
  /**
   * Key of the administrator (root) password in the Secret; read only by in-cluster engines that need one.
   * @default 'admin-password'
   */
  readonly adminPasswordKey?: string;
}

/**
 * Database credentials. Never part of the synthesized YAML: either generated inside the cluster at deploy time,
 * once, by the binder Job (the default), or taken from a Secret you create.
 *
 * @example
 *
 * // The user `app` with the password of the key `password` of a Secret you create; the library never writes it.
 * new PortableMySQL(chart, 'Db', { credentials: Credentials.fromSecret('shop-db-credentials') });
 */
export class Credentials {
  /** Generate a random password in the cluster at deploy time; it stays stable across re-synth and re-apply. */
  public static generated(options: GeneratedCredentialsOptions = {}): Credentials {
    const o = checkFactoryOptions('Credentials.generated', options, 'GeneratedCredentialsOptions', "write e.g. Credentials.generated({ username: 'app' })");
    return new Credentials(true, o.username ?? 'app', undefined, 'password', 'admin-password');
  }

  /** Use the password in an existing Secret in the same namespace. */
  public static fromSecret(secretName: string, options: SecretCredentialsOptions = {}): Credentials {
    const o = checkFactoryOptions('Credentials.fromSecret', options, 'SecretCredentialsOptions', "write e.g. Credentials.fromSecret('db-credentials', { passwordKey: 'password' })");
    return new Credentials(
      false,
      o.username ?? 'app',
      secretName,
      o.passwordKey ?? 'password',
      o.adminPasswordKey ?? 'admin-password',
    );
  }

  private constructor(
    private readonly generated: boolean,
    /** The application user. */
    public readonly username: string,
    /**
     * The user's Secret.
     * @default - undefined when the credentials are generated
     */
    public readonly secretName: string | undefined,
    /** Key of the password in the credentials Secret. */
    public readonly passwordKey: string,
    /** Key of the administrator password in the credentials Secret. */
    public readonly adminPasswordKey: string,
  ) {}

  /** Whether the password is generated in the cluster. */
  public get isGenerated(): boolean {
    return this.generated;
  }
}
