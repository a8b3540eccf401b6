import { CLOUD_SQL_PROXY_IMAGE } from './images';
import { CloudSqlMaintenanceWindow, CloudSqlUpdateTrack, GcpDatabaseOptions, GcpOptions } from './options';
import { invalid } from '../../private/errors';
import { checkBoolean, checkImage, checkOptionsObject } from '../../private/validate';

/** Longest `namePrefix`: `<30-char project>:<prefix><40-char name>` stays within Cloud SQL's 98 characters. */
export const MAX_NAME_PREFIX_LENGTH = 27;

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const REGION = /^[a-z]+-[a-z]+[0-9]{1,2}$/;
const NETWORK_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const NETWORK = /^projects\/([^/]+)\/global\/networks\/([^/]+)$/;
/** Self-link prefixes Config Connector trims from a network reference (refs `FixStaleComputeExternalFormat`). */
const NETWORK_SELF_LINK = /^https:\/\/www\.googleapis\.com\/compute\/(v1|beta)\//;
const NAME_PREFIX = /^[a-z][a-z0-9-]*$/;

/** The options with defaults applied and the network in the form Config Connector documents. */
export interface ResolvedGcpOptions {
  readonly projectId: string;
  readonly region: string;
  readonly privateNetwork?: string;
  readonly namePrefix: string;
  readonly proxyImage: string;
  readonly maintenanceWindow?: CloudSqlMaintenanceWindow;
  readonly requireConnectors: boolean;
  readonly diskAutoresize: boolean;
}

function where(option: string): string {
  return `gcp profile option ${option}`;
}

function checkProjectId(option: string, value: string): string {
  if (typeof value !== 'string' || !PROJECT_ID.test(value)) {
    invalid(where(option), {
      prop: option,
      value,
      allowed: 'a GCP project ID: 6 to 30 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen',
      fix: 'use the project ID (not the project name or number), e.g. "acme-prod-123"',
    });
  }
  return value;
}

/** Accepts `projects/<p>/global/networks/<n>` or its compute self link; returns the relative form. */
function checkNetwork(value: string): string {
  const relative = typeof value === 'string' ? value.replace(NETWORK_SELF_LINK, '') : '';
  const m = NETWORK.exec(relative);
  if (!m || !PROJECT_ID.test(m[1]) || !NETWORK_NAME.test(m[2])) {
    invalid(where('privateNetwork'), {
      prop: 'privateNetwork',
      value,
      allowed: 'projects/<project ID>/global/networks/<network name>, or the same behind https://www.googleapis.com/compute/v1/',
      fix: 'use e.g. "projects/acme-prod-123/global/networks/default" (the host project for a Shared VPC)',
    });
  }
  return relative;
}

function checkMaintenanceWindow(value: CloudSqlMaintenanceWindow | undefined): CloudSqlMaintenanceWindow | undefined {
  if (value === undefined) return undefined;
  const tracks = Object.values(CloudSqlUpdateTrack) as string[];
  const ok = typeof value === 'object' && value !== null
    && Number.isInteger(value.day) && value.day >= 1 && value.day <= 7
    && Number.isInteger(value.hour) && value.hour >= 0 && value.hour <= 23
    && (value.updateTrack === undefined || tracks.includes(value.updateTrack));
  if (!ok) {
    invalid(where('maintenanceWindow'), {
      prop: 'maintenanceWindow',
      value,
      allowed: `day 1 (Monday) to 7 (Sunday), hour 0 to 23 (UTC), updateTrack one of ${tracks.join(', ')}`,
      fix: 'use e.g. { day: 7, hour: 3 } for Sundays 03:00-04:00 UTC',
    });
  }
  return { day: value.day, hour: value.hour, updateTrack: value.updateTrack };
}

/** Validates the options of the GCP backends and applies defaults; fails naming the option. */
export function resolveGcpOptions(options: GcpOptions & GcpDatabaseOptions): ResolvedGcpOptions {
  checkOptionsObject('gcp profile options', 'options', options, 'GcpProfileOptions with projectId and region',
    "write e.g. new GcpProfile({ projectId: 'acme-prod-123', region: 'europe-west1' })");
  const projectId = checkProjectId('projectId', options.projectId);
  if (typeof options.region !== 'string' || !REGION.test(options.region)) {
    invalid(where('region'), {
      prop: 'region',
      value: options.region,
      allowed: 'a GCP region such as europe-west1 or us-central1 (not a zone such as europe-west1-b)',
      fix: 'use the region of the cluster, e.g. "europe-west1"',
    });
  }
  const namePrefix = options.namePrefix ?? '';
  if (namePrefix !== '' && (!NAME_PREFIX.test(namePrefix) || namePrefix.length > MAX_NAME_PREFIX_LENGTH)) {
    invalid(where('namePrefix'), {
      prop: 'namePrefix',
      value: namePrefix,
      allowed: `1 to ${MAX_NAME_PREFIX_LENGTH} lower-case letters, digits and hyphens, starting with a letter (Cloud SQL instance names)`,
      fix: 'use e.g. "prod-"',
    });
  }
  const proxyImage = checkImage(where('proxyImage'), 'proxyImage', options.proxyImage ?? CLOUD_SQL_PROXY_IMAGE.render(), CLOUD_SQL_PROXY_IMAGE.render());
  for (const option of ['requireConnectors', 'diskAutoresize'] as const) {
    if (options[option] !== undefined) checkBoolean(where(option), option, options[option]);
  }
  return {
    projectId,
    region: options.region,
    privateNetwork: options.privateNetwork === undefined ? undefined : checkNetwork(options.privateNetwork),
    namePrefix,
    proxyImage,
    maintenanceWindow: checkMaintenanceWindow(options.maintenanceWindow),
    requireConnectors: options.requireConnectors ?? true,
    diskAutoresize: options.diskAutoresize ?? true,
  };
}
