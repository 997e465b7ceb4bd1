import type { ApplyOptions, Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';
import { cadreYearsTableDdl, recountAllCadreYears, recountCadreYears } from './cadreYears.js';
import { applyContextEvents, contextEventTypes, contextTableDdl } from './context.js';
import { visitEventTypes, visitsQueryIndexesDdl, visitsTableDdl } from './visits.js';
import { applyVisitEvents } from './visitBatch.js';

type Tables = 'attendance_visits' | 'attendance_cadre_years' | 'attendance_context';

/**
 * Yearly attendance at the grassroots: the visits (with their activities), each cadre's yearly
 * figures recounted from them (cadreYears.ts) and the context the quota needs. The quota, agency and
 * place are worked out when queried (queries.ts), so a backdated assignment, transfer or policy
 * amendment changes every year it touches at once. Version 2 added the cadre-year figures.
 */
export const attendance: Projection<Tables> = {
  name: 'attendance',
  version: 2,
  eventTypes: [...visitEventTypes, ...contextEventTypes],
  tables: { attendance_visits: visitsTableDdl, attendance_cadre_years: cadreYearsTableDdl, attendance_context: contextTableDdl },
  queryIndexes: { attendance_visits: visitsQueryIndexesDdl },
  async apply(trx: Executor, events: readonly ProjectedEvent[], tables: TableNames<Tables>, options?: ApplyOptions) {
    const touched = await applyVisitEvents(trx, tables.attendance_visits, await applyContextEvents(trx, tables.attendance_context, events));
    if (!options?.deferDerived) await recountCadreYears(trx, tables.attendance_visits, tables.attendance_cadre_years, touched);
  },
  async recountDerived(trx: Executor, tables: TableNames<Tables>) {
    await recountAllCadreYears(trx, tables.attendance_visits, tables.attendance_cadre_years);
  },
};
