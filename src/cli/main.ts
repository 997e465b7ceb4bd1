import { Command } from 'commander';
import { ConfigError } from '../config.js';
import { DataDirLockedError } from '../db/dataDirLock.js';
import { registerMigrate } from './commands/migrate.js';
import { registerServe } from './commands/serve.js';
import { registerToken } from './commands/token.js';
import { registerErrors } from './commands/errors.js';
import { registerProject } from './commands/project.js';
import { registerRebuild } from './commands/rebuild.js';
import { registerVerify } from './commands/verify.js';
import { registerVerifyBundle } from './commands/verifyBundle.js';
import { registerInspect } from './commands/inspect.js';
import { registerCheckpoint } from './commands/checkpoint.js';
import { registerVkey } from './commands/vkey.js';
import { registerWitness } from './commands/witness.js';
import { registerImportUnits } from './commands/importUnits.js';
import { registerSeedDemo } from './commands/seedDemo.js';
import { registerExport } from './commands/export.js';
import { registerReplay } from './commands/replay.js';

/** `diaban <command>`: one file per command under commands/. */
export function buildCli(): Command {
  const program = new Command('diaban')
    .description('diaban: officials following grassroots units, on a verifiable event ledger')
    .showHelpAfterError();
  registerServe(program);
  registerMigrate(program);
  registerToken(program);
  registerErrors(program);
  registerProject(program);
  registerRebuild(program);
  registerVerify(program);
  registerVerifyBundle(program);
  registerInspect(program);
  registerCheckpoint(program);
  registerVkey(program);
  registerWitness(program);
  registerImportUnits(program);
  registerSeedDemo(program);
  registerExport(program);
  registerReplay(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) {
      process.stderr.write(`diaban: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
