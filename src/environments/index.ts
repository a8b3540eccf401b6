/**
 * The one list of environments. Adding an environment is one folder beside this file and two lines here (its
 * registration and its public API); the first is the default (its profile needs no options and serves apps that
 * select none).
 */
import { AWS } from './aws/profile';
import { AZURE } from './azure/profile';
import { CROSSPLANE } from './crossplane/profile';
import { GCP } from './gcp/profile';
import { IN_CLUSTER } from './in-cluster/profile';
import { registerEnvironment } from '../core/environment';

for (const environment of [IN_CLUSTER, AWS, GCP, CROSSPLANE, AZURE]) registerEnvironment(environment);

// Each environment's public API: its profile and options (and, for Crossplane, the platform constructs).
export * from './in-cluster';
export * from './aws';
export * from './gcp';
export * from './crossplane';
export * from './azure';
