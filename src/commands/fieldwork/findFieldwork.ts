import { DomainError } from '../../domain/errors.js';
import type { EventStore } from '../../store/EventStore.js';
import { reportKey, visitKey } from '../facts/streamKeys.js';

/** The fieldwork stream holding a visit; VISIT_NOT_FOUND when none claimed its id. */
export async function findVisitStream(store: EventStore, visitId: string): Promise<string> {
  const streamId = await store.lookupStream(visitKey(visitId));
  if (streamId === null) throw new DomainError('VISIT_NOT_FOUND', undefined, 'visitId');
  return streamId;
}

export async function findReportStream(store: EventStore, reportId: string): Promise<string> {
  const streamId = await store.lookupStream(reportKey(reportId));
  if (streamId === null) throw new DomainError('REPORT_NOT_FOUND', undefined, 'reportId');
  return streamId;
}
