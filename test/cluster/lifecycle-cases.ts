/**
 * The lifecycle tests' cases (lifecycle-*.test.ts): each example's golden YAML under a profile, applied, bound,
 * deleted with `kubectl delete -f`, applied and bound again (see lifecycle.ts); what is left must be the row of
 * LIFECYCLE for the service's backend and kind.
 */
import { lifecycle } from './lifecycle';
import { LIFECYCLE } from './lifecycle-table';

export function lifecycleCases(cases: Array<[string, string]>): void {
  test.each(cases)('test/golden/%s/%s.k8s.yaml: what `kubectl delete -f` leaves is the README row of each service', async (example, profile) => {
    const observed = await lifecycle(example, profile);
    expect(observed.length).toBeGreaterThan(0);
    for (const o of observed) {
      const row = LIFECYCLE.find((r) => r.backend === o.backend && r.type === o.type);
      const key = { service: o.name, backend: o.backend, type: o.type };
      expect({ ...key, row: row !== undefined }).toEqual({ ...key, row: true });
      // Rook's provisioner is not run: its Secret named as the claim is left as the test wrote it, and new keys are not made.
      const secretsKept = o.backend === 'rook' ? o.secretsKept.filter((s) => s !== '<name>') : o.secretsKept;
      expect({ service: o.name, claimsKept: o.claimsKept, claimsDeleted: o.claimsDeleted, secretsKept, taken: o.claimsTakenBack })
        .toEqual({ service: o.name, claimsKept: row!.claimsKept, claimsDeleted: row!.claimsDeleted, secretsKept: row!.secretsKept, taken: true });
      if (o.backend !== 'rook') expect({ service: o.name, same: o.sameCredentials }).toEqual({ service: o.name, same: row!.sameCredentials });
    }
  });
}
