import { Size } from 'cdk8s';
import { checkOptionsObject } from '../private/validate';

/**
 * Custom instance size: the compute a database needs.
 */
export interface CustomInstanceSizeOptions {
  /** Number of vCPUs (1, or an even number for most cloud shapes). */
  readonly cpu: number;
  /** Memory. */
  readonly memory: Size;
}

/**
 * An abstract instance size. Every backend maps it to its own shape: pod requests/limits in-cluster, a
 * `dbInstanceClass` on AWS, a machine tier on Cloud SQL.
 *
 * | size   | vCPU | memory | in-cluster (requests = limits) | AWS RDS         | Cloud SQL           |
 * |--------|------|--------|--------------------------------|-----------------|---------------------|
 * | SMALL  | 1    | 2 GiB* | 1 CPU, 2 GiB                   | `db.t4g.small`  | `db-custom-1-3840`  |
 * | MEDIUM | 2    | 8 GiB  | 2 CPU, 8 GiB                   | `db.m6g.large`  | `db-custom-2-8192`  |
 * | LARGE  | 4    | 16 GiB | 4 CPU, 16 GiB                  | `db.m6g.xlarge` | `db-custom-4-16384` |
 *
 * (*) Cloud SQL's smallest custom shape has 3.75 GB; `db.t4g.small` has 2 burstable vCPUs.
 *
 * `InstanceSize.custom()` is mapped exactly where a backend can (in-cluster, Cloud SQL custom tiers) and fails
 * at synth where it cannot (RDS has a fixed set of classes).
 *
 * @example
 *
 * new PortableMySQL(chart, 'Db', { instanceSize: InstanceSize.MEDIUM });
 * new PortablePostgres(chart, 'Reports', {
 *   instanceSize: InstanceSize.custom({ cpu: 8, memory: Size.gibibytes(32) }),
 * });
 */
export class InstanceSize {
  /** 1 vCPU, 2 GiB: development and small production workloads. */
  public static readonly SMALL = new InstanceSize('small', 1, Size.gibibytes(2));
  /** 2 vCPU, 8 GiB. */
  public static readonly MEDIUM = new InstanceSize('medium', 2, Size.gibibytes(8));
  /** 4 vCPU, 16 GiB. */
  public static readonly LARGE = new InstanceSize('large', 4, Size.gibibytes(16));

  /** An exact amount of compute; each backend maps it or fails at synth. */
  public static custom(options: CustomInstanceSizeOptions): InstanceSize {
    const o = checkOptionsObject('InstanceSize.custom', 'options', options, 'CustomInstanceSizeOptions with cpu and memory', 'write e.g. InstanceSize.custom({ cpu: 2, memory: Size.gibibytes(8) })') as CustomInstanceSizeOptions;
    return new InstanceSize('custom', o.cpu, o.memory);
  }

  private constructor(
    /** `small`, `medium`, `large` or `custom`. */
    public readonly name: string,
    /** Number of vCPUs. */
    public readonly cpu: number,
    /** Memory. */
    public readonly memory: Size,
  ) {}

  /** Memory in MiB. */
  public get memoryMebibytes(): number {
    return this.memory.toMebibytes();
  }

  /** `small`, `medium`, `large`, or `custom(<cpu> vCPU, <n> MiB)`. */
  public toString(): string {
    return this.name === 'custom' ? `custom(${this.cpu} vCPU, ${this.memoryMebibytes} MiB)` : this.name;
  }
}
