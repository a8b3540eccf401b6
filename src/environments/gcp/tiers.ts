import { IConstruct } from 'constructs';
import { customTierProblem, nearestCustomTier } from './catalog/rules';
import { InstanceSize } from '../../core/instance-size';
import { invalid } from '../../private/errors';

/** Cloud SQL Enterprise tiers of the named sizes (see `InstanceSize`). */
const NAMED_TIERS: { [name: string]: string } = {
  small: 'db-custom-1-3840',
  medium: 'db-custom-2-8192',
  large: 'db-custom-4-16384',
};

/**
 * The Cloud SQL tier of an instance size: the fixed tier of a named size, or `db-custom-<cpu>-<MiB>` for a custom
 * size that is a valid Cloud SQL custom machine (the rules of `CLOUD_SQL_CUSTOM_MACHINE` in src/catalog/rules.ts).
 * Fails for other custom sizes, naming the nearest valid one as an `InstanceSize` (the portable prop the user set);
 * the backend then checks the tier itself against the catalog (`checkCloudSqlTier`).
 */
export function cloudSqlTier(scope: IConstruct, size: InstanceSize): string {
  const named = size.name === 'custom' ? undefined : NAMED_TIERS[size.name];
  if (named) return named;
  const mib = size.memoryMebibytes;
  const shape = { cpu: size.cpu, mib };
  if (!Number.isInteger(size.cpu) || !Number.isInteger(mib) || customTierProblem(shape) !== undefined) {
    const near = nearestCustomTier(shape);
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
