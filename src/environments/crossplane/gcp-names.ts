/**
 * GCP names the Crossplane platforms take (project IDs, VPC network paths), with the reason a value is not one,
 * so that a synth error says what is wrong and not only the expected shape.
 */
import { Construct } from 'constructs';
import { invalid } from '../../private/errors';

/** What a GCP project ID is, for error messages. */
export const GCP_PROJECT_ID_RULE = 'a GCP project ID: 6 to 30 characters, lowercase letters, digits and hyphens, '
  + 'starting with a lowercase letter and not ending with a hyphen (the ID, e.g. "acme-prod-123", not the project name or number)';

/** What a VPC network name is, for error messages. */
export const GCP_NETWORK_NAME_RULE = 'a VPC network name: 1 to 63 lowercase letters, digits and hyphens, starting with a lowercase letter and not ending with a hyphen';

const NETWORK_PATH = /^projects\/([^/]*)\/global\/networks\/([^/]*)$/;
const NETWORK_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Why a value is not a GCP project ID (a predicate: "has 4 characters"), or undefined when it is one. */
export function gcpProjectIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return 'is not a string';
  if (id.length < 6 || id.length > 30) return `has ${id.length} characters`;
  if (!/^[a-z]/.test(id)) return 'does not start with a lowercase letter';
  if (/[^-a-z0-9]/.test(id)) return 'has characters other than lowercase letters, digits and hyphens';
  if (id.endsWith('-')) return 'ends with a hyphen';
  return undefined;
}

/**
 * Why a value is not a network path `projects/<project>/global/networks/<network>` (a sentence: "its project
 * \"acme\" has 4 characters"), or undefined when it is one.
 */
export function gcpNetworkProblem(path: unknown): string | undefined {
  const m = typeof path === 'string' ? NETWORK_PATH.exec(path) : null;
  if (!m) return 'it is not of the form projects/<project>/global/networks/<network>';
  const project = gcpProjectIdProblem(m[1]);
  if (project) return `its project "${m[1]}" ${project}`;
  if (!NETWORK_NAME.test(m[2])) return `its network "${m[2]}" is not a VPC network name`;
  return undefined;
}

/** Checks the `gcp.project` option of a platform (when set): a project ID, or the reason it is not one. */
export function checkGcpProject(scope: Construct, project: string | undefined): void {
  const problem = project === undefined ? undefined : gcpProjectIdProblem(project);
  if (problem) {
    invalid(scope, {
      prop: 'gcp.project',
      value: project,
      allowed: `${GCP_PROJECT_ID_RULE}; this one ${problem}`,
      fix: 'pass the project ID, or omit it for the ProviderConfig\'s',
    });
  }
}
