import { MYSQL_MAJORS } from './mysql';
import { POSTGRES_MAJORS } from './postgres';

/** The portable majors of an engine, by `DatabaseEngine.name`. */
export function engineMajors(engineName: string): readonly string[] {
  switch (engineName) {
    case 'mysql': return MYSQL_MAJORS;
    case 'postgresql': return POSTGRES_MAJORS;
    default: throw new Error(`no version catalog for engine ${engineName}`);
  }
}
