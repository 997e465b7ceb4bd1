import { sql } from 'kysely';
import type { IsoDate } from '#events/common.js';
import { decodeEvent, isEventType, registry, type DomainEvent, type EventOf } from '#events/registry.js';
import type { StreamFamily } from '#events/streams.js';
import { evolve as agencyEvolve, initialState as agencyInitial, type AgencyState } from '#src/domain/agency/state.js';
import { cadreOf } from '#src/domain/board/queries.js';
import { evolveAll as boardEvolveAll, initialState as boardInitial, type Assignment, type BoardState } from '#src/domain/board/state.js';
import { evolve as cadreEvolve, initialState as cadreInitial, postingOn, type CadreState, type Posting } from '#src/domain/cadre/state.js';
import { evolve as policyEvolve, initialState as policyInitial, type PolicyState } from '#src/domain/policy/state.js';
import { parentOn } from '#src/domain/unit/queries.js';
import { evolve as unitEvolve, initialState as unitInitial, type UnitState } from '#src/domain/unit/state.js';
import type { Executor } from '#src/projections/Projection.js';

/** The context streams folded with the domain's evolve, keyed by the id in the stream name. */
export interface Context {
  readonly units: ReadonlyMap<string, UnitState>;
  readonly agencies: ReadonlyMap<string, AgencyState>;
  readonly cadres: ReadonlyMap<string, CadreState>;
  readonly policies: ReadonlyMap<string, PolicyState>;
  readonly boards: ReadonlyMap<string, BoardState>;
}

function isOf<F extends StreamFamily>(event: DomainEvent, family: F): event is EventOf<F> {
  return registry[event.type].family === family;
}

function fold<S, E>(map: Map<string, S>, key: string, initial: () => S, evolve: (s: S, e: E) => S, event: E): void {
  map.set(key, evolve(map.get(key) ?? initial(), event));
}

/**
 * Folded contexts by database and table. A build's context table only ever gains rows, each batch
 * those after its checkpoint (inserts, never updates), so within one build the highest position
 * names its content; the active build's version and generation name the build (a rebuild or a new
 * version switches the view to other tables). A query reuses the fold until the runner applies a
 * new context event. Both are index lookups: the row count it used to take as well was a scan of
 * the table, 1.2 ms of PostgreSQL per dashboard answer at 6,812 context events.
 */
const folded = new WeakMap<object, Map<string, { stamp: string; context: Context }>>();

/** The projection whose context `table` is: every read model keeping one names it `<projection>_context` (context.ts). */
function projectionOf(table: string): string {
  if (!table.endsWith('_context')) throw new Error(`${table} is not a read model's context table (<projection>_context)`);
  return table.slice(0, -'_context'.length);
}

/** Loads and folds a read model's context table (see context.ts) in position order. */
export async function loadContext(db: Executor, table: string): Promise<Context> {
  const stampRow = await sql<{ stamp: string }>`
    SELECT coalesce((SELECT version || 'g' || generation FROM projection_state WHERE name = ${projectionOf(table)} AND status = 'active'), '-')
           || '/' || coalesce((SELECT max(position) FROM ${sql.table(table)}), 0)::text AS stamp`.execute(db);
  const stamp = stampRow.rows[0]?.stamp ?? '';
  const byTable = folded.get(db) ?? new Map<string, { stamp: string; context: Context }>();
  folded.set(db, byTable);
  const cached = byTable.get(table);
  if (cached?.stamp === stamp) return cached.context;
  const context = await foldContext(db, table);
  byTable.set(table, { stamp, context });
  return context;
}

/**
 * The context as a projection's transaction sees it (its own batch's context events included), for
 * read models that store what they derive from it. A transaction is a new executor each time, so
 * the fold is kept under the table's name and a digest of its whole content (which also tells
 * apart databases with the same table names, as tests have): a batch without context events folds
 * nothing, and one with some folds once.
 */
const foldedByContent = new Map<string, { digest: string; context: Context }>();

export async function loadContextIn(trx: Executor, table: string): Promise<Context> {
  const digest = (await sql<{ d: string }>`
    SELECT count(*)::text || '/' || md5(coalesce(string_agg(position::text || ' ' || stream_id || ' ' || type || ' ' || data::text, '|' ORDER BY position), '')) AS d
    FROM ${sql.table(table)}`.execute(trx)).rows[0]!.d;
  const cached = foldedByContent.get(table);
  if (cached?.digest === digest) return cached.context;
  const context = await foldContext(trx, table);
  foldedByContent.set(table, { digest, context });
  return context;
}

async function foldContext(db: Executor, table: string): Promise<Context> {
  const rows = await sql<{ stream_id: string; type: string; data: unknown }>`
    SELECT stream_id, type, data FROM ${sql.table(table)} ORDER BY position`.execute(db);
  const units = new Map<string, UnitState>();
  const agencies = new Map<string, AgencyState>();
  const cadres = new Map<string, CadreState>();
  const policies = new Map<string, PolicyState>();
  // A board's events are folded in one evolveAll (a board of thousands of assignments copied its map per event).
  const boardEvents = new Map<string, EventOf<'board'>[]>();
  for (const row of rows.rows) {
    if (!isEventType(row.type)) continue;
    // Stored after decoding, so it is at the current schema version; decoding again re-validates it.
    const event = decodeEvent(row.type, registry[row.type].schemaVersion, row.data);
    const key = row.stream_id.slice(row.stream_id.indexOf('-') + 1);
    if (isOf(event, 'unit')) fold(units, key, unitInitial, unitEvolve, event);
    else if (isOf(event, 'agency')) fold(agencies, key, agencyInitial, agencyEvolve, event);
    else if (isOf(event, 'cadre')) fold(cadres, key, cadreInitial, cadreEvolve, event);
    else if (isOf(event, 'policy')) fold(policies, key, policyInitial, policyEvolve, event);
    else if (isOf(event, 'board')) {
      const events = boardEvents.get(key);
      if (events === undefined) boardEvents.set(key, [event]);
      else events.push(event);
    }
  }
  const boards = new Map<string, BoardState>([...boardEvents].map(([key, events]) => [key, boardEvolveAll(boardInitial(), events)]));
  return { units, agencies, cadres, policies, boards };
}

