import { Construct } from 'constructs';
import { adoptRetained } from './adoption';
import { checkRdsParameter, rdsParameterGroupFamily } from './catalog/checks';
import { rdsParameter } from './parameters';
import { DbParameterGroup, DbParameterGroupSpecTags } from '../../imports/rds.services.k8s.aws';
import { invalid } from '../../private/errors';
import { checkParameters } from '../../services/database/parameters';
import { DatabaseSpec } from '../../services/database/resolved-spec';

/** What the DB parameter group of a database needs from the DBInstance being built. */
export interface ParameterGroupProps {
  /** RDS `engine` (`mysql`, `postgres`). */
  readonly engine: string;
  /** RDS `engineVersion` as the DBInstance sets it (a major alone, or a pinned version). */
  readonly engineVersion: string;
  /** The DB instance identifier (profile `namePrefix` + name): the group's name starts with it. */
  readonly identifier: string;
  /** Annotations of the ACK objects of the database (region, deletion policy). */
  readonly annotations: { [key: string]: string };
  /** RDS tags of the database. */
  readonly tags: DbParameterGroupSpecTags[];
  /** Adopt the retained group when the object is applied again (`adoptRetained`). */
  readonly adopt: boolean;
}

/**
 * The RDS parameter that makes each engine refuse connections without TLS (both dynamic): MySQL
 * `require_secure_transport`, PostgreSQL `rds.force_ssl` (RDS boolean parameters take `1` / `0`). RDS MySQL accepts
 * plaintext by default; RDS PostgreSQL 15+ defaults `rds.force_ssl` to 1, which the group states explicitly.
 */
export const RDS_TLS_PARAMETERS: { [engine: string]: { name: string; value: string } } = {
  mysql: { name: 'require_secure_transport', value: '1' },
  postgresql: { name: 'rds.force_ssl', value: '1' },
};

/**
 * The DB parameter group of every database (`rds.services.k8s.aws/v1alpha1` `DBParameterGroup`, construct ID
 * `DBParameterGroup`): the TLS parameter of the engine (`RDS_TLS_PARAMETERS`), always, and the portable parameters
 * of the spec; returns the name of the object for the DBInstance's `dbParameterGroupRef`.
 *
 * - Family: the version's `DBParameterGroupFamily` from the RDS catalog (`mysql8.4`, `postgres17`). A version the
 *   catalog does not track gets the family RDS names after its major (`<engine><major>`) when only the TLS
 *   parameter is set, and fails with portable parameters (they are checked against the family's catalog).
 * - Name: `<identifier>-<family>` (dots as hyphens) for both the RDS group and the object, so that a major upgrade
 *   creates a group of the new family (a group's family is immutable) instead of modifying the old one.
 * - `parameterOverrides`: the RDS name and value of each parameter (`rdsParameter()`), each checked against the
 *   RDS parameter catalog of the family; a parameter RDS cannot set through a group (MySQL
 *   `binlog_expire_logs_seconds`) fails, saying why.
 * - The rds-controller applies dynamic parameters immediately and static ones (e.g. PostgreSQL `max_connections`,
 *   `rds.logical_replication`) with `pending-reboot`: RDS applies those at the next reboot, which nothing triggers
 *   automatically (aws-controllers-k8s/community#869, #1949). Set parameters when the database is created where
 *   possible: attaching a group to a running instance also waits for a reboot.
 */
export function parameterGroup(scope: Construct, spec: DatabaseSpec, props: ParameterGroupProps): string {
  const mappings = checkParameters(spec.engine.name, spec.parameters, scope);
  const tls = RDS_TLS_PARAMETERS[spec.engine.name];
  const known = rdsParameterGroupFamily(props.engine, props.engineVersion);
  const family = known ?? `${props.engine}${spec.majorVersion}`;
  if (known === undefined && mappings.length > 0) {
    invalid(scope, {
      prop: 'parameters',
      value: Object.keys(spec.parameters),
      allowed: `on AWS RDS, parameters for a ${props.engine} version of the RDS catalog (${props.engine} ${props.engineVersion} has no known DB parameter group family)`,
      fix: 'use a version of the catalog, or set no parameters on this version',
    });
  }
  if (known !== undefined) checkRdsParameter(scope, family, tls.name, tls.value);
  const overrides: { [name: string]: string } = {};
  for (const m of mappings) {
    const rds = rdsParameter(m);
    if (!rds.setting) {
      invalid(scope, {
        prop: `parameter ${m.spec.name}`,
        value: m.value,
        allowed: `on AWS RDS, parameters a DB parameter group can set: ${rds.unsupported}`,
        fix: `remove ${m.spec.name} from parameters under this profile, and set it on RDS the way it takes it`,
      });
    }
    checkRdsParameter(scope, family, rds.setting.name, rds.setting.value);
    overrides[rds.setting.name] = rds.setting.value;
  }
  // Not a portable parameter (none maps to it), so nothing can override it.
  overrides[tls.name] = tls.value;
  const name = `${props.identifier}-${family.replace(/\./g, '-')}`;
  const objectName = `${spec.name}-${family.replace(/\./g, '-')}`;
  new DbParameterGroup(scope, 'DBParameterGroup', {
    metadata: { name: objectName, labels: spec.labels, annotations: { ...props.annotations, ...(props.adopt ? adoptRetained({ name }) : {}) } },
    spec: {
      name,
      family,
      description: `Parameters of ${props.identifier} (cdk8s-portable-data)`,
      parameterOverrides: overrides,
      tags: props.tags,
    },
  });
  return objectName;
}
