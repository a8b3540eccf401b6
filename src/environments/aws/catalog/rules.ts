/**
 * RDS limits that no API lists, kept by hand from the RDS documentation (sources on each constant). The generated
 * catalogs in `data/` hold what the APIs list; these rules cover the rest.
 */

/**
 * RDS `BackupRetentionPeriod`: 0 (automated backups off) to 35 days (RDS API reference, `CreateDBInstance`).
 */
export const RDS_BACKUP_RETENTION_DAYS = { min: 0, max: 35 };

/**
 * RDS `DBInstanceIdentifier`: 1 to 63 letters, digits or hyphens, starting with a letter, no two consecutive
 * hyphens, not ending with a hyphen; stored in lower case (RDS API reference, `CreateDBInstance`). The lower-case
 * form is enforced here because Kubernetes names and ACK compare it as written.
 */
export const RDS_IDENTIFIER = /^[a-z](?!.*--)[a-z0-9-]{0,62}(?<!-)$/;
