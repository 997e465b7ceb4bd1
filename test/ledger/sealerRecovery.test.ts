import t, { type Test } from 'tap';
import { LedgerInconsistent } from '../../src/ledger/postgres/errors.js';
import { LedgerReader } from '../../src/ledger/postgres/LedgerReader.js';
import { sealedHead } from '../../src/ledger/postgres/ledgerRows.js';
import { Sealer } from '../../src/ledger/postgres/Sealer.js';
import { verifyLedger } from '../../src/ledger/postgres/verifyLedger.js';
import type { EventStore, StoredEvent, SubscribeOptions } from '../../src/store/EventStore.js';
import { settle } from '../helpers/settle.js';
import { openTestLedger, testEvent, type TestLedger } from '../helpers/testLedger.js';
import { tamper } from './tamper.js';

// The sealer after failures: a seal lost by the database (its commit is asynchronous), a live
// batch that failed, a log that cannot be sealed onto.

async function append(l: TestLedger, n: number): Promise<StoredEvent[]> {
  const head = await l.store.headPosition();
  for (let i = 0; i < n; i++) await l.store.appendToStream(`s-${i % 3}`, [testEvent('VisitLogged', { i })]);
  await settle(l.store);
  return (await l.store.readAll({ fromPosition: head + 1n, limit: 1000 })).events;
}

/** Errors the sealer logged, as { msg, failures, retryInMs }. */
function capture(): { log: never; errors: { msg: string; failures?: number; retryInMs?: number }[]; warnings: string[] } {
  const errors: { msg: string; failures?: number; retryInMs?: number }[] = [];
  const warnings: string[] = [];
  const log = {
    error: (o: { failures?: number; retryInMs?: number }, msg: string) => errors.push({ msg, failures: o.failures, retryInMs: o.retryInMs }),
    warn: (_o: unknown, msg: string) => warnings.push(msg),
    info: () => undefined,
    debug: () => undefined,
  } as never;
  return { log, errors, warnings };
}

/** The store, with subscription handlers that fail while `fail()` says so (a batch that failed). */
function flaky(store: EventStore, fail: () => Error | null): EventStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      // The store's methods use private fields: called on the proxy, they must run on the target.
      if (prop !== 'subscribe') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      return (options: SubscribeOptions) => target.subscribe({
        ...options,
        handler: async (events, scannedTo) => {
          const err = fail();
          if (err) throw err;
          await options.handler(events, scannedTo);
        },
      });
    },
  });
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Ten events sealed, then five more whose seal the database loses, as a crash does to the last seal
 * (committed asynchronously): its leaves and the subtrees they completed are gone, the events
 * (committed synchronously) are not. Answers the five.
 */
async function loseLastSeal(t: Test, l: TestLedger): Promise<StoredEvent[]> {
  await l.sealer.sealBatch(await append(l, 10));
  const lost = await append(l, 5);
  t.equal(await l.sealer.sealBatch(lost), 15n);
  await tamper(l.database, 'DELETE FROM ledger_leaves WHERE leaf_index >= 10', 'DELETE FROM ledger_nodes WHERE (idx + 1) * (1::bigint << level) > 10');
  t.equal((await sealedHead(l.database.db)).size, 10n, 'the last seal lost');
  return lost;
}

t.test('a seal the database lost is sealed again before the next batch, not skipped', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await loseLastSeal(t, l);

  // The live subscription goes on from where the sealer last stored: the next batch only.
  const next = await append(l, 3);
  t.equal(await l.sealer.sealBatch(next), 18n, 'the lost events sealed with the batch');
  await l.sealer.checkpoint();
  t.same(await verifyLedger(l.database), { ok: true, leaves: 18n, checkpoints: 1, unsealed: 0 }, 'every event has its leaf, every chain holds');
});

