/**
 * The MySQL majors every backend serves: the portable versions (`MySqlVersion`). Each environment names them its
 * own way (the in-cluster image tags in `environments/in-cluster/catalog/engine-images.ts`, RDS engine versions and
 * Cloud SQL `databaseVersion`s in the AWS and GCP catalogs).
 */
export const MYSQL_MAJORS = ['8.0', '8.4'] as const;

/** A portable MySQL major. */
export type MySqlMajor = typeof MYSQL_MAJORS[number];
