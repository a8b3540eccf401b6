/** AWS error names of credentials that exist but were refused. */
const REFUSED = ['InvalidClientTokenId', 'UnrecognizedClientException', 'ExpiredToken', 'ExpiredTokenException', 'InvalidSignatureException', 'SignatureDoesNotMatch'];

/** Turns the AWS SDK's credential and region errors into instructions. Other errors are returned unchanged. */
export function explainAwsError(e: unknown): Error {
  const err = e instanceof Error ? e : new Error(String(e));
  const message = err.message ?? '';
  if (err.name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new Error('no AWS credentials: set AWS_PROFILE (or run `aws sso login`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, '
      + `for an identity allowed rds:Describe* (${message})`);
  }
  if (REFUSED.includes(err.name) || /security token included in the request is (invalid|expired)/i.test(message)) {
    return new Error('the AWS credentials were refused (invalid or expired): refresh them (`aws sso login`) or set AWS_PROFILE, or '
      + `AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, to valid credentials (${err.name}: ${message})`);
  }
  if (['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'].includes(err.name)) {
    return new Error(`the AWS identity is not allowed to read the RDS API: allow it rds:Describe* (${err.name}: ${message})`);
  }
  if (/region is missing/i.test(message)) {
    return new Error(`no AWS region: pass --region or set AWS_REGION (${message})`);
  }
  return err;
}
