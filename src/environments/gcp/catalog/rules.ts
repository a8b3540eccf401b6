/**
 * Cloud SQL limits that no API lists, kept by hand from the Cloud SQL documentation (sources on each constant).
 * The generated catalogs in `data/` hold what the APIs list; these rules cover the rest.
 */

/**
 * Cloud SQL custom machine types (Enterprise edition), "About instance settings": 1 or an even number of vCPUs
 * up to 96; memory a multiple of 256 MiB, 0.9 to 6.5 GiB per vCPU and at least 3.75 GiB (3840 MiB).
 */
export const CLOUD_SQL_CUSTOM_MACHINE = {
  maxCpu: 96,
  memoryStepMib: 256,
  minMemoryMib: 3840,
  minMibPerCpu: 0.9 * 1024,
  maxMibPerCpu: 6.5 * 1024,
};

/**
 * Cloud SQL instance ID: lower-case letters, digits and hyphens, starting with a letter; `<project>:<instance>`
 * at most 98 characters ("About instance settings").
 */
export const CLOUD_SQL_INSTANCE_ID = /^[a-z][a-z0-9-]*$/;

/** Longest `<project ID>:<instance ID>` Cloud SQL accepts. */
export const CLOUD_SQL_MAX_CONNECTION_NAME = 98;

/** Cloud SQL SSD storage: 10 GB to 64 TB ("About instance settings", storage capacity). */
export const CLOUD_SQL_STORAGE_GB = { min: 10, max: 65536 };

/**
 * Cloud SQL automated backups: 1 to 365 retained backups; transaction logs (point-in-time recovery) kept 1 to 7
 * days on the Enterprise edition and 1 to 35 on Enterprise Plus ("About Cloud SQL backups").
 */
export const CLOUD_SQL_BACKUPS = {
  retainedBackups: { min: 1, max: 365 },
  transactionLogDays: { ENTERPRISE: { min: 1, max: 7 }, ENTERPRISE_PLUS: { min: 1, max: 35 } } as { [edition: string]: { min: number; max: number } },
};

/** A parsed `db-custom-<cpu>-<MiB>` tier. */
export interface CustomTier {
  /** vCPUs. */
  readonly cpu: number;
  /** Memory in MiB. */
  readonly mib: number;
}

/** Parses `db-custom-<cpu>-<MiB>`; undefined for other tier names. */
export function parseCustomTier(tier: string): CustomTier | undefined {
  const m = /^db-custom-(\d+)-(\d+)$/.exec(tier);
  return m ? { cpu: Number(m[1]), mib: Number(m[2]) } : undefined;
}

function memoryRange(cpu: number): { min: number; max: number } {
  const r = CLOUD_SQL_CUSTOM_MACHINE;
  return {
    min: Math.max(r.minMemoryMib, Math.ceil((r.minMibPerCpu * cpu) / r.memoryStepMib) * r.memoryStepMib),
    max: Math.floor((r.maxMibPerCpu * cpu) / r.memoryStepMib) * r.memoryStepMib,
  };
}

/** Why a custom machine is invalid, or undefined when it is valid. */
export function customTierProblem(t: CustomTier): string | undefined {
  const r = CLOUD_SQL_CUSTOM_MACHINE;
  if (!(t.cpu === 1 || (t.cpu % 2 === 0 && t.cpu >= 2 && t.cpu <= r.maxCpu))) {
    return `${t.cpu} vCPUs: a custom machine has 1 or an even number of vCPUs up to ${r.maxCpu}`;
  }
  if (t.mib % r.memoryStepMib !== 0) return `${t.mib} MiB is not a multiple of ${r.memoryStepMib} MiB`;
  const range = memoryRange(t.cpu);
  if (t.mib < range.min || t.mib > range.max) {
    return `${t.mib} MiB is outside ${range.min} to ${range.max} MiB for ${t.cpu} vCPU (0.9 to 6.5 GiB per vCPU, at least 3840 MiB)`;
  }
  return undefined;
}

/** The nearest valid custom machine: vCPUs rounded up to 1 or an even number, memory clamped into range. */
export function nearestCustomTier(t: CustomTier): CustomTier {
  const r = CLOUD_SQL_CUSTOM_MACHINE;
  const cpu = t.cpu <= 1 ? 1 : Math.min(r.maxCpu, t.cpu % 2 === 0 ? t.cpu : t.cpu + 1);
  const range = memoryRange(cpu);
  const mib = Math.ceil(t.mib / r.memoryStepMib) * r.memoryStepMib;
  return { cpu, mib: Math.min(range.max, Math.max(range.min, mib)) };
}
