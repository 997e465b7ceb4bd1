import { sql } from 'kysely';
import type { Executor } from '#src/projections/Projection.js';

export interface CadreEntry {
  cadreId: string;
  fullNameCommitment: string;
  agencyId: string;
  position: string;
  level: string;
  retiredOn: string | null;
}

export async function cadresById(db: Executor, ids: readonly string[]): Promise<Map<string, CadreEntry>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<CadreEntry>`
    SELECT cadre_id AS "cadreId", full_name_commitment AS "fullNameCommitment", agency_id AS "agencyId", position, level, retired_on::text AS "retiredOn"
    FROM directory_cadres WHERE cadre_id = ANY (${[...new Set(ids)]}::uuid[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.cadreId, r]));
}

export async function agencyNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ id: string; name: string }>`
    SELECT agency_id AS id, name FROM directory_agencies WHERE agency_id = ANY (${[...new Set(ids)]}::uuid[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r.name]));
}

export async function unitNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await sql<{ code: string; name: string }>`
    SELECT code, name FROM directory_units WHERE code = ANY (${[...new Set(codes)]}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.code, r.name]));
}
