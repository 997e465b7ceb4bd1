import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/Database.js';
import { canonicalize } from '../ledger/jcs.js';

interface IdempotencyTables {
  idempotency_keys: {
    principal: string;
    key: string;
    route: string;
    request_hash: string;
    response_status: number;
    response_body: string;
  };
}

export interface StoredResponse {
  route: string;
  requestHash: string;
  status: number;
  body: unknown;
}

/** SHA-256 of the request's canonical JSON (RFC 8785), so key order and spacing do not matter. */
export function requestHash(request: { params: unknown; body: unknown }): string {
  return createHash('sha256').update(canonicalize(request)).digest('hex');
}

/**
 * The first successful answer per principal and Idempotency-Key (IETF draft
 * "The Idempotency-Key HTTP Header Field", §2: same key and payload → the stored response; same
 * key, other payload → 422). Errors are not stored: they wrote nothing, so retrying them is safe.
 */
export class IdempotencyStore {
  private readonly db: Kysely<IdempotencyTables>;
  /** Requests in flight per principal and key, so a twin sent while the first runs waits for its answer. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(database: Database) {
    this.db = database.db;
  }

  /**
   * Runs `fn` after any request with the same principal and key still running in this process, so
   * a client's retry during the first attempt replays its answer instead of deciding again. Twins
   * reaching two server processes at once are not serialised (the stored answer is per row).
   */
  async exclusive<T>(principal: string, key: string, fn: () => Promise<T>): Promise<T> {
    const id = JSON.stringify([principal, key]);
    const previous = this.inFlight.get(id) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(fn);
    this.inFlight.set(id, run);
    try {
      return await run;
    } finally {
      if (this.inFlight.get(id) === run) this.inFlight.delete(id);
    }
  }

  async find(principal: string, key: string): Promise<StoredResponse | null> {
    const row = await this.db
      .selectFrom('idempotency_keys')
      .select(['route', 'request_hash', 'response_status', 'response_body'])
      .where('principal', '=', principal)
      .where('key', '=', key)
      .executeTakeFirst();
    if (row === undefined) return null;
    return { route: row.route, requestHash: row.request_hash, status: row.response_status, body: JSON.parse(row.response_body) };
  }

  /** A concurrent twin that stored first wins; its answer is the one later retries get. */
  async save(principal: string, key: string, response: StoredResponse): Promise<void> {
    await this.db
      .insertInto('idempotency_keys')
      .values({
        principal,
        key,
        route: response.route,
        request_hash: response.requestHash,
        response_status: response.status,
        response_body: JSON.stringify(response.body),
      })
      .onConflict((conflict) => conflict.columns(['principal', 'key']).doNothing())
      .execute();
  }
}
