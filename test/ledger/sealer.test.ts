import { sql } from 'kysely';
import t from 'tap';
import { openCheckpoint } from '../../src/ledger/checkpoint.js';
import { eventLeafBytes, eventLeafBytesFast } from '../../src/ledger/eventLeaf.js';
import { equalBytes } from '../../src/ledger/hashes.js';
import { referenceConsistencyProof, referenceInclusionProof, rootFromLeafHashes } from '../../src/ledger/merkleReference.js';
import { LedgerInconsistent, LedgerKeyMismatch } from '../../src/ledger/postgres/errors.js';
import { LedgerReader } from '../../src/ledger/postgres/LedgerReader.js';
import { PersonalDataVault } from '../../src/ledger/postgres/personalData.js';
import { Sealer } from '../../src/ledger/postgres/Sealer.js';
import { scanEvents } from '../../src/ledger/postgres/ledgerScan.js';
import { isoInstant } from '../../src/ledger/postgres/leafSpelling.js';
import type { VerifyOptions } from '../../src/ledger/postgres/verifyLedger.js';
import { verifyLedger } from '../../src/ledger/postgres/verifyLedger.js';
import { noteVerifier } from '../../src/ledger/signedNote.js';
import { generateNoteKey } from '../../src/ledger/noteKeys.js';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/verifyProofs.js';
import { loadOrCreateLedgerKey } from '../../src/ledger/postgres/ledgerKey.js';
import { openTestLedger, testEvent, type TestLedger } from '../helpers/testLedger.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settle } from '../helpers/settle.js';
import { sealCommitted } from '../../src/ledger/postgres/sealCommitted.js';

async function seed(l: TestLedger, n: number, streams = 5): Promise<void> {
  for (let i = 0; i < n; i++) {
    await l.store.appendToStream(`s-${i % streams}`, [testEvent('VisitLogged', { i, unit: 'Xã Bát Xát', days: [1, 2.5] })]);
  }
  await settle(l.store);
}

/** Bypasses the immutability triggers as the superuser, as an attacker with database access would. */
async function tamper(l: TestLedger, statement: string): Promise<void> {
  await l.database.withOwner(async (db) => {
    // One session (withOwner holds it): replica mode skips the triggers for this statement only.
    await sql.raw('SET session_replication_role = replica').execute(db);
    try {
      await sql.raw(statement).execute(db);
    } finally {
      await sql.raw('SET session_replication_role = origin').execute(db);
    }
  });
}

t.test('sealed events verify: leaves, chains, checkpoints, inclusion and consistency proofs', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await seed(l, 13);
  t.equal(await sealCommitted(l.database, l.sealer), 13n);
  const first = await l.sealer.checkpoint();
  await seed(l, 8);
  await sealCommitted(l.database, l.sealer);
  const second = await l.sealer.checkpoint();
  t.equal(second.treeSize, 21n);
  t.same((await l.sealer.checkpoint()).treeSize, 21n, 'no new checkpoint without new leaves');

  const verifier = noteVerifier(l.key.vkey);
  const opened = openCheckpoint(second.note, verifier).checkpoint;
  t.equal(opened.origin, 'test.diaban/log');
  const reader = new LedgerReader(l.database);
  for (const position of [1n, 7n, 21n]) {
    const p = await reader.inclusionProof(position, 21n);
    t.ok(verifyInclusion(p.leafIndex, 21n, p.leafHash, p.proof, opened.rootHash), `inclusion of ${position}`);
  }
  const consistency = await reader.consistencyProof(13n, 21n);
  t.ok(verifyConsistency(13n, 21n, consistency, first.rootHash, second.rootHash));
  await t.rejects(reader.inclusionProof(5n, 30n), { code: 'LEDGER_OUT_OF_RANGE' });

  const result = await verifyLedger(l.database);
  t.same(result, { ok: true, leaves: 21n, checkpoints: 2, unsealed: 0 });

  // The fast leaf encoding used by the verifier is byte-identical to the canonical one.
  for (const e of (await l.store.readAll({ limit: 50 })).events) {
    t.ok(equalBytes(eventLeafBytesFast(e, 'o', null), eventLeafBytes(e, 'o', null)));
  }
});

