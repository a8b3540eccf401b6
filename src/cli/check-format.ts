/**
 * What `check` prints: every error of every profile, grouped by profile (text), or the same as JSON for CI.
 */
import type { ProfileRun } from './check-runner';
import { plural } from '../core/cost';

/** The formats of `check`. */
export const CHECK_FORMATS = ['text', 'json'] as const;
export type CheckFormat = typeof CHECK_FORMATS[number];

/** The name a run is shown with: its profile, or the environment as is. */
export function profileLabel(run: { readonly profile?: string }): string {
  return run.profile ?? '(PORTABLE_PROFILE as set)';
}

/** One line per profile and one per error under it, then the totals. */
export function formatCheck(app: string, runs: readonly ProfileRun[], format: CheckFormat, written: { [index: number]: string } = {}): string {
  const failed = runs.filter((r) => r.errors.length > 0);
  const errors = runs.reduce((n, r) => n + r.errors.length, 0);
  if (format === 'json') {
    return JSON.stringify({
      app,
      ok: errors === 0,
      errors,
      profiles: runs.map((r, i) => ({
        profile: r.profile ?? null,
        ok: r.errors.length === 0,
        ...(written[i] === undefined ? {} : { output: written[i] }),
        errors: r.errors.map((e) => ({ path: e.path, code: e.code ?? null, message: e.message })),
      })),
    }, undefined, 2);
  }
  const lines: string[] = [];
  for (const [i, run] of runs.entries()) {
    if (run.errors.length === 0) {
      lines.push(`${profileLabel(run)}: ok${written[i] === undefined ? '' : `, written to ${written[i]}`}`);
      continue;
    }
    lines.push(`${profileLabel(run)}: ${plural(run.errors.length, 'error')}`);
    for (const e of run.errors) lines.push(`  ${e.code ?? 'error'} ${e.message.split('\n').join('\n    ')}`);
  }
  lines.push(errors === 0
    ? `check: ${app}: ${plural(runs.length, 'profile')}, no error`
    : `check: ${app}: ${plural(errors, 'error')} in ${failed.length} of ${plural(runs.length, 'profile')} (${failed.map(profileLabel).join(', ')})`);
  return lines.join('\n');
}
