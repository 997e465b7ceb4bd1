import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Database } from './Database.js';
import { migrate, type OwnerSession } from './migrate.js';
import type { SchemaNames } from './identifiers.js';
import { prepareRegisteredStatements } from './preparedStatements.js';

export interface PostgresOptions extends SchemaNames {
  url: string;
  poolSize?: number;
  log?: Logger;
  /** Run pending migrations first (default true). */
  migrate?: boolean;
}

/**
 * Owner connections use the URL as given; app connections start with `-c role=<app role>`, so every
 * query of the app runs with SELECT/INSERT only on the events table, and `search_path` set to the
 * schema.
 */
export async function openPostgres(opts: PostgresOptions): Promise<Database> {
  const names = { schema: opts.schema, appRole: opts.appRole };
  if (opts.migrate !== false) {
    const owner = new pg.Client({ connectionString: opts.url, application_name: 'diaban-migrate' });
    await owner.connect();
    try {
      await migrate(ownerSession(owner), names, opts.log);
    } finally {
      await owner.end();
    }
  }
  // JIT off: the app's statements are short (a dashboard's answer, a batch of a projection), and
  // a plan whose estimate crosses jit_above_cost (a generate_series estimated at 1,000 rows per
  // visit) spent 400 ms compiling for 200 ms of work (projections bench, summary route).
  // DateStyle ISO whatever the server's default: pg's date parsers read ISO, and so does the
  // verifier's hot path (src/ledger/postgres/leafSpelling.js), which otherwise sends every leaf down
  // its exact path.
  const appOptions = `-c search_path=${opts.schema} -c role=${opts.appRole} -c jit=off -c DateStyle=ISO`;
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    options: appOptions,
    application_name: 'diaban',
  });
  pool.on('error', (err) => opts.log?.error({ err }, 'idle PostgreSQL connection failed'));
  pool.on('connect', (client) => prepareRegisteredStatements(client));
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  const listeners: pg.Client[] = [];

  return {
    kind: 'postgres',
    schema: opts.schema,
    appRole: opts.appRole,
    db,
    async listen(channel, onNotify) {
      const client = new pg.Client({ connectionString: opts.url, options: appOptions, application_name: 'diaban-listen' });
      await client.connect();
      client.on('notification', (msg) => {
        if (msg.channel === channel) onNotify(msg.payload ?? '');
      });
      client.on('error', (err) => opts.log?.warn({ err, channel }, 'LISTEN connection failed; polling continues'));
      await client.query(`LISTEN ${channel}`);
      listeners.push(client);
      return async () => {
        const i = listeners.indexOf(client);
        if (i >= 0) listeners.splice(i, 1);
        await client.end().catch(() => undefined);
      };
    },
    async withOwner(fn) {
      const ownerPool = new pg.Pool({ connectionString: opts.url, max: 1, options: `-c search_path=${opts.schema}` });
      const ownerDb = new Kysely<any>({ dialect: new PostgresDialect({ pool: ownerPool }) });
      try {
        return await fn(ownerDb);
      } finally {
        await ownerDb.destroy();
      }
    },
    async close() {
      await Promise.all(listeners.splice(0).map((c) => c.end().catch(() => undefined)));
      await db.destroy();
    },
  };
}

function ownerSession(client: pg.Client): OwnerSession {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <R>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as R[],
  };
}
