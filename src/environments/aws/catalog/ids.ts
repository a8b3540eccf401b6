// The shapes of the AWS resource IDs that profile and platform options name (checked at synth).

/** A VPC subnet ID: `subnet-` and 8 to 17 lower-case hex digits. */
export const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
/** A VPC security group ID: `sg-` and 8 to 17 lower-case hex digits. */
export const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8,17}$/;

/** The AWS partition of a region (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, …). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.includes('-gov-')) return 'aws-us-gov';
  const iso = /-iso([a-z]?)-/.exec(region);
  if (iso) return iso[1] ? `aws-iso-${iso[1]}` : 'aws-iso';
  return 'aws';
}
