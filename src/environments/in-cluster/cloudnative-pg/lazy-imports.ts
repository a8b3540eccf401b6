/**
 * The CloudNativePG CRD types take about 100 ms to load: the backend loads them on first use, so an app pays only
 * for the backends it synthesizes. Types are imported with `import type` (erased at compile time).
 */
import type * as cnpg from '../../../imports/postgresql.cnpg.io';

let cnpgModule: typeof cnpg | undefined;

/** `postgresql.cnpg.io` (CloudNativePG), loaded on first use. */
export function cnpgImports(): typeof cnpg {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (cnpgModule ??= require('../../../imports/postgresql.cnpg.io'));
}