t.test('nodes below level 4 are not stored: roots and proofs fold them from leaves, equal to RFC 9162 taken literally', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  // Sealed in uneven batches, so nodes are completed across batch ends.
  for (const n of [1, 6, 17, 3, 40]) {
    await seed(l, n);
    await sealCommitted(l.database, l.sealer);
  }
  const size = 67;
  const levels = await sql<{ level: number; n: number }>`SELECT level, count(*)::int AS n FROM ledger_nodes GROUP BY level ORDER BY level`.execute(l.database.db);
  t.same(levels.rows, [{ level: 4, n: 4 }, { level: 5, n: 2 }, { level: 6, n: 1 }], 'only levels ≥ 4 stored');
  const leaves = (await sql<{ leaf_hash: Uint8Array }>`SELECT leaf_hash FROM ledger_leaves ORDER BY leaf_index`.execute(l.database.db)).rows.map((r) => new Uint8Array(r.leaf_hash));
  t.equal(leaves.length, size);
  const reader = new LedgerReader(l.database);
  const wrong: string[] = [];
  for (let n = 1; n <= size; n++) {
    for (let m = 0; m < n; m++) {
      const proof = await reader.inclusionProof(BigInt(m + 1), BigInt(n));
      if (!sameHashes(proof.proof, referenceInclusionProof(m, leaves.slice(0, n)))) wrong.push(`inclusion ${m} in ${n}`);
      if (m > 0 && !sameHashes(await reader.consistencyProof(BigInt(m), BigInt(n)), referenceConsistencyProof(m, leaves.slice(0, n)))) wrong.push(`consistency ${m} → ${n}`);
    }
  }
  t.same(wrong.slice(0, 5), [], 'every inclusion and consistency proof of every size');
  // The sealer's tree reloaded from storage (a fresh sealer) and a checkpoint's root.
  const fresh = new Sealer(l.database, l.store, { key: l.key });
  await seed(l, 2);
  t.equal(await sealCommitted(l.database, fresh), BigInt(size + 2));
  const all = (await sql<{ leaf_hash: Uint8Array }>`SELECT leaf_hash FROM ledger_leaves ORDER BY leaf_index`.execute(l.database.db)).rows.map((r) => new Uint8Array(r.leaf_hash));
  t.ok(equalBytes((await fresh.checkpoint()).rootHash, rootFromLeafHashes(all)));
  t.same(await verifyLedger(l.database), { ok: true, leaves: BigInt(size + 2), checkpoints: 1, unsealed: 0 });
});

function sameHashes(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((h, i) => equalBytes(h, b[i]!));
}

t.test('a gap in positions (an aborted append): proofs and verify go by leaf index', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await seed(l, 5);
  // What an aborted append leaves behind: positions drawn and never committed.
  await l.database.withOwner((db) => sql`SELECT nextval('global_position_seq'), nextval('global_position_seq')`.execute(db));
  await seed(l, 6);
  await sealCommitted(l.database, l.sealer);
  const cp = await l.sealer.checkpoint();
  t.equal(cp.treeSize, 11n);
  const reader = new LedgerReader(l.database);
  // Reader proofs are planned for leaf index position − 1 first; past the gap that guess is wrong.
  for (const [position, index] of [[1n, 0n], [5n, 4n], [8n, 5n], [13n, 10n]] as const) {
    const p = await reader.inclusionProof(position, 11n);
    t.equal(p.leafIndex, index, `position ${position} is leaf ${index}`);
    t.ok(verifyInclusion(p.leafIndex, 11n, p.leafHash, p.proof, cp.rootHash), `inclusion of ${position}`);
  }
  await t.rejects(reader.inclusionProof(6n, 11n), { code: 'LEDGER_OUT_OF_RANGE' }, 'a position never committed');
  t.same(await verifyLedger(l.database), { ok: true, leaves: 11n, checkpoints: 1, unsealed: 0 });
});

