import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { API_GROUP, API_VERSION, GROUP_VERSION, PROVIDER_LABEL } from './api';
import { ComposedTemplate, resourcesInput } from './patch-and-transform';
import { CrossplaneCloud } from './platform-options';
import { CompositeResourceDefinition, Composition, CompositionSpecMode } from '../../imports/apiextensions.crossplane.io';
import { invalid } from '../../private/errors';

export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;
export const GCP_REGION = /^[a-z]+-[a-z]+[0-9]$/;
const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A portable Crossplane API: its composite and claim names, connection keys and schema. */
export interface PortableApi {
  readonly xrKind: string;
  readonly xrPlural: string;
  readonly claimKind: string;
  readonly claimPlural: string;
  readonly connectionSecretKeys: readonly string[];
  readonly schema: () => any;
}

/** The options every platform construct takes. */
export interface PlatformSkeletonProps {
  readonly clouds?: CrossplaneCloud[];
  readonly functionName?: string;
  readonly connectionSecretNamespace?: string;
  readonly labels?: { [key: string]: string };
}

/** What the skeleton made. */
export interface PlatformObjects {
  readonly definitionName: string;
  readonly definition: ApiObject;
  readonly compositions: ApiObject[];
}

/**
 * The skeleton of every platform construct: checks the common options, and makes the CompositeResourceDefinition
 * (`Definition`) and one pipeline Composition per cloud (`AwsComposition`, `GcpComposition`), labelled
 * `provider: <cloud>`, from the resources `composed` gives for each cloud.
 */
export function platformSkeleton(scope: Construct, api: PortableApi, props: PlatformSkeletonProps,
  composed: (cloud: CrossplaneCloud, secretNamespace: string) => ComposedTemplate[]): PlatformObjects {
  const known = Object.values(CrossplaneCloud) as string[];
  const clouds = props.clouds ?? [CrossplaneCloud.AWS, CrossplaneCloud.GCP];
  if (!Array.isArray(clouds) || clouds.length === 0 || clouds.some((c) => !known.includes(c)) || new Set(clouds).size !== clouds.length) {
    invalid(scope, { prop: 'clouds', value: clouds, allowed: `one or more distinct clouds of ${known.join(', ')}`, fix: 'pass e.g. [CrossplaneCloud.AWS], or omit clouds for both' });
  }
  const labels = { ...(props.labels ?? {}) };
  const functionName = checkObjectName(scope, 'functionName', props.functionName ?? 'function-patch-and-transform');
  const secretNamespace = checkObjectName(scope, 'connectionSecretNamespace', props.connectionSecretNamespace ?? 'crossplane-system');
  const definitionName = `${api.xrPlural}.${API_GROUP}`;
  const definition = new CompositeResourceDefinition(scope, 'Definition', {
    metadata: { name: definitionName, labels },
    spec: {
      group: API_GROUP,
      names: { kind: api.xrKind, plural: api.xrPlural },
      claimNames: { kind: api.claimKind, plural: api.claimPlural },
      connectionSecretKeys: [...api.connectionSecretKeys],
      versions: [{ name: API_VERSION, served: true, referenceable: true, schema: { openApiv3Schema: api.schema() } }],
    },
  });
  clusterScoped(definition);
  const compositions = clouds.map((cloud) => {
    const resources = composed(cloud, secretNamespace);
    const composition = new Composition(scope, cloud === CrossplaneCloud.AWS ? 'AwsComposition' : 'GcpComposition', {
      metadata: { name: `${api.xrPlural}.${cloud}.${API_GROUP}`, labels: { ...labels, [PROVIDER_LABEL]: cloud } },
      spec: {
        compositeTypeRef: { apiVersion: GROUP_VERSION, kind: api.xrKind },
        mode: CompositionSpecMode.PIPELINE,
        pipeline: [{ step: 'patch-and-transform', functionRef: { name: functionName }, input: resourcesInput(resources) }],
        writeConnectionSecretsToNamespace: secretNamespace,
      },
    });
    clusterScoped(composition);
    return composition;
  });
  return { definitionName, definition, compositions };
}

/**
 * The OpenAPI v3 schema of a portable composite resource and its claim: a required `spec.parameters`, whose
 * schema each API gives.
 */
export function claimSchema(parameters: any): any {
  return {
    type: 'object',
    required: ['spec'],
    properties: {
      spec: {
        type: 'object',
        required: ['parameters'],
        properties: { parameters },
      },
    },
  };
}

/** Checks the name of an existing Kubernetes object the platform refers to. */
export function checkObjectName(scope: Construct, prop: string, value: string): string {
  if (typeof value !== 'string' || !DNS_NAME.test(value)) {
    invalid(scope, { prop, value, allowed: 'a Kubernetes object name (lower-case letters, digits, "-" and ".")', fix: 'use the name of the existing object' });
  }
  return value;
}

/** Cluster-scoped objects carry no namespace, even in a chart that has one. */
export function clusterScoped(obj: ApiObject): void {
  if (Chart.of(obj).namespace !== undefined) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}
