import { sql } from 'kysely';
import type { Database } from '../../db/Database.js';
import type { EvidenceEvent } from '../Evidence.js';
import type { InspectionCheck } from '../InspectionCheck.js';
import { ofType } from '../plausibility/select.js';

interface TokenRow {
  id: string;
  role: string;
  cadre_id: string | null;
  unit_code: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Command routes record the token id as metadata.actor (and the leaf keeps it), so the token's
 * binding says who acted: a cadre's own events under a token bound to that cadre, a committee's
 * answer under a token bound to that unit. Revoked tokens still count for what they recorded.
 */
export async function tokenChecks(database: Database, own: readonly EvidenceEvent[], cadreId: string): Promise<InspectionCheck[]> {
  const tokens = await loadTokens(database, own.map((e) => e.actor));
  const cadreEvents = ofType(own, 'VisitLogged', 'VisitCancelled', 'ReportFiled', 'ReportAmended');
  const cadreBad = cadreEvents.flatMap((e) => {
    const token = e.actor === null ? undefined : tokens.get(e.actor);
    return token?.role === 'cadre' && token.cadre_id === cadreId ? [] : [`${e.event.type} at position ${e.position} was recorded under ${describe(e.actor, token)}, not a token of cadre ${cadreId}`];
  });
  const answers = ofType(own, 'VisitConfirmed', 'VisitDisputed', 'VisitDisputeResolved');
  const committeeBad = answers.flatMap((e) => {
    const token = e.actor === null ? undefined : tokens.get(e.actor);
    const unit = e.event.data.byUnitCode;
    return token?.role === 'unit-committee' && token.unit_code === unit ? [] : [`${e.event.type} at position ${e.position} was recorded under ${describe(e.actor, token)}, not a token of the committee of unit ${unit}`];
  });
  return [
    cadreBad.length === 0
      ? { code: 'PROVENANCE_CADRE_TOKEN', ok: true, detail: `all ${cadreEvents.length} of the cadre's events were recorded under tokens bound to cadre ${cadreId}` }
      : { code: 'PROVENANCE_CADRE_TOKEN', ok: false, detail: cadreBad.join('; ') },
    committeeBad.length === 0
      ? { code: 'PROVENANCE_COMMITTEE_TOKEN', ok: true, detail: answers.length === 0 ? 'no committee has answered the visit' : `all ${answers.length} committee answers were recorded under the committee's own token` }
      : { code: 'PROVENANCE_COMMITTEE_TOKEN', ok: false, detail: committeeBad.join('; ') },
  ];
}

async function loadTokens(database: Database, actors: ReadonlyArray<string | null>): Promise<Map<string, TokenRow>> {
  const ids = [...new Set(actors.filter((a): a is string => a !== null && UUID.test(a)))];
  if (ids.length === 0) return new Map();
  const rows = await sql<TokenRow>`
    SELECT id::text AS id, role, cadre_id::text AS cadre_id, unit_code FROM api_tokens WHERE id = ANY (${ids}::uuid[])`.execute(database.db);
  return new Map(rows.rows.map((r) => [r.id, r]));
}

function describe(actor: string | null, token: TokenRow | undefined): string {
  if (actor === null) return 'no token';
  if (!token) return `"${actor}", which is no token of this server`;
  return `token ${actor} (${token.role}${token.cadre_id ? ` of cadre ${token.cadre_id}` : ''}${token.unit_code ? ` of unit ${token.unit_code}` : ''})`;
}
