import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import t from 'tap';
import { verifyBundleCommand } from '../../src/cli/commands/verifyBundle.js';
import { loadConfig } from '../../src/config.js';
import { buildBundle } from '../../src/ledger/bundle/buildBundle.js';
import { createLogger } from '../../src/logger.js';
import { openRuntime } from '../../src/runtime.js';
import { testEvent } from '../helpers/testLedger.js';
import { tamper } from '../ledger/tamper.js';
import { sealCommitted } from '../../src/ledger/postgres/sealCommitted.js';

/** The real command, as an operator runs it: a separate process on the same database. */
t.test('node bin/diaban.js verify as a real process names the tampered position', async (t) => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'diaban-cli-'));
  const env = { ...process.env, DIABAN_DATA_DIR: join(dir, 'data'), DIABAN_SCHEMA: schema, DIABAN_APP_ROLE: 'diaban_test_app', LOG_LEVEL: 'silent' };
  const diaban = (...args: string[]) => spawnSync(process.execPath, ['bin/diaban.js', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  const open = () => openRuntime(loadConfig(env), createLogger('silent'));

  // 1. Events, a checkpoint and a bundle, then the runtime closes (PGlite's data dir takes one process).
  let runtime = await open();
  for (let i = 0; i < 6; i++) await runtime.store.appendToStream(`s-${i % 2}`, [testEvent('VisitLogged', { i })]);
  await sealCommitted(runtime.database, runtime.ledger.sealer);
  await runtime.ledger.sealer.checkpoint();
  const vkey = runtime.ledger.key.vkey;
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(await buildBundle(runtime.ledger.reader, [2n, 5n])));
  await tamper(runtime.database, `UPDATE events SET data = replace(data, '"i":2', '"i":7') WHERE global_position = 3`);
  await runtime.close();

  // 2. verify exits 1 and names position 3.
  const verify = diaban('verify');
  t.equal(verify.status, 1, verify.stderr);
  t.match(verify.stdout, /FAILED at position 3: the event at position 3 does not match its sealed leaf/);

  // 3. The bundle taken before the change still verifies offline (verify-bundle opens no runtime).
  const out: string[] = [];
  t.equal(verifyBundleCommand(join(dir, 'bundle.json'), { vkey }, (line) => void out.push(line)), 0);
  t.match(out.at(-1), /verdict: OK/);

  if (process.env.DATABASE_URL) {
    runtime = await open();
    await runtime.database.withOwner((db) => sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(db));
    await runtime.close();
  }
});
