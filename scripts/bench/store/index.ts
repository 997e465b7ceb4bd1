import type { SuiteOptions } from '../index.js';
import { ratioTable, type Figure, type Ratio, type SuiteReport, type Table } from '../lib/report.js';
import { packageVersion } from '../lib/machine.js';
import { formatRate } from '../lib/table.js';
import { perSecond } from '../lib/timing.js';
import { runOnPglite, type PgliteResults } from './pglite.js';
import { runOnPostgres, type PostgresResults } from './postgres.js';
import { FULL, QUICK, type WorkloadSize } from './workload.js';

/** Targets from the issue: ours ÷ theirs. */
const TARGETS = {
  append_seq_vs_raw: 0.8,
  append_c8_vs_raw: 0.8,
  append_seq_vs_emmett: 1.5,
  append_c8_vs_emmett: 1.5,
  append_batch_vs_multirow: 0.5,
  readall_vs_scan: 0.7,
} as const;

/** `npm run bench -- store`: see the "Benchmark" section and BENCHMARKS.md. */
export async function runStoreSuite(options: SuiteOptions): Promise<SuiteReport> {
  const size = options.quick ? QUICK : FULL;
  const pg = await runOnPostgres(options.databaseUrl, size);
  const lite = await runOnPglite(size);
  const figures = { ...postgresFigures(pg, size), ...pgliteFigures(lite, size) };
  const rate = (name: string) => figures[name]!.value;
  const ratios: Record<keyof typeof TARGETS, Ratio> = {
    append_seq_vs_raw: { value: rate('append_seq') / rate('raw_insert_seq'), target: TARGETS.append_seq_vs_raw },
    append_c8_vs_raw: { value: rate('append_c8') / rate('raw_insert_c8'), target: TARGETS.append_c8_vs_raw },
    append_seq_vs_emmett: { value: rate('append_seq') / rate('emmett_append_seq'), target: TARGETS.append_seq_vs_emmett },
    append_c8_vs_emmett: { value: rate('append_c8') / rate('emmett_append_c8'), target: TARGETS.append_c8_vs_emmett },
    append_batch_vs_multirow: { value: rate('append_batch') / rate('raw_multirow_insert'), target: TARGETS.append_batch_vs_multirow },
    readall_vs_scan: { value: rate('readall') / rate('keyset_scan'), target: TARGETS.readall_vs_scan },
  };
  return {
    suite: 'store',
    figures,
    ratios,
    tables: [postgresTable(figures, pg, size), ratioTable(ratios), pgliteTable(figures, lite, size)],
    databases: [pg.server, `Emmett (emmett-postgresql) ${packageVersion('@event-driven-io/emmett-postgresql')}`, `PGlite ${lite.version}`],
  };
}

function postgresFigures(pg: PostgresResults, size: WorkloadSize): Record<string, Figure> {
  const ev = (count: number, ms: number): Figure => ({ value: perSecond(count, ms), unit: 'events/s' });
  const batched = size.batches * size.batchSize;
  return {
    raw_insert_seq: ev(size.events, pg.ms.raw.seq),
    raw_insert_c8: ev(size.events, pg.ms.raw.c8),
    raw_multirow_insert: ev(batched, pg.ms.raw.batch),
    append_seq: ev(size.events, pg.ms.diaban.seq),
    append_c8: ev(size.events, pg.ms.diaban.c8),
    append_batch: ev(batched, pg.ms.diaban.batch),
    emmett_append_seq: ev(size.events, pg.ms.emmett.seq),
    emmett_append_c8: ev(size.events, pg.ms.emmett.c8),
    emmett_append_batch: ev(batched, pg.ms.emmett.batch),
    keyset_scan: ev(pg.read.events, pg.read.scanMs),
    readall: ev(pg.read.events, pg.read.readAllMs),
  };
}

function pgliteFigures(lite: PgliteResults, size: WorkloadSize): Record<string, Figure> {
  const ev = (count: number, ms: number): Figure => ({ value: perSecond(count, ms), unit: 'events/s' });
  return {
    pglite_append_seq: ev(size.events, lite.ms.seq),
    pglite_append_c8: ev(size.events, lite.ms.c8),
    pglite_append_batch: ev(size.batches * size.batchSize, lite.ms.batch),
    pglite_readall: ev(lite.read.events, lite.read.readAllMs),
  };
}

function workloadRows(size: WorkloadSize, readEvents: number) {
  const n = (v: number) => v.toLocaleString('en-US');
  return {
    seq: `1 event per call, sequential (${n(size.events)} over ${n(size.streams)} streams)`,
    c8: `1 event per call, ${size.writers} concurrent writers (${n(size.events)} over ${n(size.streams)} streams)`,
    batch: `${n(size.batchSize)} events per call (${size.batches} calls)`,
    read: `read ${n(readEvents)} events from position 0, pages of 1,000`,
  };
}

function postgresTable(f: Record<string, Figure>, pg: PostgresResults, size: WorkloadSize): Table {
  const r = (name: string) => formatRate(f[name]!.value);
  const w = workloadRows(size, pg.read.events / size.rounds);
  return {
    title: `PostgreSQL, events/s (${size.rounds} interleaved rounds per figure)`,
    columns: ['workload', 'raw ceiling', 'diaban', 'Emmett'],
    rows: [
      [w.seq, r('raw_insert_seq'), r('append_seq'), r('emmett_append_seq')],
      [w.c8, r('raw_insert_c8'), r('append_c8'), r('emmett_append_c8')],
      [w.batch, `${r('raw_multirow_insert')} (multi-row INSERT)`, r('append_batch'), r('emmett_append_batch')],
      [w.read, `${r('keyset_scan')} (keyset scan)`, `${r('readall')} (readAll)`, '—'],
    ],
    notes: [
      'Raw ceiling: a plain INSERT of the same row into a table with the same columns and indexes, in its own',
      'transaction, through the same driver (pg). Every append names the exact expected version.',
      `Each single-event call commits and waits for its WAL flush: the raw ceiling's sequential INSERT took`,
      `${(pg.ms.raw.seq / size.events).toFixed(2)} ms per call in this run, which bounds every sequential figure.`,
    ],
  };
}

function pgliteTable(f: Record<string, Figure>, lite: PgliteResults, size: WorkloadSize): Table {
  const w = workloadRows(size, lite.read.events / size.rounds);
  return {
    title: `PGlite ${lite.version} (in-memory), diaban, events/s`,
    columns: ['workload', 'diaban'],
    rows: [
      [w.seq, formatRate(f.pglite_append_seq!.value)],
      [w.c8, formatRate(f.pglite_append_c8!.value)],
      [w.batch, formatRate(f.pglite_append_batch!.value)],
      [w.read, formatRate(f.pglite_readall!.value)],
    ],
  };
}
