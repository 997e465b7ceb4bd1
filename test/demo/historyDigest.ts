import { createHash } from 'node:crypto';
import type { PersonalDataVault } from '../../src/ledger/postgres/personalData.js';
import type { EventStore, StoredEvent } from '../../src/store/EventStore.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const COMMITMENT = /"commitment":"([0-9a-f]{64})"/g;

/**
 * A digest of the history that two runs with the same seed must share. The command handlers draw
 * entity and event ids (randomUUID) and the vault draws salts, so those cannot repeat: each UUID is
 * replaced by its order of first appearance (the demo runs its commands one at a time, so that
 * order is the seed's), and each personal-data commitment by the value the vault holds for it.
 * Compared: stream, version, type and data of every event; not positions or recorded times.
 */
export async function historyDigest(store: EventStore, vault: PersonalDataVault): Promise<{ digest: string; lines: string[] }> {
  const events = await readEverything(store);
  const revealed = await vault.reveal([...new Set(events.flatMap((e) => [...e.rawData.matchAll(COMMITMENT)].map((m) => m[1] ?? '')))]);
  const ordinals = new Map<string, number>();
  const rename = (text: string) => text.replace(UUID, (id) => {
    if (!ordinals.has(id)) ordinals.set(id, ordinals.size);
    return `id#${ordinals.get(id)}`;
  });
  const lines = events.map((e) => {
    const data = e.rawData.replace(COMMITMENT, (_, hex: string) => `"personal":${JSON.stringify(revealed.get(hex) ?? 'erased')}`);
    return `${rename(e.streamId)}|${e.streamVersion}|${e.type}|${rename(data)}`;
  });
  lines.sort();
  return { digest: createHash('sha256').update(lines.join('\n')).digest('hex'), lines };
}

async function readEverything(store: EventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (let fromPosition = 1n; ; ) {
    const page = await store.readAll({ fromPosition, limit: 2000 });
    all.push(...page.events);
    if (page.events.length < 2000) return all;
    fromPosition = page.nextPosition;
  }
}