t.test('tampering is detected and named', async (t) => {
  const cases: [string, (l: TestLedger) => Promise<void>, RegExp, string][] = [
    ['one byte of data changed', (l) => tamper(l, `UPDATE events SET data = replace(data, '"i":4', '"i":5') WHERE global_position = 5`), /position 5\b/, 'event'],
    ['an event deleted', (l) => tamper(l, 'DELETE FROM events WHERE global_position = 3'), /position 3\b/, 'event'],
    ['two events swapped', (l) => tamper(l, `UPDATE events SET data = CASE global_position WHEN 6 THEN (SELECT data FROM events WHERE global_position = 7) ELSE (SELECT data FROM events WHERE global_position = 6) END WHERE global_position IN (6, 7)`), /position 6\b/, 'event'],
    ['a checkpoint root changed', (l) => tamper(l, `UPDATE ledger_checkpoints SET root_hash = decode(repeat('00', 32), 'hex') WHERE tree_size = 10`), /checkpoint 10\b/, 'checkpoint'],
    // The verifier reads leaf bytes only through their hash (ledgerScan.ts): each stored column on its own.
    ['stored leaf bytes changed', (l) => tamper(l, `UPDATE ledger_leaves SET leaf_bytes = leaf_bytes || '\\x20'::bytea WHERE leaf_index = 3`), /position 4\b.*does not match its sealed leaf/, 'event'],
    ['stored leaf hash changed', (l) => tamper(l, `UPDATE ledger_leaves SET leaf_hash = sha256('x'::bytea) WHERE leaf_index = 7`), /leaf hash at position 8\b/, 'leaf'],
    ['a leaf moved to another stream', (l) => tamper(l, `UPDATE ledger_leaves SET stream_id = 's-9' WHERE leaf_index = 1`), /position 2\b/, 'leaf'],
    // A prefix of its event's stream: the worker's comparison must reach the end of the name.
    ['a leaf’s stream cut short', (l) => tamper(l, `UPDATE ledger_leaves SET stream_id = 's-' WHERE leaf_index = 1`), /names stream s-,/, 'leaf'],
    ['metadata no longer JSON', (l) => tamper(l, `UPDATE events SET metadata = '{' WHERE global_position = 6`), /position 6\b/, 'event'],
    ['a timestamp moved by a millisecond', (l) => tamper(l, `UPDATE events SET occurred_at = occurred_at + interval '1 millisecond' WHERE global_position = 9`), /position 9\b/, 'event'],
    ['a leaf deleted', (l) => tamper(l, 'DELETE FROM ledger_leaves WHERE leaf_index = 5'), /leaf index 6 found where 5 was expected/, 'leaf'],
    // The worker's pages compare the leaves' position and stream columns with the events' at once.
    ['two leaves’ indices swapped', async (l) => {
      // One statement each (PGlite prepares every statement, and a prepared statement holds one).
      for (const [from, to] of [[3, 999], [4, 3], [999, 4]]) await tamper(l, `UPDATE ledger_leaves SET leaf_index = ${to} WHERE leaf_index = ${from}`);
    }, /event at position 4\b.*no leaf in order/, 'event'],
    ['a leaf’s position changed', (l) => tamper(l, 'UPDATE ledger_leaves SET global_position = 1000 WHERE leaf_index = 4'), /event at position 5\b.*no leaf in order/, 'event'],
  ];
  for (const [name, doTamper, names, kind] of cases) {
    await t.test(name, async (t) => {
      const l = await openTestLedger();
      t.teardown(l.close);
      await seed(l, 10);
      await sealCommitted(l.database, l.sealer);
      await l.sealer.checkpoint();
      t.ok((await verifyLedger(l.database)).ok, 'verifies before');
      await doTamper(l);
      const result = await verifyLedger(l.database);
      t.equal(result.ok, false);
      t.equal(result.failure?.kind, kind);
      t.match(result.failure?.message, names);
      // Pages of 3 leaves, several in flight: page boundaries name the same first failure.
      t.same((await verifyLedger(l.database, { pageSize: 3, readAhead: 3 })).failure, result.failure, 'the same in small pages');
      const worker = workerOptions(l);
      if (worker) t.same((await verifyLedger(l.database, { ...worker, pageSize: 3 })).failure, result.failure, 'the same with the hashing worker');
    });
  }
});

