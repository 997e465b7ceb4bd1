// The worker thread of `diaban verify` (src/ledger/postgres/eventHashes.ts), plain JavaScript so it
// starts without the TypeScript loader (through it, loading pg alone took 0.4 s). On its own
// connections (DateStyle ISO, as leafSpelling.js reads instants) it reads the events in the
// verifier's pages (the SQL is ledgerScan.ts's EVENTS_PAGE_SQL, passed in), splices each event's
// leaf text with leafSpelling.js as the main thread does (test/ledger/sealer.test.ts checks that
// every leaf of a sound log clears the hot path through this worker), hashes it, and chains each
// stream through the hashes it computed. Each 'next' message is answered with the next page in
// order: { count, keys, hashes }: keys holds each event's position and stream, each followed by
// NUL; hashes the base64 leaf hashes, 44 characters each (spaces where the text could not be spliced).
import { createHash, hash as oneShot } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { spliceLeafText } from './leafSpelling.js';

const { url, schema, appRole, size, pageSize, depth, originJson, sql, leafFormatVersion } = workerData;
const digest =
  typeof oneShot === 'function' ? (t) => oneShot('sha256', t, 'base64') : (t) => createHash('sha256').update(t, 'utf8').digest('base64');
const pool = new pg.Pool({ connectionString: url, max: depth, options: `-c search_path=${schema} -c role=${appRole} -c DateStyle=ISO`, application_name: 'diaban-verify' });
const pages = Number((size + BigInt(pageSize) - 1n) / BigInt(pageSize));

function fetchPage(k) {
  const lo = BigInt(k) * BigInt(pageSize);
  const hi = lo + BigInt(pageSize) < size ? lo + BigInt(pageSize) : size;
  const page = pool.query({ name: 'diaban_verify_events', text: sql, values: [lo.toString(), hi.toString()], rowMode: 'array' }).then((r) => r.rows);
  page.catch(() => undefined);
  return page;
}

// Columns: 0 position, 1 stream, 2 version, 3 event id, 4 type, 5 schema version, 6 data, 7 metadata, 8 occurred, 9 recorded.
const leafText = (r, prev) => spliceLeafText(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], prev, originJson, leafFormatVersion);

/** In place of the hash of an event whose leaf text could not be spliced: no base64 hash matches it. */
const NO_HASH = ' '.repeat(44);
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
      // One string for the keys and one for the hashes: cloning 3 × 1,000 strings a page between
      // threads took a third of what the hashing did. PostgreSQL text holds no NUL, so it separates fields.
      let keys = '';
      let hashes = '';
      for (const r of rows) {
        const text = leafText(r, chains.get(r[1]) ?? null);
        const hash = text === null ? NO_HASH : digest(text);
        if (text !== null) chains.set(r[1], hash);
        keys += `${r[0]}\u0000${r[1]}\u0000`;
        hashes += hash;
      }
      const out = { count: rows.length, keys, hashes };
      parentPort.postMessage(out);
    } catch (err) {
      parentPort.postMessage({ error: err instanceof Error ? err.message : String(err) });
    }
  });
});
