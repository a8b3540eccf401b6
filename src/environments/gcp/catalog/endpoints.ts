/** Endpoint of the Cloud Storage XML API, which speaks the S3 protocol. */
export const GCS_ENDPOINT = 'https://storage.googleapis.com';