t.test('the stored tree nodes proofs are served from are held to the rebuilt tree', async (t) => {
  // 70 leaves: level-4 nodes 0–3, level-5 nodes 0–1, level 6 node 0, all stored (LOWEST_STORED_LEVEL).
  const cases: [string, string[], RegExp, { level: number; index: bigint } | undefined, string][] = [
    ['a node changed', [`UPDATE ledger_nodes SET hash = decode(repeat('22', 32), 'hex') WHERE level = 4 AND idx = 2`], /level 4, index 2 \(leaf indices 32 to 47\) is not the hash/, { level: 4, index: 2n }, 'node'],
    ['a node deleted', ['DELETE FROM ledger_nodes WHERE level = 5 AND idx = 1'], /level 5, index 1 \(leaf indices 32 to 63\) is missing/, { level: 5, index: 1n }, 'node'],
    ['the top node changed', [`UPDATE ledger_nodes SET hash = sha256('x'::bytea) WHERE level = 6 AND idx = 0`], /level 6, index 0\b/, { level: 6, index: 0n }, 'node'],
    // A node completed before a changed event is named first, and an event before a changed node.
    ['a node, then an event', [`UPDATE ledger_nodes SET hash = sha256('x'::bytea) WHERE level = 4 AND idx = 0`, `UPDATE events SET data = replace(data, '"i":30', '"i":31') WHERE global_position = 31`], /level 4, index 0\b/, { level: 4, index: 0n }, 'node'],
    ['an event, then a node', [`UPDATE ledger_nodes SET hash = sha256('x'::bytea) WHERE level = 4 AND idx = 1`, `UPDATE events SET data = replace(data, '"i":3', '"i":9') WHERE global_position = 4`], /position 4\b/, undefined, 'event'],
  ];
  for (const [name, statements, names, node, kind] of cases) {
    await t.test(name, async (t) => {
      const l = await openTestLedger();
      t.teardown(l.close);
      await seed(l, 70, 6);
      await sealCommitted(l.database, l.sealer);
      await l.sealer.checkpoint();
      t.same(await verifyLedger(l.database), { ok: true, leaves: 70n, checkpoints: 1, unsealed: 0 }, 'verifies before');
      for (const statement of statements) await tamper(l, statement);
      const result = await verifyLedger(l.database);
      t.equal(result.ok, false);
      t.equal(result.failure?.kind, kind);
      t.match(result.failure?.message, names);
      t.same(result.failure?.node, node);
      t.same((await verifyLedger(l.database, { pageSize: 3, readAhead: 3, nodeBatchSize: 1 })).failure, result.failure, 'the same in small pages, a node a statement');
      t.same((await verifyLedger(l.database, { pageSize: 5, nodeBatchSize: 2 })).failure, result.failure, 'the same, two nodes a statement');
      t.same((await verifyLedger(l.database, { pageSize: 1000 })).failure, result.failure, 'the same in one page');
      const worker = workerOptions(l);
      if (worker) t.same((await verifyLedger(l.database, { ...worker, pageSize: 7, nodeBatchSize: 1 })).failure, result.failure, 'the same with the hashing worker');
    });
  }
});

t.test('a deleted node that a consistency proof between checkpoints needs is named, not thrown', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await seed(l, 70, 6);
  await sealCommitted(l.database, l.sealer);
  await l.sealer.checkpoint();
  await seed(l, 10, 6);
  await sealCommitted(l.database, l.sealer);
  await l.sealer.checkpoint();
  // The proof from 70 to 80 leaves starts with the subtree of leaves 0–63: the node (6, 0).
  await tamper(l, 'DELETE FROM ledger_nodes WHERE level = 6 AND idx = 0');
  for (const options of [{}, { pageSize: 3, readAhead: 3 }, { nodeBatchSize: 1 }, ...(workerOptions(l) ? [{ ...workerOptions(l)!, pageSize: 7 }] : [])]) {
    const result = await verifyLedger(l.database, options);
    t.equal(result.ok, false);
    t.equal(result.failure?.kind, 'node', JSON.stringify(Object.keys(options)));
    t.same(result.failure?.node, { level: 6, index: 0n });
    t.match(result.failure?.message, /level 6, index 0 \(leaf indices 0 to 63\) is missing/);
  }
});

