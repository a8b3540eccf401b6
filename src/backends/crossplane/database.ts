import { Construct } from 'constructs';
import { DatabaseBinding, DatabaseSpec, IDatabaseBackend } from '../../backend';
import { CrossplaneBackendOptions } from './options';

/**
 * STUB — being implemented.
 */
export class CrossplaneDatabaseBackend implements IDatabaseBackend {
  public readonly name = 'crossplane';

  constructor(private readonly options: CrossplaneBackendOptions) {}

  public bind(scope: Construct, spec: DatabaseSpec): DatabaseBinding {
    throw new Error(`${scope.node.path}: ${this.name} backend for ${spec.engine.name} is not implemented yet (${JSON.stringify(this.options)})`);
  }
}
