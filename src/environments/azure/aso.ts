/**
 * What every object the Azure backends build shares: the ASO reconcile policy (the deletion policy), the owner, the
 * names Azure gives the resources, and the Azure tags made of the labels.
 */
import { IConstruct } from 'constructs';
import { DeletionPolicy } from '../../core/policies';
import { invalid } from '../../private/errors';

/**
 * ASO annotation: `manage` (the default) deletes the Azure resource with the object, `detach-on-delete` leaves it
 * (azure.github.io/azure-service-operator guide/annotations). ASO adopts an existing resource of the same name when
 * the object is applied again, so a detached server is taken back as is.
 */
export const RECONCILE_POLICY_ANNOTATION = 'serviceoperator.azure.com/reconcile-policy';

/** The reconcile policy annotation of a deletion policy. */
export function reconcilePolicy(policy: DeletionPolicy): { [key: string]: string } {
  return { [RECONCILE_POLICY_ANNOTATION]: policy === DeletionPolicy.RETAIN ? 'detach-on-delete' : 'manage' };
}

/** A server or cache name: global to Azure (a DNS label), 3 to 63 lower-case letters, digits and hyphens. */
const SERVER_NAME = /^[a-z0-9]([a-z0-9-]{1,61}[a-z0-9])$/;

/** The Azure name of a server or cache (`namePrefix` + the service name), checked. */
export function azureServerName(scope: IConstruct, prefix: string, name: string, max: number = 63): string {
  const azureName = `${prefix}${name}`;
  if (!SERVER_NAME.test(azureName) || azureName.length > max) {
    invalid(scope, {
      prop: 'name',
      value: azureName,
      allowed: `an Azure server name (the profile's namePrefix and the service name): 3 to ${max} lower-case letters, digits and hyphens, not starting or ending with a hyphen, unique in Azure`,
      fix: azureName.length < 3 ? 'give the service a longer name, or the profile a namePrefix (e.g. "prod-")' : 'shorten the service name or the profile\'s namePrefix',
    });
  }
  return azureName;
}

/**
 * The Azure tags of the labels: labels without a prefix become tags (Azure tag names cannot contain `/`); prefixed
 * labels (`app.kubernetes.io/…`) stay on the Kubernetes objects only. Azure allows 50 tags (the Kubernetes label
 * rules already keep names and values within Azure's characters and lengths).
 */
export function azureTags(scope: IConstruct, labels: { [key: string]: string }): { [key: string]: string } | undefined {
  const tags: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(labels)) {
    if (!key.includes('/')) tags[key] = value;
  }
  if (Object.keys(tags).length > 50) {
    invalid(scope, {
      prop: 'labels',
      value: `${Object.keys(tags).length} labels without a prefix`,
      allowed: 'at most 50 labels without a prefix (they become Azure tags)',
      fix: 'drop labels from the service or the profile, or give them a prefix',
    });
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}
