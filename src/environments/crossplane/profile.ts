import { PROVIDER_LABEL, PortableApi } from './api';
import { CACHE_API } from './cache/api';
import { CrossplaneCacheBackend } from './cache/backend';
import { CACHE_COMPOSITIONS } from './cache/compositions';
import { claimOptionsAt } from './claim-options';
import { isCloud } from './clouds';
import { AnyCompositions, CompositionRefusal, refusalText } from './compositions';
import { CROSSPLANE_COSTS } from './cost';
import { DATABASE_API } from './database/api';
import { CrossplaneDatabaseBackend } from './database/backend';
import { DATABASE_COMPOSITIONS } from './database/compositions';
import { OBJECT_STORE_API } from './object-store/api';
import { CrossplaneObjectStoreBackend } from './object-store/backend';
import { OBJECT_STORE_COMPOSITIONS } from './object-store/compositions';
import { CrossplaneClaimOptions } from './options';
import { CROSSPLANE_PREREQUISITES } from './prerequisites';
import { QUEUE_API } from './queue/api';
import { CrossplaneQueueBackend } from './queue/backend';
import { QUEUE_COMPOSITIONS } from './queue/compositions';
import { ServiceBinding } from '../../core/backend';
import { Environment } from '../../core/environment';
import { FeatureTable } from '../../core/features';
import { IKindBackend, KindModule, ServiceSpec, serves } from '../../core/kind-module';
import { DeletionPolicy } from '../../core/policies';
import { environmentProfileProps, Profile } from '../../core/profile';
import { BOOLEAN, COMMON_OPTIONS, OptionTable, optionalEnum, REQUIRED_STRING_MAP, STRING } from '../../core/profile-file-options';
import { CommonProfileOptions } from '../../core/profile-options';
import { RefusingBackend } from '../../core/refusing-backend';
import { checkOptionsObject } from '../../private/validate';
import { CACHE } from '../../services/cache/kind';
import { MYSQL, POSTGRES } from '../../services/database/kind';
import { OBJECT_STORE } from '../../services/object-store/kind';
import { QUEUE } from '../../services/queue/kind';
import { noBrokerBackend, QueueOperator, QueuesInClusterOptions, queuesInClusterOr } from '../in-cluster/base-layer';

/** Options of `CrossplaneProfile`. */
export interface CrossplaneProfileOptions extends CommonProfileOptions, CrossplaneClaimOptions, QueuesInClusterOptions {}

/**
 * Crossplane: claims of the portable composite resources, served by the platform team's Compositions
 * (`CrossplaneDatabasePlatform`, `CrossplaneObjectStorePlatform`, `CrossplaneCachePlatform`,
 * `CrossplaneQueuePlatform`).
 *
 * Where the selector picks a cloud (`provider: <cloud>`) that has no Composition of a kind's API, services of that
 * kind fail at synth with the reason: queues on GCP (`provider: gcp`), which has no managed AMQP 0-9-1 service,
 * unless `queuesInCluster` runs them in the cluster.
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
    // Checked now, for every kind, not when the first service of a kind is declared.
    claimOptionsAt('crossplane profile options', options);
    const databases = new CrossplaneDatabaseBackend(options);
    super(environmentProfileProps(CrossplaneProfile.TYPE, options, [
      serves(MYSQL, claimsOr(MYSQL, DATABASE_API, DATABASE_COMPOSITIONS, databases, options)),
      serves(POSTGRES, claimsOr(POSTGRES, DATABASE_API, DATABASE_COMPOSITIONS, databases, options)),
      serves(OBJECT_STORE, claimsOr(OBJECT_STORE, OBJECT_STORE_API, OBJECT_STORE_COMPOSITIONS, new CrossplaneObjectStoreBackend(options), options)),
      serves(CACHE, claimsOr(CACHE, CACHE_API, CACHE_COMPOSITIONS, new CrossplaneCacheBackend(options), options)),
      serves(QUEUE, queuesInClusterOr(CrossplaneProfile.TYPE, options, () => claimsOr(QUEUE, QUEUE_API, QUEUE_COMPOSITIONS,
        new CrossplaneQueueBackend(options), options, (reason) => noBrokerBackend(CrossplaneProfile.TYPE, reason)))),
    ]));
  }
}

const OPTIONS: OptionTable<CrossplaneProfileOptions> = {
  ...COMMON_OPTIONS,
  compositionSelector: REQUIRED_STRING_MAP,
  namePrefix: STRING,
  queuesInCluster: BOOLEAN,
  queueOperator: optionalEnum(QueueOperator),
  queueStorageReclaimPolicy: optionalEnum(DeletionPolicy),
  clusterDomain: STRING,
};

/**
 * The backend of a kind: its claims, unless the selector picks a cloud (`provider: <cloud>`) whose entry in the
 * API's Compositions is a refusal; then `refuse` (by default a backend that refuses every service of the kind with
 * the refusal's reason and fix).
 */
function claimsOr<S extends ServiceSpec, X extends ServiceBinding, T extends FeatureTable<S>>(
  module: KindModule<S, T>, api: PortableApi, compositions: AnyCompositions, claims: IKindBackend<S, X, T>, options: CrossplaneClaimOptions,
  refuse: (reason: string, fix: string) => IKindBackend<S, X, T> = (reason, fix) => new RefusingBackend(module, `${CrossplaneProfile.TYPE}-none`, reason, fix),
): IKindBackend<S, X, T> {
  const selector = options?.compositionSelector;
  const cloud = typeof selector === 'object' && selector !== null ? selector[PROVIDER_LABEL] : undefined;
  if (!isCloud(cloud)) return claims;
  const refusal = compositions[cloud];
  if (!(refusal instanceof CompositionRefusal)) return claims;
  return refuse(`the portable Crossplane ${api.noun} API ${refusalText(cloud, refusal)} and the compositionSelector picks ${PROVIDER_LABEL}: ${cloud}`, refusal.fix);
}

/** The Crossplane environment (claims of the portable APIs). */
export const CROSSPLANE: Environment = {
  type: CrossplaneProfile.TYPE,
  options: OPTIONS,
  create: (options: CrossplaneProfileOptions) => new CrossplaneProfile(options),
  prerequisites: CROSSPLANE_PREREQUISITES,
  costs: CROSSPLANE_COSTS,
};
