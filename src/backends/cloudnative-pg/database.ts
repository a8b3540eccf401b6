import { Construct } from 'constructs';
import { DatabaseBinding, DatabaseSpec, IDatabaseBackend } from '../../backend';
import { InClusterBackendOptions } from '../in-cluster/options';

/** STUB — being implemented. */
export class CloudNativePgDatabaseBackend implements IDatabaseBackend {
  public readonly name = 'cloudnative-pg';

  constructor(private readonly options: InClusterBackendOptions = {}) {}

  public bind(scope: Construct, spec: DatabaseSpec): DatabaseBinding {
    throw new Error(`${scope.node.path}: ${this.name} backend for ${spec.engine.name} is not implemented yet (${JSON.stringify(this.options)})`);
  }
}