t.test('another spelling of the same stored data still verifies (the canonical leaf is unchanged)', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await seed(l, 6, 2);
  await sealCommitted(l.database, l.sealer);
  await l.sealer.checkpoint();
  await tamper(l, `UPDATE events SET data = replace(data, ',', ' , ') WHERE global_position = 2`);
  t.same(await verifyLedger(l.database), { ok: true, leaves: 6n, checkpoints: 1, unsealed: 0 });
  const worker = workerOptions(l);
  if (worker) {
    t.same(await verifyLedger(l.database, worker), { ok: true, leaves: 6n, checkpoints: 1, unsealed: 0 }, 'with the hashing worker');
    // Pages of 2: position 2 takes the exact path; the worker chained its stream (positions 2, 4,
    // 6) through its own, other hash of position 2, so 4 and 6 take it too and pass; the other
    // stream's leaves (1, 3, 5) are cleared on the hot path.
    const exact: string[] = [];
    t.same(await verifyLedger(l.database, { ...worker, pageSize: 2, onExactPath: (p) => exact.push(p) }), { ok: true, leaves: 6n, checkpoints: 1, unsealed: 0 }, 'in pages of 2');
    t.same(exact, ['2', '4', '6'], 'the stream of position 2 went down the exact path');
  }
  await tamper(l, `UPDATE events SET data = replace(data, '"i":', '"i":1') WHERE global_position = 2`);
  t.match((await verifyLedger(l.database)).failure, { kind: 'event', position: 2n });
});

/** Verify options that hash on the worker thread, on PostgreSQL (a worker cannot reach PGlite). */
function workerOptions(l: TestLedger): VerifyOptions | undefined {
  const url = process.env.DATABASE_URL;
  return url ? { connection: { url, schema: l.database.schema, appRole: l.database.appRole }, hashWorker: true } : undefined;
}

t.test('every leaf of a sound log clears the hot path, on this thread and on the hashing worker', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await seed(l, 40, 7);
  await sealCommitted(l.database, l.sealer);
  await l.sealer.checkpoint();
  await seed(l, 5, 3);
  const exact: string[] = [];
  const expected = { ok: true, leaves: 40n, checkpoints: 1, unsealed: 5 };
  t.same(await verifyLedger(l.database, { pageSize: 6, onExactPath: (p) => exact.push(p) }), expected);
  const worker = workerOptions(l);
  if (worker) t.same(await verifyLedger(l.database, { ...worker, pageSize: 6, onExactPath: (p) => exact.push(p) }), expected, 'with the worker');
  // The worker splices the leaf text in its own JavaScript: any difference would send leaves here.
  t.same(exact, [], 'no leaf needed the exact path');
});

t.test('two sealers taking turns chain each stream through the other’s leaves', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  const other = new Sealer(l.database, l.store, { key: l.key });
  // Each sealer remembers its stream heads; after the other one sealed, those are stale.
  for (const sealer of [l.sealer, other, l.sealer, other, l.sealer]) {
    await seed(l, 3, 2);
    await sealCommitted(l.database, sealer);
  }
  await l.sealer.checkpoint();
  t.same(await verifyLedger(l.database), { ok: true, leaves: 15n, checkpoints: 1, unsealed: 0 });
});

