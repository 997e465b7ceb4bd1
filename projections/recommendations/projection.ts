import { sql } from 'kysely';
import { todayInVietnam } from '#src/domain/time.js';
import type { Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';
import { applyContext, contextEventTypes, contextTableDdl } from '../attendance/context.js';

type Tables = 'recommendations_items' | 'recommendations_context';

/**
 * Recommendations (kiến nghị) raised in trip reports and carried to agencies (Bến Tre, domain-notes
 * §3, confirmed): one row each, mirroring the domain's lifecycle (recommendation/state.ts: raised →
 * forwarded → answered → closed, reopened back to forwarded or raised). Dates are the Vietnamese
 * dates of the events' occurredAt, which the handlers set to the command's time.
 */
export const recommendations: Projection<Tables> = {
  name: 'recommendations',
  version: 1,
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
        position     bigint NOT NULL
      );
      CREATE INDEX ${t}_agency ON ${t} (agency_id, status);
      CREATE INDEX ${t}_raised ON ${t} (raised_on);
    `,
    recommendations_context: contextTableDdl,
  },
  async apply(trx: Executor, events: readonly ProjectedEvent[], tables: TableNames<Tables>) {
    for (const e of events) {
      if (!(await applyContext(trx, tables.recommendations_context, e))) await applyItem(trx, tables.recommendations_items, e);
    }
  },
};

async function applyItem(trx: Executor, t: string, e: ProjectedEvent): Promise<void> {
  const on = todayInVietnam(e.occurredAt.toISOString());
  const position = e.position.toString();
  const update = (id: string, set: ReturnType<typeof sql>) =>
    sql`UPDATE ${sql.table(t)} SET ${set}, position = ${position} WHERE recommendation_id = ${id}`.execute(trx);
  switch (e.type) {
    case 'RecommendationRaised': {
      const { recommendationId, cadreId, unitCode, visitId, reportId } = e.data;
      await sql`INSERT INTO ${sql.table(t)} (recommendation_id, cadre_id, unit_code, visit_id, report_id, raised_on, status, position)
                VALUES (${recommendationId}, ${cadreId}, ${unitCode}, ${visitId}, ${reportId}, ${on}, 'raised', ${position})
                ON CONFLICT (recommendation_id) DO NOTHING`.execute(trx);
      return;
    }
    case 'RecommendationForwarded':
      await update(e.data.recommendationId, sql`status = 'forwarded', agency_id = ${e.data.agencyId}, due_date = ${e.data.dueDate}`);
      return;
    case 'RecommendationAnswered':
      await update(e.data.recommendationId, sql`status = 'answered', answered_on = ${on}`);
      return;
    case 'RecommendationClosed':
      await update(e.data.recommendationId, sql`status = 'closed', closed_on = ${on}, outcome = ${e.data.outcome}`);
      return;
    case 'RecommendationReopened':
      await update(e.data.recommendationId, sql`status = CASE WHEN agency_id IS NULL THEN 'raised' ELSE 'forwarded' END, closed_on = NULL, outcome = NULL`);
      return;
    default:
      return;
  }
}
