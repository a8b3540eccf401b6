import { Construct } from 'constructs';
import { DatabaseClaimParameters } from './api';
import { DATABASE_COMPOSITIONS } from './compositions';
import { PROVIDER_LABEL } from '../api';
import { isCloud } from '../clouds';
import { CompositionRefusal, implementations } from '../compositions';

function failure(check: () => void): Error | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/**
 * Synth-time catalog checks of a claim. The claim goes to whichever Composition its selector matches, which the
 * backend cannot see; it relies on the `provider` label that `CrossplaneDatabasePlatform` puts on its Compositions:
 *
 * - `compositionSelector` with `provider: <cloud>` of a cloud with a Composition (`aws`, `gcp`): the claim is checked
 *   as that Composition maps it (RDS or Cloud SQL catalog), and fails on what that cloud would reject.
 * - any other selector: the claim fails only when every Composition would reject it (e.g. a custom size that is
 *   neither an RDS class the AWS Composition maps nor a valid Cloud SQL custom machine); what only one cloud
 *   rejects is left to the Composition (it fails the composite resource) and the preflight.
 */
export function checkClaimAgainstCatalogs(scope: Construct, selector: { [key: string]: string }, p: DatabaseClaimParameters): void {
  const provider = selector[PROVIDER_LABEL];
  const selected = isCloud(provider) ? DATABASE_COMPOSITIONS[provider] : undefined;
  if (selected !== undefined && !(selected instanceof CompositionRefusal)) {
    selected.checkClaim(compositionWhere(scope, provider), p);
    return;
  }
  const failures = implementations(DATABASE_COMPOSITIONS).map(([cloud, composition]) => {
    const where = compositionWhere(scope, cloud);
    const error = failure(() => composition.checkClaim(where, p));
    return error && `${where}: ${error.message.startsWith(`${where}: `) ? error.message.slice(where.length + 2) : error.message}`;
  });
  if (failures.every((f) => f !== undefined)) {
    throw new Error(`${scope.node.path}: no Composition of CrossplaneDatabasePlatform can serve the claim (its compositionSelector names no provider, and every one rejects it): ${failures.join(' | ')}`);
  }
}

/** Where a Composition's check failed, for messages: the construct path and the Composition. */
function compositionWhere(scope: Construct, provider: string): string {
  return `${scope.node.path} (Crossplane Composition ${PROVIDER_LABEL}: ${provider})`;
}
