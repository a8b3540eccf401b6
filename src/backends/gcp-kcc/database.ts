import { Construct } from 'constructs';
import { DatabaseBinding, DatabaseSpec, IDatabaseBackend } from '../../backend';
import { GcpBackendOptions } from './options';

/**
 * STUB — being implemented.
 */
export class CloudSqlDatabaseBackend implements IDatabaseBackend {
  public readonly name = 'gcp-kcc';

  constructor(private readonly options: GcpBackendOptions) {}

  public bind(scope: Construct, spec: DatabaseSpec): DatabaseBinding {
    throw new Error(`${scope.node.path}: ${this.name} backend for ${spec.engine.name} is not implemented yet (${JSON.stringify(this.options)})`);
  }
}
