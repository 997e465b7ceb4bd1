import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/Database.js';
import { commitPersonal, SALT_SIZE } from '../commitment.js';
import { canonicalize } from '../jcs.js';

/**
 * Personal fields (a cadre's name, date of birth, phone) enter events only as commitments
 * SHA-256(salt || JCS(value)); the value and its random salt live here, in the one table the app may
 * DELETE from. Erasing a row leaves the ledger verifiable (the leaf holds the commitment) while the
 * value cannot be recovered: without the 256-bit salt the commitment cannot be brute-forced.
 */
export class PersonalDataVault {
  constructor(private readonly database: Database) {}

  /** Stores each value under a fresh salt; returns the commitments to put in the event. */
  async commit(values: Record<string, unknown>): Promise<Record<string, { commitment: string }>> {
    const rows = Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => {
        const salt = randomBytes(SALT_SIZE);
        return { field, commitment: commitPersonal(value, salt), salt, value: canonicalize(value) };
      });
    if (rows.length > 0) {
      await this.database.db
        .insertInto('personal_data')
        .values(rows.map(({ commitment, salt, value }) => ({ commitment, salt, value })))
        .execute();
    }
    return Object.fromEntries(rows.map(({ field, commitment }) => [field, { commitment }]));
  }

  /** The values still held, by commitment; erased ones are simply absent. */
  async reveal(commitments: readonly string[]): Promise<Map<string, unknown>> {
    if (commitments.length === 0) return new Map();
    const rows = await sql<{ commitment: string; value: string }>`
      SELECT commitment, value FROM personal_data WHERE commitment = ANY (${[...commitments]}::text[])`.execute(
      this.database.db,
    );
    return new Map(rows.rows.map((r) => [r.commitment, JSON.parse(r.value) as unknown]));
  }

  /** Removes values and salts for good. Idempotent. */
  async erase(commitments: readonly string[]): Promise<void> {
    if (commitments.length === 0) return;
    await sql`DELETE FROM personal_data WHERE commitment = ANY (${[...commitments]}::text[])`.execute(this.database.db);
  }
}
