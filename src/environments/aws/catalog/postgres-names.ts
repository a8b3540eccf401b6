import { PostgresProviderNames } from '../../../services/database/postgres-names';

/** Names RDS for PostgreSQL keeps: its `rdsadmin` role and database, `rdsrepladmin`, the `rds_*` roles. */
export const RDS_POSTGRES_NAMES: PostgresProviderNames = {
  where: 'on AWS RDS for PostgreSQL',
  users: ['rdsadmin', 'rdsrepladmin', 'rdstopmgr'],
  userPrefixes: ['rds_'],
  databases: ['rdsadmin'],
};
