/**
 * The PostgreSQL majors every backend serves: the portable versions (`PostgresVersion`). Each environment names them
 * its own way (the in-cluster image tags in `environments/in-cluster/catalog/engine-images.ts`, RDS engine versions
 * and Cloud SQL `databaseVersion`s in the AWS and GCP catalogs).
 */
export const POSTGRES_MAJORS = ['15', '16', '17'] as const;

/** A portable PostgreSQL major. */
export type PostgresMajor = typeof POSTGRES_MAJORS[number];
