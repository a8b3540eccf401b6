/**
 * `npx projen bench:readme` (or `npm run bench -- --readme`): writes the figures of `.bench/latest.json` into
 * docs/performance.md between `<!-- bench:start -->` and `<!-- bench:end -->`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderReadme, replaceBetweenMarkers, Report } from './report';

/** The page of the docs that shows the figures. */
export const FIGURES_PAGE = path.resolve(__dirname, '..', 'docs', 'performance.md');

/** Rewrites the performance figures of the page `readme` from `report`; returns what it did. */
export function writeReadme(readme: string, report: Report): string {
  fs.writeFileSync(readme, replaceBetweenMarkers(fs.readFileSync(readme, 'utf8'), renderReadme(report)));
  return `${readme}: performance figures of ${report.machine.date} (${report.machine.cpu}, Node ${report.machine.node})`;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const latest = path.join(root, '.bench', 'latest.json');
  if (!fs.existsSync(latest)) {
    console.error(`${latest} not found: run the benchmark first (npm run bench)`);
    process.exit(2);
  }
  console.log(writeReadme(FIGURES_PAGE, JSON.parse(fs.readFileSync(latest, 'utf8')) as Report));
}
