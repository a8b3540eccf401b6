import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { API_GROUP, API_VERSION, GROUP_VERSION, PROVIDER_LABEL, PortableApi, definitionSchema } from './api';
import { CLOUDS, CrossplaneCloud, cloudConstant, compositionId } from './clouds';
import { CloudComposition, Compositions, CompositionRefusal, implementedClouds, refusalText } from './compositions';
import { resourcesInput } from './patch-and-transform';
import { CompositeResourceDefinition, Composition, CompositionSpecMode } from '../../imports/apiextensions.crossplane.io';
import { invalid } from '../../private/errors';

export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;
export const GCP_REGION = /^[a-z]+-[a-z]+[0-9]$/;
const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The props every platform construct takes, beside each cloud's options. */
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
 * The skeleton of every platform construct: checks the common props, and makes the CompositeResourceDefinition of
 * the API (`Definition`, its schema from the API's parameter table) and one pipeline Composition per cloud asked for
 * (`AwsComposition`, `GcpComposition`, …), labelled `provider: <cloud>`, from the cloud's entry of the API's
 * Compositions and its options (the prop named after the cloud). The clouds default to every cloud with an
 * implementation; asking for a cloud whose entry is a refusal fails with its reason and fix.
 */
export function platformSkeleton<O>(scope: Construct, api: PortableApi, compositions: Compositions<O, unknown>,
  given: (PlatformSkeletonProps & { readonly [C in keyof O]?: O[C] }) | undefined): PlatformObjects {
  const props: PlatformSkeletonProps & { readonly [cloud: string]: unknown } = given ?? {};
  const implemented = implementedClouds(compositions);
  const clouds = props.clouds ?? implemented;
  if (!Array.isArray(clouds) || clouds.length === 0 || clouds.some((c) => !CLOUDS.includes(c)) || new Set(clouds).size !== clouds.length) {
    invalid(scope, {
      prop: 'clouds',
      value: clouds,
      allowed: `one or more distinct clouds of ${CLOUDS.join(', ')}`,
      fix: `pass e.g. [CrossplaneCloud.AWS], or omit clouds for every cloud with a Composition (${implemented.join(', ')})`,
    });
  }
  for (const cloud of clouds) {
    const refusal = compositions[cloud];
    if (refusal instanceof CompositionRefusal) {
      invalid(scope, {
        prop: 'clouds',
        value: clouds,
        allowed: `clouds with a Composition of the portable Crossplane ${api.noun} API (${implemented.join(', ')}): it ${refusalText(cloud, refusal)}`,
        fix: `leave ${cloudConstant(cloud)} out of clouds; ${refusal.fix}`,
      });
    }
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
      versions: [{ name: API_VERSION, served: true, referenceable: true, schema: { openApiv3Schema: definitionSchema(api) } }],
    },
  });
  clusterScoped(definition);
  const objects = clouds.map((cloud) => {
    const resources = (compositions[cloud] as CloudComposition<unknown>).compose(scope, props[cloud], secretNamespace);
    const composition = new Composition(scope, compositionId(cloud), {
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
  return { definitionName, definition, compositions: objects };
}

/** Checks the name of an existing Kubernetes object the platform refers to. */
export function checkObjectName(scope: Construct, prop: string, value: string): string {
  if (typeof value !== 'string' || !DNS_NAME.test(value)) {
    invalid(scope, { prop, value, allowed: 'a Kubernetes object name (lower-case letters, digits, "-" and ".")', fix: 'use the name of the existing object' });
  }
  return value;
}

/** Checks a string option against a pattern. */
export function checkPattern(scope: Construct, prop: string, value: string | undefined, pattern: RegExp, allowed: string, fix: string): void {
  if (typeof value !== 'string' || !pattern.test(value)) invalid(scope, { prop, value, allowed, fix });
}

/** Cluster-scoped objects carry no namespace, even in a chart that has one. */
export function clusterScoped(obj: ApiObject): void {
  if (Chart.of(obj).namespace !== undefined) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}
