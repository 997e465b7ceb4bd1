import { decodeEvent, registry, type DomainEvent, type EventOf } from '#events/registry.js';
import { streamFamilyOf, type StreamFamily } from '#events/streams.js';
import { deciders } from '../../../domain/index.js';
import type { EventStore, StoredEvent } from '../../../store/EventStore.js';

/** How far to replay: events recorded at or before `at` (transaction time), or up to `atPosition`. */
export interface ReplayBound {
  readonly at?: Date;
  readonly atPosition?: bigint;
}

export interface Replayed {
  readonly streamId: string;
  readonly family: StreamFamily;
  /** Events folded: the stream's version at that point (0 when none yet). */
  readonly version: bigint;
  /** Global position of the last event folded, null when none. */
  readonly position: bigint | null;
  readonly lastRecordedAt: Date | null;
  readonly state: unknown;
  /** The events folded, decoded. */
  readonly events: readonly DomainEvent[];
}

const PAGE = 1000;

function isOf<F extends StreamFamily>(event: DomainEvent, family: F): event is EventOf<F> {
  return registry[event.type].family === family;
}

export function foldAs<F extends StreamFamily, S>(events: readonly DomainEvent[], family: F, decider: { initialState: () => S; evolve: (s: S, e: EventOf<F>) => S }): S {
  let state = decider.initialState();
  for (const e of events) if (isOf(e, family)) state = decider.evolve(state, e);
  return state;
}

/** The domain's own evolve for the stream's family (src/domain/<family>/state.ts). */
function stateOf(family: StreamFamily, events: readonly DomainEvent[]): unknown {
  switch (family) {
    case 'unit': return foldAs(events, family, deciders.unit);
    case 'agency': return foldAs(events, family, deciders.agency);
    case 'cadre': return foldAs(events, family, deciders.cadre);
    case 'policy': return foldAs(events, family, deciders.policy);
    case 'board': return foldAs(events, family, deciders.board);
    case 'plan': return foldAs(events, family, deciders.plan);
    case 'fieldwork': return foldAs(events, family, deciders.fieldwork);
    case 'recommendation': return foldAs(events, family, deciders.recommendation);
    case 'evaluation': return foldAs(events, family, deciders.evaluation);
    default: {
      const _: never = family;
      return null;
    }
  }
}

const within = (e: StoredEvent, bound: ReplayBound): boolean =>
  (bound.at === undefined || e.recordedAt.getTime() <= bound.at.getTime()) && (bound.atPosition === undefined || e.globalPosition <= bound.atPosition);

/**
 * Replays a stream FROM THE STORE (never the read models): its events, decoded and upcast by the
 * registry, folded with the domain's evolve up to the bound. Null for a name no family owns.
 */
export async function replayStream(store: EventStore, streamId: string, bound: ReplayBound): Promise<Replayed | null> {
  const family = streamFamilyOf(streamId);
  if (family === null) return null;
  const events: DomainEvent[] = [];
  let last: StoredEvent | null = null;
  for (let from = 1n; ; ) {
    const page = await store.readStream(streamId, { fromVersion: from, limit: PAGE });
    const kept = page.filter((e) => within(e, bound));
    for (const e of kept) events.push(decodeEvent(e.type, e.schemaVersion, e.data));
    last = kept.at(-1) ?? last;
    // Versions and positions rise together within a stream, as recording times do: stop at the first past the bound.
    if (page.length < PAGE || kept.length < page.length) break;
    from += BigInt(PAGE);
  }
  return {
    streamId, family, version: last?.streamVersion ?? 0n, position: last?.globalPosition ?? null,
    lastRecordedAt: last?.recordedAt ?? null, state: stateOf(family, events), events,
  };
}

/** Domain states hold Maps and may hold bigints: as plain JSON. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), toJsonValue(v)]));
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  return value;
}

export interface ReplayedJson {
  streamId: string;
  family: StreamFamily;
  version: string;
  position: string | null;
  lastRecordedAt: string | null;
  state: unknown;
}

export function replayedJson(r: Replayed): ReplayedJson {
  return {
    streamId: r.streamId, family: r.family, version: r.version.toString(), position: r.position?.toString() ?? null,
    lastRecordedAt: r.lastRecordedAt?.toISOString() ?? null, state: toJsonValue(r.state),
  };
}
