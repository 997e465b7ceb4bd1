import { decodeBase64 } from '../encoding.js';
import type { Hash } from '../hashes.js';

/** What a witness needs from the log (GET checkpoint, GET consistency proof, POST cosignatures). */
export interface WitnessLog {
  checkpoint(): Promise<string>;
  consistency(from: bigint, to: bigint): Promise<Hash[]>;
  postCosignature(note: string): Promise<void>;
}

export class LogHttpError extends Error {
  readonly code = 'WITNESS_LOG_UNREACHABLE';
  constructor(message: string) {
    super(message);
    this.name = 'LogHttpError';
  }
}

/** The diaban HTTP API as a WitnessLog, with a bearer token. */
export function httpWitnessLog(baseUrl: string, token: string): WitnessLog {
  const url = (path: string) => new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
  const headers = { authorization: `Bearer ${token}` };
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetch(url(path), { ...init, headers: { ...headers, ...(init.headers ?? {}) } });
    if (!res.ok) throw new LogHttpError(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  return {
    checkpoint: async () => (await call('v1/ledger/checkpoint')).text(),
    async consistency(from, to) {
      const body = (await (await call(`v1/ledger/proofs/consistency?from=${from}&to=${to}`)).json()) as { proof?: unknown };
      const proof = Array.isArray(body.proof) ? body.proof.map((p) => (typeof p === 'string' ? decodeBase64(p) : undefined)) : [];
      // A malformed proof is not an error of ours: it simply will not verify.
      return proof.filter((p): p is Uint8Array => p !== undefined);
    },
    async postCosignature(note) {
      await call('v1/ledger/cosignatures', { method: 'POST', body: note, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    },
  };
}
