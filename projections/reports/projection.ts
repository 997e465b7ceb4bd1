import type { ApplyOptions, Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';
import { applyContextEvents, contextEventTypes, contextTableDdl } from '../attendance/context.js';
import { applyVisitEvents } from '../attendance/visitBatch.js';
import { visitEventTypes, visitsQueryIndexesDdl, visitsTableDdl } from '../attendance/visits.js';
import { dueTableDdl, movedByContext, recountDue, staleByContext } from './due.js';
import { ratesTableDdl, recountRates } from './rates.js';
import { recountSummary, SummaryMoves, summaryCadresDdl, summaryDaysDdl, summaryDueDdl, type SummaryTables } from './summaryCounts.js';
import { loadContextIn } from '../attendance/contextQueries.js';
import { withIndexesDeferred } from '#src/projections/indexesDeferred.js';

type Tables = 'reports_visits' | 'reports_due' | 'reports_context' | 'reports_summary_days' | 'reports_summary_due' | 'reports_summary_cadres' | 'reports_rates';

/**
 * Trip reports per visit: filed or not, when, how often amended. The deadline comes from the policy
 * binding the cadre's assignment (reportDeadlineDays); `reports_due` keeps, per visit, the due date
 * and the agency and provinces of its last day, worked out from the context kept here and
 * recounted when the visit or that context moves (due.ts). Version 2 added `reports_due`; version 3
 * its first-day columns, the province summary's counts per day (summaryCounts.ts) and the rates
 * per cadre and agency (rates.ts); version 4 one index of the due rows by period in place of the
 * two by first and by last day (due.ts says why).
 */
export const reports: Projection<Tables> = {
  name: 'reports',
  version: 4,
  eventTypes: [...visitEventTypes, ...contextEventTypes],
  tables: {
    reports_visits: visitsTableDdl, reports_due: dueTableDdl, reports_context: contextTableDdl,
    reports_summary_days: summaryDaysDdl, reports_summary_due: summaryDueDdl, reports_summary_cadres: summaryCadresDdl,
    reports_rates: ratesTableDdl,
  },
  queryIndexes: { reports_visits: visitsQueryIndexesDdl },
  async apply(trx: Executor, events: readonly ProjectedEvent[], tables: TableNames<Tables>, options?: ApplyOptions) {
    const fieldwork = await applyContextEvents(trx, tables.reports_context, events);
    const touched = await applyVisitEvents(trx, tables.reports_visits, fieldwork);
    const changedContext = events.length !== fieldwork.length;
    if (options?.deferDerived || (touched.length === 0 && !changedContext)) return;
    const ctx = await loadContextIn(trx, tables.reports_context);
    const stale = changedContext ? staleByContext(ctx, events) : { all: false, cadreIds: new Set<string>() };
    const moves = new SummaryMoves();
    const dueTables = { visits: tables.reports_visits, due: tables.reports_due };
    const touchedIds = touched.map((v) => v.visitId);
    const which = stale.all ? await movedByContext(trx, ctx, dueTables, touchedIds) : { visitIds: touchedIds, cadreIds: [...stale.cadreIds] };
    const change = await recountDue(trx, ctx, dueTables, which, (rows) => moves.move(rows, 1));
    await recountSummary(trx, summaryTables(tables), change, moves);
    await recountRates(trx, { due: tables.reports_due, rates: tables.reports_rates }, change);
  },
  async recountDerived(trx: Executor, tables: TableNames<Tables>) {
    const ctx = await loadContextIn(trx, tables.reports_context);
    const moves = new SummaryMoves();
    await withIndexesDeferred(trx, tables.reports_due,
      () => recountDue(trx, ctx, { visits: tables.reports_visits, due: tables.reports_due }, 'all', (rows) => moves.move(rows, 1)));
    await recountSummary(trx, summaryTables(tables), 'all', moves);
    await recountRates(trx, { due: tables.reports_due, rates: tables.reports_rates }, 'all');
  },
};

const summaryTables = (tables: TableNames<Tables>): SummaryTables => ({
  due: tables.reports_due, days: tables.reports_summary_days, dueDays: tables.reports_summary_due, cadres: tables.reports_summary_cadres,
});
