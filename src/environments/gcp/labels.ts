import { IConstruct } from 'constructs';
import { invalid } from '../../private/errors';

const GCP_LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const GCP_LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/**
 * Config Connector copies unprefixed labels to the GCP resource as GCP labels, which allow only lower-case letters,
 * digits, `_` and `-`: an invalid one would leave the resource failing to reconcile, so it fails at synth instead.
 * Prefixed labels (`app.kubernetes.io/…`) are not copied and not checked.
 *
 * @param resource what the labels become, e.g. `Cloud SQL labels` or `bucket labels`
 */
export function checkGcpLabels(scope: IConstruct, labels: { [key: string]: string }, resource: string): void {
  for (const [key, value] of Object.entries(labels)) {
    if (key.includes('/')) continue;
    if (!GCP_LABEL_KEY.test(key) || !GCP_LABEL_VALUE.test(value)) {
      invalid(scope, {
        prop: `label ${key}`,
        value,
        allowed: `on GCP, labels without a prefix become ${resource}: keys starting with a lower-case letter, keys and values of at most 63 lower-case letters, digits, "_" and "-"`,
        fix: 'use lower-case keys and values, or a prefixed key (e.g. example.com/team), which Config Connector does not copy to GCP',
      });
    }
  }
}
