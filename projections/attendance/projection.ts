import type { Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';
import { applyContext, contextEventTypes, contextTableDdl } from './context.js';
import { applyVisitEvent, visitEventTypes, visitsTableDdl } from './visits.js';

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
    for (const e of events) {
      if (!(await applyContext(trx, tables.attendance_context, e))) await applyVisitEvent(trx, tables.attendance_visits, e);
    }
  },
};
