#!/usr/bin/env node
/**
 * `cdk8s-portable-data preflight [--profile aws|gcp|all] [--dir dist] [--region r] [--project p]`: checks the
 * synthesized databases against the live cloud accounts before an apply. Opt-in: needs `@aws-sdk/client-rds`
 * and/or `@google-cloud/sql` installed next to it and the caller's credentials.
 */
import { formatFindings, PreflightOptions, runPreflight } from '../preflight';

/** Where the command writes. */
export interface CliIo {
  /** Standard output. */
  readonly out: (line: string) => void;
  /** Standard error. */
  readonly err: (line: string) => void;
}

const USAGE = 'usage: cdk8s-portable-data preflight [--profile aws|gcp|all] [--dir dist] [--region <aws region>] [--project <gcp project>]';

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

/**
 * Runs the command line; resolves to the exit code: 0 (no errors), 1 (the apply would fail), 2 (usage, missing
 * SDK or credentials).
 */
export async function main(
  argv: string[],
  io: CliIo = { out: console.log, err: console.error },
  overrides: Pick<PreflightOptions, 'aws' | 'gcp'> = {},
): Promise<number> {
  if (argv[0] !== 'preflight') {
    io.err(USAGE);
    return 2;
  }
  try {
    const findings = await runPreflight({
      dir: flag(argv, 'dir') ?? 'dist',
      profile: flag(argv, 'profile') ?? 'all',
      aws: { region: flag(argv, 'region'), ...overrides.aws },
      gcp: { project: flag(argv, 'project'), ...overrides.gcp },
    });
    if (findings.length > 0) io.out(formatFindings(findings));
    const errors = findings.filter((f) => f.severity === 'error').length;
    io.out(errors > 0 ? `preflight: ${errors} error(s): the apply would fail` : 'preflight: ok');
    return errors > 0 ? 1 : 0;
  } catch (e) {
    io.err(`preflight: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    console.error(e);
    process.exit(2);
  });
}
