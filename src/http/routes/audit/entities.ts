import { z } from 'zod';
import { boardStream, cadreStream, unitStream } from '#events/streams.js';
import { reportKey, visitKey } from '../../../commands/facts/streamKeys.js';
import { deciders } from '../../../domain/index.js';
import type { EventStore } from '../../../store/EventStore.js';
import { foldAs, replayStream, type ReplayBound, type Replayed } from './replay.js';

export const EntityKind = z.enum(['cadre', 'unit', 'board', 'visit', 'report']);
export type EntityKind = z.infer<typeof EntityKind>;

/**
 * The stream holding an entity: named after it for cadres, units and boards (events/streams.ts),
 * found through the key its first event claimed for visits and reports (commands/facts/streamKeys.ts).
 */
async function streamOf(store: EventStore, kind: EntityKind, id: string): Promise<string | null> {
  switch (kind) {
    case 'cadre': return cadreStream(id);
    case 'unit': return unitStream(id);
    case 'board': return boardStream(id);
    case 'visit': return store.lookupStream(visitKey(id));
    case 'report': return store.lookupStream(reportKey(id));
    default: {
      const _: never = kind;
      return null;
    }
  }
}

/** A visit or a report is one entry of its cadre's fieldwork year: narrowed to it (null before it existed). */
function narrow(kind: EntityKind, id: string, replayed: Replayed): unknown {
  if (kind !== 'visit' && kind !== 'report') return replayed.state;
  const fieldwork = foldAs(replayed.events, 'fieldwork', deciders.fieldwork);
  if (kind === 'visit') {
    const visit = fieldwork.visits.get(id) ?? null;
    return visit === null ? null : { visit, report: visit.reportId === null ? null : fieldwork.reports.get(visit.reportId) ?? null };
  }
  const report = fieldwork.reports.get(id) ?? null;
  return report === null ? null : { report, visit: fieldwork.visits.get(report.visitId) ?? null };
}

/** Null when no stream holds the entity (or it has no event at all). */
export async function replayEntity(store: EventStore, kind: EntityKind, id: string, bound: ReplayBound): Promise<Replayed | null> {
  const streamId = await streamOf(store, kind, id);
  if (streamId === null || (await store.streamVersion(streamId)) === 0n) return null;
  const replayed = await replayStream(store, streamId, bound);
  return replayed === null ? null : { ...replayed, state: narrow(kind, id, replayed) };
}
