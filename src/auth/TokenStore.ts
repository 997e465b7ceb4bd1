import { randomUUID } from 'node:crypto';
import type { Generated, Kysely } from 'kysely';
import { z } from 'zod';
import { unitCode, uuid } from '#events/common.js';
import type { Actor } from '../domain/actor.js';
import type { Database } from '../db/Database.js';
import { preparedStatement } from '../db/preparedStatements.js';
import { TokenRole } from './roles.js';
import { generateTokenSecret, hashTokenSecret, looksLikeToken } from './tokenSecret.js';

/** What `diaban token create` accepts; a role's scope is required where the role acts within one. */
export const TokenSpec = z
  .object({
    role: TokenRole,
    cadreId: uuid.optional(),
    unitCode: unitCode.optional(),
    agencyId: uuid.optional(),
    provinceCode: z.string().regex(/^\d{2}$/, 'expected a 2-digit province code').optional(),
    label: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const needs: Partial<Record<TokenRole, 'cadreId' | 'unitCode' | 'agencyId' | 'provinceCode'>> = {
      cadre: 'cadreId', 'unit-committee': 'unitCode', agency: 'agencyId', organizer: 'provinceCode',
    };
    const field = needs[spec.role];
    if (field !== undefined && spec[field] === undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: `role ${spec.role} needs ${field}` });
    }
  });
export type TokenSpec = z.infer<typeof TokenSpec>;

export interface TokenRow {
  id: string;
  role: TokenRole;
  cadreId: string | null;
  unitCode: string | null;
  agencyId: string | null;
  provinceCode: string | null;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

interface ApiTokenRecord {
  id: string;
  role: string;
  cadre_id: string | null;
  unit_code: string | null;
  agency_id: string | null;
  province_code: string | null;
  label: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

interface AuthTables {
  api_tokens: Omit<ApiTokenRecord, 'created_at' | 'revoked_at'> & {
    token_hash: string;
    created_at: Generated<Date>;
    revoked_at: Date | null;
  };
}

/** Tokens in the database, by hash only. The plain token exists once: in create's answer. */
export class TokenStore {
  private readonly db: Kysely<AuthTables>;

  constructor(database: Database) {
    this.db = database.db;
  }

  /** `id` may be chosen by the caller (the demo derives its actors' token ids from their scope). */
  async create(input: TokenSpec, id: string = randomUUID()): Promise<{ id: string; token: string }> {
    const spec = TokenSpec.parse(input);
    const token = generateTokenSecret();
    await this.db
      .insertInto('api_tokens')
      .values({
        id,
        token_hash: hashTokenSecret(token),
        role: spec.role,
        cadre_id: spec.cadreId ?? null,
        unit_code: spec.unitCode ?? null,
        agency_id: spec.agencyId ?? null,
        province_code: spec.provinceCode ?? null,
        label: spec.label ?? null,
      })
      .execute();
    return { id, token };
  }

  /** True when a live token was revoked now; false for an unknown or already revoked id. */
  async revoke(id: string): Promise<boolean> {
    if (!uuid.safeParse(id).success) return false;
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async list(): Promise<TokenRow[]> {
    const rows = await this.db.selectFrom('api_tokens').select(columns).orderBy('created_at').execute();
    return rows.map(toRow);
  }

  /**
   * The actor a live token speaks for, or null. The actor's userId is the token id. Every request
   * asks this, so the statement is prepared once per connection (a lookup by the unique hash: the
   * generic plan is the plan); sent unnamed, parsing and planning it cost the database more than
   * running it (0.16 ms a request in a statement log of the dashboards).
   */
  async actorFor(token: string): Promise<Actor | null> {
    if (!looksLikeToken(token)) return null;
    const query = this.db
      .selectFrom('api_tokens')
      .select(columns)
      .where('token_hash', '=', hashTokenSecret(token))
      .where('revoked_at', 'is', null)
      .compile();
    this.#actorSql ??= preparedStatement(query.sql);
    const row = (await this.db.executeQuery(query)).rows[0];
    return row === undefined ? null : toActor(toRow(row));
  }

  /** The text of actorFor's statement, registered as a prepared statement on first use. */
  #actorSql: string | undefined;
}

const columns = ['id', 'role', 'cadre_id', 'unit_code', 'agency_id', 'province_code', 'label', 'created_at', 'revoked_at'] as const;

function toRow(record: ApiTokenRecord): TokenRow {
  return {
    id: record.id,
    role: TokenRole.parse(record.role),
    cadreId: record.cadre_id,
    unitCode: record.unit_code,
    agencyId: record.agency_id,
    provinceCode: record.province_code,
    label: record.label,
    createdAt: new Date(record.created_at),
    revokedAt: record.revoked_at === null ? null : new Date(record.revoked_at),
  };
}

function toActor(row: TokenRow): Actor {
  return {
    userId: row.id,
    role: row.role,
    ...(row.cadreId !== null ? { cadreId: row.cadreId } : {}),
    ...(row.unitCode !== null ? { unitCode: row.unitCode } : {}),
    ...(row.agencyId !== null ? { agencyId: row.agencyId } : {}),
    ...(row.provinceCode !== null ? { provinceCode: row.provinceCode } : {}),
  };
}
