import type { Database } from '../db/Database.js';
import type { Ledger } from '../ledger/Ledger.js';
import type { EventStore } from '../store/EventStore.js';
import type { InspectionDeps } from './authenticity.js';
import { SigningKeyStore } from './signatures/SigningKeyStore.js';
import { loadTrustAnchors } from './signatures/trustAnchors.js';

/** The inspection's dependencies from an app's or CLI runtime's parts; trust anchors from DIABAN_TRUST_ANCHORS. */
export function inspectionDeps(parts: { database: Database; store: EventStore; ledger: Ledger }, trustAnchorsFile = process.env.DIABAN_TRUST_ANCHORS): InspectionDeps {
  return { database: parts.database, store: parts.store, ledger: parts.ledger, keys: new SigningKeyStore(parts.database), trustAnchors: loadTrustAnchors(trustAnchorsFile) };
}
