import { sql } from 'kysely';
import type { Database } from '../../db/Database.js';
import { cosignatureVerifier } from '../cosignature.js';
import { MalformedKey } from '../errors.js';
import { hexKeyId, parseVerifierKey } from '../noteKeys.js';

export interface RegisteredWitness {
  name: string;
  /** Hex key id of the witness's cosignature/v1 key: the id on its signature lines. */
  keyId: string;
  vkey: string;
}

/**
 * The witnesses whose cosignatures the log stores (table ledger_witnesses, migration 0004). A vkey of
 * type 0x01 is accepted and read as its 0x04 form, as c2sp.org/tlog-cosignature verifiers do.
 */
export class WitnessRegistry {
  constructor(private readonly database: Database) {}

  /** Registers a witness; the same vkey twice is a no-op. Throws LEDGER_MALFORMED_KEY for a bad vkey. */
  async add(name: string, vkey: string): Promise<RegisteredWitness> {
    const key = parseVerifierKey(vkey);
    if (key.name !== name) throw new MalformedKey(`the key is named ${key.name}, not ${name}`);
    const keyId = hexKeyId(cosignatureVerifier(vkey).keyId);
    await sql`INSERT INTO ledger_witnesses (name, key_id, vkey) VALUES (${name}, ${keyId}, ${vkey})
      ON CONFLICT DO NOTHING`.execute(this.database.db);
    return { name, keyId, vkey };
  }

  async list(): Promise<RegisteredWitness[]> {
    const rows = await sql<{ name: string; key_id: string; vkey: string }>`
      SELECT name, key_id, vkey FROM ledger_witnesses ORDER BY name, key_id`.execute(this.database.db);
    return rows.rows.map((r) => ({ name: r.name, keyId: r.key_id, vkey: r.vkey }));
  }
}
