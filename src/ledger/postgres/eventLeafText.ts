import { LEAF_FORMAT_VERSION } from '../leafEnvelope.js';
import { spliceLeafText } from './leafSpelling.js';
import type { EventScanRow } from './ledgerScan.js';

/**
 * The leaf text of a scanned event on the main thread (`spliceLeafText`, leafSpelling.js, which
 * verifyWorker.js calls too): null when it cannot be spliced; any text other than the canonical
 * leaf sends the leaf down the verifier's exact path.
 */
export function eventLeafText(row: EventScanRow, prev: string | null, originJson: string): string | null {
  return spliceLeafText(
    row.global_position, row.stream_id, row.stream_version, row.event_id, row.type, row.schema_version,
    row.data, row.metadata, row.occurred_at, row.recorded_at, prev, originJson, LEAF_FORMAT_VERSION,
  );
}
