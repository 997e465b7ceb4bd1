import fc from 'fast-check';
import t from 'tap';
import type { BoardEvent } from '#events/registry.js';
import { evolve, evolveAll, initialState, type BoardState } from '../../src/domain/board/state.js';

// evolveAll folds a run of board events into one private copy; it must give what folding them one
// evolve at a time gives, whatever the order (repeats, ends of unknown or ended assignments,
// rotations), and never change a state a caller holds.

const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004'];
const cadre = '00000000-0000-4000-8000-0000000000c1';
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2024-03-${String(d).padStart(2, '0')}`);
const id = fc.constantFrom(...ids);

const event: fc.Arbitrary<BoardEvent> = fc.oneof(
  fc.record({ assignmentId: id, from: day }).map(({ assignmentId, from }): BoardEvent => ({
    type: 'CadreAssigned',
    data: { assignmentId, committeeUnitCode: '15', cadreId: cadre, unitCode: '02809', kind: 'follow', decisionRef: '1-QĐ/TU', decisionDate: '2024-01-02', effectiveFrom: from, congressTerm: '2020-2025' },
  })),
  fc.record({ assignmentId: id, on: day }).map(({ assignmentId, on }): BoardEvent => ({
    type: 'AssignmentEnded', data: { assignmentId, reason: 'replaced', effectiveDate: on },
  })),
  fc.record({ ended: id, next: id, on: day }).map(({ ended, next, on }): BoardEvent => ({
    type: 'CadreRotated',
    data: { committeeUnitCode: '15', cadreId: cadre, endedAssignmentId: ended, assignmentId: next, unitCode: '02812', kind: 'follow', decisionRef: '2-QĐ/TU', decisionDate: '2024-02-01', effectiveDate: on, congressTerm: '2020-2025', reason: 'rotation' },
  })),
);

const snapshot = (s: BoardState) => JSON.stringify([...s.assignments]);

/** The board's rules restated without the domain's code: assigned once; only an assignment in effect ends. */
function reference(events: readonly BoardEvent[]): string {
  const byId = new Map<string, { unitCode: string; effectiveFrom: string; ended: string | null }>();
  const assign = (id: string, unitCode: string, from: string) => { if (!byId.has(id)) byId.set(id, { unitCode, effectiveFrom: from, ended: null }); };
  const end = (id: string, on: string) => { const a = byId.get(id); if (a && a.ended === null) a.ended = on; };
  for (const e of events) {
    if (e.type === 'CadreAssigned') assign(e.data.assignmentId, e.data.unitCode, e.data.effectiveFrom);
    if (e.type === 'AssignmentEnded') end(e.data.assignmentId, e.data.effectiveDate);
    if (e.type === 'CadreRotated') { end(e.data.endedAssignmentId, e.data.effectiveDate); assign(e.data.assignmentId, e.data.unitCode, e.data.effectiveDate); }
  }
  return JSON.stringify([...byId]);
}
const essentials = (s: BoardState) => JSON.stringify([...s.assignments].map(([id, a]) => [id, { unitCode: a.unitCode, effectiveFrom: a.effectiveFrom, ended: a.ended?.effectiveDate ?? null }]));

t.test('evolveAll equals a fold of evolve and leaves the given state as it was', async (t) => {
  fc.assert(fc.property(fc.array(event, { maxLength: 12 }), fc.array(event, { maxLength: 12 }), (first, rest) => {
    const start = first.reduce(evolve, initialState());
    const before = snapshot(start);
    const all = evolveAll(start, rest);
    return snapshot(all) === snapshot(rest.reduce(evolve, start)) && snapshot(start) === before
      && essentials(all) === reference([...first, ...rest]);
  }), { numRuns: 2000 });
  t.pass('2,000 random runs');
});
