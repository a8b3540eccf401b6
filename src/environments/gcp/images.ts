import { ImageRef } from '../../core/images';

/** The Cloud SQL Auth Proxy sidecar; `proxyImage` replaces it. */
export const CLOUD_SQL_PROXY_IMAGE = ImageRef.of('gcr.io/cloud-sql-connectors/cloud-sql-proxy', '2.18.2');

/** The GCP environment's part of the image table. */
export const GCP_IMAGES: readonly ImageRef[] = [CLOUD_SQL_PROXY_IMAGE];
