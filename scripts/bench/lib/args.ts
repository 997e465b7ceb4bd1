/** The dispatcher's command line: `<suite> [--json] [--quick] [--no-append]`. */
export interface BenchArgs {
  suite: string;
  /** Print one JSON document on stdout (tables go to stderr). */
  json: boolean;
  /** Small counts: a smoke test of the whole path, not figures to publish (never appended). */
  quick: boolean;
  /** Do not append to BENCHMARKS.md. */
  append: boolean;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const positional = argv.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => !['--json', '--quick', '--no-append'].includes(f));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(', ')}`);
  if (positional.length !== 1) throw new UsageError('name one suite');
  const quick = flags.has('--quick');
  return { suite: positional[0]!, json: flags.has('--json'), quick, append: !quick && !flags.has('--no-append') };
}

/** How the run was invoked, as someone would type it again. */
export function commandLine(argv: readonly string[]): string {
  if (process.env.npm_lifecycle_event === 'bench') return `npm run bench -- ${argv.join(' ')}`;
  return `node bin/run-ts.js scripts/bench/index.ts ${argv.join(' ')}`;
}
