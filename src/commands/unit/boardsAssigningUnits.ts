import { decodeEvent } from '#events/registry.js';
import type { EventStore } from '../../store/EventStore.js';

/** The only board events that bring a unit onto a board; AssignmentEnded names no unit. */
const UNIT_NAMING_TYPES = ['CadreAssigned', 'AgencyAssignedToSupportUnit', 'CadreRotated'] as const;
const PAGE = 1000;

/** For each unit code, the committees (boards) that ever assigned someone to it. */
export type BoardsByUnit = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Finds the boards that hold assignments to units by scanning the store's board events by type.
 * There is no read model of assignments yet (projections/ has none), and a merge must reach every
 * board, so this reads every assignment event once: thousands of rows, not the whole log, since
 * `readAll` filters by type in the database. A projection "assignments by unit" should replace it.
 */
export async function boardsByAssignedUnit(store: EventStore): Promise<BoardsByUnit> {
  const boards = new Map<string, Set<string>>();
  let fromPosition = 1n;
  for (;;) {
    const page = await store.readAll({ fromPosition, limit: PAGE, types: UNIT_NAMING_TYPES });
    for (const stored of page.events) {
      const event = decodeEvent(stored.type, stored.schemaVersion, stored.data);
      if (event.type !== 'CadreAssigned' && event.type !== 'AgencyAssignedToSupportUnit' && event.type !== 'CadreRotated') continue;
      const committees = boards.get(event.data.unitCode) ?? new Set<string>();
      committees.add(event.data.committeeUnitCode);
      boards.set(event.data.unitCode, committees);
    }
    if (page.events.length < PAGE) return boards;
    fromPosition = page.nextPosition;
  }
}

/** The committees whose boards assigned any of `unitCodes`, sorted. */
export function boardsAssigning(boards: BoardsByUnit, unitCodes: readonly string[]): string[] {
  return [...new Set(unitCodes.flatMap((code) => [...(boards.get(code) ?? [])]))].sort();
}
