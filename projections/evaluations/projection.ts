import type { ApplyOptions, Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';
import { applyContextEvents, contextEventTypes, contextTableDdl } from '../attendance/context.js';
import { loadContextIn } from '../attendance/contextQueries.js';
import { distributionTableDdl, recountDistribution, type DistributionTables } from './distribution.js';
import { recountFacets, staleRatings } from './facets.js';
import { applyCadreRatings, applyUnitRatings } from './ratings.js';

type Tables = 'evaluations_cadres' | 'evaluations_units' | 'evaluations_distribution' | 'evaluations_context';

/**
 * Yearly ratings on the four levels of 124-QĐ/TW / 366-QĐ/TW (domain-notes §5b, confirmed): a
 * commune committee's evaluation of the cadres who followed it, and a superior committee's rating
 * of its communes. An amendment replaces the rating and is counted, as in evaluation/state.ts.
 * Version 2 stores with each rating the facets the dashboard filters on (facets.ts), and the
 * distribution per committee-year split by those provinces (distribution.ts), recounted when the
 * ratings or the context move.
 */
export const evaluations: Projection<Tables> = {
  name: 'evaluations',
  version: 2,
  eventTypes: ['CadreEvaluated', 'CadreEvaluationAmended', 'UnitRated', ...contextEventTypes],
  tables: {
    evaluations_cadres: (t) => `
      CREATE TABLE ${t} (
        evaluation_id        uuid    PRIMARY KEY,
        committee_unit_code  text    NOT NULL,
        cadre_id             uuid    NOT NULL,
        year                 integer NOT NULL,
        rating               text    NOT NULL,
        amendments           integer NOT NULL DEFAULT 0,
        position             bigint  NOT NULL,
        province_code        text,
        agency_id            uuid,
        agency_province_code text,
        ancestors            text[]  NOT NULL DEFAULT '{}'
      );
      CREATE INDEX ${t}_year ON ${t} (year, committee_unit_code, cadre_id, evaluation_id);
      CREATE INDEX ${t}_cadre ON ${t} (cadre_id);
    `,
    evaluations_units: (t) => `
      CREATE TABLE ${t} (
        committee_unit_code text    NOT NULL,
        unit_code           text    NOT NULL,
        year                integer NOT NULL,
        rating              text    NOT NULL,
        position            bigint  NOT NULL,
        province_code       text,
        ancestors           text[]  NOT NULL DEFAULT '{}',
        PRIMARY KEY (committee_unit_code, unit_code, year)
      );
      CREATE INDEX ${t}_year ON ${t} (year, committee_unit_code, unit_code);
    `,
    evaluations_distribution: distributionTableDdl,
    evaluations_context: contextTableDdl,
  },
  async apply(trx: Executor, events: readonly ProjectedEvent[], tables: TableNames<Tables>, options?: ApplyOptions) {
    const ratings = await applyContextEvents(trx, tables.evaluations_context, events);
    const evaluationIds = await applyCadreRatings(trx, tables.evaluations_cadres, ratings);
    const unitKeys = await applyUnitRatings(trx, tables.evaluations_units, ratings);
    if (options?.deferDerived) return;
    const stale = events.length !== ratings.length ? staleRatings(events) : new Set<string>();
    // Most context events (assignments, policies) touch no rating: no need to fold the context.
    if (stale !== 'all' && stale.size === 0 && evaluationIds.length === 0 && unitKeys.length === 0) return;
    const touched = await recountFacets(trx, await loadContextIn(trx, tables.evaluations_context), { cadres: tables.evaluations_cadres, units: tables.evaluations_units },
      stale === 'all' ? 'all' : { evaluationIds, cadreIds: [...stale], unitKeys });
    await recountDistribution(trx, distributionTables(tables), touched);
  },
  async recountDerived(trx: Executor, tables: TableNames<Tables>) {
    await recountFacets(trx, await loadContextIn(trx, tables.evaluations_context), { cadres: tables.evaluations_cadres, units: tables.evaluations_units }, 'all');
    await recountDistribution(trx, distributionTables(tables), 'all');
  },
};

const distributionTables = (tables: TableNames<Tables>): DistributionTables => ({
  cadres: tables.evaluations_cadres, units: tables.evaluations_units, distribution: tables.evaluations_distribution,
});
