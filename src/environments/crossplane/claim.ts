import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { API_GROUP, API_VERSION, GROUP_VERSION, PortableApi } from './api';
import { ClaimParameters, ParameterTable } from './parameters';
import type { BinderObjectRef } from '../../core/backend';

/** What a claim says: its name and labels, the Composition it selects, its parameters and its connection Secret. */
export interface PortableClaimProps<T extends ParameterTable<any>> {
  /** Name of the claim (the service's name). */
  readonly name: string;
  /** Labels of the claim (the service's). */
  readonly labels: { [key: string]: string };
  /** Labels of the Composition (the cloud) that serves the claim (`compositionSelector.matchLabels`). */
  readonly selector: { [key: string]: string };
  /** The portable parameters, read from the API's table (`claimParameters`). */
  readonly parameters: ClaimParameters<T>;
  /** The Secret, in the claim's namespace, Crossplane writes the API's connection keys to. */
  readonly secretName: string;
}

/**
 * A claim of a portable Crossplane API (`portabledata.io/v1alpha1` `Database`, `ObjectStore`, `Cache`, `Queue`),
 * served by the XRD and Compositions of the API's platform construct. The library's own API, so it is modelled here
 * rather than generated: one class for every API, whose kind and parameters come from the API's table. Every
 * Crossplane backend creates one per service, as the construct `Claim` of the service.
 */
export class PortableClaim<T extends ParameterTable<any> = ParameterTable<any>> extends ApiObject {
  /** The API of the claim. */
  public readonly api: PortableApi<T>;
  /** The portable parameters (`spec.parameters`). */
  public readonly parameters: ClaimParameters<T>;
  /** The claim, for the binder: its `Synced`/`Ready` conditions are checked while it waits for the claim's Secret. */
  public readonly binderRef: BinderObjectRef;

  constructor(scope: Construct, id: string, api: PortableApi<T>, props: PortableClaimProps<T>) {
    super(scope, id, {
      apiVersion: GROUP_VERSION,
      kind: api.claimKind,
      metadata: { name: props.name, labels: { ...props.labels } },
      spec: {
        compositionSelector: { matchLabels: props.selector },
        parameters: props.parameters,
        writeConnectionSecretToRef: { name: props.secretName },
      },
    });
    this.api = api;
    this.parameters = props.parameters;
    this.binderRef = { apiGroup: API_GROUP, apiVersion: API_VERSION, resource: api.claimPlural, name: props.name };
  }
}