/** The unit and its ancestors on a date, nearest first (parents are dated: a reparenting moves it). */
export function ancestorsOf(ctx: Context, code: string, date: IsoDate): readonly string[] {
  // Asked for every row's unit (province, district, scope, policy): the same unit and day repeat.
  return memoIn(memoOn(ctx, 'ancestors', newMemo<readonly string[]>), code, date, () => chainOf(ctx, code, date));
}

/** How a caller finds a unit's chain on a date: ancestorsOf (kept) or chainOn (worked out each time). */
export type ChainOf = (ctx: Context, code: string, date: IsoDate) => readonly string[];

/**
 * ancestorsOf without keeping the answer: for a caller whose units and dates rarely repeat (a
 * recount of every visit: 252,000 visits on as many unit-days), where keeping each chain cost
 * more than walking it.
 */
export const chainOn: ChainOf = chainOf;

function chainOf(ctx: Context, code: string, date: IsoDate): string[] {
  const chain: string[] = [];
  for (let current: string | null | undefined = code; current && chain.length < 8; ) {
    chain.push(current);
    const state = ctx.units.get(current);
    current = state?.status === 'established' ? parentOn(state, date) : null;
  }
  return chain;
}

function ancestorAt(ctx: Context, code: string, date: IsoDate, level: 'province' | 'district'): string | null {
  return levelIn(ctx, ancestorsOf(ctx, code, date), level);
}

/** The unit of `level` in a unit's chain (ancestorsOf, chainOn), for a caller that has the chain already. */
export function levelIn(ctx: Context, chain: readonly string[], level: 'province' | 'district'): string | null {
  for (const c of chain) {
    const state = ctx.units.get(c);
    if (state?.status === 'established' && state.level === level) return c;
  }
  return null;
}

export const provinceOf = (ctx: Context, code: string, date: IsoDate): string | null => ancestorAt(ctx, code, date, 'province');
export const districtOf = (ctx: Context, code: string, date: IsoDate): string | null => ancestorAt(ctx, code, date, 'district');

export function postingOf(ctx: Context, cadreId: string, date: IsoDate): Posting | null {
  const cadre = ctx.cadres.get(cadreId);
  return cadre?.status === 'registered' ? postingOn(cadre, date) : null;
}

export function agencyUnitOf(ctx: Context, agencyId: string): string | null {
  const agency = ctx.agencies.get(agencyId);
  return agency?.status === 'registered' ? agency.unitCode : null;
}

/**
 * Answers computed from a folded context, kept with it. A Context never changes once folded (a new
 * context event folds a new one, see loadContext), so what is derived from it holds as long as it
 * lives: a dashboard query asks the same cadre's assignments, quota or policy for every row and
 * visit, and recomputing them was most of its time.
 */
const derived = new WeakMap<Context, Map<string, unknown>>();

export function memoOn<T>(ctx: Context, key: string, compute: () => T): T {
  return cached(inner(derived, ctx), key, compute) as T;
}

/** A two-level memo (first key, then second): hashing two short keys beats building and hashing one long one. */
export type Memo<T> = Map<string, Map<string, T>>;
export const newMemo = <T>(): Memo<T> => new Map();

export function memoIn<T>(memo: Memo<T>, first: string, second: string, compute: () => T): T {
  return cached(inner(memo, first), second, compute);
}

function inner<K, V>(outer: { get(k: K): Map<string, V> | undefined; set(k: K, v: Map<string, V>): unknown }, key: K): Map<string, V> {
  let map = outer.get(key);
  if (map === undefined) {
    map = new Map();
    outer.set(key, map);
  }
  return map;
}

function cached<T>(map: Map<string, T>, key: string, compute: () => T): T {
  // One lookup on the hot path (a dashboard asks tens of thousands per answer).
  const hit = map.get(key);
  if (hit !== undefined || map.has(key)) return hit as T;
  const value = compute();
  map.set(key, value);
  return value;
}

/**
 * Every assignment of a cadre, on every board (boards in fold order, each board's in its order).
 * Kept with the context and shared: callers read it, never change it.
 */
export function assignmentsOf(ctx: Context, cadreId: string): readonly Assignment[] {
  const byCadre = memoOn(ctx, 'assignments-by-cadre', () => {
    const index = new Map<string, Assignment[]>();
    for (const board of ctx.boards.values()) {
      for (const a of board.assignments.values()) {
        const cadre = cadreOf(a);
        if (cadre !== null) index.set(cadre, [...(index.get(cadre) ?? []), a]);
      }
    }
    return index;
  });
  return byCadre.get(cadreId) ?? [];
}

/** The context's policies as a list, kept with it (policy/queries.policyFactFor takes a list). */
export function policiesOf(ctx: Context): readonly PolicyState[] {
  return memoOn(ctx, 'policy-list', () => [...ctx.policies.values()]);
}
