// The worker thread of `diaban verify` (src/ledger/postgres/eventHashes.ts), plain JavaScript so it
// starts without the TypeScript loader (through it, loading pg alone took 0.4 s). On its own
// connections it reads the events in the verifier's pages (the SQL is ledgerScan.ts's
// EVENTS_PAGE_SQL, passed in), splices each event's leaf text exactly as
// src/ledger/postgres/eventLeafText.ts does (test/ledger/sealer.test.ts checks that every leaf of a
// sound log clears the hot path through this worker), hashes it, and chains each stream through the
// hashes it computed. Each 'next' message is answered with the next page in order:
// { positions, streams, hashes } (a hash is null where the metadata does not parse).
import { createHash, hash as oneShot } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

const { url, schema, appRole, size, pageSize, depth, originJson, sql, leafFormatVersion } = workerData;
const digest =
  typeof oneShot === 'function' ? (t) => oneShot('sha256', t, 'base64') : (t) => createHash('sha256').update(t, 'utf8').digest('base64');
const pool = new pg.Pool({ connectionString: url, max: depth, options: `-c search_path=${schema} -c role=${appRole}`, application_name: 'diaban-verify' });
const pages = Number((size + BigInt(pageSize) - 1n) / BigInt(pageSize));

function fetchPage(k) {
  const lo = BigInt(k) * BigInt(pageSize);
  const hi = lo + BigInt(pageSize) < size ? lo + BigInt(pageSize) : size;
  const page = pool.query({ name: 'diaban_verify_events', text: sql, values: [lo.toString(), hi.toString()], rowMode: 'array' }).then((r) => r.rows);
  page.catch(() => undefined);
  return page;
}

// Columns: 0 position, 1 stream, 2 version, 3 event id, 4 type, 5 schema version, 6 data, 7 metadata, 8 occurred, 9 recorded.
function leafText(r, prev) {
  let actor;
  try {
    actor = JSON.parse(r[7])?.actor;
  } catch {
    return null;
  }
  const s = JSON.stringify;
  return (
    `\u0000{"actor":${actor == null ? 'null' : s(actor)},"data":${r[6]},"eventId":"${r[3]}"` +
    `,"occurredAt":"${r[8]}","origin":${originJson},"position":"${r[0]}"` +
    `,"prev":${prev === null ? 'null' : `"${prev}"`},"recordedAt":"${r[9]}","schemaVersion":${r[5]}` +
    `,"streamId":${s(r[1])},"streamVersion":"${r[2]}","type":${s(r[4])},"v":${leafFormatVersion}}`
  );
}

const chains = new Map();
const inFlight = [];
let requested = 0;
const request = () => {
  if (requested < pages) inFlight.push(fetchPage(requested++));
};
for (let i = 0; i < depth; i++) request();

let previous = Promise.resolve();
parentPort.on('message', (message) => {
  if (message === 'close') {
    void pool.end().finally(() => parentPort.close());
    return;
  }
  previous = previous.then(async () => {
    try {
      const pending = inFlight.shift();
      if (!pending) return parentPort.postMessage(null);
      request();
      const rows = await pending;
      const out = { positions: [], streams: [], hashes: [] };
      for (const r of rows) {
        const text = leafText(r, chains.get(r[1]) ?? null);
        const hash = text === null ? null : digest(text);
        if (hash !== null) chains.set(r[1], hash);
        out.positions.push(r[0]);
        out.streams.push(r[1]);
        out.hashes.push(hash);
      }
      parentPort.postMessage(out);
    } catch (err) {
      parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
    }
  });
});