t.test('a seal the database lost, sealed again when the subscription opened again from the stored head hands the same events', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  const lost = await loseLastSeal(t, l);
  // The subscription, opened again from the stored head, hands the lost events themselves: the
  // sealer, which remembers having stored them, must not take them as sealed.
  t.equal(await l.sealer.sealBatch(lost), 15n, 'sealed again');
  t.equal((await sealedHead(l.database.db)).size, 15n, 'stored');
  t.equal(await l.sealer.sealPending(), 15n, 'sealPending ends');
  await l.sealer.checkpoint();
  t.same(await verifyLedger(l.database), { ok: true, leaves: 15n, checkpoints: 1, unsealed: 0 });
});

t.test('a live sealer whose batches fail seals again from the stored head after doubling pauses', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  let failuresLeft = 3;
  const store = flaky(l.store, () => (failuresLeft-- > 0 ? new Error('connection terminated') : null));
  const { log, errors } = capture();
  const sealer = new Sealer(l.database, store, { key: l.key, retry: { initialMs: 5, maxMs: 20 }, checkpointIntervalMs: 20, log });
  await append(l, 12);
  await sealer.start();
  t.teardown(() => sealer.stop());
  await until(async () => (await sealedHead(l.database.db)).size === 12n, 'the sealer to catch up');
  t.same(errors.map((e) => [e.failures, e.retryInMs]), [[1, 5], [2, 10], [3, 20]], 'each failure logged with its pause');
  await append(l, 4);
  await until(async () => (await sealedHead(l.database.db)).size === 16n, 'live sealing after the failures');
  await sealer.stop();
  await sealer.checkpoint();
  t.ok((await verifyLedger(l.database)).ok);
});

t.test('an inconsistent log stops the live sealer for good; stop() does not wait out a pause', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await append(l, 2);
  const inconsistent = capture();
  const refusing = new Sealer(l.database, flaky(l.store, () => new LedgerInconsistent('the sealed tree moved under the seal lock')), {
    key: l.key, retry: { initialMs: 5, maxMs: 5 }, log: inconsistent.log,
  });
  await refusing.start();
  await until(async () => inconsistent.errors.length > 0, 'the failure');
  await new Promise((r) => setTimeout(r, 100));
  t.same(inconsistent.errors.map((e) => e.msg), ['ledger sealer stopped: the stored log cannot be sealed onto'], 'logged once, not retried');
  await refusing.stop();

  const slow = capture();
  const pausing = new Sealer(l.database, flaky(l.store, () => new Error('connection terminated')), { key: l.key, retry: { initialMs: 60_000, maxMs: 60_000 }, log: slow.log });
  await pausing.start();
  await until(async () => slow.errors.length > 0, 'the failure');
  const started = Date.now();
  await pausing.stop();
  t.ok(Date.now() - started < 5_000, 'stopped within the minute’s pause');
});

t.test('a checkpoint that failed is tried again without waiting for more commits', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  // The checkpoint table refuses inserts for a while (as a database that is away would).
  await tamper(
    l.database,
    `CREATE FUNCTION refuse_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'checkpoints away'; END $$`,
    'CREATE TRIGGER refuse_checkpoint BEFORE INSERT ON ledger_checkpoints FOR EACH ROW EXECUTE FUNCTION refuse_checkpoint()',
  );
  const { log, errors } = capture();
  const sealer = new Sealer(l.database, l.store, { key: l.key, retry: { initialMs: 5, maxMs: 20 }, checkpointIntervalMs: 10, log });
  await sealer.start();
  t.teardown(() => sealer.stop());
  await append(l, 6);
  await until(async () => errors.length >= 3, 'three failed checkpoints');
  t.same(errors.slice(0, 3).map((e) => [e.msg, e.failures]), [1, 2, 3].map((n) => ['checkpoint failed; trying again', n]));
  // Back: the commits already sealed are signed, though nothing was appended since.
  await tamper(l.database, 'DROP TRIGGER refuse_checkpoint ON ledger_checkpoints');
  const reader = new LedgerReader(l.database);
  await until(async () => (await reader.latestCheckpoint())?.treeSize === 6n, 'the checkpoint of the six events');
  t.pass('checkpointed once the table took inserts again');
});

