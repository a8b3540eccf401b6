/** How serious a preflight finding is: errors fail the run. */
export type Severity = 'error' | 'warning' | 'info';

/** One result of the preflight. */
export interface Finding {
  /** `error` (the apply would fail), `warning` (might), `info`. */
  readonly severity: Severity;
  /** The `type` of the environment whose preflight found it. */
  readonly provider: string;
  /** Kind, name and file of the object. */
  readonly resource: string;
  /** What was found and how to fix it. */
  readonly message: string;
}

/** One line per finding, errors first. */
export function formatFindings(findings: Finding[]): string {
  const order: Severity[] = ['error', 'warning', 'info'];
  return [...findings]
    .sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity))
    .map((f) => `${f.severity.padEnd(7)} ${f.provider} ${f.resource}: ${f.message}`)
    .join('\n');
}
