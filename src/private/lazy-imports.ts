/**
 * Generated CRD types that are large enough to matter for a cold `require` of the library (the CloudNativePG
 * types alone take about 100 ms to load): backends load them on first use, so an app pays only for the backends
 * it synthesizes. Types are imported with `import type` (erased at compile time).
 */
import type * as cnpg from '../imports/postgresql.cnpg.io';
import type * as s3 from '../imports/s3.services.k8s.aws';

let cnpgModule: typeof cnpg | undefined;
let s3Module: typeof s3 | undefined;

/** `postgresql.cnpg.io` (CloudNativePG), loaded on first use. */
export function cnpgImports(): typeof cnpg {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (cnpgModule ??= require('../imports/postgresql.cnpg.io'));
}

/** `s3.services.k8s.aws` (ACK S3), loaded on first use. */
export function s3Imports(): typeof s3 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (s3Module ??= require('../imports/s3.services.k8s.aws'));
}
