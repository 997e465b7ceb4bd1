import type { Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';
import { applyContextEvents, contextEventTypes, contextTableDdl } from './context.js';
import { visitEventTypes, visitsTableDdl } from './visits.js';
import { applyVisitEvents } from './visitBatch.js';

type Tables = 'attendance_visits' | 'attendance_context';

/**
 * Yearly attendance at the grassroots: the visits (with their activities) and the context the
 * quota needs. Days, visits, activities and the quota are counted when queried (queries.ts), so a
 * backdated assignment, transfer or policy amendment changes every year it touches at once.
 */
export const attendance: Projection<Tables> = {
  name: 'attendance',
  version: 1,
  eventTypes: [...visitEventTypes, ...contextEventTypes],
  tables: { attendance_visits: visitsTableDdl, attendance_context: contextTableDdl },
  async apply(trx: Executor, events: readonly ProjectedEvent[], tables: TableNames<Tables>) {
    await applyVisitEvents(trx, tables.attendance_visits, await applyContextEvents(trx, tables.attendance_context, events));
  },
};
