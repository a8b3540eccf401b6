/** Turns the Google Cloud client libraries' credential and permission errors into instructions. Other errors are returned unchanged. */
export function explainGcpError(e: unknown): Error {
  const err = e instanceof Error ? e : new Error(String(e));
  const message = err.message ?? '';
  const code = (err as { code?: unknown }).code;
  if (/GOOGLE_APPLICATION_CREDENTIALS|does not exist, or it is not a file|client_email|invalid_grant|invalid_client|UNAUTHENTICATED/.test(message) || code === 16) {
    return new Error('the Google Cloud credentials are unusable (a missing or invalid key file, or revoked credentials): run '
      + '`gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS to a valid key file '
      + `(${message})`);
  }
  if (/PERMISSION_DENIED/.test(message) || code === 7) {
    return new Error('the Google Cloud identity is not allowed to read the Cloud SQL Admin API: enable sqladmin.googleapis.com in the project '
      + `and grant the identity a role that reads Cloud SQL, e.g. roles/cloudsql.viewer (${message})`);
  }
  if (/could not load the default credentials|unable to detect a project id/i.test(message)) {
    return new Error('no Google Cloud credentials: run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS '
      + `to a key of an identity allowed cloudsql.instances.list (${message})`);
  }
  return err;
}
