import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { SuiteOptions } from '../index.js';
import { runConcurrently } from '../lib/concurrency.js';
import { progress } from '../lib/log.js';
import { ratioTable, type Figure, type Ratio, type SuiteReport } from '../lib/report.js';
import { formatRate } from '../lib/table.js';
import { percentile, perSecond, timed } from '../lib/timing.js';
import { openPostgres } from '../../../src/db/openPostgres.js';
import type { Database } from '../../../src/db/Database.js';
import { canonicalize } from '../../../src/ledger/jcs.js';
import { loadOrCreateLedgerKey } from '../../../src/ledger/postgres/ledgerKey.js';
import { LedgerReader } from '../../../src/ledger/postgres/LedgerReader.js';
import { sealedHead } from '../../../src/ledger/postgres/ledgerRows.js';
import { Sealer } from '../../../src/ledger/postgres/Sealer.js';
import { verifyLedger } from '../../../src/ledger/postgres/verifyLedger.js';
import type { NewEvent } from '../../../src/store/EventStore.js';
import { PostgresEventStore } from '../../../src/store/postgres/PostgresEventStore.js';

/** Targets from the issue. */
const TARGETS = { verify_vs_raw: 0.7, append_sealing_on_vs_off: 0.85 } as const;
const PROOF_P99_TARGET_MS = 5;

// 8,000 appends a phase (about two seconds): with 4,000, the wait at the end of a phase with the
// sealer for its last batch (its 50 ms pause, then the seal) was 6–9 % of the phase, a latency
// counted against throughput; it is reported on its own below.
const FULL = { verify: 200_000, proofs: 1_000_000, appends: 128_000, proofRequests: 2_000 };
const QUICK = { verify: 5_000, proofs: 20_000, appends: 1_600, proofRequests: 200 };
/** Rounds of two append phases, one with the sealer and one without (on a 2-core machine shared with others, three rounds moved the ratio by ±0.04 run to run). */
const ROUNDS = 8;

const meta = { actor: 'bench', role: 'admin', correlationId: null, causationId: null, requestId: null };
const event = (i: number): NewEvent => ({
  eventId: randomUUID(), type: 'VisitLogged', schemaVersion: 2,
  data: { visitId: randomUUID(), unitCode: '02809', startDate: '2025-03-14', endDate: '2025-03-16', purposes: ['Nắm tình hình ở xã Bát Xát'], i },
  metadata: meta, occurredAt: new Date('2025-03-14T00:00:00.000Z'),
});

/**
 * `npm run bench -- ledger`, side by side in one run on one database: full `diaban verify` against
 * the raw ceiling (a keyset scan of the same rows plus SHA-256 of the stored bytes); appends with the
 * sealer running against the same appends without it; inclusion proofs served at 1,000,000 leaves.
 */
