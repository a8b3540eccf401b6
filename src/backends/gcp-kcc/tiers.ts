import { IConstruct } from 'constructs';
import { InstanceSize } from '../../instance-size';
import { invalid } from '../../private/errors';

/** Cloud SQL Enterprise tiers of the named sizes (see `InstanceSize`). */
const NAMED_TIERS: { [name: string]: string } = {
  small: 'db-custom-1-3840',
  medium: 'db-custom-2-8192',
  large: 'db-custom-4-16384',
};

/**
 * Cloud SQL custom machine rules (Enterprise edition, "custom machine types"): 1 or an even number of vCPUs up to
 * 96; memory a multiple of 256 MiB, 0.9 to 6.5 GiB per vCPU, and at least 3840 MiB.
 */
const MAX_CPU = 96;
const MEMORY_STEP_MIB = 256;
const MIN_MEMORY_MIB = 3840;
const MIN_MIB_PER_CPU = 0.9 * 1024;
const MAX_MIB_PER_CPU = 6.5 * 1024;

function memoryRange(cpu: number): { min: number; max: number } {
  const min = Math.max(MIN_MEMORY_MIB, Math.ceil((MIN_MIB_PER_CPU * cpu) / MEMORY_STEP_MIB) * MEMORY_STEP_MIB);
  const max = Math.floor((MAX_MIB_PER_CPU * cpu) / MEMORY_STEP_MIB) * MEMORY_STEP_MIB;
  return { min, max };
}

function validCpu(cpu: number): boolean {
  return cpu === 1 || (cpu % 2 === 0 && cpu >= 2 && cpu <= MAX_CPU);
}

/** Whether `db-custom-<cpu>-<mib>` is a valid Cloud SQL custom machine. */
export function isValidCustomTier(cpu: number, mib: number): boolean {
  if (!Number.isInteger(cpu) || !Number.isInteger(mib) || !validCpu(cpu) || mib % MEMORY_STEP_MIB !== 0) return false;
  const range = memoryRange(cpu);
  return mib >= range.min && mib <= range.max;
}

/**
 * The nearest valid custom machine at or above the requested vCPUs (an odd count rounds up to the next even one,
 * at most 96), with the memory rounded up to 256 MiB and clamped into that vCPU count's range.
 */
export function nearestCustomTier(cpu: number, mib: number): { cpu: number; mib: number } {
  const c = cpu <= 1 ? 1 : Math.min(MAX_CPU, cpu % 2 === 0 ? cpu : cpu + 1);
  const range = memoryRange(c);
  const m = Math.ceil(mib / MEMORY_STEP_MIB) * MEMORY_STEP_MIB;
  return { cpu: c, mib: Math.min(range.max, Math.max(range.min, m)) };
}

/**
 * The Cloud SQL tier of an instance size: the fixed tier of a named size, or `db-custom-<cpu>-<MiB>` for a custom
 * size that is a valid Cloud SQL custom machine. Fails for other custom sizes, naming the nearest valid one.
 */
export function cloudSqlTier(scope: IConstruct, size: InstanceSize): string {
  const named = size.name === 'custom' ? undefined : NAMED_TIERS[size.name];
  if (named) return named;
  const mib = size.memoryMebibytes;
  if (!isValidCustomTier(size.cpu, mib)) {
    const near = nearestCustomTier(size.cpu, mib);
    invalid(scope, {
      prop: 'instanceSize',
      value: size.toString(),
      allowed: 'on Cloud SQL, a custom size of 1 or an even number of vCPUs up to 96, with memory a multiple of 256 MiB, '
        + '0.9 to 6.5 GiB per vCPU and at least 3840 MiB',
      fix: `use the nearest valid shape InstanceSize.custom({ cpu: ${near.cpu}, memory: Size.mebibytes(${near.mib}) }) `
        + `(tier db-custom-${near.cpu}-${near.mib}), or a named size`,
    });
  }
  return `db-custom-${size.cpu}-${mib}`;
}
