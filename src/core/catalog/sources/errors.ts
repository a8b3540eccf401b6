/** AWS error names of credentials that exist but were refused. */
const AWS_REFUSED = ['InvalidClientTokenId', 'UnrecognizedClientException', 'ExpiredToken', 'ExpiredTokenException', 'InvalidSignatureException', 'SignatureDoesNotMatch'];

/**
 * Turns the SDKs' credential and region errors into instructions. Other errors are returned unchanged.
 */
export function explainCloudError(provider: 'aws' | 'gcp', e: unknown): Error {
  const err = e instanceof Error ? e : new Error(String(e));
  const message = err.message ?? '';
  if (provider === 'aws') {
    if (err.name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
      return new Error('no AWS credentials: set AWS_PROFILE (or run `aws sso login`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, '
        + `for an identity allowed rds:Describe* (${message})`);
    }
    if (AWS_REFUSED.includes(err.name) || /security token included in the request is (invalid|expired)/i.test(message)) {
      return new Error('the AWS credentials were refused (invalid or expired): refresh them (`aws sso login`) or set AWS_PROFILE, or '
        + `AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, to valid credentials (${err.name}: ${message})`);
    }
    if (['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'].includes(err.name)) {
      return new Error(`the AWS identity is not allowed to read the RDS API: allow it rds:Describe* (${err.name}: ${message})`);
    }
    if (/region is missing/i.test(message)) {
      return new Error(`no AWS region: pass --region or set AWS_REGION (${message})`);
    }
  } else if (/GOOGLE_APPLICATION_CREDENTIALS|does not exist, or it is not a file|client_email|invalid_grant|invalid_client|UNAUTHENTICATED/.test(message)
    || (err as { code?: unknown }).code === 16) {
    return new Error('the Google Cloud credentials are unusable (a missing or invalid key file, or revoked credentials): run '
      + '`gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS to a valid key file '
      + `(${message})`);
  } else if (/PERMISSION_DENIED/.test(message) || (err as { code?: unknown }).code === 7) {
    return new Error('the Google Cloud identity is not allowed to read the Cloud SQL Admin API: enable sqladmin.googleapis.com in the project '
      + `and grant the identity a role that reads Cloud SQL, e.g. roles/cloudsql.viewer (${message})`);
  } else if (/could not load the default credentials|unable to detect a project id/i.test(message)) {
    return new Error('no Google Cloud credentials: run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS '
      + `to a key of an identity allowed cloudsql.instances.list (${message})`);
  }
  return err;
}
