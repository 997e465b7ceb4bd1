import { CompiledQuery, sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import t from 'tap';
import { reports } from '../../projections/reports/projection.js';
import { queryReports } from '../../projections/reports/queries.js';
import { buildsOf } from '../../src/projections/ProjectionRunner.js';
import { physicalTables } from '../../src/projections/tableNames.js';
import { openProjectionHarness } from '../helpers/projectionHarness.js';

// The reports dashboard's page is a year of last days in start order. Its rows are stored in
// last-day order, so the current year's are all at the end; an index leading with start_date
// let the planner walk every visit from the first in start order, filtering on the year, on the
// assumption that the year's rows were spread evenly over it (200 ms instead of 0.3 on the
// projections bench, once the table held as many dead rows as live ones). Here: six years of due
// rows, and the page's statement, as the query sends it, must not read the earlier years.

const h = await openProjectionHarness([reports]);
t.teardown(h.close);
const db = h.database.db;
const active = (await buildsOf(db, reports.name)).find((b) => b.status === 'active')!;
const due = physicalTables(reports, active.version, active.generation).reports_due!;

const YEARS = [2021, 2022, 2023, 2024, 2025, 2026];
const PER_YEAR = 10_000;
// In the order a recount stores them (due.ts): by last day, first day, visit.
await sql`
  INSERT INTO ${sql.table(due)} (visit_id, cadre_id, unit_code, start_date, end_date, status, report_id, filed_on, amendments, agency_id,
                           province_code, agency_province_code, ancestors, due_date, start_province_code, start_agency_id, start_ancestors, party_cell_dates)
  SELECT md5('visit' || n)::uuid, md5('cadre' || (n % 300))::uuid, '0' || (n % 500), day - (n % 3), day, 'confirmed', NULL, NULL, 0, NULL,
         '40', '40', ARRAY['0' || (n % 500), '40'], day + 5, '40', NULL, ARRAY['0' || (n % 500), '40'], '{}'::date[]
  FROM (SELECT n, make_date(${YEARS[0]!}, 1, 1) + (n * (${YEARS.length} * 365) / ${YEARS.length * PER_YEAR})::int AS day
        FROM generate_series(0, ${YEARS.length * PER_YEAR - 1}) AS n) AS g
  ORDER BY day, day - (n % 3), md5('visit' || n)::uuid`.execute(db);
// As live recounts leave it between vacuums (a batch deletes its visits' due rows and inserts them
// again, at the end of the table): as many dead rows as live ones. Rows inserted and rolled back
// leave the same.
class RolledBack extends Error {}
await db.transaction().execute(async (trx) => {
  await sql`INSERT INTO ${sql.table(due)} SELECT md5(visit_id::text)::uuid, cadre_id, unit_code, start_date, end_date, status, report_id, filed_on,
              amendments, agency_id, province_code, agency_province_code, ancestors, due_date, start_province_code, start_agency_id, start_ancestors,
              party_cell_dates FROM ${sql.table(due)} ORDER BY end_date, start_date, visit_id`.execute(trx);
  throw new RolledBack();
}).catch((err: unknown) => {
  if (!(err instanceof RolledBack)) throw err;
});
await sql`ANALYZE ${sql.table(due)}`.execute(db);

/** Captures the statements a query sends (compiled, with their parameters). */
class Statements implements KyselyPlugin {
  readonly sent: { sql: string; parameters: readonly unknown[] }[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const compiled = db.getExecutor().compileQuery(args.node, args.queryId);
    this.sent.push({ sql: compiled.sql, parameters: compiled.parameters });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

interface PlanNode { 'Node Type': string; 'Index Name'?: string; 'Actual Rows'?: number; 'Rows Removed by Filter'?: number; Plans?: PlanNode[] }
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

for (const year of [2026, 2023]) {
  t.test(`the page of ${year} reads that year's rows only`, async (t) => {
    const statements = new Statements();
    const answer = await queryReports(db.withPlugin(statements), { year, scope: { kind: 'all' }, today: '2026-12-31', limit: 100, offset: 0 });
    t.equal(answer.rows.length, 100, 'a full page');
    t.ok(answer.rows.every((r) => r.endDate.startsWith(String(year))), `every row ended in ${year}`);
    const page = statements.sent.find((s) => /ORDER BY d\.start_date/.test(s.sql));
    if (!page) return t.fail('the page statement was not sent');
    const explained = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${page.sql}`, [...page.parameters]));
    // PGlite answers the JSON as text.
    const raw = explained.rows[0]!['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan as PlanNode;
    const nodes = nodesOf(plan);
    const read = nodes.filter((n) => /Scan/.test(n['Node Type'])).reduce((sum, n) => sum + (n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0), 0);
    t.ok(read <= 1_000, `${read} rows read for a page of 100 (plan: ${nodes.map((n) => n['Node Type'] + (n['Index Name'] ? ` ${n['Index Name']}` : '')).join(' > ')})`);
  });
}
