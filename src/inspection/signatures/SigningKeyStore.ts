import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/Database.js';

export type SigningKeyKind = 'ed25519' | 'x509';

export interface SigningKey {
  keyId: string;
  cadreId: string;
  kind: SigningKeyKind;
  pem: string;
  registeredAt: Date;
}

export interface ReportSignature {
  reportId: string;
  keyId: string;
  signature: Uint8Array;
  submittedAt: Date;
}

interface SigningTables {
  cadre_signing_keys: { key_id: string; cadre_id: string; kind: string; pem: string; registered_by: string; registered_at?: Date };
  report_signatures: { id: string; report_id: string; key_id: string; signature: Uint8Array; submitted_by: string; submitted_at?: Date };
}

/** The 0006_signing_keys tables: add and read, nothing else (the app role may do no more). */
export class SigningKeyStore {
  private readonly db: Kysely<SigningTables>;

  constructor(database: Database) {
    this.db = database.db;
  }

  async addKey(input: { cadreId: string; kind: SigningKeyKind; pem: string; registeredBy: string }): Promise<string> {
    const keyId = randomUUID();
    await this.db.insertInto('cadre_signing_keys').values({ key_id: keyId, cadre_id: input.cadreId, kind: input.kind, pem: input.pem, registered_by: input.registeredBy }).execute();
    return keyId;
  }

  async key(keyId: string): Promise<SigningKey | undefined> {
    const row = await this.db.selectFrom('cadre_signing_keys').selectAll().where('key_id', '=', keyId).executeTakeFirst();
    return row === undefined ? undefined : { keyId: row.key_id, cadreId: row.cadre_id, kind: row.kind === 'x509' ? 'x509' : 'ed25519', pem: row.pem, registeredAt: new Date(row.registered_at ?? 0) };
  }

  async addSignature(input: { reportId: string; keyId: string; signature: Uint8Array; submittedBy: string }): Promise<void> {
    await this.db.insertInto('report_signatures').values({ id: randomUUID(), report_id: input.reportId, key_id: input.keyId, signature: input.signature, submitted_by: input.submittedBy }).execute();
  }

  async signaturesOf(reportId: string): Promise<ReportSignature[]> {
    const rows = await this.db.selectFrom('report_signatures').selectAll().where('report_id', '=', reportId).orderBy('submitted_at').execute();
    return rows.map((r) => ({ reportId: r.report_id, keyId: r.key_id, signature: new Uint8Array(r.signature), submittedAt: new Date(r.submitted_at ?? 0) }));
  }
}
