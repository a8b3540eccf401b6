/**
 * Options of the Crossplane backends.
 */
export interface CrossplaneBackendOptions {
  /**
   * Labels that select the Composition for claims (e.g. `{ provider: 'aws' }`), matched against the labels of the
   * Compositions the platform team installed (see `CrossplanePlatform`).
   */
  readonly compositionSelector: { [key: string]: string };
  /**
   * Prefix of cloud identifiers (e.g. `prod-`).
   * @default - no prefix
   */
  readonly namePrefix?: string;
}
