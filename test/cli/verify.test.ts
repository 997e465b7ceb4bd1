import t from 'tap';
import { verifyCommand } from '../../src/cli/commands/verify.js';
import { openTestApp } from '../helpers/testApp.js';
import { testEvent } from '../helpers/testLedger.js';
import { tamper } from '../ledger/tamper.js';
import { sealCommitted } from '../../src/ledger/postgres/sealCommitted.js';

const lines: string[] = [];
const collect = (line: string): void => void lines.push(line);

t.test('verify passes, then exits 1 naming the first bad position after tampering', async (t) => {
  const runtime = await openTestApp();
  t.teardown(runtime.close);
  for (let i = 0; i < 9; i++) await runtime.store.appendToStream(`s-${i % 2}`, [testEvent('VisitLogged', { i })]);
  await sealCommitted(runtime.database, runtime.ledger.sealer);
  await runtime.ledger.sealer.checkpoint();
  t.equal(await verifyCommand(runtime, {}, collect), 0);
  t.match(lines.at(-1), /OK — 9 leaves and 1 checkpoints verified/);
  t.equal(await verifyCommand(runtime, { vkey: runtime.ledger.key.vkey }, collect), 0, 'with the key given out of band');
  await tamper(runtime.database, `UPDATE events SET data = replace(data, '"i":5', '"i":6') WHERE global_position = 6`);
  t.equal(await verifyCommand(runtime, {}, collect), 1);
  t.match(lines.at(-1), /^FAILED at position 6: /);
});
