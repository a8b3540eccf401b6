/**
 * Options of the claims a `CrossplaneProfile` writes: which Compositions serve them, and the prefix of the cloud
 * identifiers.
 */
export interface CrossplaneClaimOptions {
  /**
   * Labels that select the Composition for claims (e.g. `{ provider: 'aws' }`), matched against the labels of the
   * Compositions the platform team installed (`CrossplaneDatabasePlatform`, `CrossplaneObjectStorePlatform`,
   * `CrossplaneCachePlatform` and `CrossplaneQueuePlatform` label theirs `provider: aws` and `provider: gcp`). At
   * least one label; keys and values must be valid Kubernetes label keys and values.
   */
  readonly compositionSelector: { [key: string]: string };
  /**
   * Prefix of cloud identifiers (e.g. `prod-`), to keep environments apart in one account or project: 1 to 23
   * lower-case letters, digits and single hyphens, starting with a letter (so that the prefix and a 40-character
   * service name fit a 63-character identifier).
   * @default - no prefix
   */
  readonly namePrefix?: string;
}
