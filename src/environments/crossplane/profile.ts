import { PROVIDER_LABEL } from './api';
import { CrossplaneCacheBackend } from './cache';
import { CrossplaneDatabaseBackend } from './database';
import { CrossplaneObjectStoreBackend } from './object-store';
import { CrossplaneBackendOptions } from './options';
import { CrossplaneQueueBackend } from './queue';
import { Environment } from '../../core/environment';
import { serves } from '../../core/kind-module';
import { environmentProfileProps, Profile } from '../../core/profile';
import { BOOLEAN, COMMON_OPTIONS, OptionTable, optionalEnum, REQUIRED_STRING_MAP, STRING } from '../../core/profile-file-options';
import { CommonProfileOptions } from '../../core/profile-options';
import { checkOptionsObject } from '../../private/validate';
import { CACHE } from '../../services/cache/kind';
import { MYSQL, POSTGRES } from '../../services/database/kind';
import { OBJECT_STORE } from '../../services/object-store/kind';
import { QUEUE } from '../../services/queue/kind';
import { noBrokerBackend, QueueOperator, QueuesInClusterOptions, queuesInClusterOr } from '../in-cluster/base-layer';

/** Options of `CrossplaneProfile`. */
export interface CrossplaneProfileOptions extends CommonProfileOptions, CrossplaneBackendOptions, QueuesInClusterOptions {}

/**
 * Crossplane: claims of the portable composite resources, served by the platform team's Compositions
 * (`CrossplanePlatform`, `CrossplaneObjectStorePlatform`, `CrossplaneCachePlatform`, `CrossplaneQueuePlatform`).
 *
 * Queues are claimed too, except where the selector picks GCP (`provider: gcp`), which has no managed AMQP 0-9-1
 * service and so no queue Composition: there a `PortableQueue` fails at synth unless `queuesInCluster` runs it in
 * the cluster.
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
      serves(MYSQL, databases),
      serves(POSTGRES, databases),
      serves(OBJECT_STORE, new CrossplaneObjectStoreBackend(options)),
      serves(CACHE, new CrossplaneCacheBackend(options)),
      serves(QUEUE, queuesInClusterOr(CrossplaneProfile.TYPE, options, () => claimedQueues(options))),
    ]));
  }
}

const OPTIONS: OptionTable<CrossplaneProfileOptions> = {
  ...COMMON_OPTIONS,
  compositionSelector: REQUIRED_STRING_MAP,
  namePrefix: STRING,
  queuesInCluster: BOOLEAN,
  queueOperator: optionalEnum(QueueOperator),
};

/** Claims of the queue API, unless the selector picks GCP, where there is no queue Composition. */
function claimedQueues(options: CrossplaneProfileOptions) {
  const selector = options?.compositionSelector;
  if (typeof selector === 'object' && selector !== null && selector[PROVIDER_LABEL] === 'gcp') {
    return noBrokerBackend(CrossplaneProfile.TYPE,
      'the portable Crossplane queue API has no GCP Composition (GCP has no managed AMQP 0-9-1 service) and the compositionSelector picks provider: gcp');
  }
  return new CrossplaneQueueBackend(options);
}

/** The Crossplane environment (claims of the portable APIs). */
export const CROSSPLANE: Environment = {
  type: CrossplaneProfile.TYPE,
  options: OPTIONS,
  create: (options: CrossplaneProfileOptions) => new CrossplaneProfile(options),
};
