import type { ReportFiled } from '#events/fieldwork.js';
import { canonicalBytes } from '../../ledger/jcs.js';

/**
 * What a cadre signs (README "Inspection: signatures"): the RFC 8785 (JCS) UTF-8 bytes of the
 * ReportFiled event's data, exactly as the store keeps and the ledger hashes it. Amendments are not
 * covered: they are separate events, each recorded under the cadre's token.
 */
export function canonicalReportBytes(data: ReportFiled): Uint8Array {
  return canonicalBytes(data);
}