t.test('two caught-up sealers sealing the same batch at once: one stores it, the other finds it stored', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  const other = new Sealer(l.database, l.store, { key: l.key });
  await seed(l, 4, 2);
  await sealCommitted(l.database, l.sealer);
  // Given what the first sealed, the other finds nothing left to seal but loads the stored tree:
  // both are caught up, each with the tree cached.
  t.equal(await other.sealBatch((await l.store.readAll({ limit: 100 })).events), 4n);
  await seed(l, 6, 3);
  const page = await l.store.readAll({ fromPosition: 5n, limit: 100 });
  t.equal(page.events.length, 6);
  const both = () => Promise.all([l.sealer.sealBatch(page.events), other.sealBatch(page.events)]);
  let sizes: bigint[];
  if (l.database.kind === 'postgres') {
    // Both seal statements start (and take their snapshots) while a third session holds the seal
    // lock: the one that gets the lock second sees the old head in its snapshot, so only the unique
    // leaf index stops it from storing the batch again at the same indices.
    sizes = await l.database.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(1684234849, 2)`.execute(trx);
      const sealing = both();
      for (let waiting = 0; waiting < 2; ) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const rows = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = 1684234849 AND objid = 2`.execute(trx);
        waiting = rows.rows[0]!.n;
      }
      return { sealing };
    }).then(({ sealing }) => sealing);
  } else {
    sizes = await both(); // one connection: the statements run one after the other
  }
  t.same(sizes, [10n, 10n]);
  await seed(l, 2, 2); // both still seal on after the race
  await sealCommitted(l.database, other);
  await sealCommitted(l.database, l.sealer);
  await l.sealer.checkpoint();
  t.same(await verifyLedger(l.database), { ok: true, leaves: 12n, checkpoints: 1, unsealed: 0 });
});

t.test('concurrent batches on one sealer, another sealer racing: sizes in call order, every leaf chains right', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  const other = new Sealer(l.database, l.store, { key: l.key });
  await seed(l, 40, 4);
  await sealCommitted(l.database, l.sealer);
  for (let round = 0; round < 6; round++) {
    await seed(l, 150, 7); // batches of 150 leaves: the leaf computation yields several times
    const from = (await l.store.headPosition()) - 149n;
    const pages = await Promise.all([50, 100, 150].map(async (n) => (await l.store.readAll({ fromPosition: from, limit: n })).events));
    // The first call seals 50 leaves; the others, queued behind it, find them sealed and go on, while
    // the other sealer (its caches stale after the first round) takes the whole page at once.
    const sizes = await Promise.all([...pages.map((p) => l.sealer.sealBatch(p)), other.sealBatch(pages[2]!)]);
    t.same(sizes.slice(0, 3).map((s) => s <= sizes[2]!), [true, true, true], `round ${round}: in order`);
  }
  await sealCommitted(l.database, l.sealer);
  await l.sealer.checkpoint();
  t.same(await verifyLedger(l.database), { ok: true, leaves: 940n, checkpoints: 1, unsealed: 0 });
});

t.test('instants before 1970 and before year 1000 verify (the database spells them for the fast path)', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  for (const at of ['1969-12-31T23:59:59.999Z', '1900-02-28T12:00:00.001Z', '0999-07-04T00:00:00.500Z', '2024-02-29T23:59:59.000Z']) {
    await l.store.appendToStream('odd-times', [{ ...testEvent('VisitLogged', { at }), occurredAt: new Date(at) }]);
  }
  await settle(l.store);
  await sealCommitted(l.database, l.sealer);
  await l.sealer.checkpoint();
  const exact: string[] = [];
  t.same(await verifyLedger(l.database, { onExactPath: (p) => exact.push(p) }), { ok: true, leaves: 4n, checkpoints: 1, unsealed: 0 });
  t.same(exact, [], 'every leaf cleared on the hot path');
  // Respelled exactly as Date#toISOString, so these leaves take the fast path, not the fallback.
  const rows = [];
  for (const scan = scanEvents(l.database.db, { size: 4n, pageSize: 3, depth: 2 }); ; ) {
    const row = scan.take() ?? (await scan.next());
    if (!row) break;
    rows.push(row);
  }
  t.same(rows.map((r) => isoInstant(r.occurred_at)), rows.map((r) => new Date((JSON.parse(r.data) as { at: string }).at).toISOString()));
});

