import { once } from 'node:events';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { REBUILD_PAGE_SIZE } from '../../../src/projections/ProjectionRunner.js';

/** COPY's text format: backslash, tab, newline and carriage return must be escaped in a value. */
function copyText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * The raw ceiling a rebuild is compared with: read every event once by keyset pages (the same
 * columns and page size a rebuild reads), and write one row per event with COPY into
 * a table shaped like the read models' context tables, in one pass. Nothing a rebuild does (decode,
 * validate, fold, one statement per event, several read models) can beat reading the log once and
 * bulk-loading as many rows. Returns the rows scanned and the milliseconds of scan + COPY.
 */
export async function scanAndCopy(url: string, schema: string, pageSize = REBUILD_PAGE_SIZE): Promise<{ rows: number; ms: number; scanMs: number }> {
  const reader = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  const writer = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await Promise.all([reader.connect(), writer.connect()]);
  try {
    await writer.query('DROP TABLE IF EXISTS bench_ceiling_rows');
    await writer.query('CREATE TABLE bench_ceiling_rows (position bigint PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL, data jsonb NOT NULL)');
    const start = performance.now();
    let scanMs = 0;
    const copy = writer.query(copyFrom('COPY bench_ceiling_rows (position, stream_id, type, data) FROM STDIN'));
    let rows = 0;
    for (let after = '0'; ; ) {
      const pageStart = performance.now();
      const page = await reader.query<{ global_position: string; stream_id: string; type: string; data: string }>(
        `SELECT global_position, stream_id, stream_version, event_id, type, schema_version, data::text AS data, metadata, occurred_at, recorded_at
         FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2`, [after, pageSize]);
      scanMs += performance.now() - pageStart;
      if (page.rows.length === 0) break;
      const chunk = page.rows.map((r) => `${r.global_position}\t${copyText(r.stream_id)}\t${copyText(r.type)}\t${copyText(r.data)}\n`).join('');
      if (!copy.write(chunk)) await once(copy, 'drain');
      rows += page.rows.length;
      after = page.rows[page.rows.length - 1]!.global_position;
    }
    copy.end();
    await once(copy, 'finish');
    const ms = performance.now() - start;
    return { rows, ms, scanMs };
  } finally {
    await writer.query('DROP TABLE IF EXISTS bench_ceiling_rows').catch(() => undefined);
    await Promise.all([reader.end(), writer.end()]);
  }
}
