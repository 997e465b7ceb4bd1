import type { BoardEvent } from '#events/registry.js';
import { boardDecider, cadreOf, isInEffectOn, type BoardState } from '../../domain/board/index.js';
import { addDays } from '../../domain/time.js';
import type { EvidenceEvent, Rule } from '../Evidence.js';
import { judgedAt, missing, ofType, positions, visitOf } from './select.js';

const BOARD_TYPES = ['CadreAssigned', 'CadreRotated', 'AssignmentEnded'] as const;

/**
 * The cadre was assigned to the visited unit (or to the commune it belongs to, `params.unitCodes`)
 * on every day of the visit, as the ledger knew it when the record was made: board events recorded
 * later (a backdated assignment decision entered afterwards) do not count. Bitemporal: valid time
 * from the decisions' dates, transaction time from the events' recording.
 */
export const assigned: Rule = (subject, events, params) => {
  const visit = visitOf(subject, events);
  const record = judgedAt(subject, events);
  if (!visit || !record) return missing(!visit ? 'the visit' : 'the report');
  const { cadreId, unitCode, startDate, endDate } = visit.event.data;
  const known = ofType(events, ...BOARD_TYPES).filter((e) => e.recordedAt <= record.recordedAt);
  const boards = foldBoards(known);
  const units = new Set([unitCode, ...(params.unitCodes ?? [])]);
  const uncovered: string[] = [];
  for (let day = startDate; day <= endDate; day = addDays(day, 1)) {
    const covered = boards.some((board) =>
      [...board.assignments.values()].some((a) => cadreOf(a) === cadreId && units.has(a.unitCode) && isInEffectOn(a, day)),
    );
    if (!covered) uncovered.push(day);
  }
  const restsOn = positions(visit, record, ...known);
  const asOf = `as the ledger knew it at ${record.recordedAt}`;
  return uncovered.length === 0
    ? { ok: true, detail: `assigned to unit ${[...units].join(' / ')} on every day ${startDate}–${endDate}, ${asOf}`, restsOn }
    : { ok: false, detail: `not assigned to unit ${unitCode} on ${uncovered.join(', ')}, ${asOf}`, restsOn };
};

/** Each board stream folded on its own by the board's evolve. */
function foldBoards(events: readonly EvidenceEvent[]): BoardState[] {
  const byStream = new Map<string, BoardEvent[]>();
  const sorted = [...events].sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
  for (const e of sorted) {
    if (e.event.type !== 'CadreAssigned' && e.event.type !== 'CadreRotated' && e.event.type !== 'AssignmentEnded') continue;
    const stream = byStream.get(e.streamId);
    if (stream === undefined) byStream.set(e.streamId, [e.event]);
    else stream.push(e.event);
  }
  return [...byStream.values()].map((stream) => boardDecider.evolveAll!(boardDecider.initialState(), stream));
}
