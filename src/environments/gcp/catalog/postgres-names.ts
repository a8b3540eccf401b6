import { PostgresProviderNames } from '../../../services/database/postgres-names';

/** Names Cloud SQL for PostgreSQL keeps: its `cloudsql*` roles (cloudsqlsuperuser, cloudsqladmin, …) and database. */
export const CLOUD_SQL_POSTGRES_NAMES: PostgresProviderNames = {
  where: 'on Cloud SQL for PostgreSQL',
  users: [],
  userPrefixes: ['cloudsql'],
  databases: ['cloudsqladmin'],
};
