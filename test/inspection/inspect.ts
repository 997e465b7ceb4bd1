import { sql } from 'kysely';
import type { Database } from '#src/db/Database.js';
import type { TestApp } from '../helpers/testApp.js';
import type { Acting } from './province.js';

export interface AuthenticityBody {
  verdict: 'authentic' | 'transcribed' | 'questionable' | 'tampered';
  visitId: string;
  reportId: string | null;
  checks: Array<{ code: string; ok: boolean; detail: string; unattested?: true }>;
  bundle: unknown;
}

/** GET an authenticity answer as an acting token. */
export async function authenticityOf(t: TestApp, who: Acting, kind: 'reports' | 'visits', id: string): Promise<{ status: number; body: AuthenticityBody }> {
  const res = await t.app.inject({ method: 'GET', url: `/v1/${kind}/${id}/authenticity`, headers: { authorization: `Bearer ${who.token}` } });
  return { status: res.statusCode, body: res.json<AuthenticityBody>() };
}

export const failedCodes = (body: AuthenticityBody): string[] => body.checks.filter((c) => !c.ok).map((c) => c.code);
export const detailOf = (body: AuthenticityBody, code: string): string => body.checks.find((c) => c.code === code)?.detail ?? '';

/** Bypasses the immutability triggers as the superuser, as an attacker with database access would (sealer.test.ts). */
export async function tamper(database: Database, statement: string): Promise<void> {
  await database.withOwner(async (db) => {
    // One session (withOwner holds it): replica mode skips the triggers for this statement only.
    await sql.raw('SET session_replication_role = replica').execute(db);
    try {
      await sql.raw(statement).execute(db);
    } finally {
      await sql.raw('SET session_replication_role = origin').execute(db);
    }
  });
}
