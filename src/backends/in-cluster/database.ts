import { Construct } from 'constructs';
import { DatabaseBinding, DatabaseSpec, IDatabaseBackend } from '../../backend';
import { InClusterBackendOptions } from './options';

/** STUB */
export class InClusterDatabaseBackend implements IDatabaseBackend {
  public readonly name = 'in-cluster';
  constructor(private readonly options: InClusterBackendOptions = {}) {}
  public bind(_scope: Construct, spec: DatabaseSpec): DatabaseBinding {
    return { provider: 'in-cluster', host: `${spec.name}.{namespace}.svc.cluster.local`, port: spec.engine.port, generatedPasswordKeys: [JSON.stringify(this.options).length > 0 ? 'admin-password' : ''] };
  }
}
