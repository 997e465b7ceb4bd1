import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { verifyLedger, type VerifyResult } from '../../ledger/postgres/verifyLedger.js';
import type { Runtime } from '../../runtime.js';
import { withRuntime } from '../withRuntime.js';

export interface VerifyOptions {
  /** The log key to check signatures with, obtained out of band; default the one the database records. */
  vkey?: string;
}

/**
 * `diaban verify`: the full check of verifyLedger (every leaf from stored event bytes, per-stream
 * chains, the rebuilt tree and the stored nodes proofs are served from, every checkpoint's signature
 * and root, consistency between consecutive checkpoints). Seals and signs nothing. Returns the exit code: 0 verified, 1 naming the first failure.
 */
export async function verifyCommand(
  runtime: Pick<Runtime, 'database' | 'ledger'> & Partial<Pick<Runtime, 'config'>>,
  options: VerifyOptions,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const [leaves, checkpoints] = [await runtime.ledger.reader.sealedSize(), (await runtime.ledger.reader.checkpoints(0n, 1)).length];
  out(`phase 1: ${leaves} sealed leaves${checkpoints ? ' and the stored checkpoints' : ', no checkpoint yet'}; key ${options.vkey ?? '(recorded in the database)'}`);
  out('phase 2: recomputing leaves from events, per-stream chains, the Merkle tree, checkpoint signatures, roots and consistency');
  // The bar counts leaves as a JS number: fine for display (exact to 2^53), never used for positions.
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: 'verify [{bar}] {value}/{total} leaves', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(Number(leaves), 0);
  let result: VerifyResult;
  try {
    // On PostgreSQL the events are read and hashed on a worker thread with connections of its own.
    const url = runtime.config?.DATABASE_URL;
    const connection = runtime.database.kind === 'postgres' && url ? { url, schema: runtime.database.schema, appRole: runtime.database.appRole } : undefined;
    result = await verifyLedger(runtime.database, {
      ...(options.vkey ? { vkey: options.vkey } : {}),
      ...(connection ? { connection } : {}),
      onProgress: (done) => bar.update(Number(done)),
    });
  } finally {
    bar.stop();
  }
  if (!result.ok) {
    const f = result.failure;
    const where =
      f?.position !== undefined ? `position ${f.position}`
      : f?.node !== undefined ? `tree node (level ${f.node.level}, index ${f.node.index})`
      : f?.treeSize !== undefined ? `checkpoint ${f.treeSize}`
      : 'the ledger';
    out(`FAILED at ${where}: ${f?.message ?? 'unknown failure'}`);
    return 1;
  }
  out(`phase 3: verdict: OK — ${result.leaves} leaves and ${result.checkpoints} checkpoints verified; ${result.unsealed} committed events not sealed yet`);
  return 0;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify the whole ledger from the stored events; exits 1 naming the first bad position, tree node or checkpoint')
    .option('--vkey <vkey>', 'the log verifier key to trust (default: the one recorded in the database)')
    .action((options: VerifyOptions) =>
      withRuntime(async (runtime) => {
        process.exitCode = await verifyCommand(runtime, options);
      }),
    );
}