export async function runLedgerSuite(options: SuiteOptions): Promise<SuiteReport> {
  const size = options.quick ? QUICK : FULL;
  const schema = `bench_ledger_${randomBytes(4).toString('hex')}`;
  const database = await openPostgres({ url: options.databaseUrl, schema, appRole: 'diaban_bench_app', poolSize: 10 });
  const store = new PostgresEventStore(database, { serialize: canonicalize });
  const key = loadOrCreateLedgerKey(join(mkdtempSync(join(tmpdir(), 'diaban-bench-')), 'ledger.key'), 'bench.diaban/log');
  try {
    const server = (await sql<{ v: string }>`SELECT version() AS v`.execute(database.db)).rows[0]!.v.split(' on ')[0]!;
    progress(`loading ${size.verify} events`);
    await load(store, 0, size.verify);
    const sealer = new Sealer(database, store, { key });
    await sealer.init();
    const sealMs = await timed(async () => {
      await sealer.sealPending();
      await sealer.checkpoint();
    });
    progress('verify vs raw scan');
    // Alternating, twice each, and each side's better run counts: the ceiling was the better of two
    // scans while verify ran once (the first run also pays for starting its worker thread).
    const verifyOnce = () => timed(async () => {
      // As `diaban verify` runs on PostgreSQL: events hashed on a worker thread with its own connections.
      const result = await verifyLedger(database, { connection: { url: options.databaseUrl, schema, appRole: 'diaban_bench_app' } });
      if (!result.ok) throw new Error(`verify failed: ${result.failure?.message}`);
    });
    const rawMs = await timed(() => rawScan(database));
    const verifyMs1 = await verifyOnce();
    const rawMs2 = await timed(() => rawScan(database));
    const verifyMs = Math.min(verifyMs1, await verifyOnce());

    progress('appends with sealing off and on, interleaved');
    const perPhase = size.appends / (2 * ROUNDS);
    // One live sealer, stopped between its phases, as a server runs one: it keeps the tree and
    // each stream's newest leaf hash from batch to batch (a new sealer per phase looked up the
    // previous leaf of all 2,000 streams again, a query in most of its batches).
    const live = new Sealer(database, store, { key });
    /** Per phase with the sealer: from the last append answered to its event sealed. */
    const drains: number[] = [];
    const phase = async (on: boolean): Promise<number> => {
      if (!on) return (await appendRate(store, perPhase, null)).rate;
      // The sealer starts caught up, as it runs in a server: the phase without it left its
      // appends unsealed, and sealing them during the next phase would charge that phase for the
      // other's work (measured before this: each "on" phase sealed twice the events it appended).
      await live.sealPending();
      await live.start();
      try {
        const { rate, drainMs } = await appendRate(store, perPhase, database);
        drains.push(drainMs);
        return rate;
      } finally {
        await live.stop();
      }
    };
    // Not counted: the first phase ran a third slower than the next ones (JIT, connections, the
    // tables' first pages), and it was always a phase without the sealer.
    await phase(false);
    await phase(true);
    const rates = { off: [] as number[], on: [] as number[] };
    drains.length = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Off-on, then on-off: a drift in the machine's load during a round falls on both alike.
      for (const on of round % 2 === 0 ? [false, true] : [true, false]) (on ? rates.on : rates.off).push(await phase(on));
    }
    await sealer.sealPending();

    progress(`growing the log to ${size.proofs} leaves`);
    const head = Number(await store.headPosition());
    await load(store, head, size.proofs - head);
    await sealer.sealPending();
    const checkpoint = await sealer.checkpoint();
    const reader = new LedgerReader(database);
    // Warm-up, not counted: each pooled connection plans the proof function on its first call and
    // the JIT compiles the proof path; a latency figure is about the server in steady state.
    for (let i = 0; i < size.proofRequests / 10; i++) {
      await reader.inclusionProof(BigInt(1 + Math.floor(Math.random() * Number(checkpoint.treeSize))), checkpoint.treeSize);
    }
    const latencies: number[] = [];
    const proofMs = await timed(async () => {
      for (let i = 0; i < size.proofRequests; i++) {
        const position = BigInt(1 + Math.floor(Math.random() * Number(checkpoint.treeSize)));
        const start = performance.now();
        await reader.inclusionProof(position, checkpoint.treeSize);
        latencies.push(performance.now() - start);
      }
    });

    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const figures: Record<string, Figure> = {
      seal: { value: perSecond(size.verify, sealMs), unit: 'events/s' },
      verify: { value: perSecond(size.verify, verifyMs), unit: 'events/s' },
      raw_scan_sha256: { value: perSecond(size.verify, Math.min(rawMs, rawMs2)), unit: 'rows/s' },
      append_sealing_off: { value: mean(rates.off), unit: 'events/s' },
      append_sealing_on: { value: mean(rates.on), unit: 'events/s' },
      seal_drain_p50_ms: { value: percentile(drains, 0.5), unit: 'ms' },
      seal_drain_max_ms: { value: Math.max(...drains), unit: 'ms' },
      inclusion_proofs: { value: perSecond(size.proofRequests, proofMs), unit: 'proofs/s' },
      inclusion_proof_p50_ms: { value: percentile(latencies, 0.5), unit: 'ms' },
      inclusion_proof_p99_ms: { value: percentile(latencies, 0.99), unit: 'ms' },
    };
    const ratios: Record<keyof typeof TARGETS, Ratio> = {
      verify_vs_raw: { value: figures.verify!.value / figures.raw_scan_sha256!.value, target: TARGETS.verify_vs_raw },
      append_sealing_on_vs_off: { value: figures.append_sealing_on!.value / figures.append_sealing_off!.value, target: TARGETS.append_sealing_on_vs_off },
    };
    const r = (name: string) => formatRate(figures[name]!.value);
    return {
      suite: 'ledger',
      figures,
      ratios,
      databases: [server],
      tables: [
        {
          title: `Ledger on ${server} (${size.verify} events verified, proofs at ${checkpoint.treeSize} leaves)`,
          columns: ['measure', 'value'],
          rows: [
            ['seal (leaf bytes, hashes, perfect subtrees, checkpoint)', `${r('seal')} events/s`],
            ['diaban verify (recompute leaves, chains, tree, checkpoints)', `${r('verify')} events/s`],
            ['raw ceiling: keyset scan + SHA-256 of stored data', `${r('raw_scan_sha256')} rows/s`],
            ['appendToStream ×8, sealer stopped', `${r('append_sealing_off')} events/s`],
            ['appendToStream ×8, sealer running live', `${r('append_sealing_on')} events/s`],
            ['sealer running live: last append answered → sealed, p50 / max', `${figures.seal_drain_p50_ms!.value.toFixed(0)} / ${figures.seal_drain_max_ms!.value.toFixed(0)} ms`],
            ['inclusion proofs (sequential)', `${r('inclusion_proofs')} proofs/s`],
            ['inclusion proof p50 / p99', `${figures.inclusion_proof_p50_ms!.value.toFixed(2)} / ${figures.inclusion_proof_p99_ms!.value.toFixed(2)} ms (target p99 ≤ ${PROOF_P99_TARGET_MS})`],
          ],
          notes: [
            `Proof p99 ${figures.inclusion_proof_p99_ms!.value.toFixed(2)} ms against the target of ${PROOF_P99_TARGET_MS} ms: ${figures.inclusion_proof_p99_ms!.value <= PROOF_P99_TARGET_MS ? 'met' : 'MISSED'}.`,
            `Appends: single-event appendToStream from 8 writers, ${size.appends / (2 * ROUNDS)} events a phase, ${ROUNDS} phases without the sealer and ${ROUNDS} with it running live in the same process (LISTEN/NOTIFY, a checkpoint a second), in rounds alternating off-on and on-off after one uncounted phase of each; the sealer starts each phase caught up, as in a server, and a phase with it ends when it has sealed the phase's last event (that wait is the "last append answered → sealed" line, and counts in the phase's time).`,
            'The raw ceiling is single-threaded: one keyset query at a time, SHA-256 on the main thread. diaban verify uses two threads as it does on PostgreSQL: a worker reads, splices and hashes the events while the main thread reads the leaves, compares and rebuilds the tree, each keeping two pages in flight. The ceiling is the better of two scans and verify the better of two runs, alternating (scan, verify, scan, verify).',
          ],
        },
        ratioTable(ratios),
      ],
    };
  } finally {
    await store.close();
    await database.close();
    await database.withOwner((db) => sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(db));
  }
}

