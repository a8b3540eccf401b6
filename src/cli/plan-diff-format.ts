import { DiffChange, diffObjects, EXIT_BLOCKING, PlanDiff } from './plan-diff';
import { PlanFormat } from './plan-format';
import { readManifestDir } from '../preflight/manifests';

const short = (s: string | undefined, max = 60) => (s === undefined ? '(absent)' : s.length > max ? `${s.slice(0, max - 1)}…` : s);

function summary(d: PlanDiff): string {
  return d.blocking
    ? `plan --diff: ${d.consequence}: a change loses data or will be refused (exit 3)`
    : `plan --diff: ${d.consequence === 'none' ? 'no change' : `at most ${d.consequence}`}`;
}

function columns(rows: string[][], indent: string): string[] {
  const widths = rows.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  return rows.map((r) => indent + r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join('  ').trimEnd());
}

/** `old → new`, or `-` for an object added or removed. */
const values = (c: DiffChange, show: (s: string | undefined) => string) => (c.path === '(object)' ? '-' : `${show(c.old)} → ${show(c.new)}`);
const row = (c: DiffChange) => [c.consequence, `${c.object} ${c.path}`, values(c, (s) => short(s)), c.reason];

function table(d: PlanDiff): string {
  const out = [`changes from ${d.oldSource} to ${d.newSource}`, ''];
  for (const s of d.services) {
    out.push(`service ${s.service}: backend ${s.backend}: ${s.consequence}`);
    out.push(...(s.changes.length > 0 ? columns(s.changes.map(row), '    ') : ['    no change']), '');
  }
  if (d.otherChanges.length > 0) out.push('other objects (no service)', ...columns(d.otherChanges.map(row), '    '), '');
  out.push(summary(d));
  return out.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|');
const code = (s: string | undefined) => (s === undefined ? '(absent)' : `\`${short(s)}\``);

function markdown(d: PlanDiff): string {
  const out = [`## Changes from \`${d.oldSource}\` to \`${d.newSource}\``, ''];
  const mdRows = (cs: DiffChange[]) => [
    '| consequence | object | field | old → new | why |',
    '|---|---|---|---|---|',
    ...cs.map((c) => `| **${c.consequence}** | ${cell(code(c.object))} | ${cell(code(c.path))} | ${cell(values(c, code))} | ${cell(c.reason)} |`),
  ];
  for (const s of d.services) {
    out.push(`### \`${s.service}\`: backend \`${s.backend}\`: **${s.consequence}**`, '');
    out.push(...(s.changes.length > 0 ? mdRows(s.changes) : ['No change.']), '');
  }
  if (d.otherChanges.length > 0) out.push('### Other objects (no service)', '', ...mdRows(d.otherChanges), '');
  out.push(summary(d));
  return out.join('\n');
}

/** A diff in a format of `plan`. */
export function formatPlanDiff(d: PlanDiff, format: PlanFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(d, null, 2);
    case 'markdown':
      return markdown(d);
    default:
      return table(d);
  }
}

/**
 * `plan --diff OLD --dir NEW`: reads both folders and returns the formatted diff and the exit code (0, or
 * `EXIT_BLOCKING` when a change loses data or will be refused).
 */
export function runPlanDiff(oldDir: string, newDir: string, format: PlanFormat): { output: string; code: number } {
  const d = diffObjects(readManifestDir(oldDir).map((m) => m.object), readManifestDir(newDir).map((m) => m.object), oldDir, newDir);
  return { output: formatPlanDiff(d, format), code: d.blocking ? EXIT_BLOCKING : 0 };
}
