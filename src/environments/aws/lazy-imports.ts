/**
 * Generated CRD types large enough to matter for a cold `require` of the library: the AWS backends load them on
 * first use, so an app pays only for the backends it synthesizes. Types are imported with `import type` (erased at
 * compile time).
 */
import type * as s3 from '../../imports/s3.services.k8s.aws';

let s3Module: typeof s3 | undefined;

/** `s3.services.k8s.aws` (ACK S3), loaded on first use. */
export function s3Imports(): typeof s3 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (s3Module ??= require('../../imports/s3.services.k8s.aws'));
}
