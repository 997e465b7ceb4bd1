import type { Logger } from '../logger.js';
import { assertIdentifier, type SchemaNames } from './identifiers.js';
import { migrations as allMigrations } from './migrations/index.js';
import type { Migration } from './migrations/Migration.js';

/** The one thing migrations need from a connection: run SQL text as the owner. */
export interface OwnerSession {
  exec(sql: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

/**
 * Runs pending migrations as the schema owner, in one transaction each, under an advisory lock so two
 * processes starting at once do not both migrate. Also makes sure the app role exists and that the
 * owner may SET ROLE to it.
 */
export async function migrate(
  session: OwnerSession,
  names: SchemaNames,
  log?: Logger,
  migrations: readonly Migration[] = allMigrations,
): Promise<string[]> {
  // Names are validated identifiers (lower-case, no quoting needed) and spliced as they are.
  const s = assertIdentifier(names.schema, 'schema');
  const role = assertIdentifier(names.appRole, 'app role');
  await ensureRole(session, role);
  await session.exec(`SELECT pg_advisory_lock(1684234849, 1)`);
  try {
    await session.exec(`
      CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
        id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());`);
    const done = new Set(
      (await session.query<{ id: string }>(`SELECT id FROM ${s}.schema_migrations`)).map((r) => r.id),
    );
    const applied: string[] = [];
    for (const m of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
      if (done.has(m.id)) continue;
      const sql = m.up({ schema: s, appRole: role });
      await session.exec(`BEGIN;\n${sql}\nINSERT INTO ${s}.schema_migrations (id) VALUES ('${m.id}');\nCOMMIT;`)
        .catch(async (err: unknown) => {
          await session.exec('ROLLBACK').catch(() => undefined);
          throw new Error(`migration ${m.id} failed: ${(err as Error).message}`, { cause: err });
        });
      applied.push(m.id);
      log?.info({ migration: m.id, schema: names.schema }, 'migration applied');
    }
    return applied;
  } finally {
    await session.exec(`SELECT pg_advisory_unlock(1684234849, 1)`);
  }
}

/** Roles are cluster-wide; several schemas (and parallel test files) share one app role. */
async function ensureRole(session: OwnerSession, role: string): Promise<void> {
  await session.exec(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
        CREATE ROLE ${role} NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$;`);
  const member = await session.query<{ ok: boolean }>(
    `SELECT pg_has_role(current_user, $1, 'MEMBER') AS ok`,
    [role],
  );
  if (!member[0]?.ok) await session.exec(`GRANT ${role} TO current_user`);
}