t.test('a refused checkpoint is logged once, not after every seal, and signing again is logged', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await append(l, 16);
  await l.sealer.sealPending();
  await l.sealer.checkpoint();
  // The stored tree no longer reproduces the signed root of 16 (its leaf and the node above it changed).
  await tamper(
    l.database,
    `UPDATE ledger_leaves SET leaf_hash = decode(repeat('11', 32), 'hex') WHERE leaf_index = 0`,
    `UPDATE ledger_nodes SET hash = decode(repeat('22', 32), 'hex') WHERE level = 4 AND idx = 0`,
  );
  const { log, errors } = capture();
  const infos: string[] = [];
  (log as { info: (o: unknown, msg: string) => void }).info = (_o, msg) => infos.push(msg);
  let refusedAgain = 0;
  (log as { debug: (o: unknown, msg: string) => void }).debug = (_o, msg) => { if (msg === 'checkpoint refused again') refusedAgain++; };
  const sealer = new Sealer(l.database, l.store, { key: l.key, sealIntervalMs: 1, checkpointIntervalMs: 5, log });
  await sealer.start();
  t.teardown(() => sealer.stop());
  for (let round = 1; round <= 4; round++) {
    await append(l, 2);
    await until(async () => (await sealedHead(l.database.db)).size === BigInt(16 + 2 * round) && refusedAgain >= round - 1, `round ${round} sealed and refused`);
  }
  t.same(errors.map((e) => e.msg), ['checkpoint refused'], 'one error for four refused rounds');
  t.ok(refusedAgain >= 3, `the later refusals at debug level (${refusedAgain})`);
  // Stopped and started again, a refusal that persists is news again: logged once more.
  await sealer.stop();
  await sealer.start();
  await append(l, 2);
  await until(async () => errors.length === 2, 'the refusal logged again after a restart');
  t.same(errors.map((e) => e.msg), ['checkpoint refused', 'checkpoint refused']);
  // Repaired while it runs (the tree thrown away, to be sealed again from the events as it was): the
  // next seal finds the stored tree moved, seals every event again, and its checkpoint is signed.
  await tamper(l.database, 'DELETE FROM ledger_nodes', 'DELETE FROM ledger_leaves');
  await append(l, 1);
  const reader = new LedgerReader(l.database);
  await until(async () => (await reader.latestCheckpoint())?.treeSize === 27n, 'a checkpoint after the repair');
  await until(async () => infos.includes('checkpoint signed again after refusals'), 'the log line');
  // While the tree is thrown away and sealed again, a checkpoint may also fail on the nodes it
  // finds missing (tried again, 'checkpoint failed'): not a refusal, and not what is counted here.
  t.same(errors.map((e) => e.msg).filter((m) => m === 'checkpoint refused'), ['checkpoint refused', 'checkpoint refused'], 'no refusal more');
});

t.test('start() twice, and start() while stop() is pending, leave one live sealer that stop() stops', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  const sealer = new Sealer(l.database, l.store, { key: l.key, sealIntervalMs: 1, checkpointIntervalMs: 10 });
  await Promise.all([sealer.start(), sealer.start()]);
  await append(l, 3);
  await sealer.sealPending();
  // Stopped, started again before the stop finished, and stopped: nothing follows the store now.
  const stopping = sealer.stop();
  const starting = sealer.start();
  await Promise.all([stopping, starting]);
  await append(l, 2);
  await settleSealing(l, 5n);
  await sealer.stop();
  const sealedThen = (await sealedHead(l.database.db)).size;
  await append(l, 4);
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal((await sealedHead(l.database.db)).size, sealedThen, 'nothing sealed after the last stop()');
  t.equal(sealedThen, 5n);
});

/** Waits (bounded) until `size` leaves are sealed. */
async function settleSealing(l: TestLedger, size: bigint): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await sealedHead(l.database.db)).size < size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}
