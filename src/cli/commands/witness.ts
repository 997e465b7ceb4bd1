import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { LedgerError } from '../../ledger/errors.js';
import { generateNoteKey, SIG_COSIGNATURE_V1 } from '../../ledger/noteKeys.js';
import { httpWitnessLog, type WitnessLog } from '../../ledger/witness/LogClient.js';
import { WitnessRegistry } from '../../ledger/witness/WitnessRegistry.js';
import { WitnessRefusal, witnessOnce } from '../../ledger/witness/witnessOnce.js';
import { readWitnessState, writeWitnessState } from '../../ledger/witness/WitnessState.js';
import { withRuntime } from '../withRuntime.js';

export interface WitnessOptions {
  url: string;
  key: string;
  token: string;
  state: string;
  logVkey?: string;
  once?: boolean;
  interval?: string;
}

const err = (line: string) => process.stderr.write(`${line}\n`);

/** One round; returns the exit code: 0 cosigned, 1 refused (inconsistent log), 2 anything else. */
export async function witnessRound(
  options: WitnessOptions,
  log: WitnessLog = httpWitnessLog(options.url, options.token),
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  try {
    const state = readWitnessState(options.state);
    const skey = readFileSync(options.key, 'utf8').trim();
    const now = () => BigInt(Math.floor(Date.now() / 1000));
    const result = await witnessOnce({ log, skey, state, ...(options.logVkey ? { logVkey: options.logVkey } : {}), now });
    writeWitnessState(options.state, result.state);
    out(`cosigned ${result.checkpoint.origin} tree size ${result.checkpoint.size} (verified consistent with ${result.grewFrom})`);
    return 0;
  } catch (error) {
    err(`diaban witness: ${error instanceof WitnessRefusal ? 'REFUSED: ' : ''}${(error as Error).message}`);
    return error instanceof WitnessRefusal ? 1 : 2;
  }
}

/** `--interval S`: rounds until a refusal or a signal; a network error waits for the next round. */
async function witnessLoop(options: WitnessOptions, seconds: number): Promise<number> {
  let stopped = false;
  const stop = () => (stopped = true);
  process.once('SIGINT', stop).once('SIGTERM', stop);
  while (!stopped) {
    if ((await witnessRound(options)) === 1) return 1;
    for (let waited = 0; waited < seconds * 10 && !stopped; waited++) await new Promise((r) => setTimeout(r, 100));
  }
  return 0;
}

export function registerWitness(program: Command): void {
  const witness = program
    .command('witness')
    .description('run a witness: verify the log only grew since the last run, cosign its newest checkpoint and post it')
    .option('--url <url>', 'the diaban server, e.g. http://127.0.0.1:3000')
    .option('--key <file>', 'the witness signer key file (from witness keygen)')
    .option('--token <token>', 'a bearer token for the server')
    .option('--state <file>', 'where the witness keeps the last checkpoint it verified')
    .option('--log-vkey <vkey>', 'the log key to pin (required on the first run)')
    .option('--once', 'one round, then exit (default)')
    .option('--interval <seconds>', 'a round every so many seconds, until stopped')
    .action(async (options: Partial<WitnessOptions>) => {
      const missing = (['url', 'key', 'token', 'state'] as const).filter((k) => options[k] === undefined);
      if (missing.length > 0) {
        err(`diaban witness: missing ${missing.map((k) => `--${k}`).join(', ')}`);
        process.exitCode = 2;
        return;
      }
      const full = options as WitnessOptions;
      const interval = full.once || full.interval === undefined ? undefined : Number(full.interval);
      if (interval !== undefined && !(interval > 0)) {
        err('diaban witness: --interval is a positive number of seconds');
        process.exitCode = 2;
        return;
      }
      process.exitCode = interval === undefined ? await witnessRound(full) : await witnessLoop(full, interval);
    });
  witness
    .command('keygen <name>')
    .description('make a witness key pair: the signer key goes to a file (mode 0600), the verifier key to stdout')
    .option('--out <file>', 'the signer key file (default NAME.skey; never overwritten)')
    .action((name: string, options: { out?: string }) => {
      const { skey, vkey } = generateNoteKey(name, SIG_COSIGNATURE_V1);
      writeFileSync(options.out ?? `${name}.skey`, `${skey}\n`, { mode: 0o600, flag: 'wx' });
      process.stdout.write(`${vkey}\n`);
    });
  witness
    .command('add <name> <vkey>')
    .description('register a witness whose cosignatures the server accepts (admin: needs the database)')
    .action((name: string, vkey: string) =>
      withRuntime(async (runtime) => {
        try {
          const added = await new WitnessRegistry(runtime.database).add(name, vkey);
          process.stdout.write(`witness ${added.name} registered (key id ${added.keyId})\n`);
        } catch (error) {
          if (!(error instanceof LedgerError)) throw error;
          err(`diaban witness add: ${error.message}`);
          process.exitCode = 2;
        }
      }),
    );
}