/** Appends `count` events in batches of 1,000 over 2,000 streams (bulk setup, not what is measured). */
async function load(store: PostgresEventStore, from: number, count: number): Promise<void> {
  const batches = Math.ceil(count / 1000);
  await runConcurrently(batches, 4, async (b) => {
    const n = Math.min(1000, count - b * 1000);
    await store.appendToStream(`bench-${(from / 1000 + b) % 2000}`, Array.from({ length: n }, (_, i) => event(from + b * 1000 + i)));
    if (b % 100 === 0) progress(`  ${from + b * 1000} events`);
  });
}

/**
 * Single-event appends from 8 concurrent writers over 2,000 streams; events per second. With a
 * live sealer (`sealed` given), the clock stops only once it has sealed the phase's last event:
 * what it leaves unsealed at the last append is this phase's work, not the next one's.
 */
async function appendRate(store: PostgresEventStore, count: number, sealed: Database | null): Promise<{ rate: number; drainMs: number }> {
  let drainMs = 0;
  const ms = await timed(async () => {
    await runConcurrently(count, 8, (i) => store.appendToStream(`append-${i % 2000}`, [event(i)]));
    if (sealed === null) return;
    const answered = performance.now();
    const head = await store.headPosition();
    while ((await sealedHead(sealed.db)).lastPosition < head) await new Promise((ok) => setTimeout(ok, 2));
    drainMs = performance.now() - answered;
  });
  return { rate: perSecond(count, ms), drainMs };
}

/** The ceiling for verify: read the same rows by keyset pages and hash each one's stored bytes. */
async function rawScan(database: Database): Promise<void> {
  for (let after = 0n; ; ) {
    const rows = await sql<{ global_position: string; data: string; metadata: string }>`
      SELECT global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at, recorded_at
      FROM events WHERE global_position > ${after.toString()} ORDER BY global_position LIMIT 5000`.execute(database.db);
    if (rows.rows.length === 0) return;
    for (const row of rows.rows) createHash('sha256').update(row.data).digest();
    after = BigInt(rows.rows[rows.rows.length - 1]!.global_position);
  }
}
