/**
 * Synth-time checks against the provider catalogs: what the clouds would reject at apply fails at synth, naming
 * the construct, the value, the provider and the closest valid values ("did you mean …"). Every check throws
 * through `invalid()` (src/private/errors.ts) and returns nothing when the value is valid.
 *
 * The catalogs are snapshots (see each file's header in `data/`): values outside their scope (majors, instance
 * families, flags of a partial snapshot) pass, and the opt-in preflight checks them against the live account.
 */
export { closest, editDistance, nearestInstanceClasses, nearestVersions } from './closest';
export type { Where } from '../../environments/aws/catalog/checks';
export {
  checkRdsBackupRetention, checkRdsEngineVersion, checkRdsIdentifier, checkRdsInstanceClass, checkRdsParameter, checkRdsStorage,
  rdsEngineName, rdsInstanceClasses, rdsMajorOf, rdsParameterGroupFamily, rdsParameterNames, rdsStorageRange, rdsVersions,
} from '../../environments/aws/catalog/checks';
export {
  checkCloudSqlBackupRetention, checkCloudSqlDatabaseVersion, checkCloudSqlFlag, checkCloudSqlInstanceId, checkCloudSqlStorage, checkCloudSqlTier,
  cloudSqlDatabaseVersions, cloudSqlFlags, cloudSqlMajorVersion, cloudSqlTierEdition, cloudSqlTiers,
} from '../../environments/gcp/catalog/checks';
