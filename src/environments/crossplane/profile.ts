import { CrossplaneCacheBackend } from './cache';
import { CrossplaneDatabaseBackend } from './database';
import { CrossplaneObjectStoreBackend } from './object-store';
import { CrossplaneBackendOptions } from './options';
import { Environment } from '../../core/environment';
import { ServiceKind } from '../../core/kind';
import { CommonProfileOptions, environmentProfileProps, Profile } from '../../core/profile';
import { COMMON_OPTIONS, OptionTable, REQUIRED_STRING_MAP, STRING } from '../../core/profile-file-options';
import { checkOptionsObject } from '../../private/validate';

/** Options of `CrossplaneProfile`. */
export interface CrossplaneProfileOptions extends CommonProfileOptions, CrossplaneBackendOptions {}

/**
 * Crossplane: claims of the portable composite resources, served by the platform team's Compositions
 * (`CrossplanePlatform`, `CrossplaneObjectStorePlatform`, `CrossplaneCachePlatform`).
 *
 * @example
 * Profile.register(app, new CrossplaneProfile({ compositionSelector: { provider: 'aws' } }));
 */
export class CrossplaneProfile extends Profile {
  /** The environment's `type` in profiles files and the default profile name. */
  public static readonly TYPE = 'crossplane';

  constructor(options: CrossplaneProfileOptions) {
    checkOptionsObject('crossplane profile options', 'options', options, 'CrossplaneProfileOptions with compositionSelector',
      "write e.g. new CrossplaneProfile({ compositionSelector: { provider: 'aws' } })");
    const databases = new CrossplaneDatabaseBackend(options);
    super(environmentProfileProps(CrossplaneProfile.TYPE, options, [
      { kind: ServiceKind.MYSQL, backend: databases },
      { kind: ServiceKind.POSTGRES, backend: databases },
      { kind: ServiceKind.OBJECT_STORE, backend: new CrossplaneObjectStoreBackend(options) },
      { kind: ServiceKind.CACHE, backend: new CrossplaneCacheBackend(options) },
    ]));
  }
}

const OPTIONS: OptionTable<CrossplaneProfileOptions> = {
  ...COMMON_OPTIONS,
  compositionSelector: REQUIRED_STRING_MAP,
  namePrefix: STRING,
};

/** The Crossplane environment (claims of the portable APIs). */
export const CROSSPLANE: Environment = {
  type: CrossplaneProfile.TYPE,
  options: OPTIONS,
  create: (options: CrossplaneProfileOptions) => new CrossplaneProfile(options),
};
