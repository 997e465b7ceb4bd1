import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { Contender } from './runner.js';
import type { BenchEvent } from './workload.js';

/**
 * Emmett's PostgreSQL event store on the same workload. Only ever loaded in the child process
 * (emmettChild.ts): Emmett replaces pg's global type parsers (int8 → BigInt, json), which would change
 * what pg returns to diaban and the raw ceiling in the parent.
 */
export async function emmettContender(connectionString: string): Promise<Contender> {
  const store = getPostgreSQLEventStore(connectionString);
  await store.schema.migrate();
  const toEmmett = (e: BenchEvent) => ({ type: e.type, data: e.data, metadata: e.metadata });
  return {
    async appendOne(target, event) {
      await store.appendToStream(target.streamId, [toEmmett(event)], { expectedStreamVersion: target.expectedVersion });
    },
    async appendBatch(streamId, events) {
      await store.appendToStream(streamId, events.map(toEmmett), { expectedStreamVersion: 0n });
    },
    close: () => store.close(),
  };
}
