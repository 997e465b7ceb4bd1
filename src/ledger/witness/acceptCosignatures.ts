import { sql } from 'kysely';
import type { Database } from '../../db/Database.js';
import { openCheckpoint } from '../checkpoint.js';
import { cosignatureTimestamp, cosignatureVerifier } from '../cosignature.js';
import { hexKeyId } from '../noteKeys.js';
import type { LedgerReader } from '../postgres/LedgerReader.js';
import { noteVerifier, parseNote } from '../signedNote.js';
import { CheckpointMismatch, CheckpointNotFound, UnknownWitness } from './errors.js';
import { WitnessRegistry } from './WitnessRegistry.js';

export interface AcceptedCosignature {
  witness: string;
  keyId: string;
  timestamp: bigint;
}

/**
 * Stores the cosignatures of registered witnesses found on a checkpoint note (c2sp.org/tlog-cosignature:
 * cosignature lines are ordinary signed-note lines appended to the log's note). The note must carry
 * the log's own valid signature over a checkpoint the log stored at that size, byte for byte: a
 * witness cosigning anything else saw a view of the log we never published. Stored lines are never
 * replaced (ledger_cosignatures is append-only); a repeated post is accepted and changes nothing.
 */
export async function acceptCosignatures(
  database: Database,
  reader: LedgerReader,
  logVkey: string,
  noteText: string,
): Promise<{ treeSize: bigint; accepted: AcceptedCosignature[] }> {
  const registered = await new WitnessRegistry(database).list();
  const witnesses = registered.map((w) => ({ ...cosignatureVerifier(w.vkey), witness: w.name }));
  const note = parseNote(noteText);
  if (!note.signatures.some((s) => witnesses.some((w) => w.name === s.name && w.keyId === s.keyId))) {
    throw new UnknownWitness('no signature line is from a registered witness');
  }
  // Throws LEDGER_NOTE_UNVERIFIED without the log's signature, LEDGER_NOTE_BAD_SIGNATURE for a bad line.
  const { checkpoint, note: opened } = openCheckpoint(noteText, noteVerifier(logVkey), witnesses);
  const stored = await reader.checkpointAt(checkpoint.size);
  if (!stored) throw new CheckpointNotFound(`the log signed no checkpoint of size ${checkpoint.size}`);
  if (parseNote(stored.note).text !== opened.text) {
    throw new CheckpointMismatch(`the checkpoint of size ${checkpoint.size} is not the one the log signed`);
  }
  const accepted: AcceptedCosignature[] = [];
  for (const signature of opened.verified) {
    const witness = witnesses.find((w) => w.name === signature.name && w.keyId === signature.keyId);
    if (!witness) continue; // the log's own signature
    const keyId = hexKeyId(signature.keyId);
    const timestamp = cosignatureTimestamp(signature);
    await sql`
      INSERT INTO ledger_cosignatures (tree_size, witness, key_id, line, signed_at)
      VALUES (${checkpoint.size.toString()}, ${witness.witness}, ${keyId}, ${`\u2014 ${signature.name} ${signature.base64}`}, ${timestamp.toString()})
      ON CONFLICT DO NOTHING`.execute(database.db);
    accepted.push({ witness: witness.witness, keyId, timestamp });
  }
  return { treeSize: checkpoint.size, accepted };
}