t.test('the log refuses to sign a checkpoint the stored tree does not extend', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await seed(l, 16);
  await sealCommitted(l.database, l.sealer);
  await l.sealer.checkpoint();
  await tamper(l, `UPDATE ledger_leaves SET leaf_hash = decode(repeat('11', 32), 'hex') WHERE leaf_index = 0`);
  // The signed root of 16 leaves is the stored node (4, 0); the lower levels are folded from leaves.
  await tamper(l, `UPDATE ledger_nodes SET hash = decode(repeat('22', 32), 'hex') WHERE level = 4 AND idx = 0`);
  await seed(l, 1);
  // A fresh sealer reloads the tree from storage (no cache hides the change).
  const fresh = new Sealer(l.database, l.store, { key: l.key });
  await sealCommitted(l.database, fresh);
  await t.rejects(fresh.checkpoint(), LedgerInconsistent);
});

t.test('a key that is not the log key is refused', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  const other = loadOrCreateLedgerKey(join(mkdtempSync(join(tmpdir(), 'k-')), 'k'), 'test.diaban/log');
  await t.rejects(new Sealer(l.database, l.store, { key: other }).init(), LedgerKeyMismatch);
  t.not(other.vkey, generateNoteKey('x').vkey);
});

t.test('the live sealer checkpoints shortly after commits', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  await l.sealer.start();
  await seed(l, 30);
  const reader = new LedgerReader(l.database);
  const deadline = Date.now() + 10_000;
  while ((await reader.latestCheckpoint())?.treeSize !== 30n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  t.equal((await reader.latestCheckpoint())?.treeSize, 30n);
  await l.sealer.stop();
  t.ok((await verifyLedger(l.database)).ok);

  // Stopped, it seals nothing; started again, it seals and checkpoints what came in between.
  await seed(l, 5);
  await new Promise((r) => setTimeout(r, 200));
  t.equal((await reader.latestCheckpoint())?.treeSize, 30n);
  await l.sealer.start();
  while ((await reader.latestCheckpoint())?.treeSize !== 35n && Date.now() < deadline + 10_000) await new Promise((r) => setTimeout(r, 50));
  t.equal((await reader.latestCheckpoint())?.treeSize, 35n);
  await l.sealer.stop();
  t.same(await verifyLedger(l.database), { ok: true, leaves: 35n, checkpoints: (await reader.checkpoints(0n)).length, unsealed: 0 });
});

t.test('erasing personal data keeps the ledger verifiable and the value unrecoverable', async (t) => {
  const l = await openTestLedger();
  t.teardown(l.close);
  const vault = new PersonalDataVault(l.database);
  const committed = await vault.commit({ fullName: 'Nguyễn Thị Hương', dateOfBirth: '1980-02-29' });
  await l.store.appendToStream('cadre-x', [testEvent('CadreRegistered', { personal: committed })]);
  await settle(l.store);
  await sealCommitted(l.database, l.sealer);
  await l.sealer.checkpoint();
  const commitments = Object.values(committed).map((c) => c.commitment);
  t.same([...(await vault.reveal(commitments)).values()], ['Nguyễn Thị Hương', '1980-02-29']);
  await vault.erase(commitments);
  await l.store.appendToStream('cadre-x', [testEvent('CadrePersonalDataErased', { commitments })]);
  await settle(l.store);
  await sealCommitted(l.database, l.sealer);
  t.equal((await vault.reveal(commitments)).size, 0);
  const leaves = await l.database.withOwner((db) => sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ledger_leaves WHERE convert_from(leaf_bytes, 'UTF8') LIKE '%Hương%'`.execute(db));
  t.equal(leaves.rows[0]?.n, 0, 'the name never entered a leaf');
  const anywhere = await l.database.withOwner((db) => sql<{ n: number }>`
    SELECT (SELECT count(*) FROM events WHERE data LIKE '%Hương%') + (SELECT count(*) FROM personal_data) AS n`.execute(db));
  t.equal(Number(anywhere.rows[0]?.n), 0, 'nor an event; the side table is empty');
  t.ok((await verifyLedger(l.database)).ok);
});
