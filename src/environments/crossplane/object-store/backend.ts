import { Construct } from 'constructs';
import { OBJECT_STORE_API, OBJECT_STORE_PARAMETERS } from './api';
import { IWorkloadBinder, WorkloadBindingContext } from '../../../core/backend';
import { bindsEveryWorkload } from '../../../core/features';
import { Support } from '../../../core/support';
import { serviceAccountOf } from '../../../private/service-accounts';
import { IObjectStoreBackend, ObjectStoreAnswers, ObjectStoreBinding } from '../../../services/object-store/backend';
import { ObjectStoreSpec } from '../../../services/object-store/resolved-spec';
import { PortableClaim } from '../claim';
import { claimNamePrefix, claimSecretName, claimSelector, fromClaimSecret } from '../claim-options';
import { CrossplaneClaimOptions } from '../options';
import { claimParameters } from '../parameters';

/**
 * Serves object stores with Crossplane: one claim (`portabledata.io/v1alpha1` `ObjectStore`) per bucket, answered
 * by the Composition the profile's `compositionSelector` picks among those `CrossplaneObjectStorePlatform`
 * installed (S3 on AWS, Cloud Storage on GCP). The Composition publishes `endpoint`, `bucket` and `region` to the
 * Secret `<name>-crossplane`, where the binder reads them.
 *
 * No access keys: the workloads' identity is the platform's. Bound workloads must run as their own ServiceAccount;
 * the claim lists them in `spec.parameters.serviceAccounts` for the platform's Compositions to grant access.
 */
export class CrossplaneObjectStoreBackend implements IObjectStoreBackend {
  public readonly capabilities: ObjectStoreAnswers = {
    versioning: Support.honouredBy('the claim\'s versioned parameter'),
    expiration: Support.honouredBy('the claim\'s expiration parameter'),
    noncurrentVersionExpiration: Support.honouredBy('the claim\'s noncurrentVersionExpiration parameter'),
    deletionRetain: Support.honouredBy('the claim\'s deletionPolicy Retain: the composed bucket is orphaned (Orphan), and a re-created claim re-attaches it by its external name (the bucket name)'),
    deletionDelete: Support.honouredBy('the claim\'s deletionPolicy Delete, passed to the composed bucket'),
    ...bindsEveryWorkload('the claim lists the workload\'s ServiceAccount; granting it the bucket is the platform\'s job (the Compositions of CrossplaneObjectStorePlatform compose no grant)'),
  };
  public readonly name = 'crossplane';

  constructor(private readonly options: CrossplaneClaimOptions) {}

  /** The profile's `namePrefix` (checked when first used, like the database backend's options). */
  public get bucketNamePrefix(): string {
    return claimNamePrefix(this.options);
  }

  public bind(scope: Construct, spec: ObjectStoreSpec): ObjectStoreBinding {
    const selector = claimSelector(this.options);
    const secretName = claimSecretName(spec.name);
    const access = new ServiceAccountList();
    const claim = new PortableClaim(scope, 'Claim', OBJECT_STORE_API, {
      name: spec.name,
      labels: spec.labels,
      selector,
      parameters: claimParameters(OBJECT_STORE_PARAMETERS, { spec, serviceAccounts: () => access.names() }),
      secretName,
    });
    return {
      provider: this.name,
      conditions: [claim.binderRef],
      endpointFrom: fromClaimSecret(secretName, 'endpoint'),
      regionFrom: fromClaimSecret(secretName, 'region'),
      bucketFrom: fromClaimSecret(secretName, 'bucket'),
      workloadBinder: access,
    };
  }
}

/** Records the ServiceAccounts of the bound workloads (each once, sorted; omitted when none). */
class ServiceAccountList implements IWorkloadBinder {
  private readonly accounts = new Set<string>();

  public bindWorkload(_scope: Construct, context: WorkloadBindingContext): void {
    this.accounts.add(serviceAccountOf(context.workload, 'access granted by the platform\'s Composition with access to the bucket'));
  }

  public names(): string[] | undefined {
    return this.accounts.size === 0 ? undefined : [...this.accounts].sort();
  }
}
