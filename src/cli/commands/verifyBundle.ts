import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { inspectionFactCheckers } from '../../inspection/bundle/checkInspectionFact.js';
import { verifyBundle, type BundleTrust } from '../../ledger/bundle/verifyBundle.js';

export interface VerifyBundleOptions {
  vkey: string;
  witness?: string[];
  witnessesRequired?: string;
  trustedCheckpoint?: string;
}

/**
 * `diaban verify-bundle FILE`: offline, no database and no network (it never opens the runtime).
 * Prints one line per check; returns 0 when all hold, 1 when one fails, 2 for unusable input.
 */
export function verifyBundleCommand(file: string, options: VerifyBundleOptions, out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): number {
  let input: unknown;
  const trust: BundleTrust = { vkey: options.vkey, witnesses: options.witness ?? [] };
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
    if (options.witnessesRequired !== undefined) {
      if (!/^\d+$/.test(options.witnessesRequired)) throw new Error('--witnesses-required is a whole number');
      trust.witnessesRequired = Number(options.witnessesRequired);
    }
    if (options.trustedCheckpoint !== undefined) trust.trustedCheckpoint = readFileSync(options.trustedCheckpoint, 'utf8');
  } catch (error) {
    process.stderr.write(`diaban: ${(error as Error).message}\n`);
    return 2;
  }
  let verdict;
  try {
    // The inspection's plausibility facts are recomputed from the cited leaves (README "Inspection").
    verdict = verifyBundle(input, trust, inspectionFactCheckers);
  } catch (error) {
    process.stderr.write(`diaban: a trusted key is malformed: ${(error as Error).message}\n`);
    return 2;
  }
  for (const c of verdict.checks) out(`${c.ok ? 'pass' : 'FAIL'} ${c.code.padEnd(20)} ${c.detail}`);
  const failed = verdict.checks.filter((c) => !c.ok).length;
  out(verdict.ok ? `verdict: OK (${verdict.checks.length} checks)` : `verdict: FAILED (${failed} of ${verdict.checks.length} checks)`);
  return verdict.ok ? 0 : 1;
}

export function registerVerifyBundle(program: Command): void {
  program
    .command('verify-bundle <file>')
    .description('verify a proof bundle offline against the log key (and a k-of-n witness policy)')
    .requiredOption('--vkey <vkey>', 'the log verifier key to trust')
    .option('--witness <vkey...>', 'a witness verifier key (repeat for several)')
    .option('--witnesses-required <k>', 'how many of the witnesses must have cosigned (default: all)')
    .option('--trusted-checkpoint <file>', 'a checkpoint note you already trust: the bundle must extend it')
    .action((file: string, options: VerifyBundleOptions) => {
      process.exitCode = verifyBundleCommand(file, options);
    });
}
