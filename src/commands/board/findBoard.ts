import { DomainError } from '../../domain/errors.js';
import type { EventStore } from '../../store/EventStore.js';
import { assignmentKey } from '../facts/streamKeys.js';

/** The board (stream) holding an assignment; ASSIGNMENT_NOT_FOUND when no board claimed its id. */
export async function findBoard(store: EventStore, assignmentId: string, field = 'assignmentId'): Promise<string> {
  const streamId = await store.lookupStream(assignmentKey(assignmentId));
  if (streamId === null) throw new DomainError('ASSIGNMENT_NOT_FOUND', undefined, field);
  return streamId;
}

/** `board-<code>` → `<code>`. */
export function committeeOfBoard(streamId: string): string {
  return streamId.slice('board-'.length);
}
