import type { ApplyOptions, Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';
import { applyContextEvents, contextEventTypes, contextTableDdl } from '../attendance/context.js';
import { groupsTableDdl, recountAllGroups, recountGroups } from './groups.js';
import { applyItems } from './items.js';
import { movesProvinces, recommendationDaysDdl, recountDays } from './days.js';
import { loadContextIn } from '../attendance/contextQueries.js';

type Tables = 'recommendations_items' | 'recommendations_groups' | 'recommendations_days' | 'recommendations_context';

/**
 * Recommendations (kiến nghị) raised in trip reports and carried to agencies (Bến Tre, domain-notes
 * §3, confirmed): one row each, mirroring the domain's lifecycle (recommendation/state.ts: raised →
 * forwarded → answered → closed, reopened back to forwarded or raised). Dates are the Vietnamese
 * dates of the events' occurredAt, which the handlers set to the command's time.
 *
 * Version 2 adds the per-(agency, commune) counts (groups.ts) that the dashboard sums, and the
 * indexes its pages and "not yet due" count read. Version 3 the per-day counts of the province
 * summary (days.ts) and the province each item was raised in.
 */
export const recommendations: Projection<Tables> = {
  name: 'recommendations',
  version: 3,
  eventTypes: [
    'RecommendationRaised', 'RecommendationForwarded', 'RecommendationAnswered', 'RecommendationClosed', 'RecommendationReopened',
    ...contextEventTypes,
  ],
  tables: {
    recommendations_items: (t) => `
      CREATE TABLE ${t} (
        recommendation_id uuid PRIMARY KEY,
        cadre_id     uuid NOT NULL,
        unit_code    text NOT NULL,
        visit_id     uuid NOT NULL,
        report_id    uuid NOT NULL,
        raised_on    date NOT NULL,
        status       text NOT NULL CHECK (status IN ('raised', 'forwarded', 'answered', 'closed')),
        agency_id    uuid,
        due_date     date,
        answered_on  date,
        closed_on    date,
        outcome      text,
        position     bigint NOT NULL,
        raised_province_code text
      );
    `,
    recommendations_groups: groupsTableDdl,
    recommendations_days: recommendationDaysDdl,
    recommendations_context: contextTableDdl,
  },
  // A batch reads its items by id (items.ts); everything else reads by these.
  queryIndexes: {
    recommendations_items: (t) => `
      CREATE INDEX IF NOT EXISTS ${t}_agency ON ${t} (agency_id, status);
      CREATE INDEX IF NOT EXISTS ${t}_raised ON ${t} (raised_on, recommendation_id);
      CREATE INDEX IF NOT EXISTS ${t}_unit ON ${t} (unit_code);
      CREATE INDEX IF NOT EXISTS ${t}_cadre ON ${t} (cadre_id);
      CREATE INDEX IF NOT EXISTS ${t}_open_due ON ${t} (due_date) WHERE status IN ('raised', 'forwarded');
      CREATE INDEX IF NOT EXISTS ${t}_answered ON ${t} (answered_on) WHERE answered_on IS NOT NULL;
    `,
  },
  async apply(trx: Executor, events: readonly ProjectedEvent[], tables: TableNames<Tables>, options?: ApplyOptions) {
    const applied = await applyItems(trx, tables.recommendations_items, await applyContextEvents(trx, tables.recommendations_context, events));
    if (options?.deferDerived) return;
    await recountGroups(trx, tables.recommendations_items, tables.recommendations_groups, applied.groups);
    await recountDays(trx, () => loadContextIn(trx, tables.recommendations_context), { items: tables.recommendations_items, days: tables.recommendations_days },
      movesProvinces(events) ? 'all' : applied.days);
  },
  async recountDerived(trx: Executor, tables: TableNames<Tables>) {
    await recountAllGroups(trx, tables.recommendations_items, tables.recommendations_groups);
    await recountDays(trx, () => loadContextIn(trx, tables.recommendations_context), { items: tables.recommendations_items, days: tables.recommendations_days }, 'all');
  },
};
