import { randomUUID } from 'node:crypto';

/**
 * The store suite's workload, shared by every contender (diaban, the raw ceiling, Emmett in its child
 * process), so that all of them write the same events to the same stream layout.
 */
export interface WorkloadSize {
  /** Single-event appends per mode (sequential, concurrent). */
  events: number;
  /** Streams the single-event appends spread over. */
  streams: number;
  /** Concurrent writers in the `c8` mode. */
  writers: number;
  /** Events per batch append (and rows per multi-row INSERT). */
  batchSize: number;
  /** Batch appends (and multi-row INSERTs) per contender. */
  batches: number;
  /** Each figure is measured in this many rounds, interleaved between contenders. */
  rounds: number;
}

export const FULL: WorkloadSize = { events: 20_000, streams: 2_000, writers: 8, batchSize: 1_000, batches: 20, rounds: 4 };
export const QUICK: WorkloadSize = { events: 400, streams: 40, writers: 8, batchSize: 1_000, batches: 2, rounds: 2 };

export type Mode = 'seq' | 'c8';

/** One event's content; ids are fresh per event, the rest the same for everyone. */
export interface BenchEvent {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: { actor: string; role: string; correlationId: string; causationId: string | null; requestId: string };
  occurredAt: Date;
}

const occurredAt = new Date('2025-07-01T08:00:00.000Z');
const metadata = {
  actor: 'cadre:0a1b2c3d',
  role: 'officer',
  correlationId: '5f0c6a52-3d2e-4a8b-9f1e-2c7d8b9a0e11',
  causationId: null,
  requestId: 'req-7f3a9c',
};

/** A realistic event (~300 bytes of JSON with Vietnamese text). */
export function benchEvent(n: number): BenchEvent {
  return {
    eventId: randomUUID(),
    type: 'VisitLogged',
    data: {
      visitId: `visit-${n}`,
      cadreId: 'cadre-0a1b2c3d',
      unitCode: '02659',
      unitName: 'Xã Bát Xát, tỉnh Lào Cai',
      startedOn: '2025-07-01',
      endedOn: '2025-07-03',
      purpose: 'Nắm tình hình sản xuất vụ mùa và đời sống nhân dân',
      participants: 3,
    },
    metadata,
    occurredAt,
  };
}

/**
 * Where each writer's next single-event append goes: writer w owns streams/writers streams and walks
 * them round-robin, so it always knows the exact expected version (what a command handler sends) and
 * no two writers ever race on one stream.
 */
export class StreamCursors {
  readonly #counts: number[];
  constructor(
    readonly prefix: string,
    readonly size: WorkloadSize,
    readonly writers: number,
  ) {
    this.#counts = Array.from({ length: writers }, () => 0);
  }

  next(writer: number): { streamId: string; expectedVersion: bigint; n: number } {
    const perWriter = this.size.streams / this.writers;
    const n = this.#counts[writer]!++;
    const stream = writer * perWriter + (n % perWriter);
    return { streamId: `${this.prefix}-${stream}`, expectedVersion: BigInt(Math.floor(n / perWriter)), n };
  }
}

export function writersFor(mode: Mode, size: WorkloadSize): number {
  return mode === 'seq' ? 1 : size.writers;
}
