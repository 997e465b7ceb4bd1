import type { Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';
import { applyContextEvents, contextEventTypes, contextTableDdl } from '../attendance/context.js';
import { applyVisitEvents } from '../attendance/visitBatch.js';
import { visitEventTypes, visitsTableDdl } from '../attendance/visits.js';

type Tables = 'reports_visits' | 'reports_context';

/**
 * Trip reports per visit: filed or not, when, how often amended. The deadline comes from the policy
 * binding the cadre's assignment (reportDeadlineDays), so it is worked out when queried from the
 * context kept here; the rows are the same shape as attendance's visits, in tables of their own.
 */
export const reports: Projection<Tables> = {
  name: 'reports',
  version: 1,
  eventTypes: [...visitEventTypes, ...contextEventTypes],
  tables: { reports_visits: visitsTableDdl, reports_context: contextTableDdl },
  async apply(trx: Executor, events: readonly ProjectedEvent[], tables: TableNames<Tables>) {
    await applyVisitEvents(trx, tables.reports_visits, await applyContextEvents(trx, tables.reports_context, events));
  },
};
