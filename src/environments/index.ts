/**
 * The one list of environments. Adding an environment is one folder beside this file and two lines here (its
 * registration and its public API); the first is the default (its profile needs no options and serves apps that
 * select none).
 */
import { AWS } from './aws/profile';
import { CROSSPLANE } from './crossplane/profile';
import { GCP } from './gcp/profile';
import { IN_CLUSTER, inClusterQueueBackend } from './in-cluster/profile';
import { registerClusterBackend } from '../core/cluster-backends';
import { registerEnvironment } from '../core/environment';
import { ServiceKind } from '../core/kind';

for (const environment of [IN_CLUSTER, AWS, GCP, CROSSPLANE]) registerEnvironment(environment);

// The in-cluster backends other environments run in their cluster where they have no managed service (queues on GCP,
// and on Crossplane when asked).
registerClusterBackend(ServiceKind.QUEUE, inClusterQueueBackend);

// Each environment's public API: its profile and options (and, for Crossplane, the platform constructs).
export * from './in-cluster';
export * from './aws';
export * from './gcp';
export * from './crossplane';
