import type { Kysely } from 'kysely';
import type { DomainEvent, EventType } from '#events/registry.js';
import type { EventMetadata } from '../store/EventStore.js';

// Projections write through the transaction they are given; tables are typed where they are queried.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Executor = Kysely<any>;

/** An event as a projection sees it: decoded (upcast) domain data plus where and when it happened. */
export type ProjectedEvent = DomainEvent & {
  position: bigint;
  streamId: string;
  streamVersion: bigint;
  eventId: string;
  occurredAt: Date;
  recordedAt: Date;
  metadata: EventMetadata;
};

/** logical table name → physical table name of the build being written or read. */
export type TableNames<Logical extends string = string> = Readonly<Record<Logical, string>>;

/**
 * A read model: named, versioned, declaring the events it handles. `apply` must be idempotent per
 * event position (the runner never hands it an event twice, but a rebuild replays everything), and
 * runs inside the transaction that also moves the checkpoint. Bump `version` when the tables or the
 * logic change: the runner builds the new version beside the old and switches when caught up.
 */
export interface Projection<Logical extends string = string> {
  readonly name: string;
  readonly version: number;
  readonly eventTypes: readonly EventType[];
  /** DDL per logical table, given its physical name (CREATE TABLE … and the indexes `apply` reads by). */
  readonly tables: Readonly<Record<Logical, (physical: string) => string>>;
  /**
   * Indexes only queries and the derived tables' recounts read, per logical table, given its
   * physical name (`CREATE INDEX IF NOT EXISTS …`). A build that is not active yet is filled
   * without them and gets them when promoted, before its recount: one sort per index over the
   * filled table instead of an insertion per row written, and per row version an update leaves.
   * The first build of a read model, which answers queries while it fills, has them from the start.
   */
  readonly queryIndexes?: Readonly<Partial<Record<Logical, (physical: string) => string>>>;
  apply(trx: Executor, events: readonly ProjectedEvent[], tables: TableNames<Logical>, options?: ApplyOptions): Promise<void>;
  /**
   * Recounts every row of the tables the projection derives from its other tables (pre-counted
   * figures: a pure function of those rows). A projection that has some recounts what each batch
   * touched, unless told to defer; then the runner calls this once, when the build is promoted.
   */
  recountDerived?(trx: Executor, tables: TableNames<Logical>): Promise<void>;
}

export interface ApplyOptions {
  /**
   * The build is not active yet (a rebuild, a new version catching up): nobody reads it, so the
   * derived tables are recounted once at promotion (recountDerived) instead of after every batch.
   */
  readonly deferDerived?: boolean;
}
