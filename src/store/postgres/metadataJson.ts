import type { EventMetadata } from '../EventStore.js';

/**
 * The stored text of an event's metadata: JSON with its members in code-unit order, which for
 * EventMetadata's string-or-null members is RFC 8785's spelling whatever order the caller built the
 * object in. The ledger's verifier reads each event's actor off this text without parsing it when
 * it has exactly this shape (`actorJson` in src/ledger/postgres/leafSpelling.js); any other
 * spelling (events stored before this, members added) is parsed.
 */
export function metadataJson(metadata: EventMetadata): string {
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(metadata).sort()) sorted[name] = (metadata as unknown as Record<string, unknown>)[name];
  return JSON.stringify(sorted);
}
