import { IConstruct } from 'constructs';
import { InstanceSize } from '../../core/instance-size';
import { invalid } from '../../private/errors';

/** One RDS DB instance class. */
export interface RdsInstanceClass {
  /** Class name, e.g. `db.m6g.large`. */
  readonly name: string;
  /** vCPUs. */
  readonly cpu: number;
  /** Memory in GiB. */
  readonly memoryGib: number;
}

/**
 * The Graviton classes RDS for MySQL 8.0/8.4 and for PostgreSQL 15 to 17 offer in every commercial region (AWS
 * "DB instance classes" hardware specifications). General purpose first: a custom size with the shape of a `t4g`
 * and an `m6g` class maps to the `m6g` class (no CPU credits).
 */
export const RDS_INSTANCE_CLASSES: RdsInstanceClass[] = [
  ...family('m6g', [['large', 2, 8], ['xlarge', 4, 16], ['2xlarge', 8, 32], ['4xlarge', 16, 64], ['8xlarge', 32, 128], ['12xlarge', 48, 192], ['16xlarge', 64, 256]]),
  ...family('r6g', [['large', 2, 16], ['xlarge', 4, 32], ['2xlarge', 8, 64], ['4xlarge', 16, 128], ['8xlarge', 32, 256], ['12xlarge', 48, 384], ['16xlarge', 64, 512]]),
  ...family('t4g', [['micro', 2, 1], ['small', 2, 2], ['medium', 2, 4], ['large', 2, 8], ['xlarge', 4, 16], ['2xlarge', 8, 32]]),
];

/** Default classes of the named sizes (see the table on `InstanceSize`). */
export const DEFAULT_INSTANCE_CLASSES: { [size: string]: string } = {
  small: 'db.t4g.small',
  medium: 'db.m6g.large',
  large: 'db.m6g.xlarge',
};

/** Names of the sizes whose class a profile may override. */
export const NAMED_SIZES = Object.keys(DEFAULT_INSTANCE_CLASSES);

/** Syntax of an RDS instance class name (`db.<family>.<size>`). */
export const INSTANCE_CLASS_PATTERN = /^db\.[a-z0-9-]+\.[a-z0-9]+$/;

function family(name: string, sizes: Array<[string, number, number]>): RdsInstanceClass[] {
  return sizes.map(([size, cpu, memoryGib]) => ({ name: `db.${name}.${size}`, cpu, memoryGib }));
}

function describe(c: RdsInstanceClass): string {
  return `${c.name} (${c.cpu} vCPU, ${c.memoryGib} GiB)`;
}

/**
 * The RDS class of an instance size: the profile's override or the default for named sizes; for custom sizes the
 * class with exactly the same vCPUs and memory, or an error listing the nearest classes.
 */
export function instanceClassFor(scope: IConstruct, size: InstanceSize, overrides: { [size: string]: string } = {}): string {
  if (size.name !== 'custom') {
    return overrides[size.name] ?? DEFAULT_INSTANCE_CLASSES[size.name];
  }
  const memoryGib = size.memoryMebibytes / 1024;
  const exact = RDS_INSTANCE_CLASSES.find((c) => c.cpu === size.cpu && c.memoryGib === memoryGib);
  if (exact) return exact.name;
  const distance = (c: RdsInstanceClass) => Math.abs(Math.log2(c.cpu / size.cpu)) + Math.abs(Math.log2(c.memoryGib / memoryGib));
  const nearest = [...RDS_INSTANCE_CLASSES].sort((a, b) => distance(a) - distance(b) || a.name.localeCompare(b.name)).slice(0, 3);
  return invalid(scope, {
    prop: 'instanceSize',
    value: size.toString(),
    allowed: `on AWS RDS, a custom size with the vCPUs and memory of an RDS instance class; nearest: ${nearest.map(describe).join(', ')}`,
    fix: `use InstanceSize.custom({ cpu: ${nearest[0].cpu}, memory: Size.gibibytes(${nearest[0].memoryGib}) }) or InstanceSize.SMALL, MEDIUM or LARGE`,
  });
}
