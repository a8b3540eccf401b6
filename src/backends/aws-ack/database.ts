import { Construct } from 'constructs';
import { DatabaseBinding, DatabaseSpec, IDatabaseBackend } from '../../backend';
import { AwsBackendOptions } from './options';

/**
 * STUB — being implemented.
 */
export class AwsRdsDatabaseBackend implements IDatabaseBackend {
  public readonly name = 'aws-ack';

  constructor(private readonly options: AwsBackendOptions) {}

  public bind(scope: Construct, spec: DatabaseSpec): DatabaseBinding {
    throw new Error(`${scope.node.path}: ${this.name} backend for ${spec.engine.name} is not implemented yet (${JSON.stringify(this.options)})`);
  }
}
