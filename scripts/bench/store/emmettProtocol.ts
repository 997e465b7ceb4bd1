import type { Mode, WorkloadSize } from './workload.js';

/** Messages between the suite and Emmett's child process. */
export type Request =
  | { id: number; op: 'open'; connectionString: string; size: WorkloadSize }
  | { id: number; op: 'singles'; mode: Mode; count: number }
  | { id: number; op: 'batches'; count: number }
  | { id: number; op: 'close' };

export type Answer = { id: number; ok: true; value: number } | { id: number; ok: false; error: string };

/** Distributes `Omit<Request, 'id'>` over the union, so each op keeps its own fields. */
export type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;
